"""The fast path of validate: every check over whole Arrow columns, records explained only when
flagged.

A release whose files parse cleanly (no broken line, no unknown field, no wrong type, no missing
required field: Arrow's JSON reader refuses all of those) is read by Arrow, table by table. The
structure rules of the models (vocabularies, id patterns, lengths, ranges, dates, which fields a
fact of each kind has) are evaluated as Arrow compute kernels over whole columns, nested lists
included; references as set membership; spans, article texts, values and formulas in tight
loops over plain columns. A record any check flags is then explained by the row-by-row checks of
:mod:`newsfacts.checks`, so every problem is reported exactly as the row path reports it.

:func:`scan` returns None where the fast path does not apply (a file that does not parse, a byte
order mark, CRLF or blank lines, duplicate ids, JSON Schema checks asked for): the caller then
runs the row path over everything.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any, Literal, cast, get_args, get_origin

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
import pyarrow.parquet as pq
from pydantic import BaseModel

from newsfacts.io import reading_schema
from newsfacts.models import MODELS, TABLES, Edit, Segment, unwrap
from newsfacts.spans import AssemblyError, assemble

__all__ = ["Scan", "parquet_equal", "read_jsonl_table", "scan"]

#: Fields checked as ISO dates by the models.
DATE_FIELDS = {"date", "period_start", "period_end", "as_of"}
#: Bytes read at a time by the byte-level pass.
_CHUNK = 1 << 22


@dataclass
class Scan:
    """What the fast path read: per table the Arrow table and the line count, and the rows it
    flagged (0-based) for the row path to explain."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, set[int]] = field(default_factory=dict)
    parquet_equal: dict[str, int | None] = field(default_factory=dict)


def _unwrap_keep(tp: Any) -> tuple[Any, bool]:
    return unwrap(tp, keep_annotated=True)


def _constraints(info: Any, tp: Any) -> dict[str, Any]:
    """pattern, min_length and ge of a field or an Annotated item type."""
    found: dict[str, Any] = {}
    metadata = list(getattr(info, "metadata", []) or [])
    if get_origin(tp) is Annotated:
        for item in get_args(tp)[1:]:
            metadata += list(getattr(item, "metadata", []) or [item])
    for meta in metadata:
        for name in ("pattern", "min_length", "ge"):
            value = getattr(meta, name, None)
            if value is not None:
                found[name] = value
    return found


def _bad(array: pa.Array, tp: Any, info: Any, name: str) -> np.ndarray:
    """A boolean mask of the values of ``array`` that break the field's rules (nulls aside)."""
    tp, _ = _unwrap_keep(tp)
    rules = _constraints(info, tp)
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    masks: list[Any] = []
    if get_origin(tp) is Literal:
        inside = pc.is_in(array, value_set=pa.array(list(get_args(tp))))
        masks.append(pc.and_(pc.is_valid(array), pc.invert(inside)))
    if "pattern" in rules:
        masks.append(pc.invert(pc.match_substring_regex(array, rules["pattern"])))
    if "min_length" in rules:
        masks.append(pc.less(pc.utf8_length(array), rules["min_length"]))
    if "ge" in rules:
        masks.append(pc.less(array, rules["ge"]))
    if tp is float:
        masks.append(pc.invert(pc.is_finite(array)))
    if name in DATE_FIELDS:
        masks.append(_bad_dates(array))
    if not masks:
        return np.zeros(len(array), dtype=bool)
    bad = masks[0]
    for mask in masks[1:]:
        bad = pc.or_(bad, mask)
    return np.asarray(pc.fill_null(bad, False).to_numpy(zero_copy_only=False), dtype=bool)


