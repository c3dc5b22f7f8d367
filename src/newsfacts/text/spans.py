"""Spans and text: finding quotes, making selectors, assembling article text from its source.

The provenance chain lives here. An article's text is its source segments, in reading order,
joined by :data:`SEGMENT_JOIN`, with its edits applied; :func:`assemble` builds it together
with an alignment that maps every article offset back to a source offset.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsfacts.models import CONTEXT, Edit, Segment, Span

__all__ = [
    "SEGMENT_JOIN",
    "Assembled",
    "QuoteError",
    "assemble",
    "assembled_text",
    "find_quote",
    "make_span",
    "marked_text",
]

#: Text placed between two segments of an article: a paragraph break, as on the page.
SEGMENT_JOIN = "\n\n"

#: In a curated quote, ``[[...]]`` marks the span; the rest is context that must match too.
_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


class QuoteError(ValueError):
    """A quote that is missing from a text or matches it more than once."""

    def __init__(self, quote: str, message: str, places: Sequence[int] = ()) -> None:
        self.quote = quote
        self.places = list(places)
        super().__init__(message)


def _split_quote(quote: str) -> tuple[str, int, int]:
    """Split a curated quote into the literal to search and the marked part's offsets in it."""
    marks = list(_MARK.finditer(quote))
    if not marks:
        return quote, 0, len(quote)
    if len(marks) > 1:
        raise QuoteError(quote, "a quote may mark only one [[span]]")
    mark = marks[0]
    literal = quote[: mark.start()] + mark.group(1) + quote[mark.end() :]
    return literal, mark.start(), mark.start() + len(mark.group(1))


def marked_text(quote: str) -> str:
    """The text a curated quote stands for: its ``[[marked]]`` part, or all of it."""
    literal, start, end = _split_quote(quote)
    return literal[start:end]


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def find_all(text: str, literal: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every offset in ``text[lo:hi]`` where ``literal`` starts (overlapping matches too)."""
    hi = len(text) if hi is None else hi
    found = []
    at = text.find(literal, lo, hi)
    while at != -1:
        found.append(at)
        at = text.find(literal, at + 1, hi)
    return found


def find_quote(
    text: str, quote: str, *, lo: int = 0, hi: int | None = None, every: bool = False
) -> list[tuple[int, int]]:
    """Resolve a curated quote to ``(start, end)`` offsets of ``text``.

    ``quote`` may carry context: in ``全省[[机焦炉]]`` only ``机焦炉`` is the span, but the
    whole string must match. Unless ``every`` is set, the quote must match exactly once;
    otherwise a :class:`QuoteError` says where it matched.
    """
    literal, mark_start, mark_end = _split_quote(quote)
    if not literal or mark_end == mark_start:
        raise QuoteError(quote, "the quote is empty")
    places = find_all(text, literal, lo, hi)
    if not places:
        raise QuoteError(quote, "the quote is not in the text")
    if len(places) > 1 and not every:
        where = "; ".join(_line_col(text, p) for p in places[:5])
        raise QuoteError(
            quote, f"the quote matches {len(places)} times ({where}): add context", places
        )
    return [(p + mark_start, p + mark_end) for p in places]


def make_span(text: str, start: int, end: int) -> Span:
    """A span of ``text`` with both selectors filled in."""
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


@dataclass(frozen=True)
class Piece:
    """A run of article text and where it comes from in the source."""

    text_start: int
    text_end: int
    source_start: int
    source_end: int
    verbatim: bool  # True: the run is copied; False: an edit's ``after`` or a segment join


@dataclass(frozen=True)
class Assembled:
    """An article's text with its alignment to the source."""

    text: str
    pieces: tuple[Piece, ...]

    def source_offset(self, offset: int) -> int:
        """The source offset an article offset comes from (edits map to their start)."""
        for piece in self.pieces:
            if piece.text_start <= offset < piece.text_end or (
                offset == piece.text_end == len(self.text)
            ):
                if piece.verbatim:
                    return piece.source_start + (offset - piece.text_start)
                return piece.source_start
        raise IndexError(f"offset {offset} is outside the text")


class AssemblyError(ValueError):
    """Segments and edits that do not fit together."""


def assemble(source: str, segments: Sequence[Segment], edits: Iterable[Edit]) -> Assembled:
    """Build an article's text from source segments and edits; raise on misfits.

    Every edit must lie inside one segment, must not overlap another, and its ``before`` must
    be what the source holds at its offsets.
    """
    parts: list[str] = []
    pieces: list[Piece] = []
    length = 0
    for chunk, src_start, src_end, verbatim in _runs(source, segments, edits):
        if chunk or not verbatim:
            pieces.append(Piece(length, length + len(chunk), src_start, src_end, verbatim))
        parts.append(chunk)
        length += len(chunk)
    return Assembled("".join(parts), tuple(pieces))


def assembled_text(source: str, segments: Sequence[Segment], edits: Iterable[Edit]) -> str:
    """The text :func:`assemble` builds, without the alignment (quicker); the same misfits
    raise."""
    return "".join(run[0] for run in _runs(source, segments, edits))


def _runs(
    source: str, segments: Sequence[Segment], edits: Iterable[Edit]
) -> Iterator[tuple[str, int, int, bool]]:
    """The runs of an article's text in order: (text, source start, source end, verbatim);
    a verbatim run is copied from the source, the others are an edit's ``after`` or a join."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for edit in ordered:
        if edit.end < edit.start:
            raise AssemblyError(f"edit at {edit.start}-{edit.end} ends before it starts")
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise AssemblyError(f"edits at {a.start}-{a.end} and {b.start}-{b.end} overlap")
    used = 0
    for index, seg in enumerate(segments):
        if not 0 <= seg.start < seg.end <= len(source):
            raise AssemblyError(f"segment {seg.start}-{seg.end} is outside the source")
        if index:
            yield SEGMENT_JOIN, seg.start, seg.start, False
        pos = seg.start
        inside = [e for e in ordered if seg.start <= e.start and e.end <= seg.end]
        for edit in inside:
            if source[edit.start : edit.end] != edit.before:
                raise AssemblyError(
                    f"edit at {edit.start}-{edit.end}: the source holds "
                    f"{source[edit.start : edit.end]!r}, not {edit.before!r}"
                )
            yield source[pos : edit.start], pos, edit.start, True
            yield edit.after, edit.start, edit.end, False
            pos = edit.end
        yield source[pos : seg.end], pos, seg.end, True
        used += len(inside)
    if used != len(ordered):
        raise AssemblyError("an edit lies outside the article's segments")
