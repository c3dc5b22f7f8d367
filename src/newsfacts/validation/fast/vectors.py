"""Text checks over many records at once: spans and article assembly.

The texts of a column are held end to end as one Python string, with the offset where each
starts (in code points, as spans count), so that a span is a slice of that string at a known
place: the offsets of many spans are worked out with whole-array arithmetic, and each window
is compared as a slice of one string (a memcmp). Each check gives the answer of the row-by-row
checks (:mod:`newsfacts.validation.checks` and :func:`newsfacts.text.spans.assembled_text`);
property tests hold them to it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsfacts.text.spans import SEGMENT_JOIN

__all__ = ["Spans", "Texts", "articles_hold", "utf8_of"]

_SPAN_FIELDS = ("start", "end", "exact", "prefix", "suffix")


def _exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    """Where each of runs of these lengths starts, end to end."""
    out = np.zeros(len(values), dtype=np.int64)
    np.cumsum(values[:-1], out=out[1:])
    return out


def utf8_of(texts: pa.Array) -> tuple[memoryview, np.ndarray]:
    """The UTF-8 bytes a string column holds its texts in (end to end), and where each text
    starts and ends among them: text ``i`` is ``utf8[ends[i] : ends[i + 1]]``."""
    if not len(texts):
        return memoryview(b""), np.zeros(1, dtype=np.int64)
    _, offsets, data = texts.buffers()
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    ends = np.frombuffer(offsets, dtype=width)[texts.offset :][: len(texts) + 1]
    return memoryview(data or b""), ends.astype(np.int64)


def _decode(texts: pa.Array) -> str:
    """A string column's texts end to end, decoded straight from Arrow's UTF-8 bytes."""
    utf8, ends = utf8_of(texts)
    return str(utf8[int(ends[0]) : int(ends[-1])], "utf-8")


class Texts:
    """Texts of a column end to end as one Python string, with the offset (in code points)
    where each text starts."""

    def __init__(self, texts: pa.Array) -> None:
        if texts.null_count:
            texts = pc.fill_null(texts, "")
        lengths = np.asarray(pc.utf8_length(texts).to_numpy(zero_copy_only=False))
        self.offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.offsets[1:])
        self.joined = _decode(texts)

    def lengths(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(self.offsets[rows + 1] - self.offsets[rows])


#: Offsets beyond any text, clipped to this so that arithmetic on them cannot overflow.
_FAR = 1 << 40


def _ints(values: pa.Array) -> np.ndarray:
    """Offsets as int64, null and negative ones as -1, huge ones clipped to :data:`_FAR`."""
    found = np.asarray(pc.fill_null(values, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return np.clip(found, -1, _FAR)


def _nulls(*arrays: pa.Array) -> np.ndarray:
    missing = np.zeros(len(arrays[0]), dtype=bool)
    for array in arrays:
        missing |= np.asarray(array.is_null().to_numpy(zero_copy_only=False))
    return missing


@dataclass
class Spans:
    """Spans (start, end, exact, prefix, suffix) as arrays: each span's window
    ``[start - len(prefix), end + len(suffix))`` and the text it must hold there."""

    low: np.ndarray
    high: np.ndarray
    #: each span's window as it must read (its prefix, exact and suffix), and its length
    windows: list[str | None]
    sizes: np.ndarray

    @classmethod
    def of(cls, spans: pa.StructArray) -> Spans:
        parts = [spans.field(n) for n in ("prefix", "exact", "suffix")]
        windows = pc.binary_join_element_wise(*parts, "")
        sizes = np.asarray(pc.fill_null(pc.utf8_length(windows), -1).to_numpy())
        before = np.asarray(pc.fill_null(pc.utf8_length(parts[0]), 0).to_numpy())
        after = np.asarray(pc.fill_null(pc.utf8_length(parts[2]), 0).to_numpy())
        low = _ints(spans.field("start")) - before
        high = _ints(spans.field("end")) + after
        low[_nulls(*(spans.field(n) for n in _SPAN_FIELDS))] = -1  # a part missing: no hold
        return cls(low, high, windows.to_pylist(), sizes)

    @classmethod
    def quotes(cls, start: pa.Array, end: pa.Array, exact: pa.Array) -> Spans:
        """Spans without context (elements, section headings)."""
        empty = pa.array([""] * len(start), pa.string())
        names = list(_SPAN_FIELDS)
        return cls.of(pa.StructArray.from_arrays([start, end, exact, empty, empty], names=names))

    def hold(self, which: np.ndarray, texts: Texts, rows: np.ndarray) -> np.ndarray:
        """Whether each span ``which`` holds in text ``rows`` of ``texts``: the window's
        slice of the text is the window's text (slices of one string, compared by memcmp)."""
        low, high = self.low[which], self.high[which]
        holds = (low >= 0) & (high - low == self.sizes[which]) & (high <= texts.lengths(rows))
        check = np.flatnonzero(holds)
        base = texts.offsets[rows[check]]
        joined, windows = texts.joined, self.windows
        holds[check] = [
            joined[a:b] == windows[k]
            for a, b, k in zip(
                (base + low[check]).tolist(), (base + high[check]).tolist(), which[check].tolist()
            )
        ]
        return np.asarray(holds, dtype=bool)