def _bad_dates(array: pa.Array) -> pa.Array:
    shape = pc.match_substring_regex(array, r"^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?$")
    full = pc.equal(pc.utf8_length(array), 10)
    parsed = pc.strptime(array, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 2025-02-30 over to March: a real date formats back to itself
    again = pc.strftime(parsed, format="%Y-%m-%d")
    real = pc.or_(pc.invert(full), pc.fill_null(pc.equal(again, array), False))
    return pc.invert(pc.and_(shape, real))


def _rows_of(values: np.ndarray, parents: np.ndarray) -> set[int]:
    return {int(p) for p in parents[values]}


def _walk(array: pa.Array, model: type[BaseModel], parents: np.ndarray, flagged: set[int]) -> None:
    """Check every field of a struct array (or a table's columns) and flag the parent rows."""
    for name, info in model.model_fields.items():
        column = array.field(name) if isinstance(array, pa.StructArray) else array.column(name)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        tp, nullable = _unwrap_keep(info.annotation)
        if not nullable and column.null_count:
            flagged |= _rows_of(
                np.asarray(column.is_null().to_numpy(zero_copy_only=False)), parents
            )
        item_info: Any = info
        if get_origin(tp) is list:
            (item,) = get_args(tp)
            inner = pc.list_flatten(column)
            inner_parents = parents[
                np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False))
            ]
            column, tp, parent_of = inner, item, inner_parents
            item_info = None
        else:
            parent_of = parents
        base, _ = _unwrap_keep(tp)
        if get_origin(base) is Annotated:
            flagged |= _rows_of(_bad(column, base, None, name), parent_of)
        elif isinstance(base, type) and issubclass(base, BaseModel):
            if column.null_count:
                valid = np.asarray(column.is_valid().to_numpy(zero_copy_only=False))
                column = column.filter(pa.array(valid))
                parent_of = parent_of[valid]
            if len(column):
                _walk(column, base, parent_of, flagged)
                if {"start", "end", "exact"} <= set(base.model_fields):
                    span_len = pc.subtract(column.field("end"), column.field("start"))
                    wrong = pc.not_equal(span_len, pc.utf8_length(column.field("exact")))
                    flagged |= _rows_of(
                        np.asarray(pc.fill_null(wrong, True).to_numpy(zero_copy_only=False)),
                        parent_of,
                    )
        else:
            flagged |= _rows_of(_bad(column, base, item_info, name), parent_of)


def _fact_kinds(table: pa.Table, flagged: set[int]) -> None:
    from newsfacts.models import KIND_FORBIDDEN, KIND_REQUIRED

    kinds = table.column("kind").combine_chunks()

    def empty(name: str) -> pa.Array:
        column = table.column(name).combine_chunks()
        if pa.types.is_list(column.type):
            return pc.fill_null(pc.equal(pc.list_value_length(column), 0), True)
        return column.is_null()

    for kind, required in KIND_REQUIRED.items():
        is_kind = pc.equal(kinds, kind)
        tests = [empty(name) for name in required]
        tests += [pc.invert(empty(name)) for name in KIND_FORBIDDEN[kind]]
        bad = tests[0]
        for test in tests[1:]:
            bad = pc.or_(bad, test)
        mask = pc.fill_null(pc.and_(is_kind, bad), False)
        flagged |= set(np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False))).tolist())


def _keys(data: bytes) -> int:
    not_keys = sum(data.count(p) for p in (b'\\":', b':":', b'[":', b',":'))
    return data.count(b'":') - not_keys


def _byte_checks(path: Path) -> tuple[bool, int]:
    """One pass over a file: whether it is plain (no BOM, CR or blank line, ends with a newline)
    and how many object keys it holds.

    A key is a string followed by ``:``. ``":`` also stands where an escaped quote inside a
    string is followed by a colon (``\\":``), and where a string's first character is a colon
    (``:":`` after a key, ``[":`` or ``,":`` in an array); the keys are the rest."""
    keys = 0
    plain = True
    tail = b""
    first = True
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            if first and (chunk.startswith(b"\xef\xbb\xbf") or chunk.startswith(b"\n")):
                plain = False
            first = False
            joined = tail + chunk
            if b"\r" in chunk or b"\n\n" in joined:
                plain = False
            keys += _keys(joined) - _keys(tail)
            tail = joined[-2:]
    if tail and not tail.endswith(b"\n"):
        plain = False
    return plain, keys


def _expected_keys(model: type[BaseModel], table: pa.Table) -> int:
    """How many object keys the records hold when every field's key is present once."""

    def visit(m: type[BaseModel], count: int, column: Any) -> int:
        total = count * len(m.model_fields)
        for name, info in m.model_fields.items():
            tp, _ = _unwrap_keep(info.annotation)
            sub = column(name)
            if get_origin(tp) is list:
                item, _ = _unwrap_keep(get_args(tp)[0])
                if isinstance(item, type) and issubclass(item, BaseModel):
                    flat = pc.list_flatten(sub)
                    total += visit(item, len(flat), lambda n, flat=flat: flat.field(n))
            elif isinstance(tp, type) and issubclass(tp, BaseModel):
                valid = sub.filter(sub.is_valid())
                total += visit(tp, len(valid), lambda n, valid=valid: valid.field(n))
        return total

    return visit(model, table.num_rows, lambda n: table.column(n).combine_chunks())


