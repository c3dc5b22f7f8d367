"""The ``newsfacts`` command. It parses options and calls the library; nothing more."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from newsfacts._version import __version__

__all__ = [
    "EXIT_CODES",
    "FORMATS",
    "READS_ONLY",
    "WRITES",
    "build",
    "diff",
    "export",
    "main",
    "review",
    "schema",
    "show",
    "stats",
    "synth",
    "validate",
]

FORMATS = click.Choice(["text", "json"])

#: What every command's exit status means.
EXIT_CODES = {
    0: "success: the command did what it says (validate: the release has no problem)",
    1: "invalid data or input that cannot be read: a release with problems, a path that does "
    "not exist, a curated file that does not build, a record id that is not there",
    2: "usage error: an unknown option or value, or an output folder that may not be replaced "
    "(it holds files newsfacts did not write there)",
}
#: What a command may do to files, shown at the end of its help.
READS_ONLY = "Writes nothing."
WRITES = (
    "Writes atomically: OUT appears complete or not at all, also when interrupted. Replaces "
    "OUT only when it is missing, empty, or holds nothing but newsfacts' own output (files its "
    "manifest lists, with their sizes and hashes); otherwise exits 2 and deletes nothing."
)


def _echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text; a lone surrogate (no character, so no encoding takes it) is printed as its
    escape ``\\ud800``, which in JSON output is the very escape that JSON reads back."""
    click.echo(text.encode("utf-8", "backslashreplace").decode("utf-8"), err=err, nl=nl)


def _emit_json(data: Any) -> None:
    _echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _progress() -> Callable[[str], None] | None:
    """A one-line progress display on a terminal; nothing when stderr is not one."""
    if not sys.stderr.isatty():
        return None

    def show(step: str) -> None:
        _echo(f"\r\x1b[Knewsfacts: {step} ...", err=True, nl=False)

    return show


def _progress_done() -> None:
    if sys.stderr.isatty():
        _echo("\r\x1b[K", err=True, nl=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _fail(message: str, code: int = 1) -> NoReturn:
    _echo(f"newsfacts: {message}", err=True)
    sys.exit(code)


def _release(path: str | None) -> Path:
    from newsfacts.release.resources import release_dir

    if path is not None:
        return Path(path)
    try:
        return release_dir()
    except FileNotFoundError as exc:
        _fail(str(exc))


def _load(path: str | None) -> Any:
    """The release at ``path`` (default: the packaged one); which one it is goes to stderr,
    so that nobody reads the installed copy believing it is the one just built."""
    from newsfacts.release.loader import LoadError, load

    try:
        ds = load(_release(path))
    except LoadError as exc:
        _fail(str(exc))
    copy = "" if ds.format == "jsonl" else f", from its {ds.format} copy"
    version = ds.version or "(none: no manifest)"
    _echo(f"newsfacts: read {ds.path}, version {version}{copy}", err=True)
    return ds


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit status: "
    + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
    + ".",
)
@click.version_option(__version__, prog_name="newsfacts")
def main() -> None:
    """newsfacts: Chinese newspaper articles and the facts they state, traceable to the page."""


#: The folder of sources and curated files, for the commands that read or write them.
_DATASET = click.option(
    "--dataset",
    "dataset_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dataset"),
    show_default=True,
    help="Folder holding sources/ and curated/.",
)


@main.command(epilog=WRITES + " The release is validated before it replaces OUT.")
@_DATASET
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Release folder to write (default: DATASET/release).",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="Include draft records (proposals nobody has reviewed); without it they are refused.",
)
def build(dataset_dir: Path, out: Path | None, drafts: bool) -> None:
    """Build the release from raw sources and curated files."""
    from newsfacts.curation.build import BuildError
    from newsfacts.curation.build import build as run_build
    from newsfacts.release.atomic import TargetError

    try:
        target = run_build(dataset_dir, out, drafts=drafts)
    except BuildError as exc:
        for problem in exc.problems:
            _echo(problem, err=True)
        _fail(f"build failed: {_count(len(exc.problems), 'problem')}; nothing was written")
    except TargetError as exc:
        _fail(str(exc), 2)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or out}: {exc.strerror or exc}")
    else:
        from newsfacts.models import TABLES
        from newsfacts.release.manifest import MANIFEST
        from newsfacts.release.reading import read_json

        manifest = read_json(target / MANIFEST, target)
        rows = {f["table"]: f["rows"] for f in manifest["files"] if f["format"] == "jsonl"}
        counts = ", ".join(f"{rows[table]} {table}" for table in TABLES)
        _echo(f"built {target}: version {manifest['version']}, {counts}; it validates")


