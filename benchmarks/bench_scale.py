"""Validate a synthetic release at archive scale and compare, side by side in one run, with
what just reading it costs and with general-purpose validators: DuckDB reading both formats
(the columns its checks need) and checking ids, fact -> article references and evidence spans
in SQL, jsonschema-rs (in Rust) checking every
JSONL record against the published schemas, and jsonschema and frictionless. Figures are
printed, never asserted.

    python benchmarks/bench_scale.py --articles 100000 --seed 1

Each measurement runs in a fresh process, so its peak memory (the high-water mark of its
resident memory, VmHWM: max RSS would count the parent's too) is its own; imports
are done before its clock starts. jsonschema and frictionless are timed on a sample of records
(they take minutes on the full release) and their rate is compared; the table says so. The
sample takes the first records of every table in proportion to the table's rows, so it has the
release's mix of heavy records (a page's text) and light ones (a fact): a tool's records per
second depend on that mix.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TABLES = ("sources", "articles", "facts", "entities")

#: pyarrow reading both formats of every table, checking nothing but that they hold as many rows
BARE = """
RECORDS = 0
for t in TABLES:
    n = pj.read_json(ROOT / f"{t}.jsonl", read_options=pj.ReadOptions(block_size=1 << 24)).num_rows
    assert pq.ParquetFile(ROOT / f"{t}.parquet").read().num_rows == n
    RECORDS += n
"""

#: Each tool as (set-up, timed work): imports are done before the clock starts, so a tool's
#: rate is its work alone, whatever the sample size.
TASKS = {
    "newsfacts validate": (
        # what validate imports lazily
        "import newsfacts, newsfacts.validation.checks, newsfacts.validation.fast.scan",
        """
report = newsfacts.validate(ROOT)
assert report.valid, report.to_text(5)
RECORDS = report.records
""",
    ),
    "pyarrow read (JSONL + Parquet)": ("import pyarrow.json as pj, pyarrow.parquet as pq", BARE),
    # what the bare read leaves out of what any validator of a release must do: the manifest's
    # sha256 of every file (a floor under validate, with no check of a record)
    "pyarrow read + sha256 of every file": (
        "import pyarrow.json as pj, pyarrow.parquet as pq\n"
        "from newsfacts.release.manifest import size_and_sha256",
        BARE
        + """
for path in sorted(ROOT.iterdir()):
    if path.is_file():
        size_and_sha256(path)
""",
    ),
    "DuckDB basic checks (JSONL + Parquet)": (
        "import duckdb",
        """
# each format read into tables of the columns the checks need (DuckDB reads no other column
# of the Parquet, and converts no other field of the JSON), then: every id used once, every
# fact's article there, every fact's evidence the text it points at
COLUMNS = {"sources": "id", "articles": "id, text", "facts": "id, article_id, evidence",
           "entities": "id"}
con = duckdb.connect()
def read(t, fmt):
    path = str(ROOT / f"{t}.{fmt}")
    return (f"read_json('{path}', format='newline_delimited', maximum_object_size=1073741824)"
            if fmt == "jsonl" else f"read_parquet('{path}')")
RECORDS = 0
for fmt in ("jsonl", "parquet"):
    for t in TABLES:
        con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT {COLUMNS[t]} FROM {read(t, fmt)}")
    for t in TABLES:
        n, distinct = con.execute(f"SELECT count(*), count(DISTINCT id) FROM {t}").fetchone()
        assert n == distinct, (t, fmt)
        if fmt == "jsonl":
            RECORDS += n
    assert con.execute(
        "SELECT count(*) FROM facts f ANTI JOIN articles a ON f.article_id = a.id"
    ).fetchone()[0] == 0
    assert con.execute(
        "SELECT count(*) FROM facts f JOIN articles a ON f.article_id = a.id WHERE "
        "substring(a.text, f.evidence.start + 1, f.evidence.end - f.evidence.start) "
        "<> f.evidence.exact"
    ).fetchone()[0] == 0
""",
    ),
    "jsonschema-rs (our schemas, JSONL)": (
        """
import jsonschema_rs
from newsfacts.release.schemas import TABLE_SCHEMAS, json_schema
validators = {t: jsonschema_rs.validator_for(json_schema(TABLE_SCHEMAS[t])) for t in TABLES}
""",
        """
