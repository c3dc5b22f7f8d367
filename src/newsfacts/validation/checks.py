"""Validate a release directory: every record, every reference, every span, every file.

:func:`validate` never raises on bad data and never writes into the directory it checks: it
returns a :class:`~newsfacts.validation.report.Report` listing every problem with its location.

This module holds the checks of one record (its model, its references, its spans, its text, its
values) and the row path that runs them over every line of every file: the path for input that
does not even parse. A release that parses cleanly goes through the whole-column checks of
:mod:`newsfacts.validation.fast.scan` first, and only the records they flag come back here to be
explained; a test runs every fixture both ways and requires the same problems."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from newsfacts.models import MODELS, TABLES, Article, Entity, Fact, Manifest, Source, Span
from newsfacts.models.messages import describe, json_path
from newsfacts.release.io import MANIFEST, size_and_sha256
from newsfacts.release.reading import (
    FORMATS,
    DuplicateKey,
    LoadError,
    check_file,
    loads,
    read_json,
    release_formats,
    unique_pairs,
)
from newsfacts.release.schemas import TABLE_SCHEMAS, json_schema
from newsfacts.text.quantity import read_quantity
from newsfacts.text.spans import AssemblyError, assembled_text
from newsfacts.validation.descriptors import check_descriptors
from newsfacts.validation.fast.blocks import MAX_LINE_BYTES
from newsfacts.validation.formulas import FormulaError, evaluate
from newsfacts.validation.report import Report

__all__ = ["validate"]

#: Releases this large (JSONL bytes) take the whole-column path; smaller ones are checked row by
#: row, which is quicker to start (both find the same problems: see the fixture tests).
FAST_PATH_BYTES = 1 << 20

_PYDANTIC_TYPES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "vocabulary-error",
    "finite_number": "non-finite-number",
    "string_pattern_mismatch": "id-malformed",
    "invalid_date": "invalid-date",
    "span_length": "span-mismatch",
    "kind_fields": "kind-fields",
}
_TYPE_ERRORS = ("_type", "_parsing", "int_from_float", "model_attributes_type")


@dataclass
class Row:
    """A record as read: where it stands, its JSON text or object, and its model if valid."""

    file: str
    line: int
    raw: dict[str, Any] | bytes
    model: BaseModel | None = None

    @property
    def data(self) -> dict[str, Any]:
        """The record as a JSON object (parsed on first use)."""
        if isinstance(self.raw, bytes):
            self.raw = json.loads(self.raw)
        assert isinstance(self.raw, dict)
        return self.raw

    def at(self) -> dict[str, Any]:
        """The record's location, as Report.add takes it (file, line, record id)."""
        return {"file": self.file, "line": self.line, "record_id": self.record_id}

    @property
    def record_id(self) -> str | None:
        if self.model is not None:
            return str(self.model.id)  # type: ignore[attr-defined]
        value = self.data.get("id")
        return value if isinstance(value, str) else None


@dataclass
class Index:
    """What cross-record checks look up: the valid records by id, built once."""

    sources: dict[str, Source] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    #: Every id a record carries, valid or not: a reference to a broken record is not dangling
    #: (the broken record is reported itself).
    present: set[str] = field(default_factory=set)


def _model_problems(
    report: Report, row: Row, exc: ValidationError, model: type[BaseModel] | None = None
) -> None:
    for err in exc.errors():
        kind = err["type"]
        slug = _PYDANTIC_TYPES.get(kind)
        if slug is None:
            slug = "type-error" if kind.endswith(_TYPE_ERRORS) else "value-error"
        path = json_path(tuple(err["loc"]))
        message = describe(err, model)
        if slug == "missing-field":
            message = f"required field {path} is missing"
        elif slug == "unknown-field":
            message = f"{path} is not in the schema: {describe(err, model)}"
        elif slug == "vocabulary-error":
            message = f"{path} {describe(err)}"
        elif slug == "non-finite-number":
            message = f"{path} is NaN or infinite; numbers must be finite"
        report.add(slug, message, **row.at(), field=path)


