"""validate on the fixture tree: the valid release is clean, and each invalid case reports
exactly the problems its expected.json lists (type, file, line, record id, field)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsfacts import validate

from ..helpers import assert_same_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID = FIXTURES / "valid"
CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir())


def test_the_valid_fixture_is_valid() -> None:
    report = validate(VALID)
    assert report.problems == []
    assert report.records > 0


@pytest.mark.parametrize("release", ["fixture", "packaged"])
def test_the_fast_path_reads_a_clean_release_and_flags_nothing(release: str) -> None:
    # the packaged release has what the synthetic one lacks: flags without a span, context
    # that starts with a colon (":厅堂..."), which a key count must not take for keys
    from newsfacts.release.resources import release_dir
    from newsfacts.validation.fast.scan import scan

    found = scan(VALID if release == "fixture" else release_dir())
    assert found is not None
    assert all(rows == set() for rows in found.flagged.values())


def test_every_problem_type_of_a_record_has_a_case() -> None:
    covered = set()
    for case in CASES:
        expected = json.loads((FIXTURES / "invalid" / case / "expected.json").read_text())
        covered.update(p[0] for p in expected["problems"])
    from newsfacts.validation.report import ERROR_TYPES

    # directory-level types are tested with temporary paths in test_validate.py
    untested = (
        set(ERROR_TYPES)
        - covered
        - {
            "path-missing",
            "not-a-release",
            "file-unreadable",
            "schema-rejected",
            # an archive's types: tests/acceptance/test_engines.py plants them in partitions
            "partition-mismatch",
            "copy-mismatch",
        }
    )
    assert untested == set()


def _assemble(case: str, tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    """The valid release with the case's files laid over it; and what the case expects."""
    folder = FIXTURES / "invalid" / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    release = tmp_path / "release"
    shutil.copytree(VALID, release)
    for path in folder.iterdir():
        if path.name != "expected.json":
            shutil.copy(path, release / path.name)
    for name in expected["removed"]:
        (release / name).unlink()
    return release, expected


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case: str, tmp_path: Path) -> None:
    release, expected = _assemble(case, tmp_path)
    found = [[p.type, p.file, p.line, p.record_id, p.field] for p in validate(release).problems]
    assert sorted(found, key=str) == sorted(expected["problems"], key=str)


@pytest.mark.parametrize("case", CASES)
def test_fast_and_row_paths_report_the_same(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate reads a clean-parsing release with whole-column checks and explains flagged
    records row by row; with the fast path switched off, every record goes row by row. Both
    must find exactly the same problems."""
    import newsfacts.validation.fast.scan

    release, _ = _assemble(case, tmp_path)
    fast = sorted(map(str, validate(release).problems))
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    slow = sorted(map(str, validate(release).problems))
    assert fast == slow


#: The cases the fast path hands to the row path whole: a file Arrow cannot read as clean
#: JSON lines, a missing key or one given twice, or an id used twice. Every other case is
#: read by the fast path and only its flagged records are explained (so the comparison above
#: tests both paths).
ROW_PATH_CASES = {
    "broken-json",
    "byte-order-mark",
    "crlf-line-ending",
    "duplicate-id",
    "duplicate-key",  # the keys in the bytes outnumber the fields Arrow read
    "empty-file",
    "invalid-utf8",
    "lone-surrogate",  # Arrow's JSON reader refuses the escape of a lone surrogate
    "missing-field",
    "not-an-object",
    "truncated-last-line",
    "unknown-field",
    "wrong-type",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_fast_path_reads_every_case_that_parses(case: str, tmp_path: Path) -> None:
    from newsfacts.validation.fast.scan import scan

    release, expected = _assemble(case, tmp_path)
    found = scan(release)
    assert (found is None) == (case in ROW_PATH_CASES)
    if found is not None:  # the record of each problem is among the flagged or refused ones
        flagged = {
            (f"{table}.jsonl", row + 1) for table, rows in found.flagged.items() for row in rows
        }
        lines = {(p[1], p[2]) for p in expected["problems"] if p[2] is not None}
        jsonl_lines = {(f, line) for f, line in lines if f.endswith(".jsonl")}
        assert jsonl_lines <= flagged


def test_the_fixtures_are_what_the_script_makes(tmp_path: Path) -> None:
    import importlib.util

    script = FIXTURES.parent.parent / "scripts" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for folder in ("valid", "invalid"):
        assert_same_files(tmp_path / folder, FIXTURES / folder, "run scripts/make_fixtures.py")


def _parquet_only(release: Path) -> bool:
    """The release as a partition of an archive holds it: its JSONL records written to Parquet
    (where Arrow can hold them; else its Parquet copies are kept) and the JSONL removed.
    Whether the records were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsfacts.models import MODELS
    from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema

    written: dict[str, bytes] = {}
    try:
        for table, model in MODELS.items():
            lines = (release / f"{table}.jsonl").read_bytes().splitlines()
            data = pa.Table.from_pylist(
                [json.loads(line) for line in lines], schema=arrow_schema(model)
            )
            sink = pa.BufferOutputStream()
            pq.write_table(data, sink, **PARQUET_OPTIONS)
            written[table] = sink.getvalue().to_pybytes()
    except (ValueError, TypeError, pa.ArrowException):  # no record: the Parquet copies stand
        written = {}
    for table, data in written.items():
        (release / f"{table}.parquet").write_bytes(data)
    for path in release.glob("*.jsonl"):
        path.unlink()
    return bool(written)


@pytest.mark.parametrize("case", CASES)
def test_a_release_in_parquet_alone_is_reported_the_same_on_both_paths(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each case's records as a Parquet-only release (as a partition of an archive is): the
    column path reads it a row group at a time, and must report what the row path reports."""
    import newsfacts.validation.fast.scan
    from newsfacts.validation.fast.scan import scan

    release, _ = _assemble(case, tmp_path)
    written = _parquet_only(release)
    found = scan(release, parquet_only=True)
    assert (found is None) == (case == "duplicate-id")  # ids used twice: the row path says where
    assert written or case in ROW_PATH_CASES  # each case Arrow holds is planted in Parquet
    fast = sorted(map(str, validate(release).problems))
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    assert fast == sorted(map(str, validate(release).problems))
