"""The fast path of validate: a release checked a block at a time with whole-column
operations, records explained only when flagged.

Each table's JSONL file is read in blocks of whole lines next to its Parquet copy
(:mod:`newsfacts.validation.fast.blocks`, in a thread one block ahead). Each block is parsed and
checked in a pool of workers, several blocks at once (:mod:`newsfacts.validation.fast.pipeline`):
the checks it can make by itself (the models' rules as Arrow kernels over its columns,
:mod:`newsfacts.validation.fast.columns`; value texts; source hashes), then spans and article
assembly (:mod:`newsfacts.validation.fast.vectors`) against the texts of the tables checked
before (sources for articles, articles for facts and mentions), read from their Parquet copies
a row group at a time into a store the workers share. The main thread takes the checked blocks
in order. Sources and articles are read in turn, then facts and entities side by side. Ids,
the references whose target may come later, and formulas are checked at the end over the
columns kept from every block. Memory holds a few blocks per table, a few row groups of texts
and the id columns, whatever the size of the release.

A record any check flags is then explained by the row-by-row checks of
:mod:`newsfacts.validation.checks`, so every problem is reported exactly as the row path reports
it.

:func:`scan` returns None where the fast path does not apply (a line Arrow refuses, a byte
order mark, CRLF or blank lines, a missing key, an id used twice, a Parquet copy of sources or
articles that differs from its JSONL): the caller then runs the row path over everything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from newsfacts.models import MODELS, TABLES
from newsfacts.release.manifest import size_and_sha256
from newsfacts.validation.fast.blocks import (
    Block,
    Lines,
    Refused,
    line_blocks,
    parquet_blocks,
    parsed,
    read_jsonl_table,
)
from newsfacts.validation.fast.columns import fact_kinds, keys, nulls, rows_of, walk
from newsfacts.validation.fast.cross import CROSS, check_formulas, check_hashes, check_values
from newsfacts.validation.fast.memory import kept_for_reuse
from newsfacts.validation.fast.pipeline import ahead, in_order
from newsfacts.validation.fast.stores import (
    Kept,
    TextStore,
    any_twice,
    keep_refs,
    row_group_of,
    rows_in,
)

__all__ = ["Scan", "scan"]


class _Tables(dict[str, pa.Table]):
    """The JSONL tables of a release, each read whole the first time it is asked for: only the
    explanation of flagged records needs them."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, name: str) -> pa.Table:
        table = read_jsonl_table(self.root / f"{name}.jsonl", name)
        if table is None:
            raise ValueError(f"{name}.jsonl no longer reads")  # it did during the scan
        self[name] = table
        return table


@dataclass
class Scan:
    """What the fast path found: per table the line count, the rows it flagged (0-based) for
    the row path to explain, and the rows of the Parquet copy if it equals the JSONL; and the
    records themselves, read again only if something needs explaining."""

    root: Path
    #: Whether the release holds its tables in Parquet alone (no JSONL to explain from).
    parquet_only: bool = False
    lines: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, set[int]] = field(default_factory=dict)
    parquet_equal: dict[str, int | None] = field(default_factory=dict)
    #: Every table's ids in row order (once the scan has kept them all).
    ids: dict[str, pa.ChunkedArray] = field(default_factory=dict)
    #: The size and sha256 of every file of the release, worked out in a thread meanwhile.
    digests: dict[Path, Future[tuple[int, str]]] = field(default_factory=dict)
    tables: _Tables = field(init=False)
    #: The Parquet row group read last: table, first row, rows.
    _held: tuple[str, int, pa.Table] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.tables = _Tables(self.root)

    def record(self, name: str, row: int) -> dict[str, Any]:
        """The record at 0-based ``row`` of a table as a JSON object: from its Parquet copy a
        row group at a time where that equals the JSONL, else from the JSONL table."""
        if self.parquet_equal.get(name) is None:
            return dict(self.tables[name].slice(row, 1).to_pylist()[0])
        held = self._held
        if held is None or held[0] != name or not 0 <= row - held[1] < held[2].num_rows:
            held = self._held = (name, *row_group_of(self.root / f"{name}.parquet", row))
        _, start, rows = held
        return dict(rows.slice(row - start, 1).to_pylist()[0])

    def digest(self, path: Path) -> tuple[int, str]:
        """A file's size and sha256 (hashed during the scan if it was there then)."""
        found = self.digests.get(path)
        return size_and_sha256(path) if found is None else found.result()


