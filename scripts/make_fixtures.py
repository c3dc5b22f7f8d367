"""Write tests/fixtures/valid/ and one tests/fixtures/invalid/<case>/ per check of validate.

The valid fixture is a small synthetic release. Each invalid case holds only the files that
differ from it, plus ``expected.json``: the problems validate must report, as
[type, file, line, record id, field], written here from what the case breaks (never from what
validate says). Parquet copies and the manifest are resealed after each change, so that a case
holds its one fault (and what it entails, listed with it).

    python scripts/make_fixtures.py
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from newsfacts.models import MODELS, Manifest  # noqa: E402
from newsfacts.release.card import CARD, dataset_card  # noqa: E402
from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema  # noqa: E402
from newsfacts.release.metadata import datapackage, metadata_json  # noqa: E402
from newsfacts.release.writer import write_release  # noqa: E402
from newsfacts.synth import synth_tables  # noqa: E402
from newsfacts.validation.descriptors import DESCRIPTORS  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TABLES = ("sources", "articles", "facts", "entities")
Expected = list[list[Any]]


class Release:
    """The files of a release in memory: JSONL lines as bytes, Parquet rows, the manifest."""

    def __init__(self, folder: Path) -> None:
        self.lines = {t: (folder / f"{t}.jsonl").read_bytes().split(b"\n")[:-1] for t in TABLES}
        self.raw: dict[str, bytes] = {}  # files given verbatim (override the lines)
        self.parquet_rows: dict[str, list[dict[str, Any]]] = {}
        self.removed: list[str] = []
        self.manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        self.manifest_edit: Callable[[dict[str, Any]], None] | None = None

    def records(self, table: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines[table]]

    def set(self, table: str, index: int, record: dict[str, Any]) -> int:
        self.lines[table][index] = json.dumps(
            record, ensure_ascii=False, separators=(",", ":")
        ).encode()
        return index + 1

    def find(
        self, table: str, test: Callable[[dict[str, Any]], bool]
    ) -> tuple[int, dict[str, Any]]:
        for index, record in enumerate(self.records(table)):
            if test(record):
                return index, record
        raise LookupError(f"no record of {table} fits")

    def write(self, folder: Path, base: Path) -> None:
        """Write the files that differ from ``base`` into ``folder``."""
        folder.mkdir(parents=True)
        files: dict[str, bytes] = {}
        for table in TABLES:
            name = f"{table}.jsonl"
            data = self.raw.get(name, b"".join(line + b"\n" for line in self.lines[table]))
            files[name] = data
            rows = self.parquet_rows.get(table)
            if rows is None:
                rows = []
                for line in data.replace(b"\r\n", b"\n").split(b"\n"):
                    try:
                        row = json.loads(line.decode("utf-8").lstrip("\ufeff"))
                    except (UnicodeDecodeError, json.JSONDecodeError):
                        continue
                    if isinstance(row, dict) and _encodable(row):
                        rows.append(row)
            sink = pa.BufferOutputStream()
            table_pa = pa.Table.from_pylist(rows, schema=arrow_schema(MODELS[table]))
            pq.write_table(table_pa, sink, **PARQUET_OPTIONS)
            files[f"{table}.parquet"] = sink.getvalue().to_pybytes()
        manifest = json.loads(json.dumps(self.manifest))
        for entry in manifest["files"]:
            data = files[entry["path"]]
            entry["bytes"] = len(data)
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            if entry["format"] == "jsonl":
                entry["rows"] = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
            else:
                entry["rows"] = pq.read_table(pa.BufferReader(data)).num_rows
        if self.manifest_edit:
            self.manifest_edit(manifest)
        files["manifest.json"] = (
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        ).encode()
        # the descriptors as newsfacts derives them from this manifest (or from the one before
        # its planted fault, if that fault leaves nothing to derive them from)
        for candidate in (manifest, self.manifest):
            try:
                sealed = Manifest.model_validate(candidate)
                derived = {
                    name: metadata_json(derive(sealed)).encode()
                    for name, derive in DESCRIPTORS.items()
                }
                derived[CARD] = dataset_card(sealed).encode()
            except (ValueError, KeyError):
                continue
            files.update(derived)
            break
        files.update((k, v) for k, v in self.raw.items() if k in DESCRIPTORS)
        for name, data in files.items():
            if name in self.removed:
                continue
            if (base / name).read_bytes() != data:
                (folder / name).write_bytes(data)


def _encodable(row: dict[str, Any]) -> bool:
    """Whether UTF-8 takes every string of a row (a lone surrogate it cannot)."""
    try:
        json.dumps(row, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def referenced_ids(rel: Release) -> set[str]:
    """Ids some other record refers to."""
    refs: set[str] = set()
    for fact in rel.records("facts"):
        refs.update(fact["inputs"])
        refs.update(x for x in (fact["subject_entity"], fact["object_entity"]) if x)
    return refs


def case_bom(rel: Release) -> Expected:
    rel.raw["entities.jsonl"] = b"\xef\xbb\xbf" + b"".join(x + b"\n" for x in rel.lines["entities"])
    return [["byte-order-mark", "entities.jsonl", 1, None, None]]


def case_crlf(rel: Release) -> Expected:
    rel.lines["entities"][0] += b"\r"
    return [["line-ending", "entities.jsonl", 1, None, None]]


def _unreferenced_fact(rel: Release) -> int:
    refs = referenced_ids(rel)
    return rel.find("facts", lambda r: r["kind"] == "event" and r["id"] not in refs)[0]


def case_invalid_utf8(rel: Release) -> Expected:
    index = _unreferenced_fact(rel)
    rel.lines["facts"][index] = rel.lines["facts"][index][:20] + b"\xff\xfe\x00binary"
    return [["encoding-error", "facts.jsonl", index + 1, None, None]]


def case_lone_surrogate(rel: Release) -> Expected:
    index = _unreferenced_fact(rel)
    line = rel.lines["facts"][index]
    assert b'"predicate_en":"' in line
    rel.lines["facts"][index] = line.replace(b'"predicate_en":"', b'"predicate_en":"\\ud800', 1)
    fact_id = json.loads(line)["id"]
    return [["lone-surrogate", "facts.jsonl", index + 1, fact_id, "$.predicate_en"]]


def case_duplicate_key(rel: Release) -> Expected:
    index = _unreferenced_fact(rel)
    line = rel.lines["facts"][index]
    record_id = json.loads(line)["id"]
    rel.lines["facts"][index] = line[:-1] + b',"id":' + json.dumps(record_id).encode() + b"}"
    return [["duplicate-key", "facts.jsonl", index + 1, record_id, None]]


def case_broken_json(rel: Release) -> Expected:
    index = _unreferenced_fact(rel)
    rel.lines["facts"][index] = rel.lines["facts"][index][:-1]
    return [["json-error", "facts.jsonl", index + 1, None, None]]


def case_truncated_last_line(rel: Release) -> Expected:
    lines = rel.lines["facts"]
    lines.append(lines.pop(_unreferenced_fact(rel)))  # the order of records is free
    rel.raw["facts.jsonl"] = b"".join(x + b"\n" for x in lines[:-1]) + lines[-1][:40]
    return [["json-error", "facts.jsonl", len(lines), None, None]]


def case_not_an_object(rel: Release) -> Expected:
    index = _unreferenced_fact(rel)
    rel.lines["facts"][index] = b'["an", "array"]'
    return [["not-an-object", "facts.jsonl", index + 1, None, None]]


def _fact_case(
    test: Callable[[dict[str, Any]], bool],
    change: Callable[[dict[str, Any]], None],
    slug: str,
    field: str,
    *,
    parquet_keeps_original: bool = False,
) -> Callable[[Release], Expected]:
    """A case breaking one fact that ``test`` picks; with ``parquet_keeps_original``, the
    Parquet copy keeps the fact as it was (its schema cannot hold the broken value)."""

    def case(rel: Release) -> Expected:
        index, record = rel.find("facts", test)
        if parquet_keeps_original:
            rel.parquet_rows["facts"] = rel.records("facts")
        change(record)
        line = rel.set("facts", index, record)
        return [[slug, "facts.jsonl", line, record["id"], field]]

    return case


def _is(kind: str) -> Callable[[dict[str, Any]], bool]:
    return lambda r: r["kind"] == kind


def case_missing_field(rel: Release) -> Expected:
    index, record = rel.find("entities", lambda r: True)
    del record["name"]
    rel.parquet_rows["entities"] = rel.records("entities")  # Parquet keeps the good copy
    line = rel.set("entities", index, record)
    return [["missing-field", "entities.jsonl", line, record["id"], "$.name"]]


def case_unknown_field(rel: Release) -> Expected:
    index, record = rel.find("articles", lambda r: True)
    rel.parquet_rows["articles"] = rel.records("articles")
    record["colour"] = "red"
    line = rel.set("articles", index, record)
    return [["unknown-field", "articles.jsonl", line, record["id"], "$.colour"]]


wrong_type = _fact_case(
    _is("quantity"),
    lambda r: r.update(value=str(r["value"])),
    "type-error",
    "$.value",
    parquet_keeps_original=True,
)
vocabulary = _fact_case(
    _is("quantity"),
    lambda r: r.update(unit="furlong"),
    "vocabulary-error",
    "$.unit",
    parquet_keeps_original=True,
)
invalid_date = _fact_case(
    _is("event"),
    lambda r: r.update(date="2025-02-30"),
    "invalid-date",
    "$.date",
    parquet_keeps_original=True,
)
kind_fields = _fact_case(
    _is("event"),
    lambda r: r.update(value=3.0),
    "kind-fields",
    "$",
    parquet_keeps_original=True,
)


def case_id_malformed(rel: Release) -> Expected:
    refs = referenced_ids(rel)
    index, record = rel.find("entities", lambda r: r["id"] not in refs)
    record["id"] = "E_1"  # the Parquet copy holds the same broken id
    line = rel.set("entities", index, record)
    return [
        ["id-malformed", "entities.jsonl", line, "E_1", "$.id"],
        ["id-malformed", "entities.parquet", line, "E_1", "$.id"],  # both copies hold it
    ]


def case_nan_in_parquet(rel: Release) -> Expected:
    rows = rel.records("facts")
    index = next(i for i, r in enumerate(rows) if r["kind"] == "quantity")
    rows[index]["value"] = math.nan
    rel.parquet_rows["facts"] = rows
    return [["non-finite-number", "facts.parquet", index + 1, rows[index]["id"], "$.value"]]


def case_empty_file(rel: Release) -> Expected:
    # facts: no other table refers to them, so an empty table entails nothing else
    rel.lines["facts"] = []
    return [["file-empty", "facts.jsonl", None, None, None]]


def case_missing_file(rel: Release) -> Expected:
    rel.removed.append("entities.parquet")
    index = next(i for i, f in enumerate(rel.manifest["files"]) if f["path"] == "entities.parquet")
    return [
        ["file-missing", "entities.parquet", None, None, None],
        ["manifest-error", "manifest.json", None, "entities.parquet", f"$.files[{index}]"],
    ]


def case_duplicate_id(rel: Release) -> Expected:
    refs = referenced_ids(rel)
    entities = rel.records("entities")
    first = entities[0]["id"]
    index = next(i for i, r in enumerate(entities) if i > 0 and r["id"] not in refs)
    entities[index]["id"] = first
    line = rel.set("entities", index, entities[index])
    return [["duplicate-id", "entities.jsonl", line, first, "$.id"]]


def case_dangling_source(rel: Release) -> Expected:
    index, record = rel.find("articles", lambda r: True)
    record["source_id"] = "s-00000000"
    line = rel.set("articles", index, record)
    return [["dangling-reference", "articles.jsonl", line, record["id"], "$.source_id"]]


dangling_article = _fact_case(
    lambda r: True,
    lambda r: r.update(article_id="a-00000000-01"),
    "dangling-reference",
    "$.article_id",
)
dangling_entity = _fact_case(
    _is("relation"),
    lambda r: r.update(object_entity="e-nobody"),
    "dangling-reference",
    "$.object_entity",
)
dangling_input = _fact_case(
    _is("derived"),
    lambda r: r["inputs"].__setitem__(0, "f-00000000-01-001"),
    "dangling-reference",
    "$.inputs[0]",
)


def case_dangling_mention(rel: Release) -> Expected:
    index, record = rel.find("entities", lambda r: True)
    record["mentions"][0]["article_id"] = "a-00000000-01"
    line = rel.set("entities", index, record)
    return [
        ["dangling-reference", "entities.jsonl", line, record["id"], "$.mentions[0].article_id"]
    ]


def case_duplicate_mention(rel: Release) -> Expected:
    index, record = rel.find("entities", lambda r: True)
    record["mentions"].insert(1, dict(record["mentions"][0]))
    line = rel.set("entities", index, record)
    return [["duplicate-mention", "entities.jsonl", line, record["id"], "$.mentions[1]"]]


def _texts(rel: Release) -> dict[str, str]:
    return {a["id"]: a["text"] for a in rel.records("articles")}


def case_span_out_of_range(rel: Release) -> Expected:
    texts = _texts(rel)
    index, record = rel.find("facts", _is("quantity"))
    n = len(record["evidence"]["exact"])
    record["evidence"].update(start=len(texts[record["article_id"]]) + 5)
    record["evidence"]["end"] = record["evidence"]["start"] + n
    line = rel.set("facts", index, record)
    return [["span-out-of-range", "facts.jsonl", line, record["id"], "$.evidence"]]


span_mismatch = _fact_case(
    _is("quantity"),
    lambda r: r["evidence"].update(exact="乙" + r["evidence"]["exact"][1:]),
    "span-mismatch",
    "$.evidence.exact",
)
context_mismatch = _fact_case(
    lambda r: r["kind"] == "quantity" and r["evidence"]["suffix"] != "",
    lambda r: r["evidence"].update(suffix="乙" + r["evidence"]["suffix"][1:]),
    "context-mismatch",
    "$.evidence.suffix",
)


def _covered(rel: Release, article_id: str) -> set[int]:
    cover: set[int] = set()
    for fact in rel.records("facts"):
        if fact["article_id"] == article_id:
            cover.update(range(fact["evidence"]["start"] - 12, fact["evidence"]["end"] + 12))
    for entity in rel.records("entities"):
        for m in entity["mentions"]:
            if m["article_id"] == article_id:
                cover.update(range(m["start"] - 12, m["end"] + 12))
    for article in rel.records("articles"):
        if article["id"] == article_id:
            for s in article["sections"]:
                cover.update(range(s["start"], s["end"]))
    return cover


def case_text_mismatch(rel: Release) -> Expected:
    index, record = rel.find("articles", lambda r: True)
    cover = _covered(rel, record["id"])
    at = next(i for i, c in enumerate(record["text"]) if c == "。" and i not in cover)
    record["text"] = record["text"][:at] + "!" + record["text"][at + 1 :]
    line = rel.set("articles", index, record)
    return [["text-mismatch", "articles.jsonl", line, record["id"], "$.text"]]


def case_edit_mismatch(rel: Release) -> Expected:
    index, record = rel.find("articles", lambda r: bool(r["edits"]))
    record["edits"][0]["before"] = "X" * len(record["edits"][0]["before"])
    line = rel.set("articles", index, record)
    return [
        ["edit-mismatch", "articles.jsonl", line, record["id"], "$.edits[0].before"],
        ["text-mismatch", "articles.jsonl", line, record["id"], "$.segments"],
    ]


def case_source_hash(rel: Release) -> Expected:
    index, record = rel.find("sources", lambda r: "\n\n" in r["text"])
    covered: set[int] = set()
    for article in rel.records("articles"):
        if article["source_id"] == record["id"]:
            for seg in article["segments"]:
                covered.update(range(seg["start"], seg["end"]))
    at = next(i for i in range(len(record["text"])) if i not in covered)
    record["text"] = record["text"][:at] + "\u3000" + record["text"][at + 1 :]
    line = rel.set("sources", index, record)
    return [["source-hash-mismatch", "sources.jsonl", line, record["id"], "$.text"]]


value_mismatch = _fact_case(
    _is("quantity"), lambda r: r.update(value=r["value"] * 10), "value-mismatch", "$.value"
)
value_text_outside = _fact_case(
    _is("quantity"), lambda r: r.update(value_text="9999.9亿元"), "value-mismatch", "$.value_text"
)
derived_mismatch = _fact_case(
    _is("derived"), lambda r: r.update(value=r["value"] + 1), "value-mismatch", "$.value"
)
bad_formula = _fact_case(
    _is("derived"), lambda r: r.update(formula="a ** 2"), "value-error", "$.formula"
)


def _manifest_case(
    field: str, change: Callable[[dict[str, Any]], None]
) -> Callable[[Release], Expected]:
    def case(rel: Release) -> Expected:
        index = next(i for i, f in enumerate(rel.manifest["files"]) if f["path"] == "facts.jsonl")
        rel.manifest_edit = lambda m: change(m["files"][index])
        suffix = f".{field}" if field else ""
        return [
            ["manifest-error", "manifest.json", None, "facts.jsonl", f"$.files[{index}]{suffix}"]
        ]

    return case


manifest_bytes = _manifest_case("bytes", lambda f: f.update(bytes=f["bytes"] + 1))
manifest_sha = _manifest_case("sha256", lambda f: f.update(sha256="0" * 64))
manifest_rows = _manifest_case("rows", lambda f: f.update(rows=f["rows"] + 1))


def case_manifest_unlisted(rel: Release) -> Expected:
    rel.manifest_edit = lambda m: m.update(
        files=[f for f in m["files"] if f["path"] != "facts.jsonl"]
    )
    return [["manifest-error", "manifest.json", None, None, "$.files"]]


def case_datapackage_stale(rel: Release) -> Expected:
    """A datapackage.json left from before the facts changed: its hash and bytes are stale."""
    sealed = Manifest.model_validate(rel.manifest)
    stale = datapackage(sealed)
    index = next(i for i, r in enumerate(stale["resources"]) if r["name"] == "facts")
    stale["resources"][index]["bytes"] += 1
    stale["resources"][index]["hash"] = "sha256:" + "0" * 64
    rel.raw["datapackage.json"] = metadata_json(stale).encode()
    field = f"$.resources[{index}]"
    return [
        ["metadata-error", "datapackage.json", None, None, f"{field}.hash"],
        ["metadata-error", "datapackage.json", None, None, f"{field}.bytes"],
    ]


def case_croissant_not_json(rel: Release) -> Expected:
    rel.raw["croissant.json"] = b""
    return [["metadata-error", "croissant.json", None, None, None]]


def case_format_mismatch(rel: Release) -> Expected:
    rows = rel.records("facts")
    rows[0]["predicate"] += "X"
    rel.parquet_rows["facts"] = rows
    return [["format-mismatch", "facts.parquet", 1, rows[0]["id"], "$.predicate"]]


CASES: dict[str, Callable[[Release], Expected]] = {
    "byte-order-mark": case_bom,
    "crlf-line-ending": case_crlf,
    "invalid-utf8": case_invalid_utf8,
    "broken-json": case_broken_json,
    "lone-surrogate": case_lone_surrogate,
    "duplicate-key": case_duplicate_key,
    "truncated-last-line": case_truncated_last_line,
    "not-an-object": case_not_an_object,
    "missing-field": case_missing_field,
    "unknown-field": case_unknown_field,
    "wrong-type": wrong_type,
    "vocabulary": vocabulary,
    "id-malformed": case_id_malformed,
    "invalid-date": invalid_date,
    "kind-fields": kind_fields,
    "nan-in-parquet": case_nan_in_parquet,
    "empty-file": case_empty_file,
    "missing-file": case_missing_file,
    "duplicate-id": case_duplicate_id,
    "dangling-source": case_dangling_source,
    "dangling-article": dangling_article,
    "dangling-entity": dangling_entity,
    "dangling-input": dangling_input,
    "dangling-mention": case_dangling_mention,
    "duplicate-mention": case_duplicate_mention,
    "span-out-of-range": case_span_out_of_range,
    "span-mismatch": span_mismatch,
    "context-mismatch": context_mismatch,
    "text-mismatch": case_text_mismatch,
    "edit-mismatch": case_edit_mismatch,
    "source-hash-mismatch": case_source_hash,
    "value-mismatch": value_mismatch,
    "value-text-outside-evidence": value_text_outside,
    "derived-mismatch": derived_mismatch,
    "bad-formula": bad_formula,
    "manifest-bytes": manifest_bytes,
    "manifest-sha256": manifest_sha,
    "manifest-rows": manifest_rows,
    "manifest-unlisted": case_manifest_unlisted,
    "format-mismatch": case_format_mismatch,
    "datapackage-stale": case_datapackage_stale,
    "croissant-not-json": case_croissant_not_json,
}


def main(fixtures: Path = FIXTURES) -> None:
    valid = fixtures / "valid"
    invalid = fixtures / "invalid"
    for folder in (valid, invalid):
        if folder.exists():
            shutil.rmtree(folder)
    tables = synth_tables(4, random.Random(20251115), per_page=2)
    write_release(tables.as_dict(), valid, version="0.1.0")
    for name, case in CASES.items():
        rel = Release(valid)
        expected = case(rel)
        rel.write(invalid / name, valid)
        (invalid / name / "expected.json").write_text(
            json.dumps({"removed": rel.removed, "problems": expected}, ensure_ascii=False, indent=2)
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
