"""The fast path of validate: a release checked a block at a time with whole-column
operations, records explained only when flagged.

Each table's JSONL file is read in blocks of whole lines next to its Parquet copy
(:mod:`newsfacts.validation.fast.blocks`, in a thread one block ahead); what a block can check
by itself runs in a second thread (the models' rules as Arrow kernels over its columns,
:mod:`newsfacts.validation.fast.columns`; value texts; source hashes); spans and article
assembly are checked as columns (:mod:`newsfacts.validation.fast.vectors`) against the texts of
the tables checked before (sources for articles, articles for facts and mentions), read from
their Parquet copies a row group at a time. Sources and articles are read in turn, then facts
and entities side by side. Ids, the references whose target may come later, and formulas are
checked at the end over the columns kept from every block. Memory holds a few blocks per table,
two row groups of texts and the id columns, whatever the size of the release.

A record any check flags is then explained by the row-by-row checks of
:mod:`newsfacts.validation.checks`, so every problem is reported exactly as the row path reports
it.

:func:`scan` returns None where the fast path does not apply (a line Arrow refuses, a byte
order mark, CRLF or blank lines, a missing key, an id used twice, a Parquet copy of sources or
articles that differs from its JSONL): the caller then runs the row path over everything.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsfacts.models import MODELS, TABLES
from newsfacts.release.io import size_and_sha256
from newsfacts.validation.fast.blocks import Block, Refused, ahead, blocks, read_jsonl_table
from newsfacts.validation.fast.columns import fact_kinds, keys, nulls, rows_of, walk
from newsfacts.validation.fast.memory import kept_for_reuse
from newsfacts.validation.fast.vectors import Spans, Texts, articles_hold, utf8_of

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
            held = self._held = (name, *_row_group_of(self.root / f"{name}.parquet", row))
        _, start, rows = held
        return dict(rows.slice(row - start, 1).to_pylist()[0])

    def digest(self, path: Path) -> tuple[int, str]:
        """A file's size and sha256 (hashed during the scan if it was there then)."""
        found = self.digests.get(path)
        return size_and_sha256(path) if found is None else found.result()


def _row_group_of(path: Path, row: int) -> tuple[int, pa.Table]:
    """The first row and the rows of the Parquet row group that holds ``row``."""
    with pq.ParquetFile(path) as file:
        starts = _group_starts(file)
        number = int(np.searchsorted(starts, row, side="right")) - 1
        return int(starts[number]), file.read_row_group(number)


def _group_starts(file: pq.ParquetFile) -> np.ndarray:
    """The first row of each row group of a Parquet file, and its row count last."""
    meta = file.metadata
    return np.cumsum([0, *(meta.row_group(i).num_rows for i in range(meta.num_row_groups))])


class _TextStore:
    """The texts of a table checked before (whose Parquet copy equals its JSONL), looked up by
    row a Parquet row group at a time: the memory of ``keep`` row groups (those read last),
    whatever the table's size."""

    def __init__(
        self, path: Path, ids: pa.ChunkedArray, keep: int = 1, keep_string: bool = True
    ) -> None:
        self._file = pq.ParquetFile(path)
        self._starts = _group_starts(self._file)
        self._ids = ids
        self._keep = keep
        self._keep_string = keep_string
        self._held: dict[int, Texts] = {}  #: by row group, the one read longest ago first

    def close(self) -> None:
        self._file.close()

    def rows(self, refs: pa.Array) -> np.ndarray:
        """The row of each id in ``refs``; -1 where none has it (or the reference is null)."""
        return _rows_in(refs, self._ids)

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
        texts = self._held.pop(number, None)
        if texts is None:
            while len(self._held) >= self._keep:  # let the oldest go first
                del self._held[next(iter(self._held))]
            # one column: Arrow's own threads would only add overhead (our stages share the cores)
            column = self._file.read_row_group(number, columns=["text"], use_threads=False)
            texts = Texts(column.column(0).combine_chunks(), keep_string=self._keep_string)
        self._held[number] = texts
        return texts


@dataclass
class _Kept:
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


def _keep_refs(kept: _Kept, name: str, table: pa.Table, rows: np.ndarray) -> None:
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


def scan(root: Path, progress: Callable[[str], None] | None = None) -> Scan | None:
    """Read and check a release a block at a time; None where that cannot apply.

    ``progress``, if given, is told what is being done as each step starts."""
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
            result = _scan(root, tell)
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

_Checked = Generator[tuple[Block, set[int] | None], None, None]


@dataclass
class _Progress:
    """How far the scan of one table has got."""

    flagged: set[int] = field(default_factory=set)
    same: bool = True  #: whether the Parquet copy has agreed so far
    rows: int = 0
    done: float = 0.0  #: the share of the JSONL file read


