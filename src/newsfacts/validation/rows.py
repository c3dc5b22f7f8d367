"""The row path: every line of a JSONL file (or row of a Parquet copy) read into a row,
and each row checked against its model (and, when asked, the published JSON Schema).

This is the path for input that does not even parse: a broken line, a key given twice, a lone
surrogate, a line over the limit are each reported at their line, and the rest is read on.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from newsfacts.models import MODELS
from newsfacts.models.messages import describe, json_path
from newsfacts.release.reading import (
    MAX_LINE_BYTES,
    DuplicateKey,
    loads,
    read_parquet_table,
    unique_pairs,
)
from newsfacts.release.schemas import TABLE_SCHEMAS, json_schema
from newsfacts.validation.report import Report

__all__ = [
    "Row",
    "lone_surrogates",
    "model_problems",
    "read_jsonl",
    "read_parquet",
    "schema_validator",
    "validate_models",
    "validate_schemas",
]

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


def model_problems(
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
        data = read_parquet_table(path).to_pylist()
    except Exception as exc:  # pyarrow raises many types for a broken file
        report.add("file-unreadable", f"{name} is not a readable Parquet file: {exc}", file=name)
        return None
    return [Row(name, i, record) for i, record in enumerate(data, 1)]


def validate_models(rows: list[Row], table: str, report: Report) -> None:
    model = MODELS[table]
    for row in rows:
        if row.model is not None:
            continue  # validated as it was read
        try:
            row.model = model.model_validate(row.data)
        except ValidationError as exc:
            model_problems(report, row, exc, model)


def validate_schemas(rows: list[Row], table: str, report: Report) -> None:
    """The published JSON Schema must accept every record the model accepts."""
    validator = schema_validator(TABLE_SCHEMAS[table])
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
def schema_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(name))
