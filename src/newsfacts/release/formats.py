"""How a table's records are written in each format: compact JSON lines in the model's field
order (two writes of the same records are byte-identical), Arrow schemas derived from the
models for Parquet (nested models become structs, lists lists, ``Literal`` values strings), and
CSV cells.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

__all__ = [
    "PARQUET_OPTIONS",
    "ROW_GROUP_BYTES",
    "arrow_schema",
    "dump_line",
    "holds_as",
    "reading_schema",
    "records_to_table",
    "write_csv",
]

PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9}
#: A Parquet row group is written once this many bytes of Arrow data are buffered: row groups
#: of tens of MB read fast, and the writer's memory stays bounded by one of them.
ROW_GROUP_BYTES = 32 << 20


def _arrow_type(tp: Any) -> pa.DataType:
    origin = get_origin(tp)
    if origin is Annotated:
        return _arrow_type(get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _arrow_type(inner)
    if origin is Literal:
        kinds = {type(a) for a in get_args(tp)}
        if kinds != {str}:
            raise TypeError(f"only string literals map to Arrow: {tp}")
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(get_args(tp)[0]))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return pa.struct(list(arrow_schema(tp)))
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in simple:
        return simple[tp]
    raise TypeError(f"no Arrow type for {tp!r}")


def _nullable(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType) and type(None) in get_args(tp)


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a model: one field per model field, nullable where it is optional."""
    return pa.schema(
        [
            pa.field(name, _arrow_type(info.annotation), nullable=_nullable(info.annotation))
            for name, info in model.model_fields.items()
        ]
    )


def _relaxed(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _relaxed(f.type), nullable=True) for f in kind])
    if pa.types.is_list(kind):
        return pa.list_(_relaxed(kind.value_type))
    return kind


def relaxed(schema: pa.Schema) -> pa.Schema:
    """``schema`` with every field nullable, nested ones included (and lists' items named as
    Arrow names them), without its metadata."""
    return pa.schema([pa.field(f.name, _relaxed(f.type), nullable=True) for f in schema])


def reading_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema with every field nullable, nested ones included: what Arrow's JSON
    reader is given, so that a null optional record (a flag without a span) whose fields are
    required inside it reads; whether required values are there is checked afterwards."""
    return relaxed(arrow_schema(model))


def holds_as(found: pa.DataType, expected: pa.DataType) -> bool:
    """Whether a column of type ``found`` holds the values of one of type ``expected``, as JSON
    has them: a string of any width or dictionary-encoded, an integer of any width (also
    where a number is expected), a list of any width, a struct with the expected fields; a
    column of nulls holds anything. ``"1022.0"`` is no number, whatever a cast would make of
    it."""
    if pa.types.is_dictionary(found):
        found = found.value_type
    if pa.types.is_null(found):
        return True
    if pa.types.is_string(expected) or pa.types.is_large_string(expected):
        return bool(pa.types.is_string(found) or pa.types.is_large_string(found))
    if pa.types.is_integer(expected):
        return bool(pa.types.is_integer(found))
    if pa.types.is_floating(expected):
        return bool(pa.types.is_floating(found) or pa.types.is_integer(found))
    if pa.types.is_list(expected) or pa.types.is_large_list(expected):
        listed = pa.types.is_list(found) or pa.types.is_large_list(found)
        return listed and holds_as(found.value_type, expected.value_type)
    if pa.types.is_struct(expected):
        if not pa.types.is_struct(found):
            return False
        inside = {found.field(i).name: found.field(i).type for i in range(found.num_fields)}
        return all(
            holds_as(inside[field.name], field.type)
            for field in (expected.field(i) for i in range(expected.num_fields))
            if field.name in inside  # a field missing is the models' to report, row by row
        )
    return bool(found.equals(expected))


def dump_line(record: BaseModel) -> str:
    """A record as one compact JSON line (UTF-8 text, model field order, no newline)."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def records_to_table(records: Sequence[BaseModel], model: type[BaseModel]) -> pa.Table:
    """The Arrow table of records of one model."""
    rows = [r.model_dump(mode="json") for r in records]
    return pa.Table.from_pylist(rows, schema=arrow_schema(model))


def _csv_cell(value: Any) -> str:
    """Scalars as text (null as empty); nested values (lists, objects) as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(records: Sequence[BaseModel], model: type[BaseModel], path: Path) -> None:
    """One CSV file: a header of the model's fields, nested fields as JSON text in their cell."""
    import csv

    names = list(model.model_fields)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for record in records:
            row = record.model_dump(mode="json")
            writer.writerow([_csv_cell(row[name]) for name in names])
