"""Highlighted text with overlapping spans: the article text drawn once, and layers above it.

Spans of a text can nest or cross (one fact's evidence begins inside another's and ends after
it), and in one HTML tree the elements' texts can only nest. So every span gets an element of
its own whose text is exactly the spanned text, by drawing the text more than once: the *base*
layer is the plain text, visible and read; each *layer* above it is the same text again,
stacked on the same place (one grid cell), its characters hidden (``visibility: hidden``, which
keeps the layout and takes the copy out of the accessibility tree) except the spans it holds.
Within a layer the spans are disjoint, neither nested nor crossing, so each is one element
(``<mark data-fact=...>``, ``<a data-entity=...>``) around exactly its characters, and no
control sits inside another. The spans are put in layers greedily (interval partitioning: as
few layers as the deepest overlap needs). The copies are laid out alike because they hold the
same characters in the same fonts and the span elements add no width (no padding, no border).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Piece", "assign_layers", "render_layer", "render_layers"]


@dataclass(frozen=True)
class Piece:
    """A span of the text to draw as one element: ``open`` + its characters + ``close``."""

    start: int
    end: int
    open: str
    close: str


def assign_layers(spans: Sequence[tuple[int, int]]) -> list[int]:
    """The layer of each span (0, 1, ...): spans in one layer are disjoint, and a span takes
    the lowest layer free at its start (spans taken in order of start, longer first)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
    ends: list[int] = []  # the end of the last span in each layer
    layer_of = [0] * len(spans)
    for i in order:
        start, end = spans[i]
        for layer, last in enumerate(ends):
            if last <= start:
                ends[layer] = end
                layer_of[i] = layer
                break
        else:
            layer_of[i] = len(ends)
            ends.append(end)
    return layer_of


def render_layer(text: str, pieces: Sequence[Piece]) -> str:
    """The text, escaped, with each piece's characters wrapped in its tags. The pieces must be
    disjoint and lie inside the text (:func:`render_layers` makes sure)."""
    out: list[str] = []
    at = 0
    for piece in sorted(pieces, key=lambda p: p.start):
        out.append(escape(text[at : piece.start], quote=False))
        out.append(piece.open + escape(text[piece.start : piece.end], quote=False) + piece.close)
        at = piece.end
    out.append(escape(text[at:], quote=False))
    return "".join(out)


def render_layers(text: str, groups: Sequence[Sequence[Piece]]) -> list[str]:
    """Every layer's HTML: each group (e.g. the facts, then the mentions) in layers of its
    own, in the order given, lowest first. Pieces outside the text or empty are left out."""
    layers: list[str] = []
    for group in groups:
        pieces = [p for p in group if 0 <= p.start < p.end <= len(text)]
        layer_of = assign_layers([(p.start, p.end) for p in pieces])
        count = max(layer_of, default=-1) + 1
        for layer in range(count):
            chosen = [p for p, n in zip(pieces, layer_of) if n == layer]
            layers.append(render_layer(text, chosen))
    return layers
