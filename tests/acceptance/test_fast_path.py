"""Records the fast path once let through or crashed on: each is planted in the valid fixture
(JSONL changed, Parquet and manifest resealed to match) and must be reported, the same by the
fast path and the row path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import newsfacts.validation.checks
import newsfacts.validation.fast.blocks
import newsfacts.validation.fast.scan
import newsfacts.validation.rows
from newsfacts import validate
from newsfacts.text.spans import assembled_text
from tests.helpers import reseal

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "valid"

Lines = list[str]


def _record(table: str, index: int, change: Callable[[dict[str, Any]], None]) -> Any:
    def plant(lines: dict[str, Lines]) -> None:
        record = json.loads(lines[table][index])
        change(record)
        lines[table][index] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    return plant


def _year_zero(lines: dict[str, Lines]) -> None:
    for index, line in enumerate(lines["facts"]):
        record = json.loads(line)
        if record["kind"] == "event":
            _record("facts", index, lambda r: r.update(date="0000-01-01"))(lines)
            return
    raise AssertionError("no event in the fixture")


def _null_for_missing_key(lines: dict[str, Lines]) -> None:
    # a null where none may stand and a key missing elsewhere: the null counts balance
    _record("facts", 0, lambda r: r.update(subject=None))(lines)
    _record("facts", 5, lambda r: r.pop("notes"))(lines)


def _edit_outside_segments(lines: dict[str, Lines]) -> None:
    """Two overlapping segments take in one edit twice, so the edits are all used once on
    count; the other edit lies outside both, with a before the source does not hold."""
    source = json.loads(lines["sources"][0])["text"]
    record = json.loads(lines["articles"][0])
    record["segments"] = [{"start": 0, "end": 100}, {"start": 50, "end": 150}]
    edit = {"kind": "misprint", "confidence": "certain", "rationale": "r", "reference": None}
    record["edits"] = [
        {**edit, "start": 60, "end": 61, "before": source[60], "after": "Z"},
        {**edit, "start": 500, "end": 501, "before": "WRONG", "after": ""},
    ]
    record["text"] = assembled_text(
        source,
        [SimpleNamespace(**s) for s in record["segments"]],  # type: ignore[misc]
        [SimpleNamespace(**e) for e in record["edits"]],  # type: ignore[misc]
    )
    record["sections"] = []
    lines["articles"][0] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _huge_offsets(lines: dict[str, Lines]) -> None:
    span = {"start": -(2**63), "end": -(2**63) + 1, "exact": "x", "prefix": "a", "suffix": ""}
    _record("facts", 0, lambda r: r.update(evidence=span))(lines)


def _far_offsets(lines: dict[str, Lines]) -> None:
    span = {"start": 2**63 - 2, "end": 2**63 - 1, "exact": "x", "prefix": "", "suffix": "y"}
    _record("facts", 0, lambda r: r.update(evidence=span))(lines)


def _nan_literal(lines: dict[str, Lines]) -> None:
    for index, line in enumerate(lines["facts"]):
        record = json.loads(line)
        if record["value"] is not None:
            lines["facts"][index] = line.replace(
                f'"value":{json.dumps(record["value"])}', '"value":NaN'
            )
            return


def _formula(formula: str) -> Callable[[dict[str, Lines]], None]:
    """The first derived fact's formula changed to ``formula``."""

    def plant(lines: dict[str, Lines]) -> None:
        for index, line in enumerate(lines["facts"]):
            if json.loads(line)["formula"]:
                _record("facts", index, lambda r: r.update(formula=formula))(lines)
                return

    return plant


def _string_for_missing_key(lines: dict[str, Lines]) -> None:
    # a key missing, and a string that opens with ":null" after a blank (JSON not compact)
    _record("facts", 0, lambda r: (r.pop("baseline"), r.update(notes=":null")))(lines)
    lines["facts"][0] = lines["facts"][0].replace('"notes":":null"', '"notes": ":null"')


CASES: dict[str, tuple[Callable[[dict[str, Lines]], None], set[str], bool]] = {
    # case: (plant, problem types both paths must report, whether Parquet can hold it)
    "year 0000": (_year_zero, {"invalid-date"}, True),
    "a null making up for a missing key": (
        _null_for_missing_key,
        {"type-error", "missing-field"},
        False,
    ),
    "an edit outside every segment": (_edit_outside_segments, {"edit-mismatch"}, True),
    "offsets below zero beyond int64 arithmetic": (_huge_offsets, {"value-error"}, True),
    "offsets near the int64 limit": (_far_offsets, {"span-out-of-range"}, True),
    "NaN written in JSON": (_nan_literal, {"json-error"}, False),
    "a formula that divides by zero": (_formula("a / (b - b)"), {"value-error"}, True),
    "a formula that overflows": (_formula("a * 1e308 * 1e308"), {"value-mismatch"}, True),
    "a string making up for a missing key": (_string_for_missing_key, {"missing-field"}, False),
    "an integer beyond 64 bits": (
        _record("articles", 0, lambda r: r.update(series_number=2**70)),
        {"value-error"},
        False,
    ),
}


def _planted(tmp_path: Path, plant: Callable[[dict[str, Lines]], None], parquet: bool) -> Path:
    release = tmp_path / "release"
    shutil.copytree(VALID, release)
    lines = {
        table: (release / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        for table in ("sources", "articles", "facts", "entities")
    }
    plant(lines)
    for table, rows in lines.items():
        (release / f"{table}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    reseal(release, parquet=parquet)
    return release


def _problems(release: Path) -> list[str]:
    return sorted(map(str, validate(release).problems))


@pytest.mark.parametrize("case", list(CASES))
def test_the_fast_path_misses_nothing_the_row_path_reports(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant, expected, parquet = CASES[case]
    release = _planted(tmp_path, plant, parquet)
    fast = validate(release)
    assert expected <= {p.type for p in fast.problems}, fast.to_text(10)
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    assert sorted(map(str, fast.problems)) == _problems(release)


def test_a_line_over_the_limit_is_left_to_the_row_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "release"
    shutil.copytree(VALID, release)
    longest = max(len(line) for line in (release / "sources.jsonl").read_bytes().splitlines())
    # the source's line is over the limit
    for module in (newsfacts.validation.fast.blocks, newsfacts.validation.rows):
        monkeypatch.setattr(module, "MAX_LINE_BYTES", longest - 1)
    fast = _problems(release)
    assert any("[json-error]" in p for p in fast)
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    assert fast == _problems(release)


def test_a_string_that_is_not_utf8_is_reported_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arrow's JSON reader takes such a string: the fast path must leave the file to the row
    path, which says which line."""
    release = _planted(tmp_path, lambda lines: None, True)
    path = release / "facts.jsonl"
    data = path.read_bytes().split(b"\n")
    data[3] = data[3].replace(b'"subject":"', b'"subject":"\xc3\x28', 1)
    path.write_bytes(b"\n".join(data))
    reseal(release, parquet=False)
    fast = validate(release)
    assert [(p.type, p.file, p.line) for p in fast.problems if p.type == "encoding-error"] == [
        ("encoding-error", "facts.jsonl", 4)
    ]
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    assert sorted(map(str, fast.problems)) == _problems(release)