def _read_lines(path: Path, name: str, report: Report) -> Iterator[tuple[int, bytes, bool]]:
    """The lines of a JSONL file, and whether each is a last line cut short of its newline."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.add("file-unreadable", f"{name} cannot be read: {exc.strerror}", file=name)
        return
    if raw.startswith(b"\xef\xbb\xbf"):
        report.add(
            "byte-order-mark", "the file starts with a UTF-8 byte-order mark", file=name, line=1
        )
        raw = raw[3:]
    if not raw:
        return
    lines = raw.split(b"\n")
    unterminated = lines[-1] != b""
    if not unterminated:
        lines.pop()
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_BYTES:
            report.add(
                "json-error",
                f"the line is {len(line):,} bytes, over the limit of {MAX_LINE_BYTES:,}",
                file=name,
                line=number,
            )
            continue
        if line.endswith(b"\r"):
            report.add(
                "line-ending", "the line ends with CRLF; releases use LF", file=name, line=number
            )
            line = line[:-1]
        yield number, line, unterminated and number == len(lines)


def _no_constants(token: str) -> float:
    raise ValueError(f"{token} is not a JSON number")


def _duplicate_key(report: Report, name: str, number: int, model: Any, exc: DuplicateKey) -> None:
    report.add(
        "duplicate-key",
        f"key {exc.key!r} is given twice in one object",
        file=name,
        line=number,
        record_id=getattr(model, "id", None),
    )


def read_jsonl(
    path: Path, name: str, report: Report, model: type[BaseModel] | None = None
) -> tuple[list[Row], int]:
    """Parse a JSONL file into rows of objects, reporting every line that is not one.

    With ``model``, each line is first validated straight from its JSON text (the fast path
    for good lines); a line that fails is parsed again to say exactly what is wrong with it.
    Returns the rows and the number of lines (records, readable or not)."""
    rows = []
    number = 0
    for number, line, cut in _read_lines(path, name, report):
        if model is not None:
            try:
                parsed = model.model_validate_json(line)
            except ValidationError:
                pass  # explained below, from the parsed object
            else:
                try:
                    loads(line)  # pydantic keeps the last of a key given twice
                except DuplicateKey as exc:  # the record is still checked, as pydantic read it
                    _duplicate_key(report, name, number, parsed, exc)
                except ValueError:
                    pass
                rows.append(Row(name, number, line, parsed))
                continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            report.add(
                "encoding-error",
                f"the line is not valid UTF-8 (byte {exc.start + 1}: {exc.reason})",
                file=name,
                line=number,
            )
            continue
        try:
            data = json.loads(text, parse_constant=_no_constants, object_pairs_hook=unique_pairs)
        except DuplicateKey as exc:
            _duplicate_key(report, name, number, None, exc)
            continue
        except (json.JSONDecodeError, ValueError, RecursionError) as exc:
            message = f"the line is not valid JSON: {exc}"
            if cut:
                message = f"the last line has no newline and is not valid JSON ({exc}): " + (
                    "the file looks truncated"
                )
            report.add("json-error", message, file=name, line=number)
            continue
        if not isinstance(data, dict):
            kind = type(data).__name__.replace("dict", "object").replace("list", "array")
            report.add(
                "not-an-object",
                f"the line holds a JSON {kind}, not an object",
                file=name,
                line=number,
            )
            continue
        found = list(lone_surrogates(data))
        for where, code in found:
            report.add(
                "lone-surrogate",
                f"{where} holds the lone surrogate {code}, which is no Unicode character "
                "(UTF-8 cannot encode it)",
                file=name,
                line=number,
                record_id=data.get("id") if isinstance(data.get("id"), str) else None,
                field=where,
            )
        if found:
            continue  # as a line that is not UTF-8: no Parquet copy or writer can hold it
        rows.append(Row(name, number, data))
    return rows, number


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """The JSON path and code (``\\ud800``) of every lone surrogate in the strings of a parsed
    JSON value, keys included. ``json.loads`` turns an escape such as ``"\\ud800"`` into one;
    it is no character, and no UTF-8 writer (a terminal, Parquet, a file) can take it."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found:
            yield path, f"\\u{ord(found.group()):04x}"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from lone_surrogates(key, path)
            yield from lone_surrogates(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from lone_surrogates(item, f"{path}[{number}]")


def read_parquet(path: Path, name: str, report: Report) -> list[Row] | None:
    """The rows of a Parquet file (``line`` is the 1-based row number)."""
    try:
        with pq.ParquetFile(path) as file:
            table = file.read()
    except Exception as exc:  # pyarrow raises many types for a broken file
        report.add("file-unreadable", f"{name} is not a readable Parquet file: {exc}", file=name)
        return None
    return [Row(name, i, data) for i, data in enumerate(table.to_pylist(), 1)]


def _parquet_rows_if_equal(path: Path, table: str, jsonl_path: Path) -> int | None:
    """The Parquet copy's row count if it holds exactly the JSONL's records, compared as Arrow
    tables; None if they differ or either cannot be read (the row-by-row path then explains)."""
    from newsfacts.validation.fast.blocks import parquet_equal, read_jsonl_table

    expected = read_jsonl_table(jsonl_path, table)
    return None if expected is None else parquet_equal(path, expected)


def _check_parquet(
    report: Report, root: Path, table: str, jsonl: list[Row] | None, counts: dict[str, int]
) -> None:
    """Read a Parquet copy row by row: its records against the model, and against the JSONL
    records (when there are any to compare with)."""
    name = f"{table}.parquet"
    rows = read_parquet(root / name, name, report)
    if rows is None:
        return
    _validate_models(rows, table, report)
    counts[name] = len(rows)
    if jsonl is not None:
        _check_formats(report, table, jsonl, rows)


def _validate_models(rows: list[Row], table: str, report: Report) -> None:
    model = MODELS[table]
    for row in rows:
        if row.model is not None:
            continue  # validated as it was read
        try:
            row.model = model.model_validate(row.data)
        except ValidationError as exc:
            _model_problems(report, row, exc, model)


def _validate_schemas(rows: list[Row], table: str, report: Report) -> None:
    """The published JSON Schema must accept every record the model accepts."""
    validator = _schema_validator(TABLE_SCHEMAS[table])
    for row in rows:
        if row.model is None:
            continue  # its problems are reported already
        for error in validator.iter_errors(row.data):
            path = json_path(tuple(error.absolute_path))
            report.add(
                "schema-rejected",
                f"{path}: {error.message}",
                **row.at(),
                field=path,
            )


@functools.cache
def _schema_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(name))


