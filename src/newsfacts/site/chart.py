"""Charts of an article's quantities, as inline SVG written here (no script draws them).

A chart is drawn where a reader would rather look than read: for the quantities of one article
that share a predicate, a unit and a measure (the figures of one measure over its periods, or
of its subjects), one horizontal bar each, labelled with its subject and period and its value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsfacts.models import Fact
from newsfacts.site.shell import esc, fmt_value, period

__all__ = ["charts", "groups"]

_ROW = 28
_LABEL = 300
_BAR = 360
_TEXT = 120


def groups(facts: Sequence[Fact]) -> list[list[Fact]]:
    """The quantities worth a chart: two or more of one predicate, unit and measure, with a
    value each; in the order of the first one's evidence."""
    found: dict[tuple[str, str | None, str | None], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "quantity" and fact.value is not None:
            found[(fact.predicate, fact.unit, fact.measure)].append(fact)
    chosen = [group for group in found.values() if len(group) >= 2]
    for group in chosen:
        group.sort(key=lambda f: (f.period_start or f.as_of or "", f.evidence.start))
    return sorted(chosen, key=lambda g: min(f.evidence.start for f in g))


def _label(fact: Fact) -> str:
    when = period(fact.period_start, fact.period_end, fact.as_of)
    return f"{fact.subject} ({when})" if when else fact.subject


def chart(group: Sequence[Fact], number: int) -> str:
    """One ``<figure>``: an SVG bar per fact and a caption naming the measure and unit."""
    first = group[0]
    top = max(abs(f.value or 0.0) for f in group) or 1.0
    height = _ROW * len(group) + 8
    width = _LABEL + _BAR + _TEXT
    title_id = f"chart-{number}-title"
    caption = f"{first.predicate} ({first.predicate_en}), {first.unit}" + (
        f", {first.measure}" if first.measure else ""
    )
    bars = []
    for i, fact in enumerate(group):
        value = fact.value or 0.0
        y = 4 + i * _ROW
        length = max(1.0, _BAR * abs(value) / top)
        label = _label(fact)
        short = label if len(label) <= 22 else label[:21] + "…"
        bars.append(
            f'<g class="bar"><title>{esc(label)}: {esc(fmt_value(value))} {esc(fact.unit)} '
            f"({esc(fact.id)})</title>"
            f'<text x="{_LABEL - 8}" y="{y + 18}" text-anchor="end">{esc(short)}</text>'
            f'<rect x="{_LABEL}" y="{y + 4}" width="{length:.1f}" height="{_ROW - 10}" '
            f'class="k-{esc(fact.kind)}"></rect>'
            f'<text x="{_LABEL + length + 6:.1f}" y="{y + 18}">{esc(fmt_value(value))}</text></g>'
        )
    return (
        f'<figure class="chart"><svg role="img" aria-labelledby="{title_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{title_id}">{esc(caption)}</title>'
        + "".join(bars)
        + f"</svg><figcaption>{esc(caption)}: "
        + "; ".join(
            f'<a href="#fact-{esc(f.id)}">{esc(_label(f))} {esc(fmt_value(f.value))}</a>'
            for f in group
        )
        + "</figcaption></figure>"
    )


def charts(facts: Sequence[Fact]) -> str:
    """Every chart of an article's facts, or an empty string where none is worth drawing."""
    return "".join(chart(group, n) for n, group in enumerate(groups(facts), 1))
