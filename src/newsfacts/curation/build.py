"""Build a release from raw sources and curated files.

Curated files hold quotes, never offsets (see ``docs/curation.md``). The build resolves every
quote, applies the edits, derives what can be derived (markup edits, sections, spans' context)
and validates each record against its model, then runs every check of ``validate`` on the
release it wrote. Every problem is collected and reported with the curated file and key it
comes from; nothing is written unless the whole build succeeds.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts._version import __version__
from newsfacts.curation.curated import CuratedArticle
from newsfacts.models import Article, Fact, Tables
from newsfacts.release.writer import write_release

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass

from newsfacts.curation.articles import build_article, build_source, load_toml
from newsfacts.curation.entities import build_entities
from newsfacts.curation.problems import BuildError, Problems, release_problems

__all__ = ["BuildError", "CuratedTables", "build", "build_tables"]

#: The curated key a derived id comes from: an article's from its number, a source's from the
#: raw file's hash.
_ID_KEYS = {"a": "$.number", "s": "$.file"}


@dataclass
class CuratedTables(Tables):
    """The records built from curated files, with where each was curated."""

    #: Where each record is curated: the file and the JSON path of the record in it.
    origins: dict[str, tuple[Path, str]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, problems: Problems, table: list[Any], record: Any, path: Path, at: str) -> None:
        """Add a record curated at ``path`` and ``at``; a second record of its id is a problem."""
        if record.id in self.origins:
            first, first_at = self.origins[record.id]
            key = _ID_KEYS.get(record.id[:1], f"{at}.id")
            first_place = f"{problems.name(first)} {first_at}"
            problems.add(path, key, f"id {record.id} is used twice (first at {first_place})")
            return
        self.origins[record.id] = (path, at)
        table.append(record)


def build_tables(dataset_dir: Path, *, drafts: bool = False) -> CuratedTables:
    """Read ``sources/`` and ``curated/`` under ``dataset_dir`` and return the checked records
    (refusing draft records unless ``drafts``)."""
    curated = dataset_dir / "curated"
    problems = Problems(dataset_dir)
    tables = CuratedTables()
    texts: dict[str, str] = {}
    failed: set[str] = set()
    if not curated.is_dir():
        raise BuildError([f"{curated}: no curated folder"])
    for folder in sorted(p for p in curated.glob("s-*") if p.is_dir()):
        source, raw = build_source(folder, dataset_dir / "sources", problems)
        for path in sorted(folder.glob("a*.toml")):
            # the id an article file stands for, even if the file or its source does not build
            article_id = f"a-{folder.name[2:]}-{path.stem[1:]}"
            cur = load_toml(path, problems) if source is not None else {}
            article: Article | None = None
            facts: list[tuple[str, Fact]] = []
            if cur and source is not None and problems.shape(path, CuratedArticle, cur):
                article, facts = build_article(path, cur, source.id, raw, problems)
            if article is None:
                failed.add(article_id)
                continue
            expected = f"a{int(cur.get('number', 0)):02d}.toml"
            if path.name != expected:
                problems.add(path, "$.number", f"the file of article {article.id} is {expected}")
            tables.add(problems, tables.articles, article, path, "$")
            texts[article.id] = article.text
            for at, fact in facts:
                tables.add(problems, tables.facts, fact, path, at)
        if source is not None:
            tables.add(problems, tables.sources, source, folder / "source.toml", "$")
    for path in sorted((curated / "entities").glob("*.toml")):
        for at, entity in build_entities(path, problems, texts, failed):
            tables.add(problems, tables.entities, entity, path, at)
    if not drafts:
        _refuse_drafts(tables, problems)
    for records in tables.as_dict().values():
        records.sort(key=_id_key)
    for name, records in tables.as_dict().items():
        if not records and not problems.items:
            problems.add(curated, None, f"no {name}; a release holds at least one of each table")
    if problems.items:
        raise BuildError(problems.items)
    return tables


def _refuse_drafts(tables: CuratedTables, problems: Problems) -> None:
    """Name every draft record: nothing unreviewed is published by a plain build."""
    for name in ("articles", "facts", "entities"):
        for record in getattr(tables, name):
            if record.review == "draft":
                path, at = tables.origins[record.id]
                problems.add(
                    path,
                    f"{at}.status",
                    f"{record.id} is a draft nobody has reviewed: read it against the page and "
                    'set status = "accepted" (or correct or delete it), or build with --drafts',
                )


def _id_key(record: Any) -> str:
    return str(record.id)


def build(
    dataset_dir: Path,
    out: Path | None = None,
    *,
    version: str = __version__,
    drafts: bool = False,
) -> Path:
    """Build the release of ``dataset_dir`` into ``out`` (default ``dataset_dir/release``).

    The release is written into a temporary folder and validated there, with every check of
    ``newsfacts validate``; only a valid release replaces ``out``. Draft records (``status =
    "draft"``: proposals nobody has reviewed) are refused, each named, unless ``drafts``.
    """
    from newsfacts.validation.checks import validate

    tables = build_tables(dataset_dir, drafts=drafts)
    target = out if out is not None else dataset_dir / "release"

    def check(folder: Path) -> None:
        report = validate(folder)
        if not report.valid:
            raise BuildError(release_problems(report, tables.origins, dataset_dir))

    write_release(tables.as_dict(), target, version=version, check=check)
    return target