def _check_ids(rows: list[Row], report: Report, seen: dict[str, str]) -> None:
    for row in rows:
        rid = row.record_id
        if rid is None or row.model is None:
            continue
        here = f"{row.file}:{row.line}"
        if rid in seen:
            report.add(
                "duplicate-id",
                f"id {rid} is used again (first at {seen[rid]})",
                **row.at(),
                field="$.id",
            )
        else:
            seen[rid] = here


def _check_span(report: Report, row: Row, path: str, span: Span, text: str) -> None:
    where = {**row.at(), "field": path}
    if span.end > len(text):
        report.add(
            "span-out-of-range",
            f"span {span.start}-{span.end} lies outside the text of {len(text)} code points",
            **where,
        )
        return
    found = text[span.start : span.end]
    if found != span.exact:
        report.add(
            "span-mismatch",
            f"text[{span.start}:{span.end}] is {found!r}, not {span.exact!r}",
            **{**where, "field": f"{path}.exact"},
        )
        return
    before = text[max(0, span.start - len(span.prefix)) : span.start]
    after = text[span.end : span.end + len(span.suffix)]
    for name, value, actual in (("prefix", span.prefix, before), ("suffix", span.suffix, after)):
        if value != actual:
            report.add(
                "context-mismatch",
                f"{name} is {value!r}; the text has {actual!r}",
                **{**where, "field": f"{path}.{name}"},
            )


def _ref(report: Report, row: Row, path: str, target: str | None, index: Index) -> None:
    if target is not None and target not in index.present:
        report.add(
            "dangling-reference",
            f"{path} names {target}, which does not exist",
            **row.at(),
            field=path,
        )


def _check_source(report: Report, row: Row, source: Source, index: Index) -> None:
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    if digest != source.sha256:
        report.add(
            "source-hash-mismatch",
            f"sha256 of the text is {digest}, not the recorded {source.sha256}",
            **row.at(),
            field="$.text",
        )