def scan(
    root: Path, progress: Callable[[str], None] | None = None, *, parquet_only: bool = False
) -> Scan | None:
    """Read and check a release a block at a time; None where that cannot apply.

    ``progress``, if given, is told what is being done as each step starts. With
    ``parquet_only`` the release holds its tables in Parquet alone (a partition of an
    archive), read in blocks of its row groups."""
    tell = progress or (lambda step: None)
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfacts-hash")
    digests = {  # hashlib lets go of the GIL: the hashes cost no time of the checks
        path: hasher.submit(size_and_sha256, path)
        for path in sorted(root.iterdir())
        if path.is_file()
    }
    result = None
    try:
        with kept_for_reuse():
            result = _scan(root, tell, parquet_only)
    finally:
        # where the row path takes over, it hashes the files itself: stop hashing here
        hasher.shutdown(wait=False, cancel_futures=result is None)
    if result is not None:
        result.digests = digests
    return result


#: The tables read in each pass, in order. Facts and entities are read side by side: both
#: check spans of the articles' texts, which follow the articles' order in each, so each row
#: group of those texts is read and decoded once for the two.
_PASSES = (("sources",), ("articles",), ("facts", "entities"))

_Checked = Generator[tuple[Block, set[int] | None, Kept], None, None]

#: The blocks parsed and checked at once, in the scan's pool (each a thread).
_WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass
class _Progress:
    """How far the scan of one table has got."""

    flagged: set[int] = field(default_factory=set)
    same: bool = True  #: whether the Parquet copy has agreed so far
    rows: int = 0
    done: float = 0.0  #: the share of the JSONL file read


def _scan(root: Path, tell: Callable[[str], None], parquet_only: bool) -> Scan | None:
    """The scan of every pass, its blocks read from each table's JSONL (next to its Parquet
    copy) or, ``parquet_only``, from its Parquet file."""
    result = Scan(root, parquet_only=parquet_only)
    read: Callable[[Path, str], Iterator[Block | Lines]]
    read, primary = (parquet_blocks, "parquet") if parquet_only else (line_blocks, "jsonl")
    kept = Kept()
    texts: dict[str, TextStore] = {}
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="newsfacts-check")
    try:
        for names in _PASSES:
            paths = [root / f"{name}.{primary}" for name in names]
            if not all(path.is_file() and path.stat().st_size for path in paths):
                return None  # a Parquet file holds its schema even without rows
            sizes = {name: path.stat().st_size for name, path in zip(names, paths)}
            label = " and ".join(names)
            tell(f"checking {label}")
            progress = {name: _Progress() for name in names}
            work = {name: partial(_checked, name, texts) for name in names}
            streams = {
                name: in_order(work[name], ahead(read(root, name)), pool, _WORKERS + 1)
                for name in names
            }
            try:
                for name, block, found, crossed in _side_by_side(streams, progress):
                    if not _check_block(name, block, found, crossed, progress[name], kept):
                        return None
                    share = sum(progress[n].done * sizes[n] for n in names) / sum(sizes.values())
                    tell(f"checking {label}: {share:.0%}")
            except Refused:
                return None
            finally:
                for stream in streams.values():
                    stream.close()  # stops its threads now, where the scan ends early
            for name, state in progress.items():
                result.lines[name] = state.rows
                result.flagged[name] = state.flagged
                result.parquet_equal[name] = state.rows if state.same else None
            pa.default_memory_pool().release_unused()  # the blocks' memory, back to the system
            for name in names:
                if name in ("sources", "articles"):
                    if not progress[name].same:
                        return None  # the texts are looked up in the Parquet copy: it must agree
                    ids = pa.chunked_array(kept.ids[name], type=pa.string())
                    # a group held for each block checked at once (the articles' texts serve
                    # two tables read side by side)
                    keep = _WORKERS + (1 if name == "articles" else 0)
                    texts[name] = TextStore(root / f"{name}.parquet", ids, keep=keep)
        tell("checking ids and references")
        if not _check_ends(kept, result):
            return None
        tell("checking the manifest")
        return result
    finally:
        pool.shutdown(cancel_futures=True)
        for store in texts.values():
            store.close()