def scan(root: Path, progress: Callable[[str], None] | None = None) -> Scan | None:
    """Read and check a release with whole-column operations; None where that cannot apply.

    ``progress``, if given, is told what is being done as each step starts."""
    tell = progress or (lambda step: None)
    result = Scan()
    for name in TABLES:
        path = root / f"{name}.jsonl"
        if not path.is_file() or path.stat().st_size == 0:
            return None
        tell(f"reading {name}.jsonl")
        table = read_jsonl_table(path, name)
        if table is None:
            return None
        plain, keys = _byte_checks(path)
        if not plain or keys != _expected_keys(MODELS[name], table):
            return None  # a BOM, CR, blank line or missing key: the row path says where
        result.tables[name] = table
        result.lines[name] = table.num_rows
        flagged: set[int] = set()
        ids = table.column("id")
        if pc.count_distinct(ids).as_py() != table.num_rows:
            return None
        _walk(table, MODELS[name], np.arange(table.num_rows), flagged)
        if name == "facts":
            _fact_kinds(table, flagged)
        result.flagged[name] = flagged
    tell("checking references, spans, texts and values")
    _cross_checks(result)
    for name in TABLES:
        tell(f"comparing {name}.parquet")
        result.parquet_equal[name] = parquet_equal(root / f"{name}.parquet", result.tables[name])
    tell("checking the manifest")
    return result


def read_jsonl_table(path: Path, name: str) -> pa.Table | None:
    """A JSONL table as Arrow reads it; None if Arrow refuses it (a broken line, an unknown
    field, a wrong type): the row path then says exactly what is wrong."""
    try:
        return pj.read_json(
            path,
            read_options=pj.ReadOptions(block_size=1 << 24),
            parse_options=pj.ParseOptions(
                explicit_schema=reading_schema(MODELS[name]), unexpected_field_behavior="error"
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        return None


def parquet_equal(path: Path, table: pa.Table) -> int | None:
    """The Parquet file's row count if it holds exactly ``table``'s records."""
    schema = table.schema
    try:
        found = pq.ParquetFile(path).read()
        same = found.cast(schema).equals(table.cast(schema))
    except Exception:  # pyarrow raises many types for a broken file
        return None
    return int(found.num_rows) if same else None


def _column(table: pa.Table, name: str) -> list[Any]:
    return table.column(name).to_pylist()  # type: ignore[no-any-return]


def _cross_checks(result: Scan) -> None:
    """References, spans, article texts, values and formulas, flagging what fails."""
    t = result.tables
    ids = {name: t[name].column("id").combine_chunks() for name in TABLES}

    def missing(column: pa.Array, target: str) -> np.ndarray:
        gone = pc.and_(pc.is_valid(column), pc.invert(pc.is_in(column, value_set=ids[target])))
        return np.asarray(pc.fill_null(gone, False).to_numpy(zero_copy_only=False))

    def flag_refs(table: str, name: str, target: str) -> None:
        column = t[table].column(name).combine_chunks()
        if pa.types.is_list(column.type):
            parents = np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False))
            result.flagged[table] |= _rows_of(missing(pc.list_flatten(column), target), parents)
        else:
            result.flagged[table] |= set(np.flatnonzero(missing(column, target)).tolist())

    flag_refs("articles", "source_id", "sources")
    flag_refs("articles", "related", "articles")
    flag_refs("facts", "article_id", "articles")
    flag_refs("facts", "subject_entity", "entities")
    flag_refs("facts", "object_entity", "entities")
    flag_refs("facts", "inputs", "facts")
    flag_refs("entities", "parent", "entities")
    mentions = t["entities"].column("mentions").combine_chunks()
    parents = np.asarray(pc.list_parent_indices(mentions).to_numpy(zero_copy_only=False))
    flat = pc.list_flatten(mentions)
    result.flagged["entities"] |= _rows_of(missing(flat.field("article_id"), "articles"), parents)

    sources = dict(zip(_column(t["sources"], "id"), _column(t["sources"], "text")))
    for i, (text, sha) in enumerate(zip(sources.values(), _column(t["sources"], "sha256"))):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            result.flagged["sources"].add(i)
    texts = _check_articles(t["articles"], sources, result.flagged["articles"])
    _check_facts(t["facts"], texts, result.flagged["facts"])
    for k, (article_id, start, end, exact, prefix, suffix) in enumerate(
        zip(
            *(
                flat.field(n).to_pylist()
                for n in ("article_id", "start", "end", "exact", "prefix", "suffix")
            )
        )
    ):
        text = texts.get(article_id)
        if text is not None and not _span_holds(text, start, end, exact, prefix, suffix):
            result.flagged["entities"].add(int(parents[k]))


