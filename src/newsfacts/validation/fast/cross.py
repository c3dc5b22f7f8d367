"""The fast path's checks across tables and of values: spans and assembly against the texts
of the tables read before, references, value texts, source hashes, duplicate mentions and
formulas. Each flags the rows it finds wrong; the row path then explains them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsfacts.validation.fast.columns import rows_of
from newsfacts.validation.fast.stores import Kept, TextStore, rows_in
from newsfacts.validation.fast.vectors import Spans, Texts, articles_hold, utf8_of
from newsfacts.validation.values import PLAIN, SCALES, cached_reading

__all__ = ["CROSS", "check_formulas", "check_hashes", "check_values", "readings"]


def check_formulas(kept: Kept, ids: pa.ChunkedArray, flagged: set[int]) -> None:
    """Each derived fact's value against its formula over its inputs' values: the facts of
    one formula and one count of inputs evaluated at once, as arrays."""
    if not kept.formulas:
        return
    from newsfacts.validation.formulas import FormulaError, evaluate_many

    values = pa.chunked_array(kept.values, type=pa.float64()).to_numpy()
    inputs = [ref for _, _, refs, _ in kept.formulas for ref in refs]
    rows = iter(rows_in(pa.array(inputs, pa.string()), ids).tolist())
    groups: dict[tuple[str, int], list[tuple[int, list[int], float]]] = {}
    for row, formula, refs, value in kept.formulas:
        at = [next(rows) for _ in refs]
        groups.setdefault((formula, len(at)), []).append((row, at, value))
    for (formula, count), members in groups.items():
        matrix = np.array([m[1] for m in members], dtype=np.int64).reshape(len(members), count)
        found = np.where(matrix >= 0, values[np.maximum(matrix, 0)], np.nan)
        # an input without a value, or none such: reported where it stands
        known = ~np.isnan(found).any(axis=1)
        stated = np.array([m[2] for m in members], dtype=np.float64)
        try:
            result = evaluate_many(formula, [found[:, i] for i in range(count)], len(members))
        except FormulaError:
            result = np.full(len(members), np.nan)
        # math.isclose(result, stated, rel_tol=1e-9); a division by zero or an overflow (not
        # finite here, an error or an infinity row by row) is close to no stated value
        finite = np.isfinite(result) & np.isfinite(stated)
        with np.errstate(invalid="ignore", over="ignore"):
            gap = np.abs(result - stated) <= 1e-9 * np.maximum(np.abs(result), np.abs(stated))
        close = (finite & gap) | (result == stated)  # equal infinities are close, as there
        for i in np.flatnonzero(known & ~close).tolist():
            flagged.add(members[i][0])


def _dangling(rows: np.ndarray, refs: pa.Array) -> np.ndarray:
    """Where a reference names no row (a null reference is no reference)."""
    return np.asarray((rows < 0) & refs.is_valid().to_numpy(zero_copy_only=False))


def check_hashes(table: pa.Table, offset: int, flagged: set[int]) -> None:
    """Each source's sha256 against its text, hashed straight from Arrow's UTF-8 bytes."""
    column = table.column("text").chunk(0)
    utf8, ends = utf8_of(column)
    valid = column.is_valid().to_pylist()
    for i, (sha, ok) in enumerate(zip(table.column("sha256").to_pylist(), valid)):
        if ok and hashlib.sha256(utf8[ends[i] : ends[i + 1]]).hexdigest() != sha:
            flagged.add(offset + i)


def _cross_articles(
    table: pa.Table, offset: int, texts: dict[str, TextStore], kept: Kept, flagged: set[int]
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
    table: pa.Table, offset: int, texts: dict[str, TextStore], kept: Kept, flagged: set[int]
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


def check_values(table: pa.Table, offset: int, flagged: set[int]) -> None:
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
    found, qualifier = readings(stated)
    value = np.asarray(table.column("value").chunk(0).take(at).to_numpy(zero_copy_only=False))
    # math.isclose(found, value, rel_tol=1e-9); NaN (no reading) is close to nothing
    close = np.abs(found - value) <= 1e-9 * np.maximum(np.abs(found), np.abs(value))
    same = pc.equal(qualifier, table.column("qualifier").chunk(0).take(at))
    agree = close & np.asarray(pc.fill_null(same, False).to_numpy(zero_copy_only=False))
    bad = ~inside | (~np.isnan(value) & ~agree)
    flagged |= set((where[bad] + offset).tolist())


def readings(stated: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """What each value_text reads as: the value (NaN if none) and the qualifier."""

    plain = pc.extract_regex(stated, f"^(?:{PLAIN.pattern})$")
    matched = np.asarray(plain.is_valid().to_numpy(zero_copy_only=False))
    number = pc.if_else(pa.array(matched), plain.field("number"), "0")
    scales = [name for name in SCALES if name]
    scale = pc.fill_null(pc.index_in(plain.field("scale"), value_set=pa.array(scales)), -1)
    factor = np.array([float(SCALES[name]) for name in scales] + [1.0])
    # a float product; the row path multiplies Decimals: they differ by an ulp at most
    found = np.asarray(pc.cast(number, pa.float64()).to_numpy()) * factor[scale.to_numpy()]
    qualifier = np.full(len(stated), "exact", dtype=object)
    rest = np.flatnonzero(~matched)
    if len(rest):
        others = stated.take(pa.array(rest))
        distinct = pc.unique(others)
        readings = [cached_reading(text) for text in distinct.to_pylist()]
        which = np.asarray(pc.index_in(others, value_set=distinct).to_numpy())
        values = [math.nan if r is None or r.value is None else r.value for r in readings]
        found[rest] = np.array(values, dtype=float)[which]
        qualifier[rest] = np.array([None if r is None else r.qualifier for r in readings])[which]
    return found, pa.array(qualifier, pa.string())


def _cross_entities(
    table: pa.Table, offset: int, texts: dict[str, TextStore], kept: Kept, flagged: set[int]
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


CROSS: dict[str, Callable[[pa.Table, int, dict[str, TextStore], Kept, set[int]], None]] = {
    "articles": _cross_articles,
    "facts": _cross_facts,
    "entities": _cross_entities,
}