RECORDS = 0
for t in TABLES:
    valid = validators[t].is_valid
    with (ROOT / f"{t}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            assert valid(json.loads(line))
            RECORDS += 1
""",
    ),
    "jsonschema (Draft 2020-12, sample)": (
        """
from jsonschema import Draft202012Validator
from newsfacts.release.schemas import TABLE_SCHEMAS, json_schema
validators = {t: Draft202012Validator(json_schema(TABLE_SCHEMAS[t])) for t in TABLES}
""",
        """
RECORDS = 0
for t in TABLES:
    with (ROOT / f"{t}.jsonl").open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i == SAMPLE[t]:
                break
            assert not list(validators[t].iter_errors(json.loads(line)))
            RECORDS += 1
""",
    ),
    "frictionless (CSV export, sample)": (
        """
import csv
from frictionless import Resource
csv.field_size_limit(1 << 30)
""",
        """
RECORDS = 0
for t in TABLES:
    report = Resource(path=f"{t}.csv", basepath=str(ROOT.parent / "csv")).validate()
    assert report.valid, report.flatten(["type", "message"])[:3]
    RECORDS += report.tasks[0].stats["rows"]
""",
    ),
}

RUNNER = """
import json, resource, sys, tempfile, time
from pathlib import Path
ROOT = Path(sys.argv[1]); SAMPLE = json.loads(sys.argv[2]); TABLES = {tables!r}
{setup}
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
# the process's own high-water mark: ru_maxrss also counts the parent's, which a child
# created by fork or vfork inherits across exec
try:
    peak = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1])
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "records": RECORDS, "peak_mb": peak / 1024}}))
"""


def measure(name: str, root: Path, sample: dict[str, int]) -> dict[str, float]:
    setup, body = TASKS[name]
    code = RUNNER.format(tables=TABLES, setup=setup.strip(), body=body)
    done = subprocess.run(
        [sys.executable, "-c", code, str(root), json.dumps(sample)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def versions() -> dict[str, str]:
    """The version of every tool measured (and of what newsfacts validates with)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for name in (
        "newsfacts",
        "pyarrow",
        "pydantic",
        "numpy",
        "duckdb",
        "jsonschema-rs",
        "jsonschema",
        "frictionless",
    ):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def sample_sizes(rows: dict[str, int], total: int) -> dict[str, int]:
    """How many records of each table the slow tools are timed on: about ``total`` in all,
    shared in proportion to the tables' rows (at least one of each)."""
    every = sum(rows.values())
    return {t: min(n, max(1, round(total * n / every))) for t, n in rows.items()}


def export_sample(root: Path, out: Path, sample: dict[str, int]) -> None:
    """The CSV export (as ``newsfacts export --format csv`` writes it) of the first records of
    each table, as many as ``sample`` says: all frictionless is timed on, without exporting
    the rest."""
    from newsfacts.models import MODELS
    from newsfacts.release.formats import write_csv

    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with (root / f"{table}.jsonl").open(encoding="utf-8") as handle:
            records = [
                MODELS[table].model_validate_json(line)
                for _, line in zip(range(sample[table]), handle)
            ]
        write_csv(records, MODELS[table], out / f"{table}.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="Keep the release here.")
    parser.add_argument(
        "--sample",
        type=int,
        default=20_000,
        help="Records for the slow tools, from every table in proportion to its rows.",
    )
    parser.add_argument("--skip", action="append", default=[], help="A tool to leave out.")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Rounds of every tool, taken in turn (a shared machine's load then falls on all "
        "alike); each tool's fastest round is compared.",
    )
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    root = work / "release"
    started = time.perf_counter()
    if not (root / "manifest.json").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsfacts",
                "synth",
                "--articles",
                str(args.articles),
                "--seed",
                str(args.seed),
                "--out",
                str(root),
            ],
            check=True,
            capture_output=True,
        )
    synth_seconds = time.perf_counter() - started
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    rows = {f["table"]: f["rows"] for f in manifest["files"] if f["format"] == "jsonl"}
    total = sum(rows.values())
    sample = sample_sizes(rows, args.sample)
    if "frictionless" not in " ".join(args.skip):
        export_sample(root, work / "csv", sample)
    size = sum(f["bytes"] for f in manifest["files"])
    print(
        f"release: {args.articles} articles, seed {args.seed}: "
        + ", ".join(f"{n} {t}" for t, n in rows.items())
        + f" ({total} records, {size / 2**20:.0f} MiB), synthesised in {synth_seconds:.1f} s"
    )
    print("sample for the slow tools: " + ", ".join(f"{n} {t}" for t, n in sample.items()))
    print("versions: " + ", ".join(f"{name} {version}" for name, version in versions().items()))
    print()
    names = [name for name in TASKS if not any(skip in name for skip in args.skip)]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(args.repeat):
        for name in names:
            runs[name].append(measure(name, root, sample))
    print("| tool | records | seconds | records/s | peak MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rates = {}
    for name in names:
        seconds = sorted(run["seconds"] for run in runs[name])
        records = runs[name][0]["records"]
        rates[name] = records / seconds[0]
        median = f" (median {statistics.median(seconds):.2f})" if len(seconds) > 1 else ""
        peak = max(run["peak_mb"] for run in runs[name])
        print(
            f"| {name} | {int(records)} | {seconds[0]:.2f}{median} | {rates[name]:,.0f} | "
            f"{peak:.0f} |"
        )
    if args.repeat > 1:
        print()
        print(
            f"seconds: the fastest of {args.repeat} rounds (what the others add is the machine's "
            "other load, as timeit's documentation puts it), with the median; peak: the highest"
        )
    # pyarrow's bare read bounds what any validator of both formats can reach against the others
    for base in ("newsfacts validate", "pyarrow read (JSONL + Parquet)"):
        if base not in rates:
            continue
        print()
        for name, rate in rates.items():
            if name != base and not (base.startswith("pyarrow") and name.startswith("newsfacts")):
                print(
                    f"{base} / {name}: {rates[base] / rate:.2f}x the records per second"
                    + _per_round(runs[base], runs[name])
                )


def _per_round(ours: list[dict[str, float]], theirs: list[dict[str, float]]) -> str:
    """The same ratio round by round: two tools timed one after the other in a round meet
    about the same load of the machine, so these ratios vary less than the rates do."""
    if len(ours) < 2:
        return ""
    ratios = sorted(
        (a["records"] / a["seconds"]) / (b["records"] / b["seconds"]) for a, b in zip(ours, theirs)
    )
    return (
        f" (round by round: median {statistics.median(ratios):.2f}x, "
        f"{ratios[0]:.2f}x to {ratios[-1]:.2f}x)"
    )


if __name__ == "__main__":
    main()