def _scan(root: Path, tell: Callable[[str], None]) -> Scan | None:
    result = Scan(root)
    kept = _Kept()
    texts: dict[str, _TextStore] = {}
    try:
        for names in _PASSES:
            paths = [root / f"{name}.jsonl" for name in names]
            if not all(path.is_file() and path.stat().st_size for path in paths):
                return None
            sizes = {name: path.stat().st_size for name, path in zip(names, paths)}
            label = " and ".join(names)
            tell(f"checking {label}")
            progress = {name: _Progress() for name in names}
            streams = {
                name: ahead(_column_checks(name, ahead(blocks(root, name)))) for name in names
            }
            try:
                for name, block, found in _side_by_side(streams, progress):
                    if not _check_block(name, block, found, progress[name], texts, kept):
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
                    # the articles' texts serve two tables read side by side (two groups
                    # held), only ever as code points; the assembly of articles compares runs
                    # of the sources' texts as strings too
                    texts[name] = (
                        _TextStore(root / f"{name}.parquet", ids, keep=2, keep_string=False)
                        if name == "articles"
                        else _TextStore(root / f"{name}.parquet", ids)
                    )
        tell("checking ids and references")
        if not _check_ends(kept, result):
            return None
        tell("checking the manifest")
        return result
    finally:
        for store in texts.values():
            store.close()


def _side_by_side(
    streams: dict[str, _Checked], progress: dict[str, _Progress]
) -> Iterator[tuple[str, Block, set[int] | None]]:
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
    state: _Progress,
    texts: dict[str, _TextStore],
    kept: _Kept,
) -> bool:
    """Check a block against the tables before it and keep what the end needs; False where
    the fast path cannot apply."""
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
    _keep_refs(kept, name, table, np.arange(block.offset, state.rows))
    if name in _CROSS:  # a source refers to no other record
        _CROSS[name](table, block.offset, texts, kept, state.flagged)
    state.same = state.same and block.parquet_same
    return True


def _column_checks(name: str, items: Iterator[Block]) -> Iterator[tuple[Block, set[int] | None]]:
    """Each block with the rows flagged by the checks it can make by itself (the models' rules,
    the fields of each kind of fact, value texts, source hashes), or None where its nulls do
    not tally with its bytes. Run in a thread of its own between reading and the checks
    against other tables: Arrow's kernels let go of the GIL, so the three stages share the
    cores."""
    model = MODELS[name]
    for block in items:
        table = block.table
        if not table.num_columns:
            yield block, set()
            continue
        if nulls(model, table) != block.nulls or keys(model, table) != block.keys:
            yield block, None
            continue
        flagged: set[int] = set()
        walk(table, model, np.arange(block.offset, block.offset + table.num_rows), flagged)
        if name == "facts":
            fact_kinds(table, block.offset, flagged)
            _check_values(table, block.offset, flagged)
        elif name == "sources":
            _check_hashes(table, block.offset, flagged)
        yield block, flagged


def _check_ends(kept: _Kept, result: Scan) -> bool:
    """Ids, the references kept for the end, and formulas; False if an id is used twice."""
    ids = {name: pa.chunked_array(kept.ids[name], type=pa.string()) for name in TABLES}
    every = pa.chunked_array([c for name in TABLES for c in ids[name].chunks], type=pa.string())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfacts-ids") as pool:
        twice = pool.submit(_any_twice, every)  # sorted meanwhile, without the GIL
        for name, target in sorted({(name, target) for name, target, _, _ in kept.refs}):
            refs = pa.chunked_array([r for n, t, r, _ in kept.refs if (n, t) == (name, target)])
            parents = np.concatenate([p for n, t, _, p in kept.refs if (n, t) == (name, target)])
            result.flagged[name] |= rows_of(_rows_in(refs, ids[target]) < 0, parents)
        _check_formulas(kept, ids["facts"], result.flagged["facts"])
        if twice.result():
            return False  # the row path says which, and where each was first
    result.ids = ids
    return True


def _check_formulas(kept: _Kept, ids: pa.ChunkedArray, flagged: set[int]) -> None:
    """Each derived fact's value against its formula over its inputs' values."""
    if not kept.formulas:
        return
    from newsfacts.validation.formulas import FormulaError, evaluate

    values = pa.chunked_array(kept.values, type=pa.float64()).to_numpy()
    inputs = [ref for _, _, refs, _ in kept.formulas for ref in refs]
    rows = iter(_rows_in(pa.array(inputs, pa.string()), ids).tolist())
    for row, formula, refs, value in kept.formulas:
        at = [next(rows) for _ in refs]
        numbers = [float(values[i]) for i in at if i >= 0 and not math.isnan(values[i])]
        if len(numbers) < len(refs):
            continue  # an input without a value, or none such: reported where it stands
        try:
            ok = math.isclose(evaluate(formula, numbers), value, rel_tol=1e-9)
        except FormulaError:
            ok = False
        if not ok:
            flagged.add(row)


