"""What the fast path holds between blocks: the texts of a table, read from its Parquet copy a
row group at a time (two held at most), the columns kept for the checks at the end
(references whose target may come later, formulas), and id lookups over sorted ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsfacts.models import TABLES
from newsfacts.release.reading import arrow_path
from newsfacts.validation.fast.vectors import Texts

__all__ = ["Kept", "TextStore", "any_twice", "keep_refs", "row_group_of", "rows_in"]


def row_group_of(path: Path, row: int) -> tuple[int, pa.Table]:
    """The first row and the rows of the Parquet row group that holds ``row``."""
    with pq.ParquetFile(arrow_path(path)) as file:
        starts = _group_starts(file)
        number = int(np.searchsorted(starts, row, side="right")) - 1
        return int(starts[number]), file.read_row_group(number)


def _group_starts(file: pq.ParquetFile) -> np.ndarray:
    """The first row of each row group of a Parquet file, and its row count last."""
    meta = file.metadata
    return np.cumsum([0, *(meta.row_group(i).num_rows for i in range(meta.num_row_groups))])


class TextStore:
    """The texts of a table checked before (whose Parquet copy equals its JSONL), looked up by
    row a Parquet row group at a time: the memory of ``keep`` row groups (those read last),
    whatever the table's size. Safe to share between threads: a group is read and decoded by
    one of them at a time, and a group let go stays whole for a thread still using it."""

    def __init__(self, path: Path, ids: pa.ChunkedArray, keep: int = 1) -> None:
        self._file = pq.ParquetFile(arrow_path(path))
        self._starts = _group_starts(self._file)
        self._ids = ids
        self._keep = keep
        self._held: dict[int, Texts] = {}  #: by row group, the one read longest ago first
        self._lock = Lock()

    def close(self) -> None:
        self._file.close()

    def rows(self, refs: pa.Array) -> np.ndarray:
        """The row of each id in ``refs``; -1 where none has it (or the reference is null)."""
        return rows_in(refs, self._ids)

    def groups(self, rows: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, Texts]]:
        """For each row group the given rows fall in: the positions in ``rows`` of those rows,
        their rows within the group, and the group."""
        group = np.searchsorted(self._starts, rows, side="right") - 1
        wanted = np.unique(group[rows >= 0]).tolist()
        wanted.sort(key=lambda g: g not in self._held)  # the groups held go first
        for g in wanted:
            positions = np.flatnonzero((group == g) & (rows >= 0))
            yield positions, rows[positions] - self._starts[g], self._load(g)

    def _load(self, number: int) -> Texts:
        with self._lock:
            texts = self._held.pop(number, None)
            if texts is None:
                while len(self._held) >= self._keep:  # let the oldest go first
                    del self._held[next(iter(self._held))]
                # one column in one thread: the scan's other stages keep the other cores busy
                column = self._file.read_row_group(number, columns=["text"], use_threads=False)
                texts = Texts(column.column(0).combine_chunks())  # decoded once, here
            self._held[number] = texts
            return texts


@dataclass
class Kept:
    """What is kept of every block for the checks at the end: ids, references, fact values."""

    ids: dict[str, list[pa.Array]] = field(default_factory=lambda: {n: [] for n in TABLES})
    #: (table, target table, referenced ids, the row of each)
    refs: list[tuple[str, str, pa.Array, np.ndarray]] = field(default_factory=list)
    values: list[pa.Array] = field(default_factory=list)
    #: (row, formula, inputs, value) of each derived fact
    formulas: list[tuple[int, str, list[str], float]] = field(default_factory=list)


#: The references checked at the end (their target may come later): table, field, target.
_LATER_REFS = (
    ("articles", "related", "articles"),
    ("facts", "subject_entity", "entities"),
    ("facts", "object_entity", "entities"),
    ("facts", "inputs", "facts"),
    ("entities", "parent", "entities"),
)


def keep_refs(kept: Kept, name: str, table: pa.Table, rows: np.ndarray) -> None:
    for source, column_name, target in _LATER_REFS:
        if source != name:
            continue
        column = table.column(column_name).chunk(0)
        parents = rows
        if pa.types.is_list(column.type):
            indices = pc.list_parent_indices(column).to_numpy(zero_copy_only=False)
            parents = rows[np.asarray(indices)]
            column = pc.list_flatten(column)
        present = np.asarray(column.is_valid().to_numpy(zero_copy_only=False))
        if present.any():
            kept.refs.append((name, target, column.filter(pa.array(present)), parents[present]))


def any_twice(ids: pa.ChunkedArray) -> bool:
    """Whether an id stands twice: sorted, a twice-used id stands next to itself (sorting
    strings is several times quicker than hashing them here)."""
    if len(ids) < 2:
        return False
    ordered = ids.take(pc.sort_indices(ids)).combine_chunks()
    return bool(pc.any(pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))).as_py())


def rows_in(refs: pa.Array | pa.ChunkedArray, ids: pa.ChunkedArray) -> np.ndarray:
    """The row of each reference among unique ``ids``; -1 for a dangling or null one. The
    hash table is built over the distinct references and probed with the ids (there are
    usually far fewer references than ids)."""
    distinct = pc.unique(refs).drop_null()
    found = pc.index_in(ids, value_set=distinct)
    at = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False))
    row_of = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the last: for null references
    hits = np.flatnonzero(at >= 0)
    row_of[at[hits]] = hits
    which = pc.fill_null(pc.index_in(refs, value_set=distinct), len(distinct))
    return np.asarray(row_of[np.asarray(which.to_numpy(zero_copy_only=False))])