@main.command(
    epilog="Writes atomically, new files only: never replaces a file (a page drafted again gets "
    "only the articles that have no file yet)."
)
@click.argument("page", type=click.Path(dir_okay=False, path_type=Path))
@_DATASET
@click.option("--date", default=None, help="The page's date, YYYY-MM-DD (else read from the page).")
@click.option("--publisher", default=None, help="The paper (else read from the page).")
@click.option("--title", default=None, help="A title for the source (else its first headline).")
def draft(
    page: Path, dataset_dir: Path, date: str | None, publisher: str | None, title: str | None
) -> None:
    """Propose the curated files of a new PAGE, every record a draft to review."""
    from newsfacts.curation.draft import DraftError, draft_page, is_iso_day

    if not page.exists():
        _fail(f"{page} does not exist")
    if date is not None and not is_iso_day(date):
        _fail(f"--date {date!r} is not a date (YYYY-MM-DD)", 2)
    try:
        done = draft_page(page, dataset_dir, date=date, publisher=publisher, title=title)
    except DraftError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {exc.filename or dataset_dir}: {exc.strerror or exc}")
    for path in done.written:
        _echo(f"wrote {path}")
    for path in done.kept:
        _echo(f"kept {path} (it exists: nothing in it was changed)")
    _echo(
        f"drafted {done.folder}: {done.articles} articles, {done.facts} facts, "
        f"{done.entities} entities, every one a draft; "
        f"review them, then 'newsfacts build --dataset {dataset_dir}'"
    )


@main.command(epilog=READS_ONLY)
@click.argument("directory", required=False)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="How many problems the text report lists (all are counted).",
)
@click.option(
    "--schemas",
    is_flag=True,
    help="Also check every record against the published JSON Schemas (slower; the models "
    "already enforce what they state).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask", "spark"]),
    default=None,
    help="Validate an archive on this engine: local (one machine, the default for an archive), "
    "dask (newsfacts[dask]) or spark (newsfacts[spark], with Java): the partitions mapped over "
    "a cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); without "
    "it, a local cluster of two worker processes is started and closed.",
)
@click.option(
    "--master",
    default=None,
    metavar="URL",
    help="With --engine spark: the master of a running cluster (spark://host:7077); without "
    "it, a local cluster of two executor processes is started and stopped.",
)
def validate(directory: str | None, fmt: str, max_errors: int, **options: Any) -> None:
    """Check a release or archive DIRECTORY (default: the packaged release); exit 1 if it has
    problems."""
    from newsfacts.engines.errors import EngineError, UsageError
    from newsfacts.engines.local import validate_path

    root = _release(directory)
    try:  # options: schemas, engine, scheduler, master
        report = validate_path(root, progress=_progress(), **options)
    except UsageError as exc:
        _fail(str(exc), 2)
    except EngineError as exc:
        _fail(str(exc))
    _progress_done()
    if fmt == "json":
        _emit_json(report.to_dict())
    else:
        _echo(report.to_text(max_errors))
    sys.exit(0 if report.valid else 1)


_ARCHIVE = click.option(
    "--archive",
    is_flag=True,
    help="Write a Hive-partitioned Parquet archive: OUT/publisher=<p>/year=<yyyy>/ (see "
    "docs/archive.md).",
)


@main.command(epilog=WRITES + " OUT may not be the release read.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet", "csv"]), default=None)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--release", "release", default=None, help="Release to export (default: packaged).")
@_ARCHIVE
def export(fmt: str | None, out: Path, release: str | None, archive: bool) -> None:
    """Write every table as jsonl, parquet or csv to OUT (atomically: all or nothing)."""
    from newsfacts.models import TABLES
    from newsfacts.release.archive import export_archive
    from newsfacts.release.atomic import TargetError
    from newsfacts.release.writer import export as run_export

    if archive == (fmt is not None):
        _fail("give either --format or --archive", 2)
    ds = _load(release)
    tables = {name: getattr(ds, name) for name in TABLES}
    try:
        if archive:
            paths = export_archive(tables, out, version=ds.version or __version__, source=ds.path)
        else:
            assert fmt is not None
            paths = run_export(tables, out, fmt, version=ds.version or __version__, source=ds.path)
    except TargetError as exc:
        _fail(str(exc), 2)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    except ValueError as exc:
        _fail(f"cannot split the release into partitions: {exc}")
    else:
        for path in paths:
            _echo(f"wrote {path}")