def _any_twice(ids: pa.ChunkedArray) -> bool:
    """Whether an id stands twice: sorted, a twice-used id stands next to itself (sorting
    strings is several times quicker than hashing them here)."""
    if len(ids) < 2:
        return False
    ordered = ids.take(pc.sort_indices(ids)).combine_chunks()
    return bool(pc.any(pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))).as_py())


def _rows_in(refs: pa.Array | pa.ChunkedArray, ids: pa.ChunkedArray) -> np.ndarray:
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


def _dangling(rows: np.ndarray, refs: pa.Array) -> np.ndarray:
    """Where a reference names no row (a null reference is no reference)."""
    return np.asarray((rows < 0) & refs.is_valid().to_numpy(zero_copy_only=False))


def _check_hashes(table: pa.Table, offset: int, flagged: set[int]) -> None:
    """Each source's sha256 against its text, hashed straight from Arrow's UTF-8 bytes."""
    column = table.column("text").chunk(0)
    utf8, ends = utf8_of(column)
    valid = column.is_valid().to_pylist()
    for i, (sha, ok) in enumerate(zip(table.column("sha256").to_pylist(), valid)):
        if ok and hashlib.sha256(utf8[ends[i] : ends[i + 1]]).hexdigest() != sha:
            flagged.add(offset + i)


def _cross_articles(
    table: pa.Table, offset: int, texts: dict[str, _TextStore], kept: _Kept, flagged: set[int]
) -> None:
    """Each article's text against its source: segments and edits, elements; sections and
    flags against the article's own text."""
    refs = table.column("source_id").chunk(0)
    rows = texts["sources"].rows(refs)
    flagged |= set((np.flatnonzero(_dangling(rows, refs)) + offset).tolist())
    own = Texts(table.column("text").chunk(0))
    column = {name: table.column(name).chunk(0) for name in ("segments", "edits", "elements")}
    elements = pc.list_flatten(column["elements"])
    element_of = np.asarray(pc.list_parent_indices(column["elements"]).to_numpy())
    element_spans = Spans.quotes(
        elements.field("start"), elements.field("end"), elements.field("exact")
    )
    for positions, local, sources in texts["sources"].groups(rows):
        holds = articles_hold(own, positions, sources, local, column["segments"], column["edits"])
        flagged |= set((positions[~holds] + offset).tolist())
        if len(elements):
            source_row = np.full(len(table), -1)
            source_row[positions] = local
            which = np.flatnonzero(source_row[element_of] >= 0)
            holds = element_spans.hold(which, sources, source_row[element_of[which]])
            flagged |= set((element_of[which[~holds]] + offset).tolist())
    sections = table.column("sections").chunk(0)
    if len(pc.list_flatten(sections)):
        flat = pc.list_flatten(sections)
        parents = np.asarray(pc.list_parent_indices(sections).to_numpy())
        spans = Spans.quotes(flat.field("start"), flat.field("end"), flat.field("heading"))
        holds = spans.hold(np.arange(len(flat)), own, parents)
        flagged |= set((parents[~holds] + offset).tolist())
    flags = table.column("flags").chunk(0)
    spans_of_flags = pc.list_flatten(flags).field("span")
    if spans_of_flags.null_count < len(spans_of_flags):
        parents = np.asarray(pc.list_parent_indices(flags).to_numpy())
        present = np.flatnonzero(
            np.asarray(spans_of_flags.is_valid().to_numpy(zero_copy_only=False))
        )
        spans = Spans.of(spans_of_flags.take(pa.array(present)))
        holds = spans.hold(np.arange(len(present)), own, parents[present])
        flagged |= set((parents[present[~holds]] + offset).tolist())


def _cross_facts(
    table: pa.Table, offset: int, texts: dict[str, _TextStore], kept: _Kept, flagged: set[int]
) -> None:
    """Evidence against the article's text; derived facts kept for the end, where every value
    is known."""
    refs = table.column("article_id").chunk(0)
    rows = texts["articles"].rows(refs)
    flagged |= set((np.flatnonzero(_dangling(rows, refs)) + offset).tolist())
    evidence = table.column("evidence").chunk(0)
    spans = Spans.of(evidence)
    for positions, local, group in texts["articles"].groups(rows):
        holds = spans.hold(positions, group, local)
        flagged |= set((positions[~holds] + offset).tolist())
    value_column = table.column("value").chunk(0)
    kept.values.append(value_column)
    derived = pc.and_(table.column("formula").chunk(0).is_valid(), value_column.is_valid())
    rows_with = np.flatnonzero(np.asarray(derived.to_numpy(zero_copy_only=False)))
    if len(rows_with):
        some = table.take(pa.array(rows_with))
        kept.formulas += zip(
            (rows_with + offset).tolist(),
            some.column("formula").to_pylist(),
            [refs or [] for refs in some.column("inputs").to_pylist()],
            some.column("value").to_pylist(),
        )