def _span_holds(text: str, start: int, end: int, exact: str, prefix: str, suffix: str) -> bool:
    return (
        end <= len(text)
        and text[start:end] == exact
        and text[max(0, start - len(prefix)) : start] == prefix
        and text[end : end + len(suffix)] == suffix
    )


def _check_articles(table: pa.Table, sources: dict[str, str], flagged: set[int]) -> dict[str, str]:
    columns = {
        name: _column(table, name)
        for name in (
            "id",
            "source_id",
            "text",
            "segments",
            "edits",
            "elements",
            "sections",
            "flags",
        )
    }
    texts: dict[str, str] = {}
    for i, article_id in enumerate(columns["id"]):
        text = columns["text"][i]
        texts[article_id] = text
        source = sources.get(columns["source_id"][i])
        if source is None:
            continue  # a dangling source is flagged already
        edits = columns["edits"][i]
        try:  # assemble reads only start, end, before and after: plain namespaces will do
            built = assemble(
                source,
                [cast(Segment, SimpleNamespace(**s)) for s in columns["segments"][i]],
                [cast(Edit, SimpleNamespace(**e)) for e in edits],
            ).text
        except AssemblyError:
            flagged.add(i)
            continue
        ok = built == text
        ok = ok and all(source[e["start"] : e["end"]] == e["exact"] for e in columns["elements"][i])
        ok = ok and all(text[s["start"] : s["end"]] == s["heading"] for s in columns["sections"][i])
        for f in columns["flags"][i]:
            span = f["span"]
            if span is not None and not _span_holds(text, **span):
                ok = False
        if not ok:
            flagged.add(i)
    return texts


def _check_facts(table: pa.Table, texts: dict[str, str], flagged: set[int]) -> None:
    from newsfacts.checks import _read_quantity
    from newsfacts.formula import FormulaError, evaluate

    columns = {
        name: _column(table, name)
        for name in ("id", "article_id", "value", "value_text", "qualifier", "inputs", "formula")
    }
    evidence = table.column("evidence").combine_chunks()
    spans = zip(
        *(evidence.field(n).to_pylist() for n in ("start", "end", "exact", "prefix", "suffix"))
    )
    values = dict(zip(columns["id"], columns["value"]))
    for i, (start, end, exact, prefix, suffix) in enumerate(spans):
        text = texts.get(columns["article_id"][i])
        if text is not None and not _span_holds(text, start, end, exact, prefix, suffix):
            flagged.add(i)
            continue
        value, value_text = columns["value"][i], columns["value_text"][i]
        if value_text is not None:
            if value_text not in exact:
                flagged.add(i)
                continue
            if value is not None:
                reading = _read_quantity(value_text)
                if (
                    reading is None
                    or reading.value is None
                    or not math.isclose(reading.value, value, rel_tol=1e-9)
                    or reading.qualifier != columns["qualifier"][i]
                ):
                    flagged.add(i)
                    continue
        formula = columns["formula"][i]
        if formula is not None and value is not None:
            inputs = [values.get(ref) for ref in columns["inputs"][i]]
            if all(v is not None for v in inputs):
                try:
                    result = evaluate(formula, inputs)  # type: ignore[arg-type]
                except FormulaError:
                    flagged.add(i)
                    continue
                if not math.isclose(result, value, rel_tol=1e-9):
                    flagged.add(i)


def lines_of(path: Path, wanted: set[int]) -> Iterator[tuple[int, bytes]]:
    """The (0-based index, bytes) of the wanted lines of a file, in order."""
    if not wanted:
        return
    last = max(wanted)
    with path.open("rb") as handle:
        for index, line in enumerate(handle):
            if index in wanted:
                yield index, line.rstrip(b"\n")
            if index >= last:
                return
