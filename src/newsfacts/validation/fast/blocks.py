"""A release's JSONL files read a block of whole lines at a time, next to their Parquet copies.

Arrow parses a block into a table (refusing broken lines, unknown fields and wrong types), the
same rows of the Parquet copy are read a row group at a time and compared with it, and the
block's lines and explicit nulls are counted in its bytes. A release held in Parquet alone (a
partition of an archive) is read in blocks of its row groups by :func:`parquet_blocks` instead.
:func:`line_blocks` reads a file's blocks in order; :func:`parsed` parses each by itself, so
that a scan parses several at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
import pyarrow.parquet as pq

from newsfacts.models import MODELS
from newsfacts.release.formats import holds_as, reading_schema, relaxed
from newsfacts.release.reading import MAX_LINE_BYTES, arrow_path

__all__ = [
    "BLOCK_BYTES",
    "MAX_LINE_BYTES",
    "Block",
    "Lines",
    "Refused",
    "line_blocks",
    "lines_of",
    "parquet_blocks",
    "parquet_equal",
    "parsed",
    "read_jsonl_table",
]

#: The JSONL bytes checked at a time (whole lines: a block ends at a line's end).
BLOCK_BYTES = 8 << 20
#: A line longer than this is reported, not parsed (a release line is a few KB); the fast path
#: leaves such a file to the row path.


#: The bytes that cannot precede the closing quote of a key (a field name): ``\``, ``:``,
#: ``,``, ``[`` and blanks (after which a quote opens a string: ``"notes": ":null"``).
_NOT_A_KEY_END = np.array([92, 58, 44, 91, 32, 9, 13], dtype=np.uint8)


def _lines(block: bytes | bytearray | memoryview) -> int:
    """How many lines a block holds; refused if one is over the limit (only so long a block
    can hold one)."""
    a = np.frombuffer(block, dtype=np.uint8)
    if len(a) > MAX_LINE_BYTES:
        ends = np.flatnonzero(a == 10)
        if len(ends) and int(np.diff(ends, prepend=-1).max()) - 1 > MAX_LINE_BYTES:
            raise Refused  # the row path reports a line over the limit
        return len(ends)
    return int(np.count_nonzero(a == 10))


def _key_counts(block: bytes | bytearray | memoryview) -> tuple[int, int]:
    """How many explicit ``"key":null`` a block of JSON lines holds, and how many keys
    (``"key":``). Inside a string every quote is escaped, so an unescaped ``":`` ends a key or
    opens a string that starts with a colon (``"suffix":":..."``): that quote follows ``:``,
    ``,``, ``[`` or a blank, never a field name's last letter. A count too high sends the block
    to the row path; a key given twice makes it too high. Counted with numpy, which lets go of
    the GIL while it counts."""
    a = np.frombuffer(block, dtype=np.uint8)
    colon = np.flatnonzero(a[2:] == 58) + 2
    # a key's closing quote: not escaped, and not the opening quote of a string that starts
    # with a colon (which follows ':', ',' or '[', or a blank where the JSON is not compact)
    before = a[colon - 2]
    colon = colon[(a[colon - 1] == 34) & ~np.isin(before, _NOT_A_KEY_END)]
    keys = len(colon)
    colon = colon[colon + 4 < len(a)]  # room for "null" after it
    colon = colon[a[colon + 1] == 110]
    null = (a[colon + 2] == 117) & (a[colon + 3] == 108) & (a[colon + 4] == 108)
    return int(np.count_nonzero(null)), keys


class Refused(Exception):
    """A file the fast path cannot read: the row path says exactly what is wrong."""


@dataclass
class Block:
    """A block of whole lines of a JSONL file, read and compared with the Parquet copy."""

    offset: int  #: the 0-based row of its first line
    table: pa.Table  #: its records, as Arrow reads them
    #: the explicit nulls in its bytes (None for Parquet, which has no bytes of its own to count)
    nulls: int | None
    #: the keys in its bytes: more than its records have fields if one is given twice
    keys: int | None
    parquet_same: bool  #: whether the Parquet copy holds the same records at the same rows
    done: float  #: the share of the file read so far


@dataclass
class Lines:
    """A block of whole lines of a JSONL file as read, not yet parsed, with the same rows of
    its Parquet copy (None where the copy has no such rows or does not read). Without bytes,
    it says that the Parquet copy has more rows than the JSONL."""

    offset: int  #: the 0-based row of its first line
    data: memoryview  #: its bytes
    lines: int
    parquet: pa.Table | None
    done: float  #: the share of the file read so far


def _line_blocks(path: Path) -> Iterator[tuple[memoryview, int]]:
    """The file in blocks of about BLOCK_BYTES that end at a line's end, with the bytes read so
    far; refused if it starts with a byte-order mark or its last line has no newline. Each
    block is read into memory of its own; a line cut at the block's end is read again with
    the next block (which costs less than copying or zeroing the block)."""
    with path.open("rb") as handle:  # buffered: a read returns all it asks for, up to the end
        read = 0
        size = BLOCK_BYTES
        while True:
            handle.seek(read)
            chunk = handle.read(size)
            if not chunk:
                return
            if not read and chunk.startswith(b"\xef\xbb\xbf"):
                raise Refused
            cut = chunk.rfind(b"\n") + 1
            if chunk.find(b"\r", 0, cut) >= 0:
                raise Refused  # a CRLF ending (or a CR between records): the row path says
            if not cut:  # a line longer than the block: read again with room for it
                if len(chunk) < size or size > MAX_LINE_BYTES:
                    raise Refused  # the last line has no newline, or is over the limit
                size *= 2
                continue
            read += cut
            size = BLOCK_BYTES
            yield memoryview(chunk)[:cut], read


def _parse_options(name: str) -> pj.ParseOptions:
    """Arrow reads a table's lines with its schema and refuses fields outside it."""
    return pj.ParseOptions(
        explicit_schema=reading_schema(MODELS[name]), unexpected_field_behavior="error"
    )


def _parse(block: memoryview, name: str, lines: int) -> tuple[pa.Table, int, int]:
    """A block's records as one Arrow table, and the explicit nulls and the keys in its
    bytes; refused if Arrow refuses a line, or if the lines and the records do not pair up
    (a blank line, two records on a line). One thread parses a block: a scan parses several
    at once (:func:`parsed` in a pool)."""
    nulls, keys = _key_counts(block)
    options = _parse_options(name)
    try:
        table = pj.read_json(
            pa.BufferReader(pa.py_buffer(block)),
            read_options=pj.ReadOptions(block_size=len(block) + 1, use_threads=False),
            parse_options=options,
        )
        table.validate(full=True)  # Arrow's JSON reader leaves a string that is not UTF-8
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as exc:
        raise Refused from exc
    if table.num_rows != lines:
        raise Refused
    for column in table.columns:  # NaN or Infinity: no JSON number, though Arrow reads them
        if pa.types.is_floating(column.type) and not pc.all(pc.is_finite(column)).as_py():
            raise Refused
    return table.combine_chunks(), nulls, keys


def _row_groups(file: pq.ParquetFile) -> Iterator[pa.RecordBatch]:
    """A Parquet file a row group at a time (``iter_batches`` would read across row groups to
    fill a batch: many groups at once where they are small); closed when done with. One
    thread decodes a group: the scan's other stages keep the other cores busy."""
    with file:
        for group in range(file.num_row_groups):
            yield from file.read_row_group(group, use_threads=False).to_batches()


class _ParquetRows:
    """The rows of a Parquet file, handed out in runs of any length; None once the file cannot
    be read or has run out."""

    def __init__(self, path: Path) -> None:
        self._buffer: list[pa.RecordBatch] = []
        self._buffered = 0
        try:
            self._batches: Iterator[pa.RecordBatch] | None = _row_groups(
                pq.ParquetFile(arrow_path(path))
            )
        except Exception:  # pyarrow raises many types for a broken file
            self._batches = None

    def take(self, count: int) -> pa.Table | None:
        try:
            while self._batches is not None and self._buffered < count:
                batch = next(self._batches, None)
                if batch is None:
                    break
                self._buffer.append(batch)
                self._buffered += batch.num_rows
        except Exception:
            self._batches = None
        if self._batches is None or self._buffered < count:
            self._batches = None
            return None
        table = pa.Table.from_batches(self._buffer)
        self._buffer = table.slice(count).to_batches()
        self._buffered -= count
        return table.slice(0, count)

    def exhausted(self) -> bool:
        return self._batches is not None and self._buffered == 0 and self.take(1) is None


def _same(found: pa.Table | None, table: pa.Table) -> bool:
    """Whether Parquet rows hold the same records as JSONL rows Arrow read."""
    if found is None:
        return False
    names = set(found.schema.names)
    if not all(
        holds_as(found.schema.field(f.name).type, f.type) for f in table.schema if f.name in names
    ):
        return False  # "1022.0" casts to the number, but a column of strings is no copy
    try:
        return bool(found.cast(table.schema).equals(table))
    except Exception:  # a Parquet schema that does not cast
        return False


def line_blocks(root: Path, name: str) -> Iterator[Lines]:
    """The blocks of a table's JSONL file as read, each with the same rows of its Parquet
    copy: what must be done in order, one block after the other (:func:`parsed` does the
    rest, a block at a time, in any order)."""
    path = root / f"{name}.jsonl"
    size = path.stat().st_size
    parquet = _ParquetRows(root / f"{name}.parquet")
    offset = 0
    for data, read in _line_blocks(path):
        lines = _lines(data)
        yield Lines(offset, data, lines, parquet.take(lines), read / size)
        offset += lines
    if not parquet.exhausted():
        yield Lines(offset, memoryview(b""), 0, None, 1.0)  # the Parquet copy has more rows


def parsed(name: str, lines: Lines) -> Block:
    """A block of lines parsed, counted and compared with its Parquet rows."""
    if not len(lines.data):
        return Block(lines.offset, pa.table({}), 0, 0, False, 1.0)
    table, nulls, keys = _parse(lines.data, name, lines.lines)
    same = _same(lines.parquet, table)
    return Block(lines.offset, table, nulls, keys, same, lines.done)


def parquet_blocks(root: Path, name: str) -> Iterator[Block]:
    """A table's Parquet file in blocks of about :data:`BLOCK_BYTES` of Arrow data (a row
    group in several where it is larger), where the release holds no JSONL copy: each checked
    as Arrow reads it. Refused unless the file has exactly the table's columns and types
    (nullability aside) and its strings are UTF-8: the row path then reports what is wrong, as
    it would have without this path."""
    schema = reading_schema(MODELS[name])
    try:
        file = pq.ParquetFile(arrow_path(root / f"{name}.parquet"))
    except Exception as exc:  # pyarrow raises many types for a broken file
        raise Refused from exc
    with file:
        if not relaxed(file.schema_arrow).equals(schema):
            raise Refused
        meta = file.metadata
        rows = max(1, meta.num_rows)
        offset = 0
        for group in range(file.num_row_groups):
            info = meta.row_group(group)
            size = max(1, info.num_rows * BLOCK_BYTES // max(1, info.total_byte_size))
            try:
                for batch in file.iter_batches(
                    batch_size=size, row_groups=[group], use_threads=False
                ):
                    table = pa.Table.from_batches([batch]).cast(schema)
                    table.validate(full=True)  # a string that is not UTF-8
                    yield Block(offset, table, None, None, True, (offset + len(table)) / rows)
                    offset += len(table)
            except (pa.ArrowException, OSError, ValueError) as exc:
                raise Refused from exc


def read_jsonl_table(path: Path, name: str) -> pa.Table | None:
    """A JSONL table as Arrow reads it; None if Arrow refuses it (a broken line, an unknown
    field, a wrong type): the row path then says exactly what is wrong."""
    try:
        return pj.read_json(
            arrow_path(path),
            read_options=pj.ReadOptions(block_size=1 << 24),
            parse_options=_parse_options(name),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        return None


def parquet_equal(path: Path, table: pa.Table) -> int | None:
    """The Parquet file's row count if it holds exactly ``table``'s records."""
    try:
        with pq.ParquetFile(arrow_path(path)) as file:
            found = file.read()
    except Exception:  # pyarrow raises many types for a broken file
        return None
    return int(found.num_rows) if _same(found, table) else None


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
