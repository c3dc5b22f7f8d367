"""Strings no encoding can take: a lone surrogate (``"\\ud800"`` in JSON) in a record is a
problem of that record, and every command prints it escaped instead of crashing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts import validate
from newsfacts.cli import main

from ..helpers import line_of, write_raw

FACT = "f-bcfbe062-01-003"


def _plant(release: Path, table: str, record_id: str, old: bytes, new: bytes) -> int:
    """Replace ``old`` by ``new`` in one JSONL record's bytes; return its line."""
    number = line_of(release, table, record_id)
    path = release / f"{table}.jsonl"
    lines = path.read_bytes().split(b"\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    write_raw(release, f"{table}.jsonl", b"\n".join(lines))
    return number


@pytest.fixture
def surrogate_id(release_copy: Path) -> tuple[Path, int]:
    """The fact's id ends in a lone surrogate, written as JSON writes it: ``\\ud800``."""
    line = _plant(release_copy, "facts", FACT, FACT.encode(), FACT.encode() + b"\\ud800")
    return release_copy, line


def test_the_api_reports_the_record(surrogate_id: tuple[Path, int]) -> None:
    release, line = surrogate_id
    problems = [p for p in validate(release).problems if p.type == "lone-surrogate"]
    assert [(p.file, p.line, p.field, p.record_id) for p in problems] == [
        ("facts.jsonl", line, "$.id", FACT + "\ud800")
    ]
    assert problems[0].message == (
        "$.id holds the lone surrogate \\ud800, which is no Unicode character "
        "(UTF-8 cannot encode it)"
    )


@pytest.mark.parametrize("extra", [[], ["--schemas"]])
def test_validate_text_prints_it_escaped(surrogate_id: tuple[Path, int], extra: list[str]) -> None:
    release, line = surrogate_id
    result = CliRunner().invoke(main, ["validate", str(release), *extra])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"facts.jsonl:{line}" in result.output
    assert f"{FACT}\\ud800" in result.output
    assert "lone surrogate \\ud800" in result.output


def test_validate_json_escapes_it_as_json_does(surrogate_id: tuple[Path, int]) -> None:
    release, _ = surrogate_id
    result = CliRunner().invoke(main, ["validate", str(release), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)  # the escape reads back as the same surrogate
    assert data == validate(release).to_dict()
    assert any(p["record_id"] == FACT + "\ud800" for p in data["problems"])


def test_a_surrogate_in_a_nested_string_names_its_field(release_copy: Path) -> None:
    line = _plant(release_copy, "facts", FACT, b'"exact":"', b'"exact":"\\udfff')
    problems = [p for p in validate(release_copy).problems if p.type == "lone-surrogate"]
    assert [(p.line, p.field) for p in problems] == [(line, "$.evidence.exact")]


def test_the_real_command_prints_it_to_a_utf8_pipe(surrogate_id: tuple[Path, int]) -> None:
    import subprocess
    import sys

    release, _ = surrogate_id
    result = subprocess.run(
        [sys.executable, "-m", "newsfacts", "validate", str(release)],
        capture_output=True,
        env={"PYTHONIOENCODING": "utf-8", "PATH": ""},
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    assert f"{FACT}\\ud800".encode() in result.stdout