@main.command(epilog=READS_ONLY)
@click.argument("directory", required=False)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def stats(directory: str | None, fmt: str) -> None:
    """Counts of a release: records per table, articles by genre, facts by kind ..."""
    from newsfacts.release.stats import render, summarise

    summary = summarise(_load(directory))
    if fmt == "json":
        _emit_json(summary)
    else:
        _echo(render(summary))


@main.command(epilog=READS_ONLY)
@click.argument("record_id")
@click.option("--release", "release", default=None, help="Release to read (default: packaged).")
def show(record_id: str, release: str | None) -> None:
    """Print the record RECORD_ID (a source, article, fact or entity id) as JSON."""
    record = _load(release).get(record_id)
    if record is None:
        _fail(f"no record has the id {record_id!r}")
    _emit_json(record.model_dump(mode="json"))


@main.command(epilog=WRITES)
@click.option("--articles", type=click.IntRange(min=1), required=True, help="How many articles.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same release.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option(
    "--per-page", type=click.IntRange(1, 99), default=10, show_default=True, help="Articles a page."
)
@_ARCHIVE
def synth(articles: int, seed: int, out: Path, per_page: int, archive: bool) -> None:
    """Write a valid synthetic release of ARTICLES articles (for tests and benchmarks)."""
    from newsfacts.release.atomic import TargetError
    from newsfacts.synth import write_synth, write_synth_archive

    try:
        if archive:
            done = write_synth_archive(articles, seed, out, per_page=per_page)
            totals = {t: sum(p.rows[t] for p in done.partitions) for t in done.partitions[0].rows}
            parts = _count(len(done.partitions), "partition")
            _echo(f"wrote {out}: {parts}, " + ", ".join(f"{n} {t}" for t, n in totals.items()))
            return
        manifest = write_synth(articles, seed, out, per_page=per_page)
    except TargetError as exc:
        _fail(str(exc), 2)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or out}: {exc.strerror or exc}")
    rows = {f.table: f.rows for f in manifest.files}
    _echo(f"wrote {out}: " + ", ".join(f"{n} {t}" for t, n in rows.items()))


@main.command(epilog=READS_ONLY)
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option(
    "--unchecked",
    is_flag=True,
    help="Compare even releases that do not validate (e.g. one of an older schema); "
    "by default such a release is refused.",
)
def diff(old: str, new: str, fmt: str, unchecked: bool) -> None:
    """Records added, removed and changed by id from release OLD to NEW, and the version bump."""
    from newsfacts.diff import DiffError, diff_releases

    try:
        result = diff_releases(old, new, check=not unchecked)
    except DiffError as exc:
        _fail(str(exc))
    if fmt == "json":
        _emit_json(result.to_dict())
    else:
        _echo(result.to_text())


@main.command(
    epilog="Writes atomically: SITE appears complete or not at all. Replaces SITE only when it "
    "is missing, empty, or a site newsfacts wrote (every file listed in its "
    "newsfacts-site.json, unchanged); otherwise exits 2 and deletes nothing."
)
@click.argument("release", required=False)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the site to (open its index.html in a browser).",
)
def review(release: str | None, out: Path) -> None:
    """Write a static review site of RELEASE (default: the packaged release) to OUT: every
    article with its facts highlighted on its text, the facts table, the entities."""
    from newsfacts.engines.local import validate_path
    from newsfacts.release.atomic import TargetError
    from newsfacts.release.loader import LoadError
    from newsfacts.site.render import build_site

    try:
        site = build_site(_release(release), out, progress=_progress(), check=validate_path)
    except LoadError as exc:
        _progress_done()
        _fail(str(exc))
    except TargetError as exc:
        _progress_done()
        _fail(str(exc), 2)
    except OSError as exc:
        _progress_done()
        _fail(f"cannot write {exc.filename or out}: {exc.strerror or exc}")
    _progress_done()
    found = "no problem" if not site.problems else _count(site.problems, "problem")
    _echo(
        f"wrote {site.path}: {site.pages} pages for {site.release}, version "
        f"{site.version or '(none)'} ({site.articles} articles, {site.facts} facts, "
        f"{site.entities} entities; validate finds {found}); open {site.path / 'index.html'}"
    )


@main.command(epilog=READS_ONLY)
@click.argument("name", type=click.Choice(["source", "article", "fact", "entity", "manifest"]))
def schema(name: str) -> None:
    """Print the JSON Schema of a record type."""
    from newsfacts.release.resources import schema_dir

    try:
        path = schema_dir() / f"{name}.schema.json"
        _echo(path.read_text(encoding="utf-8"), nl=False)
    except FileNotFoundError as exc:
        _fail(str(exc))