def _check_article(report: Report, row: Row, art: Article, index: Index) -> None:
    where = row.at()
    _ref(report, row, "$.source_id", art.source_id, index)
    for i, rel in enumerate(art.related):
        _ref(report, row, f"$.related[{i}]", rel, index)
    source = index.sources.get(art.source_id)
    if source is None:
        return
    for i, edit in enumerate(art.edits):
        found = source.text[edit.start : edit.end]
        if found != edit.before:
            report.add(
                "edit-mismatch",
                f"the edit's before {edit.before!r} is not the source's {found!r} "
                f"at {edit.start}-{edit.end}",
                **where,
                field=f"$.edits[{i}].before",
            )
    try:
        assembled = assembled_text(source.text, art.segments, art.edits)
    except AssemblyError as exc:
        report.add(
            "text-mismatch", f"segments and edits do not fit: {exc}", **where, field="$.segments"
        )
    else:
        if assembled != art.text:
            at = next(
                (i for i, (a, b) in enumerate(zip(assembled, art.text)) if a != b),
                min(len(assembled), len(art.text)),
            )
            report.add(
                "text-mismatch",
                f"the text differs from its segments and edits at offset {at}: "
                f"{art.text[at : at + 12]!r} where the source gives {assembled[at : at + 12]!r}",
                **where,
                field="$.text",
            )
    for i, el in enumerate(art.elements):
        found = source.text[el.start : el.end]
        if found != el.exact:
            report.add(
                "span-mismatch",
                f"source[{el.start}:{el.end}] is {found!r}, not {el.exact!r}",
                **where,
                field=f"$.elements[{i}].exact",
            )
    for i, sec in enumerate(art.sections):
        if art.text[sec.start : sec.end] != sec.heading:
            report.add(
                "span-mismatch",
                f"text[{sec.start}:{sec.end}] is {art.text[sec.start : sec.end]!r}, "
                f"not {sec.heading!r}",
                **where,
                field=f"$.sections[{i}].heading",
            )
    for i, flag in enumerate(art.flags):
        if flag.span is not None:
            _check_span(report, row, f"$.flags[{i}].span", flag.span, art.text)