def articles_hold(
    texts: Texts,
    which: np.ndarray,
    sources: Texts,
    rows: np.ndarray,
    segments: pa.ListArray,
    edits: pa.ListArray,
) -> np.ndarray:
    """Whether the text of each article ``which`` (of ``texts``, its segments and edits the
    items of ``segments`` and ``edits`` at the same index) is what
    :func:`~newsfacts.text.spans.assembled_text` builds from source ``rows`` of ``sources``; False
    where that raises (segments and edits that do not fit)."""
    n = len(which)
    mine = np.full(len(segments), -1, dtype=np.int64)
    mine[which] = np.arange(n)
    bad = np.zeros(n, dtype=bool)
    source_offsets = sources.offsets
    source_length = sources.lengths(rows)

    # segments: inside the source, in the order given
    seg_parent = mine[np.asarray(pc.list_parent_indices(segments).to_numpy(zero_copy_only=False))]
    seg_flat = pc.list_flatten(segments)
    keep = seg_parent >= 0
    seg_a = seg_parent[keep]
    seg_s = _ints(seg_flat.field("start"))[keep]
    seg_e = _ints(seg_flat.field("end"))[keep]
    bad[seg_a[_nulls(seg_flat.field("start"), seg_flat.field("end"))[keep]]] = True
    ok = (seg_s >= 0) & (seg_s < seg_e) & (seg_e <= source_length[seg_a])
    bad[seg_a[~ok]] = True
    per_article = np.bincount(seg_a, minlength=n)
    first_segment = _exclusive_cumsum(per_article)

    # edits, sorted as assemble sorts them: by start, then end (stable)
    ed_parent = mine[np.asarray(pc.list_parent_indices(edits).to_numpy(zero_copy_only=False))]
    ed_flat = pc.list_flatten(edits)
    keep = ed_parent >= 0
    fields = {
        name: ed_flat.field(name).filter(pa.array(keep))
        for name in ("start", "end", "before", "after")
    }
    ed_a = ed_parent[keep]
    bad[ed_a[_nulls(*fields.values())]] = True
    order = np.lexsort((_ints(fields["end"]), _ints(fields["start"]), ed_a))
    ed_a = ed_a[order]
    ed_s = _ints(fields["start"])[order]
    ed_e = _ints(fields["end"])[order]
    take = pa.array(order)
    before = Texts(pc.fill_null(fields["before"], "").take(take))
    after = Texts(pc.fill_null(fields["after"], "").take(take))
    bad[ed_a[ed_e < ed_s]] = True
    same = ed_a[1:] == ed_a[:-1]
    bad[ed_a[1:][same & (ed_s[1:] < ed_e[:-1])]] = True  # overlapping edits

    # each edit in each segment of its article that holds it
    count = per_article[ed_a]
    pair_edit = np.repeat(np.arange(len(ed_a)), count)
    pair_seg = np.repeat(first_segment[ed_a], count) + (
        np.arange(int(count.sum())) - np.repeat(_exclusive_cumsum(count), count)
    )
    inside = (seg_s[pair_seg] <= ed_s[pair_edit]) & (ed_e[pair_edit] <= seg_e[pair_seg])
    pair_edit, pair_seg = pair_edit[inside], pair_seg[inside]
    used = np.bincount(ed_a[pair_edit], minlength=n)
    bad |= used != np.bincount(ed_a, minlength=n)  # an edit outside (or in two) segments

    # an edit's before is what the source holds at its offsets
    before_offsets = before.offsets
    before_length = before_offsets[1:] - before_offsets[:-1]
    fits = (ed_e - ed_s == before_length) & (ed_e <= source_length[ed_a]) & (ed_s >= 0)
    check = np.flatnonzero(fits)
    source, befores = sources.joined, before.joined
    fits[check] = [
        source[a : a + size] == befores[b : b + size]
        for a, b, size in zip(
            (source_offsets[rows[ed_a[check]]] + ed_s[check]).tolist(),
            before_offsets[check].tolist(),
            before_length[check].tolist(),
        )
    ]
    bad[ed_a[~fits]] = True  # every edit, in a segment or not, as the row path checks them

    # the runs of each article's text, in order: per segment a join (but the first), then
    # source up to each edit and the edit's after, then source to the segment's end
    order = np.lexsort((pair_edit, pair_seg))
    pair_edit, pair_seg = pair_edit[order], pair_seg[order]
    first_pair = np.r_[True, pair_seg[1:] != pair_seg[:-1]] if len(pair_seg) else np.zeros(0, bool)
    last_pair = np.r_[pair_seg[1:] != pair_seg[:-1], True] if len(pair_seg) else np.zeros(0, bool)
    previous_end = np.r_[0, ed_e[pair_edit][:-1]] if len(pair_edit) else np.zeros(0, np.int64)
    run_from = np.where(first_pair, seg_s[pair_seg], previous_end)
    rank = np.arange(len(pair_seg)) - np.maximum.accumulate(
        np.where(first_pair, np.arange(len(pair_seg)), 0)
    )
    segment_end_from = seg_s.copy()
    segment_end_from[pair_seg[last_pair]] = ed_e[pair_edit[last_pair]]
    after_offsets = after.offsets
    literal = int(source_offsets[-1])  # literals (afters, the join) follow the source texts
    join = literal + after_offsets[-1]
    not_first = np.arange(len(seg_a)) > first_segment[seg_a]
    joins = np.flatnonzero(not_first)

    run_seg = np.concatenate([pair_seg, pair_seg, np.arange(len(seg_a)), joins])
    run_pos = np.concatenate(
        [2 * rank, 2 * rank + 1, np.full(len(seg_a), 1 << 40), -np.ones(len(joins), np.int64)]
    )
    run_article = seg_a[run_seg]
    run_from_all = np.concatenate(
        [
            source_offsets[rows[seg_a[pair_seg]]] + run_from,
            literal + after_offsets[pair_edit],
            source_offsets[rows[seg_a]] + segment_end_from,
            np.full(len(joins), join, dtype=np.int64),
        ]
    )
    run_length = np.concatenate(
        [
            ed_s[pair_edit] - run_from,
            after_offsets[pair_edit + 1] - after_offsets[pair_edit],
            seg_e - segment_end_from,
            np.full(len(joins), len(SEGMENT_JOIN), dtype=np.int64),
        ]
    )
    bad[run_article[run_length < 0]] = True
    run_length = np.maximum(run_length, 0)
    order = np.lexsort((run_pos, run_seg))
    run_article, run_from_all, run_length = (
        run_article[order],
        run_from_all[order],
        run_length[order],
    )

    expected = np.bincount(run_article, weights=run_length, minlength=n).astype(np.int64)
    bad |= expected != texts.lengths(which)
    # where each run stands in its article's text
    at = _exclusive_cumsum(run_length)
    article_first = np.zeros(n, dtype=np.int64)
    starts_here = np.r_[True, run_article[1:] != run_article[:-1]] if len(run_article) else []
    article_first[run_article[starts_here]] = at[starts_here]
    at = at - article_first[run_article] + texts.offsets[which[run_article]]
    check = np.flatnonzero(~bad[run_article])
    # long runs: compared as string slices (memcmp), not code point by code point
    text, literals = texts.joined, after.joined + SEGMENT_JOIN
    for i, a, b, size in zip(
        check.tolist(),
        at[check].tolist(),
        run_from_all[check].tolist(),
        run_length[check].tolist(),
    ):
        right = source[b : b + size] if b < literal else literals[b - literal : b - literal + size]
        if text[a : a + size] != right:
            bad[run_article[i]] = True
    return ~bad