def _side_by_side(
    streams: dict[str, _Checked], progress: dict[str, _Progress]
) -> Iterator[tuple[str, Block, set[int] | None, Kept]]:
    """The blocks of the tables of a pass, each time the next one of the table read least far
    so far (as a share of its file). Tables whose records follow the same order then need the
    same texts at the same time."""
    left = dict(streams)
    while left:
        name = min(left, key=lambda n: progress[n].done)
        item = next(left[name], None)
        if item is None:
            del left[name]
        else:
            yield name, *item


def _check_block(
    name: str,
    block: Block,
    found: set[int] | None,
    crossed: Kept,
    state: _Progress,
    kept: Kept,
) -> bool:
    """Take in a checked block, in the order of its table: its flagged rows, and what the
    checks at the end need (its ids and references, and what its checks against other tables
    kept); False where the fast path cannot apply."""
    state.done = block.done
    if not block.table.num_columns:
        state.same = False  # the Parquet copy has more rows
        return True
    if found is None:
        return False  # a missing key (or a null written another way)
    table = block.table
    state.rows = block.offset + table.num_rows
    state.flagged |= found
    kept.ids[name].append(table.column("id").chunk(0))
    keep_refs(kept, name, table, np.arange(block.offset, state.rows))
    kept.values += crossed.values
    kept.formulas += crossed.formulas
    state.same = state.same and block.parquet_same
    return True


def _checked(
    name: str, texts: dict[str, TextStore], item: Block | Lines
) -> tuple[Block, set[int] | None, Kept]:
    """A block (parsed first if it is lines of JSONL) with the rows flagged by the checks it
    can make by itself (the models' rules, the fields of each kind of fact, value texts,
    source hashes) and by those against the tables read before it (spans, assembly: the
    texts of ``texts``), or None where its nulls or keys do not tally with its bytes; and
    what those kept for the end. Run in the scan's pool, on several blocks at once: Arrow's
    parser and kernels, numpy and the texts' stores let go of the GIL or take turns."""
    block = parsed(name, item) if isinstance(item, Lines) else item
    crossed = Kept()
    table = block.table
    if not table.num_columns:
        return block, set(), crossed
    model = MODELS[name]
    counted = block.nulls is not None  # a JSONL block: its bytes were counted
    if counted and (nulls(model, table) != block.nulls or keys(model, table) != block.keys):
        return block, None, crossed
    flagged: set[int] = set()
    walk(table, model, np.arange(block.offset, block.offset + table.num_rows), flagged)
    if name == "facts":
        fact_kinds(table, block.offset, flagged)
        check_values(table, block.offset, flagged)
    elif name == "sources":
        check_hashes(table, block.offset, flagged)
    if name in CROSS:  # a source refers to no other record
        CROSS[name](table, block.offset, texts, crossed, flagged)
    return block, flagged, crossed


def _check_ends(kept: Kept, result: Scan) -> bool:
    """Ids, the references kept for the end, and formulas; False if an id is used twice."""
    ids = {name: pa.chunked_array(kept.ids[name], type=pa.string()) for name in TABLES}
    every = pa.chunked_array([c for name in TABLES for c in ids[name].chunks], type=pa.string())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfacts-ids") as pool:
        twice = pool.submit(any_twice, every)  # sorted meanwhile, without the GIL
        for name, target in sorted({(name, target) for name, target, _, _ in kept.refs}):
            refs = pa.chunked_array([r for n, t, r, _ in kept.refs if (n, t) == (name, target)])
            parents = np.concatenate([p for n, t, _, p in kept.refs if (n, t) == (name, target)])
            result.flagged[name] |= rows_of(rows_in(refs, ids[target]) < 0, parents)
        check_formulas(kept, ids["facts"], result.flagged["facts"])
        if twice.result():
            return False  # the row path says which, and where each was first
    result.ids = ids
    return True