#: The plainest printed quantities (Arabic number, optional 万/亿/万亿, one common unit or
#: classifier) read without the full reader; a property test holds them to read_quantity.
_PLAIN = re.compile(
    r"(?P<number>[0-9]{1,12}(?:\.[0-9]{1,6})?)(?P<scale>万亿|亿|万)?"
    r"(?:%|个百分点|元|家|个|户|支|场|人次|人|平方公里|件|所|名|条|项|次)"
)
_SCALES = {None: 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


@dataclass(frozen=True)
class _Reading:
    value: float | None
    qualifier: str


@functools.lru_cache(maxsize=1 << 16)
def _read_quantity(text: str) -> _Reading | None:
    """What a value_text reads as: value and qualifier (the plain forms directly)."""
    plain = _PLAIN.fullmatch(text)
    if plain:
        scale = _SCALES[plain.group("scale")]
        return _Reading(float(Decimal(plain.group("number")) * scale), "exact")
    reading = read_quantity(text)
    return None if reading is None else _Reading(reading.value, reading.qualifier)


def _check_fact(report: Report, row: Row, fact: Fact, index: Index) -> None:
    _ref(report, row, "$.article_id", fact.article_id, index)
    _ref(report, row, "$.subject_entity", fact.subject_entity, index)
    _ref(report, row, "$.object_entity", fact.object_entity, index)
    for i, ref in enumerate(fact.inputs):
        _ref(report, row, f"$.inputs[{i}]", ref, index)
    article = index.articles.get(fact.article_id)
    if article is not None:
        _check_span(report, row, "$.evidence", fact.evidence, article.text)
    where = row.at()
    if fact.value_text is not None:
        if fact.value_text not in fact.evidence.exact:
            report.add(
                "value-mismatch",
                f"$.value_text {fact.value_text!r} does not occur in the evidence",
                **where,
                field="$.value_text",
            )
        elif fact.value is not None:
            reading = _read_quantity(fact.value_text)
            read = None if reading is None else reading.value
            if read is None or not math.isclose(read, fact.value, rel_tol=1e-9):
                report.add(
                    "value-mismatch",
                    f"$.value is {fact.value:g} but $.value_text {fact.value_text!r} "
                    + ("states no number" if read is None else f"reads as {read:g}"),
                    **where,
                    field="$.value",
                )
            elif reading is not None and reading.qualifier != fact.qualifier:
                report.add(
                    "value-mismatch",
                    f"$.qualifier is {fact.qualifier} but $.value_text {fact.value_text!r} "
                    f"reads as {reading.qualifier}",
                    **where,
                    field="$.qualifier",
                )
    if fact.formula is not None and fact.value is not None:
        inputs = [index.facts.get(ref) for ref in fact.inputs]
        values = [f.value for f in inputs if f is not None and f.value is not None]
        if len(values) == len(inputs):
            try:
                result = evaluate(fact.formula, values)
            except FormulaError as exc:
                report.add("value-error", f"$.formula: {exc}", **where, field="$.formula")
            else:
                if not math.isclose(result, fact.value, rel_tol=1e-9):
                    report.add(
                        "value-mismatch",
                        f"$.value is {fact.value:g} but {fact.formula} over the inputs "
                        f"gives {result:g}",
                        **where,
                        field="$.value",
                    )


def _check_entity(report: Report, row: Row, ent: Entity, index: Index) -> None:
    _ref(report, row, "$.parent", ent.parent, index)
    places: dict[tuple[str, int, int], int] = {}
    for i, mention in enumerate(ent.mentions):
        path = f"$.mentions[{i}]"
        place = (mention.article_id, mention.start, mention.end)
        if place in places:
            first = f"$.mentions[{places[place]}]"
            report.add(
                "duplicate-mention",
                f"{path} is the mention at {mention.start}-{mention.end} of "
                f"{mention.article_id} again (first at {first})",
                **row.at(),
                field=path,
            )
            continue
        places[place] = i
        _ref(report, row, f"{path}.article_id", mention.article_id, index)
        article = index.articles.get(mention.article_id)
        if article is not None:
            _check_span(report, row, path, mention, article.text)


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return not (a == b or (math.isnan(a) and math.isnan(b)))
    return bool(a != b)


def _check_formats(report: Report, table: str, jsonl: list[Row], parquet: list[Row]) -> None:
    """The Parquet copy holds the same records as the JSONL, compared by id."""
    name = f"{table}.parquet"
    counted = Counter(row.record_id for row in jsonl)
    twice = {rid for rid, n in counted.items() if n > 1}
    by_id = {row.record_id: row for row in jsonl if row.model is not None}
    seen = set()
    for p in parquet:
        if p.model is None or p.record_id in twice:
            continue  # reported already: a broken record, or an id used twice
        seen.add(p.record_id)
        j = by_id.get(p.record_id)
        where = {"file": name, "line": p.line, "record_id": p.record_id}
        if j is None:
            if p.record_id not in counted:
                report.add("format-mismatch", f"row {p.line} is not in {table}.jsonl", **where)
            continue
        assert j.model is not None
        a, b = j.model.model_dump(mode="json"), p.model.model_dump(mode="json")
        fields = [k for k in a if _differs(a[k], b.get(k))]
        if fields:
            report.add(
                "format-mismatch",
                f"row {p.line} differs from {table}.jsonl line {j.line} in {', '.join(fields)}",
                **where,
                field=f"$.{fields[0]}",
            )
    parquet_ids = {row.record_id for row in parquet}
    for rid, j in by_id.items():
        if rid not in parquet_ids:
            report.add(
                "format-mismatch",
                f"{table}.jsonl line {j.line} is not in {name}",
                file=name,
                record_id=rid,
            )


def _check_manifest(
    report: Report,
    root: Path,
    counts: dict[str, int],
    digest: Callable[[Path], tuple[int, str]] = size_and_sha256,
    formats: tuple[str, ...] = FORMATS,
) -> None:
    """Check the manifest against the files, then the descriptors against the manifest."""
    path = root / MANIFEST
    if check_file(path, root) == "no such file":
        report.add("file-missing", f"the release has no {MANIFEST}", file=MANIFEST)
        return
    try:
        manifest = Manifest.model_validate(read_json(path, root))
    except LoadError as exc:
        reason = str(exc).removeprefix(f"{path}")
        report.add("manifest-error", f"{MANIFEST}{reason}", file=MANIFEST)
        return
    except ValidationError as exc:
        _model_problems(report, Row(MANIFEST, 1, {}), exc, Manifest)
        return
    _check_files(report, root, manifest, counts, digest, formats)
    check_descriptors(report, root, manifest, formats)


def _check_files(
    report: Report,
    root: Path,
    manifest: Manifest,
    counts: dict[str, int],
    digest: Callable[[Path], tuple[int, str]],
    formats: tuple[str, ...],
) -> None:
    listed = {entry.path for entry in manifest.files}
    tables = {f"{t}.{fmt}" for t in TABLES for fmt in ("jsonl", "parquet")}  # reported below
    known = listed | tables | {MANIFEST, "datapackage.json", "croissant.json"}
    for extra in sorted(p.name for p in root.iterdir() if p.name not in known):
        report.add(
            "manifest-error",
            f"{extra} is in the release folder but not in the manifest",
            file=MANIFEST,
            record_id=extra,
            field="$.files",
        )
    report.version = manifest.version
    for table in TABLES:
        for fmt in formats:
            if f"{table}.{fmt}" not in listed:
                report.add(
                    "manifest-error", f"{table}.{fmt} is not listed", file=MANIFEST, field="$.files"
                )
    for i, entry in enumerate(manifest.files):
        where = {"file": MANIFEST, "record_id": entry.path}
        target = root / entry.path
        if not target.is_file():
            report.add(
                "manifest-error",
                f"{entry.path} is listed but missing",
                **where,
                field=f"$.files[{i}]",
            )
            continue
        size, sha256 = digest(target)
        if size != entry.bytes:
            report.add(
                "manifest-error",
                f"{entry.path} has {size} bytes, the manifest says {entry.bytes}",
                **where,
                field=f"$.files[{i}].bytes",
            )
        if sha256 != entry.sha256:
            report.add(
                "manifest-error",
                f"{entry.path} has sha256 {sha256}, the manifest says {entry.sha256}",
                **where,
                field=f"$.files[{i}].sha256",
            )
        rows = counts.get(entry.path)
        if rows is not None and rows != entry.rows:
            report.add(
                "manifest-error",
                f"{entry.path} holds {rows} records, the manifest says {entry.rows}",
                **where,
                field=f"$.files[{i}].rows",
            )


_CHECKS: dict[str, Any] = {
    "sources": _check_source,
    "articles": _check_article,
    "facts": _check_fact,
    "entities": _check_entity,
}


class _ArrowModels:
    """Records of a table the fast path read, by id, made into models only when asked for."""

    def __init__(self, found: Any, name: str) -> None:
        self.found = found
        self.name = name
        self.model = MODELS[name]
        self._rows: dict[str, int] | None = None
        self.cache: dict[str, Any] = {}

    @property
    def rows(self) -> dict[str, int]:
        """Row numbers by id, built on first use (a clean release never needs them)."""
        if self._rows is None:
            ids = self.found.ids[self.name].to_pylist()
            self._rows = {rid: i for i, rid in enumerate(ids)}
        return self._rows

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.rows

    def get(self, record_id: str) -> Any:
        if record_id not in self.cache:
            i = self.rows.get(record_id)
            data = None if i is None else self.found.record(self.name, i)
            try:
                self.cache[record_id] = None if data is None else self.model.model_validate(data)
            except ValidationError:
                self.cache[record_id] = None
        return self.cache[record_id]


class _Present:
    def __init__(self, parts: list[_ArrowModels]) -> None:
        self.parts = parts

    def __contains__(self, record_id: object) -> bool:
        return any(record_id in part for part in self.parts)


def _explain(root: Path, found: Any, report: Report) -> None:
    """Report the problems of a release the fast path read: the flagged records go through the
    row-by-row checks, with the other records looked up by row in the release's files."""
    from newsfacts.validation.fast.blocks import lines_of

    parts = {name: _ArrowModels(found, name) for name in TABLES}
    index: Any = Index()
    for name in TABLES:
        setattr(index, name, parts[name])
    index.present = _Present(list(parts.values()))
    counts: dict[str, int] = {}
    for table in TABLES:
        name = f"{table}.jsonl"
        counts[name] = found.lines[table]
        report.records += found.lines[table]
        rows = [Row(name, i + 1, line) for i, line in lines_of(root / name, found.flagged[table])]
        _validate_models(rows, table, report)
        for row in rows:
            if row.model is not None:
                _CHECKS[table](report, row, row.model, index)
        parquet = f"{table}.parquet"
        if not (root / parquet).is_file():
            report.add("file-missing", f"the release has no {parquet}", file=parquet)
            continue
        same = found.parquet_equal[table]
        if same is not None and all(row.model is not None for row in rows):
            counts[parquet] = same
            continue
        explained = {row.line: row for row in rows}
        jsonl = [
            explained.get(i + 1) or Row(name, i + 1, data)
            for i, data in enumerate(found.tables[table].to_pylist())
        ]
        unflagged = [row for row in jsonl if row.line not in explained]
        _validate_models(unflagged, table, report)  # valid all, unless the scan missed one
        _check_parquet(report, root, table, jsonl, counts)
    _check_manifest(report, root, counts, found.digest)


def _jsonl_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.glob("*.jsonl") if p.is_file())


