"""The column checks of validate's fast path give the answers of the row-by-row checks, which
slice Python strings."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.text.spans import AssemblyError, assembled_text
from newsfacts.validation.fast.vectors import Spans, Texts, articles_hold
from newsfacts.validation.report import Report
from newsfacts.validation.rows import Row
from newsfacts.validation.texts import check_span

ALPHABET = "ab甲乙\n𠀀"  # 𠀀 (U+20000) takes two UTF-16 units
texts = st.text(alphabet=ALPHABET, max_size=24)
offsets = st.integers(min_value=-2, max_value=28)


@st.composite
def spans_in(draw: st.DrawFn, text: str) -> dict[str, Any]:
    """A span of ``text``: mostly one that holds, sometimes one a little off."""
    start = draw(st.integers(min_value=0, max_value=len(text)))
    end = draw(st.integers(min_value=start, max_value=len(text)))
    span = {
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - draw(st.integers(0, 3))) : start],
        "suffix": text[end : end + draw(st.integers(0, 3))],
    }
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(span)))
        span[name] = draw(offsets) if name in ("start", "end") else draw(texts)
    return span


@settings(max_examples=300, deadline=None)
@given(data=st.data(), documents=st.lists(texts, min_size=1, max_size=4))
def test_spans_hold_where_slicing_says_they_do(data: st.DataObject, documents: list[str]) -> None:
    rows = data.draw(st.lists(st.integers(0, len(documents) - 1), min_size=1, max_size=12))
    spans = [data.draw(spans_in(documents[r])) for r in rows]
    array = pa.array(spans, pa.struct([(n, pa.string()) for n in ("exact", "prefix", "suffix")]))
    array = pa.StructArray.from_arrays(
        [pa.array([s[n] for s in spans], pa.int64()) for n in ("start", "end")]
        + [array.field(n) for n in ("exact", "prefix", "suffix")],
        names=["start", "end", "exact", "prefix", "suffix"],
    )
    found = Spans.of(array).hold(
        np.arange(len(spans)), Texts(pa.array(documents)), np.array(rows, dtype=np.int64)
    )
    expected = [_row_path_holds(documents[r], s) for r, s in zip(rows, spans)]
    for s, got, want in zip(spans, found.tolist(), expected):
        if _well_formed(s):
            assert got == want, s
        else:  # the models reject it (and the scan flags it); never held where slicing fails
            assert want or not got, s


def _row_path_holds(text: str, span: dict[str, Any]) -> bool:
    """Whether the row path's span check finds nothing wrong with the span."""
    report = Report(path="release")
    row = Row("facts.jsonl", 1, {"id": "f-1"})
    check_span(report, row, "$.evidence", SimpleNamespace(**span), text)  # type: ignore[arg-type]
    return not report.problems


def _well_formed(span: dict[str, Any]) -> bool:
    """What the models require of a span: offsets from 0, as far apart as the quote is long."""
    return bool(span["start"] >= 0 and span["end"] - span["start"] == len(span["exact"]))


SEGMENTS = pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))
EDITS = pa.list_(
    pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("before", pa.string()),
            ("after", pa.string()),
            ("rationale", pa.string()),  # other fields, nulls among them, play no part
        ]
    )
)


@st.composite
def articles(draw: st.DrawFn, source: str) -> dict[str, Any]:
    """Segments and edits over ``source`` (mostly fitting, sometimes not) and a text: the
    one they build, or that one changed, or any text."""
    segments = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(-1, len(source)))
        end = draw(st.integers(start - 1, len(source) + 1))
        segments.append({"start": start, "end": end})
    edits = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(-1, len(source)))
        end = draw(st.integers(start - 1, min(start + 3, len(source) + 1)))
        before = source[max(start, 0) : max(end, 0)] if draw(st.booleans()) else draw(texts)
        edits.append({"start": start, "end": end, "before": before, "after": draw(texts)})
        edits[-1]["rationale"] = draw(st.one_of(st.none(), texts))
    try:
        text = assembled_text(
            source,
            [SimpleNamespace(**s) for s in segments],  # type: ignore[misc]
            [SimpleNamespace(**e) for e in edits],  # type: ignore[misc]
        )
    except AssemblyError:
        text = draw(texts)
    choice = draw(st.integers(0, 3))
    if choice == 1 and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + ("乙" if text[at] != "乙" else "甲") + text[at + 1 :]
    elif choice == 2:
        text = draw(texts)
    return {"segments": segments, "edits": edits, "text": text}


def _builds(source: str, article: dict[str, Any]) -> bool:
    """Whether the row path finds the article sound: it assembles, to its text, and every
    edit's before is what the source holds."""
    try:
        built = assembled_text(
            source,
            [SimpleNamespace(**s) for s in article["segments"]],  # type: ignore[misc]
            [SimpleNamespace(**e) for e in article["edits"]],  # type: ignore[misc]
        )
    except AssemblyError:
        return False
    # the row path also holds every edit to the source, whether in a segment or not
    befores = all(source[e["start"] : e["end"]] == e["before"] for e in article["edits"])
    return bool(built == article["text"] and befores)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), sources=st.lists(texts, min_size=1, max_size=3))
def test_articles_hold_where_assembly_says_they_do(data: st.DataObject, sources: list[str]) -> None:
    rows = data.draw(st.lists(st.integers(0, len(sources) - 1), min_size=1, max_size=8))
    drawn = [data.draw(articles(sources[r])) for r in rows]
    # check a subset of the block, as the scan does for the articles of one source group
    which = np.array(
        sorted(data.draw(st.sets(st.integers(0, len(rows) - 1), min_size=1))), dtype=np.int64
    )
    found = articles_hold(
        Texts(pa.array([a["text"] for a in drawn])),
        which,
        Texts(pa.array(sources)),
        np.array(rows, dtype=np.int64)[which],
        pa.array([a["segments"] for a in drawn], SEGMENTS),
        pa.array([a["edits"] for a in drawn], EDITS),
    )
    expected = [_builds(sources[rows[i]], drawn[i]) for i in which]
    for i, got, want in zip(which, found.tolist(), expected):
        parts = drawn[i]["segments"] + drawn[i]["edits"]
        source = sources[rows[i]]
        if all(p["start"] >= 0 and p["end"] <= len(source) for p in parts):
            assert got == want, drawn[i]
        else:  # offsets outside the source (negative ones the models reject): where slicing
            # cuts them short the column check may only be stricter, never hold where it fails
            assert want or not got, drawn[i]
