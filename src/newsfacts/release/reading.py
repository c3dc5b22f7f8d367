"""The one guarded way to read a release's files: regular files inside the release only,
bounded in size, decoded as strict UTF-8 JSON with no key given twice and a bounded nesting.

A file is opened only if it is a regular file (checked with ``os.lstat`` before it is opened,
so a FIFO or a device is never opened and cannot hang or flood a reader); a symbolic link is
followed only when it resolves to a regular file inside the release directory. Every failure
raises :class:`LoadError` with the message ``file:line: reason``.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "FORMATS",
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "DuplicateKey",
    "LoadError",
    "arrow_path",
    "check_file",
    "json_lines",
    "loads",
    "parquet_rows",
    "read_json",
    "read_parquet_table",
    "read_regular",
    "records",
    "release_formats",
]

#: The formats a release holds its tables in, in the order they are read: a release may hold
#: both (the packaged one does) or either alone (``newsfacts export --format parquet``).
FORMATS = ("jsonl", "parquet")

#: The largest manifest or metadata JSON file read (bytes).
MAX_JSON_BYTES = 64 * 1024 * 1024
#: The largest JSONL line read (bytes): the same limit as the fast path's blocks.
MAX_LINE_BYTES = 16 * 1024 * 1024


class LoadError(Exception):
    """A release that cannot be loaded; the message names the file, line and field."""


class DuplicateKey(ValueError):
    """A JSON object that gives the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(f"key {key!r} is given twice in one object")
        self.key = key


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def loads(text: str | bytes) -> Any:
    """JSON ``text`` decoded; ValueError on broken JSON, a duplicate key or too deep nesting."""
    try:
        return json.loads(text, object_pairs_hook=unique_pairs)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


def check_file(path: Path, root: Path) -> str | None:
    """Why ``path`` may not be read as a file of the release ``root``; None if it may."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
            inside = target.is_relative_to(root.resolve(strict=True))
            info = os.stat(target)
        except (OSError, RuntimeError):
            return "it is a broken symbolic link"
        if not inside:
            return "it is a symbolic link to a file outside the release"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    return None


def read_regular(path: Path) -> bytes:
    """The bytes of a file a person keeps (a curated file, a page): OSError where it is no
    regular file, whose read could wait for ever (a FIFO) or never end (/dev/zero)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(f"{path}: it is not a regular file")
    return path.read_bytes()


def _open(path: Path, root: Path) -> Any:
    reason = check_file(path, root)
    if reason is not None:
        raise LoadError(f"{path}: cannot be read: {reason}")
    try:
        return path.open("rb")
    except OSError as exc:
        raise LoadError(f"{path}: cannot be read: {exc.strerror}") from None


def read_json(path: Path, root: Path, limit: int = MAX_JSON_BYTES) -> Any:
    """The JSON document in ``path``, a file of the release ``root``."""
    with _open(path, root) as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise LoadError(f"{path}: cannot be read: it is over the limit of {limit:,} bytes")
    try:
        return loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(f"{path}:{line}: not valid UTF-8: {exc.reason}") from None
    except ValueError as exc:
        raise LoadError(f"{path}:1: not valid JSON: {exc}") from None


def json_lines(path: Path, root: Path, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, Any]]:
    """The line numbers and JSON values of the lines of ``path``, a JSONL file of ``root``."""
    with _open(path, root) as handle:
        number = 0
        while True:
            raw = handle.readline(limit + 2)
            if not raw:
                return
            number += 1
            if len(raw.rstrip(b"\n")) > limit:
                raise LoadError(f"{path}:{number}: the line is over the limit of {limit:,} bytes")
            try:
                value = loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise LoadError(f"{path}:{number}: not valid UTF-8: {exc.reason}") from None
            except ValueError as exc:
                raise LoadError(f"{path}:{number}: not valid JSON: {exc}") from None
            yield number, value


def arrow_path(path: Path) -> Any:
    """``path`` as pyarrow can open it: the path, or an open file where the path is not UTF-8
    (a folder named with other bytes), which pyarrow cannot encode."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return open(path, "rb")
    return text


def read_parquet_table(path: Path) -> Any:
    """The whole table of a Parquet file, its strings checked to be UTF-8; ValueError (or
    OSError) where it cannot be read."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(arrow_path(path)) as file:
        table = file.read()
    table.validate(full=True)  # a string that is not UTF-8 is refused here, not in to_pylist
    return table


def parquet_rows(path: Path, root: Path) -> Iterator[tuple[int, Any]]:
    """The 1-based row numbers and records (as JSON-like dicts) of ``path``, a Parquet file of
    ``root``, read through the same guard as every other file (a regular file inside the
    release; Parquet's own footer bounds what is read)."""
    reason = check_file(path, root)
    if reason is not None:
        raise LoadError(f"{path}: cannot be read: {reason}")
    try:
        table = read_parquet_table(path)
        rows = table.to_pylist()
    except Exception as exc:  # pyarrow raises many types for a broken file
        raise LoadError(f"{path}: cannot be read as Parquet: {exc}") from None
    yield from enumerate(rows, 1)


def release_formats(root: Path, tables: tuple[str, ...]) -> tuple[str, ...]:
    """The formats of :data:`FORMATS` that the release ``root`` holds at least one of
    ``tables`` in (whether or not the file can be read)."""
    return tuple(
        fmt
        for fmt in FORMATS
        if any(check_file(root / f"{t}.{fmt}", root) != "no such file" for t in tables)
    )


def records(root: Path, table: str, fmt: str) -> Iterator[tuple[int, Any]]:
    """The line (or row) numbers and records of ``table`` in the release ``root``, from its
    ``fmt`` copy."""
    path = root / f"{table}.{fmt}"
    return json_lines(path, root) if fmt == "jsonl" else parquet_rows(path, root)
