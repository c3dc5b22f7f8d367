"""The rules of the models as Arrow kernels over whole columns.

A record model's fields (vocabularies, id patterns, lengths, ranges, dates, required values,
nested records and lists of them, which fields a fact of each kind has) are checked over a
table's columns at once; each check gives the rows that break a rule, for the row-by-row
checks of :mod:`newsfacts.validation.checks` to explain.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from newsfacts.models import unwrap

__all__ = ["fact_kinds", "keys", "nulls", "rows_of", "walk"]

#: Fields checked as ISO dates by the models.
DATE_FIELDS = {"date", "period_start", "period_end", "as_of"}


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
    year_zero = pc.starts_with(array, "0000")  # no such year in Python's calendar
    return pc.or_(pc.invert(pc.and_(shape, real)), pc.fill_null(year_zero, False))


def rows_of(values: np.ndarray, parents: np.ndarray) -> set[int]:
    return {int(p) for p in parents[values]}


def walk(array: pa.Array, model: type[BaseModel], parents: np.ndarray, flagged: set[int]) -> None:
    """Check every field of a struct array (or a table's columns) and flag the parent rows."""
    for name, info in model.model_fields.items():
        column = array.field(name) if isinstance(array, pa.StructArray) else array.column(name)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        tp, nullable = _unwrap_keep(info.annotation)
        if not nullable and column.null_count:
            flagged |= rows_of(np.asarray(column.is_null().to_numpy(zero_copy_only=False)), parents)
        item_info: Any = info
        if get_origin(tp) is list:
            (item,) = get_args(tp)
            inner = pc.list_flatten(column)
            inner_parents = parents[
                np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False))
            ]
            if inner.null_count and not _unwrap_keep(item)[1]:
                flagged |= rows_of(
                    np.asarray(inner.is_null().to_numpy(zero_copy_only=False)), inner_parents
                )
            column, tp, parent_of = inner, item, inner_parents
            item_info = None
        else:
            parent_of = parents
        base, _ = _unwrap_keep(tp)
        if get_origin(base) is Annotated:
            flagged |= rows_of(_bad(column, base, None, name), parent_of)
        elif isinstance(base, type) and issubclass(base, BaseModel):
            if column.null_count:
                valid = np.asarray(column.is_valid().to_numpy(zero_copy_only=False))
                column = column.filter(pa.array(valid))
                parent_of = parent_of[valid]
            if len(column):
                walk(column, base, parent_of, flagged)
                if {"start", "end", "exact"} <= set(base.model_fields):
                    span_len = pc.subtract(column.field("end"), column.field("start"))
                    wrong = pc.not_equal(span_len, pc.utf8_length(column.field("exact")))
                    flagged |= rows_of(
                        np.asarray(pc.fill_null(wrong, True).to_numpy(zero_copy_only=False)),
                        parent_of,
                    )
        else:
            flagged |= rows_of(_bad(column, base, item_info, name), parent_of)


def fact_kinds(table: pa.Table, offset: int, flagged: set[int]) -> None:
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
        rows = np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False))) + offset
        flagged |= set(rows.tolist())


def _nested(
    model: type[BaseModel], records: pa.Table | pa.StructArray
) -> Iterator[tuple[pa.Array, type[BaseModel] | None, pa.Array | None]]:
    """Each field's values, with the model and the valid records of a nested record field (a
    record, or the items of a list of records), if it is one."""
    for name, info in model.model_fields.items():
        tp, _ = _unwrap_keep(info.annotation)
        if isinstance(records, pa.Table):
            values = records.column(name).combine_chunks()
        else:
            values = records.field(name)
        if get_origin(tp) is list:
            item, _ = _unwrap_keep(get_args(tp)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                flat = pc.list_flatten(values)
                yield values, item, flat.filter(flat.is_valid())
                continue
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            yield values, tp, values.filter(values.is_valid())
            continue
        yield values, None, None


def nulls(model: type[BaseModel], records: pa.Table | pa.StructArray) -> int:
    """How many nulls the fields of the records hold, nested records included (a null item
    of a list aside): each must stand in the JSON as an explicit ``"key":null``, since a
    missing key reads as null too. Required fields count as well, so that a null written
    where none may stand cannot make up for a missing key elsewhere."""
    total = 0
    for values, inner, valid in _nested(model, records):
        total += values.null_count
        if inner is not None:
            total += nulls(inner, valid)
    return total


def keys(model: type[BaseModel], records: pa.Table | pa.StructArray) -> int:
    """How many keys the JSON of the records holds, nested records included: every field of
    every record (a missing key is caught by :func:`nulls`), so that a key given twice makes
    the JSON's count higher."""
    total = len(records) * len(model.model_fields)
    for _, inner, valid in _nested(model, records):
        if inner is not None:
            total += keys(inner, valid)
    return total