def validate(
    path: str | Path, *, schemas: bool = False, progress: Callable[[str], None] | None = None
) -> Report:
    """Check the release directory ``path`` and return everything wrong with it.

    With ``schemas``, every record is also checked against the published JSON Schemas. That is
    off by default: the models enforce everything the schemas state (the property tests prove
    the two agree), and a JSON Schema validator is two orders of magnitude slower.
    """
    root = Path(path)
    report = Report(path=str(path))
    if not root.exists():
        report.add("path-missing", f"{path} does not exist")
        return report
    if not root.is_dir():
        report.add("not-a-release", f"{path} is not a release directory: it is a file")
        return report
    formats = release_formats(root, TABLES)
    tables_of = [f"{t}.{fmt}" for fmt in FORMATS for t in TABLES]
    if not formats and not (root / MANIFEST).exists():
        report.add(
            "not-a-release",
            f"{path} is not a release directory: it holds none of "
            f"{', '.join(tables_of[: len(TABLES)])} (nor their .parquet copies) or {MANIFEST}",
        )
        return report
    copies = formats or FORMATS[:1]
    report.formats = list(copies)
    for name in [MANIFEST, *tables_of]:
        reason = check_file(root / name, root)
        if reason is not None and reason != "no such file":
            report.add("file-unreadable", f"{name} cannot be read: {reason}", file=name)
    if report.problems:
        return report  # nothing is opened that could hang, flood or leave the release
    if copies == FORMATS and not schemas and _jsonl_bytes(root) >= FAST_PATH_BYTES:
        from newsfacts.validation.fast.scan import scan

        found = scan(root, progress=progress)
        if found is not None:
            _explain(root, found, report)
            return report
    primary = copies[0]
    tables: dict[str, list[Row]] = {}
    counts: dict[str, int] = {}
    index = Index()
    for table in TABLES:
        name = f"{table}.{primary}"
        if not (root / name).is_file():
            report.add("file-missing", f"the release has no {name}", file=name)
            tables[table] = []
            continue
        if primary == "jsonl":
            if (root / name).stat().st_size == 0:
                report.add("file-empty", f"{name} holds no records", file=name)
            rows, lines = read_jsonl(root / name, name, report, MODELS[table])
        else:
            rows = read_parquet(root / name, name, report) or []
            lines = len(rows)
            if not rows:
                report.add("file-empty", f"{name} holds no records", file=name)
        _validate_models(rows, table, report)
        if schemas:
            _validate_schemas(rows, table, report)
        tables[table] = rows
        counts[name] = lines
        report.records += len(rows)
        index.present.update(row.record_id for row in rows if row.record_id is not None)
        valid: list[Any] = [row.model for row in rows if row.model is not None]
        getattr(index, table).update((model.id, model) for model in valid)
    seen: dict[str, str] = {}
    for table in TABLES:
        _check_ids(tables[table], report, seen)
        for row in tables[table]:
            if row.model is not None:
                _CHECKS[table](report, row, row.model, index)
    for table in TABLES if copies == FORMATS else ():
        name = f"{table}.parquet"
        if not (root / name).is_file():
            report.add("file-missing", f"the release has no {name}", file=name)
            continue
        jsonl = tables[table]
        if len(jsonl) == counts.get(f"{table}.jsonl") and all(r.model for r in jsonl):
            same = _parquet_rows_if_equal(root / name, table, root / f"{table}.jsonl")
            if same is not None:
                counts[name] = same  # the same records as the JSONL: checked already
                continue
        # without its JSONL, there is nothing to compare the Parquet copy with
        _check_parquet(report, root, table, jsonl if f"{table}.jsonl" in counts else None, counts)
    _check_manifest(report, root, counts, formats=copies)
    return report
