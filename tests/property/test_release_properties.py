"""Generated releases validate clean, round-trip through every format, and every single
mutation from a catalogue is reported with the right error type and record id."""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts import validate
from newsfacts.models import MODELS, Tables
from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema, records_to_table
from newsfacts.release.writer import write_release
from tests.helpers import reseal
from tests.strategies import releases

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def written(tables: Tables) -> Iterator[Path]:
    """The release written into a folder of its own, removed when the example ends (hypothesis
    runs many examples in one test, so pytest's tmp_path would be shared by all)."""
    with tempfile.TemporaryDirectory(prefix="newsfacts-prop-") as folder:
        root = Path(folder) / "release"
        write_release(tables.as_dict(), root, version="0.0.0")
        yield root


@SETTINGS
@given(releases())
def test_every_generated_release_validates_clean(tables: Tables) -> None:
    with written(tables) as root:
        report = validate(root)
    assert report.problems == []
    assert report.records == sum(len(r) for r in tables.as_dict().values())


@SETTINGS
@given(releases())
def test_models_jsonl_parquet_models_round_trip_exactly(tables: Tables) -> None:
    with written(tables) as root:
        for name, model in MODELS.items():
            records = getattr(tables, name)
            from_jsonl = [
                model.model_validate(json.loads(line))
                for line in (root / f"{name}.jsonl").open(encoding="utf-8")
            ]
            from_parquet = [
                model.model_validate(row)
                for row in pq.read_table(root / f"{name}.parquet").to_pylist()
            ]
            assert from_jsonl == records
            assert from_parquet == records
            assert records_to_table(from_parquet, model).equals(
                pq.read_table(root / f"{name}.parquet")
            )


# The catalogue: each entry picks one record of a table, breaks it in one way, and names the
# error type validate must report for that record. ``where`` is "jsonl" (the JSONL record is
# changed and the Parquet copy and manifest resealed to match) or "parquet" (only the Parquet
# copy changes) or "manifest".


def _shift_span(r: dict[str, Any]) -> None:
    r["evidence"]["start"] += 1
    r["evidence"]["end"] += 1


def _alter_quote(r: dict[str, Any]) -> None:
    exact = r["evidence"]["exact"]
    r["evidence"]["exact"] = ("乙" if exact[0] != "乙" else "甲") + exact[1:]


def _flip_source(r: dict[str, Any]) -> None:
    text = r["text"]
    r["text"] = text[:10] + ("乙" if text[10] != "乙" else "甲") + text[11:]


CATALOGUE: dict[
    str, tuple[str, Callable[[dict[str, Any]], bool], Callable[[dict[str, Any]], Any], str, str]
] = {
    "shift a span": ("facts", lambda r: True, _shift_span, "jsonl", "span-mismatch"),
    "alter a quote": ("facts", lambda r: True, _alter_quote, "jsonl", "span-mismatch"),
    "scale a value": (
        "facts",
        lambda r: r["kind"] == "quantity",
        lambda r: r.update(value=r["value"] * 10),
        "jsonl",
        "value-mismatch",
    ),
    "dangle a reference": (
        "facts",
        lambda r: True,
        lambda r: r.update(article_id=r["article_id"][:-2] + "99"),
        "jsonl",
        "dangling-reference",
    ),
    "dangle an entity": (
        "facts",
        lambda r: r["kind"] == "relation",
        lambda r: r.update(object_entity="e-nobody"),
        "jsonl",
        "dangling-reference",
    ),
    "flip a character of a source": (
        "sources",
        lambda r: True,
        _flip_source,
        "jsonl",
        "source-hash-mismatch",
    ),
    "drop a required field": (
        "entities",
        lambda r: True,
        lambda r: r.pop("name"),
        "jsonl",
        "missing-field",
    ),
    "drop an optional field": (
        "facts",
        lambda r: True,
        lambda r: r.pop("notes"),  # null either way: only the missing key tells
        "jsonl",
        "missing-field",
    ),
    "put a null in a list": (
        "entities",
        lambda r: True,
        lambda r: r.update(aliases=[*r["aliases"], None]),
        "jsonl",
        "type-error",
    ),
    "add an unknown field": (
        "articles",
        lambda r: True,
        lambda r: r.update(colour="red"),
        "jsonl",
        "unknown-field",
    ),
    "leave the vocabulary": (
        "facts",
        lambda r: r["unit"] is not None,
        lambda r: r.update(unit="furlong"),
        "jsonl",
        "vocabulary-error",
    ),
    "break an id": (
        "entities",
        lambda r: True,
        lambda r: r.update(id="E_1"),
        "jsonl",
        "id-malformed",
    ),
    "impossible date": (
        "facts",
        lambda r: r["kind"] == "event",
        lambda r: r.update(date="2025-02-30"),
        "jsonl",
        "invalid-date",
    ),
    "inject NaN": (
        "facts",
        lambda r: r["kind"] == "quantity",
        lambda r: r.update(value=math.nan),
        "parquet",
        "non-finite-number",
    ),
    "make Parquet and JSONL disagree": (
        "facts",
        lambda r: True,
        lambda r: r.update(predicate=r["predicate"] + "X"),
        "parquet",
        "format-mismatch",
    ),
    "tamper with the manifest": (
        "facts",
        lambda r: True,
        lambda r: None,
        "manifest",
        "manifest-error",
    ),
}


def _rows(root: Path, table: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (root / f"{table}.jsonl").open(encoding="utf-8")]


def _write_jsonl(root: Path, table: str, rows: list[dict[str, Any]]) -> None:
    with (root / f"{table}.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def _write_parquet(root: Path, table: str, rows: list[dict[str, Any]]) -> None:
    schema = arrow_schema(MODELS[table])
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema), root / f"{table}.parquet", **PARQUET_OPTIONS
    )


@pytest.mark.parametrize("mutation", list(CATALOGUE))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables=releases(), choice=st.integers(min_value=0))
def test_one_mutation_is_reported_with_its_type_and_record(
    mutation: str, tables: Tables, choice: int
) -> None:
    table, eligible, change, where, expected = CATALOGUE[mutation]
    with written(tables) as root:
        rows = _rows(root, table)
        candidates = [i for i, r in enumerate(rows) if eligible(r)]
        if not candidates:
            return  # this release has no record of that kind (e.g. no relation): nothing to break
        index = candidates[choice % len(candidates)]
        record_id = rows[index]["id"]
        if where == "manifest":
            path = root / "manifest.json"
            manifest = json.loads(path.read_text(encoding="utf-8"))
            entry = next(f for f in manifest["files"] if f["path"] == f"{table}.jsonl")
            entry["sha256"] = "0" * 64
            path.write_text(json.dumps(manifest), encoding="utf-8")
            record_id = f"{table}.jsonl"
        elif where == "parquet":
            change(rows[index])
            record_id = rows[index]["id"]
            _write_parquet(root, table, rows)
            reseal(root, parquet=False)
        else:
            change(rows[index])
            record_id = rows[index]["id"]  # a broken id is reported as it now stands
            _write_jsonl(root, table, rows)
            if expected in (
                "missing-field",
                "unknown-field",
                "vocabulary-error",
                "id-malformed",
                "invalid-date",
                "type-error",
            ):
                reseal(root, parquet=False)  # the Parquet schema cannot hold such a record
            else:
                reseal(root)
        found = {(p.type, p.record_id) for p in validate(root).problems}
        assert (expected, record_id) in found, sorted(found)


def test_written_releases_are_removed_after_their_example(tables: Tables) -> None:
    with written(tables) as root:
        assert (root / "manifest.json").is_file()
    assert not root.parent.exists()