def _check_values(table: pa.Table, offset: int, flagged: set[int]) -> None:
    """Each value_text must stand in its evidence and read as the value and qualifier. The
    plainest forms (Arabic number, 万/亿/万亿, a common unit) are read as a column; each other
    distinct value_text is read once."""
    texts = table.column("value_text").chunk(0)
    where = np.flatnonzero(np.asarray(texts.is_valid().to_numpy(zero_copy_only=False)))
    if not len(where):
        return
    at = pa.array(where)
    stated = texts.take(at)
    quotes = table.column("evidence").chunk(0).field("exact")
    inside = np.fromiter(
        (q is not None and t in q for t, q in zip(stated.to_pylist(), quotes.take(at).to_pylist())),
        dtype=bool,
        count=len(where),
    )
    found, qualifier = _readings(stated)
    value = np.asarray(table.column("value").chunk(0).take(at).to_numpy(zero_copy_only=False))
    # math.isclose(found, value, rel_tol=1e-9); NaN (no reading) is close to nothing
    close = np.abs(found - value) <= 1e-9 * np.maximum(np.abs(found), np.abs(value))
    same = pc.equal(qualifier, table.column("qualifier").chunk(0).take(at))
    agree = close & np.asarray(pc.fill_null(same, False).to_numpy(zero_copy_only=False))
    bad = ~inside | (~np.isnan(value) & ~agree)
    flagged |= set((where[bad] + offset).tolist())


def _readings(stated: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """What each value_text reads as: the value (NaN if none) and the qualifier."""
    from newsfacts.validation.checks import _PLAIN, _SCALES, _read_quantity

    plain = pc.extract_regex(stated, f"^(?:{_PLAIN.pattern})$")
    matched = np.asarray(plain.is_valid().to_numpy(zero_copy_only=False))
    number = pc.if_else(pa.array(matched), plain.field("number"), "0")
    scales = [name for name in _SCALES if name]
    scale = pc.fill_null(pc.index_in(plain.field("scale"), value_set=pa.array(scales)), -1)
    factor = np.array([float(_SCALES[name]) for name in scales] + [1.0])
    # a float product; the row path multiplies Decimals: they differ by an ulp at most
    found = np.asarray(pc.cast(number, pa.float64()).to_numpy()) * factor[scale.to_numpy()]
    qualifier = np.full(len(stated), "exact", dtype=object)
    rest = np.flatnonzero(~matched)
    if len(rest):
        others = stated.take(pa.array(rest))
        distinct = pc.unique(others)
        readings = [_read_quantity(text) for text in distinct.to_pylist()]
        which = np.asarray(pc.index_in(others, value_set=distinct).to_numpy())
        values = [math.nan if r is None or r.value is None else r.value for r in readings]
        found[rest] = np.array(values, dtype=float)[which]
        qualifier[rest] = np.array([None if r is None else r.qualifier for r in readings])[which]
    return found, pa.array(qualifier, pa.string())


def _cross_entities(
    table: pa.Table, offset: int, texts: dict[str, _TextStore], kept: _Kept, flagged: set[int]
) -> None:
    """Each mention against its article's text."""
    mentions = table.column("mentions").chunk(0)
    parents = offset + np.asarray(pc.list_parent_indices(mentions).to_numpy(zero_copy_only=False))
    flat = pc.list_flatten(mentions)
    refs = flat.field("article_id")
    rows = texts["articles"].rows(refs)
    flagged |= rows_of(_dangling(rows, refs), parents)
    flagged |= rows_of(_repeated(parents, rows, flat), parents)
    spans = Spans.of(flat)
    for positions, local, group in texts["articles"].groups(rows):
        holds = spans.hold(positions, group, local)
        flagged |= set(parents[positions[~holds]].tolist())


def _repeated(parents: np.ndarray, rows: np.ndarray, flat: pa.StructArray) -> np.ndarray:
    """Which mentions repeat an earlier mention of their entity (same article, start and end)."""
    start = np.asarray(pc.fill_null(flat.field("start"), -1).to_numpy(zero_copy_only=False))
    end = np.asarray(pc.fill_null(flat.field("end"), -1).to_numpy(zero_copy_only=False))
    order = np.lexsort((end, start, rows, parents))
    keys = np.stack([parents, rows, start, end])[:, order]
    same = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        same[order[1:]] = (keys[:, 1:] == keys[:, :-1]).all(axis=0)
    return same


_CROSS: dict[str, Callable[[pa.Table, int, dict[str, _TextStore], _Kept, set[int]], None]] = {
    "articles": _cross_articles,
    "facts": _cross_facts,
    "entities": _cross_entities,
}
