"""Inputs found by a hostile sweep of the CLI: each gets its clear message and exit code,
never a traceback (click's runner keeps an uncaught exception in ``result.exception``)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsfacts import validate
from newsfacts.cli import main

from ..conftest import RELEASE
from ..helpers import mutate, reseal

DERIVED = "f-bcfbe062-01-007"


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _odd(parent: Path, name: bytes) -> Path:
    """A path whose last part is not UTF-8 (as Linux allows), as Python spells it."""
    return parent / os.fsdecode(name)


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ("9" * 400, "it is 400 characters long, over the limit of 200"),
        ("a+" * 3000 + "a", "it is 6001 characters long, over the limit of 200"),
        ("(" * 90 + "a" + ")" * 90, None),  # within what Python parses: reported, whatever it is
    ],
)
def test_a_hostile_formula_is_a_problem_of_the_fact(
    release_copy: Path, formula: str, reason: str | None
) -> None:
    mutate(release_copy, "facts", DERIVED, lambda r: r.update(formula=formula))
    problems = [p for p in validate(release_copy).problems if p.record_id == DERIVED]
    assert problems and all(p.field == "$.formula" or p.field == "$.value" for p in problems)
    if reason is not None:
        assert [p.type for p in problems] == ["value-error"]
        assert reason in problems[0].message
    assert _run("validate", str(release_copy)).exit_code == 1


def _parquet_only(tmp_path: Path) -> Path:
    out = tmp_path / "pq"
    assert _run("export", "--format", "parquet", "--out", str(out)).exit_code == 0
    return out


def test_a_parquet_string_that_is_not_utf8_is_refused_by_every_reader(tmp_path: Path) -> None:
    out = _parquet_only(tmp_path)
    path = out / "facts.parquet"
    table = pq.read_table(path)
    bad = pa.array([b"f-\xff"] * table.num_rows, pa.binary()).cast(pa.string(), safe=False)
    table = table.set_column(table.schema.get_field_index("id"), "id", bad)
    pq.write_table(table, path)
    reseal(out, parquet=False)
    report = validate(out)
    assert [(p.type, p.file) for p in report.problems][:1] == [("file-unreadable", "facts.parquet")]
    for args in (["stats", str(out)], ["show", "x", "--release", str(out)]):
        result = _run(*args)
        assert result.exit_code == 1
        assert f"{path}: cannot be read as Parquet: " in result.output
    assert _run("diff", "--unchecked", str(RELEASE), str(out)).exit_code == 1


def test_diff_of_a_parquet_column_of_dates_does_not_crash(tmp_path: Path) -> None:
    out = _parquet_only(tmp_path)
    path = out / "facts.parquet"
    table = pq.read_table(path)
    dates = pa.array([1] * table.num_rows, pa.timestamp("s"))
    table = table.set_column(1, table.schema.field(1).name, dates)
    pq.write_table(table, path)
    reseal(out, parquet=False)
    result = _run("diff", "--unchecked", str(out), str(RELEASE))
    assert result.exit_code in (0, 1)


def test_a_release_in_a_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    odd = _odd(tmp_path, b"rel\xff")
    shutil.copytree(RELEASE, odd)
    assert validate(odd).problems == []
    assert _run("validate", str(odd)).exit_code == 0
    assert _run("diff", str(RELEASE), str(odd)).exit_code == 0
    for fmt in ("parquet", "jsonl"):
        out = _odd(tmp_path, b"out-" + fmt.encode() + b"\xfe")
        result = _run("export", "--format", fmt, "--out", str(out), "--release", str(odd))
        assert result.exit_code == 0, result.output
        assert validate(out).problems == []
    synth = _odd(tmp_path, b"synth\xfe")
    assert _run("synth", "--articles", "2", "--out", str(synth)).exit_code == 0
    assert validate(synth).problems == []


def test_a_manifest_version_that_is_no_version_is_a_load_error(release_copy: Path) -> None:
    manifest = release_copy / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["version"] = "abc"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    out = release_copy.parent / "out"
    result = _run("export", "--format", "csv", "--out", str(out), "--release", str(release_copy))
    assert (result.exit_code, result.output) == (
        1,
        f"newsfacts: {manifest}: $.version 'abc' is not a version (MAJOR.MINOR.PATCH)\n",
    )
    assert not out.exists()


def test_a_listed_path_too_long_for_the_file_system_is_a_manifest_error(
    release_copy: Path,
) -> None:
    manifest = release_copy / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"][0]["path"] = "a" * 5000
    manifest.write_text(json.dumps(data), encoding="utf-8")
    problems = validate(release_copy).problems
    (long,) = [p for p in problems if p.field == "$.files[0].path"]
    assert long.type == "manifest-error"
    assert long.message == "a" * 77 + "... is listed but cannot be checked: File name too long"
    assert _run("validate", str(release_copy)).exit_code == 1


def test_an_export_into_the_release_it_reads_is_refused(release_copy: Path) -> None:
    before = sorted(p.name for p in release_copy.iterdir())
    out = release_copy / "sub"
    result = _run("export", "--format", "jsonl", "--out", str(out), "--release", str(release_copy))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"newsfacts: {out} is inside the release being exported: the release would then hold "
        "a file its manifest does not list; nothing was written. Choose a folder outside it."
    )
    assert sorted(p.name for p in release_copy.iterdir()) == before
