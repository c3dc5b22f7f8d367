"""The cards of the site: a fact with all its fields, and the problems ``validate`` finds on a
record, as HTML fragments that the article pages and the details panel show."""

from __future__ import annotations

from collections.abc import Sequence

from newsfacts.models import Fact
from newsfacts.site.shell import entity_href, esc, fmt_value, period
from newsfacts.validation.report import Problem

__all__ = ["fact_card", "problem_list", "review_badge"]


def review_badge(review: str) -> str:
    """``draft`` or ``accepted``, as a badge that does not rely on colour alone."""
    return f'<span class="badge review-{esc(review)}">{esc(review)}</span>'


def problem_list(problems: Sequence[Problem]) -> str:
    """The problems, each with its type slug and where it is, or an empty string."""
    if not problems:
        return ""
    items = "".join(
        f'<li><code class="slug">{esc(p.type)}</code> {esc(p.message)} '
        f'<span class="where">{esc(p.location())}</span></li>'
        for p in problems
    )
    return f'<ul class="problems" lang="en">{items}</ul>'


def _or_dash(value: object) -> str:
    return esc(value) if value not in (None, "", []) else '<span class="none">—</span>'


def _entity(entity_id: str | None, depth: int) -> str | None:
    if entity_id is None:
        return None
    return f'<a href="{entity_href(entity_id, depth)}"><code>{esc(entity_id)}</code></a>'


def fact_card(fact: Fact, problems: Sequence[Problem], *, depth: int = 1) -> str:
    """Every field of a fact worth reading, as a definition list under its kind and id. The
    fields the review asks about (value, unit, qualifier, period, subject, predicate, notes,
    review) are always listed, with a dash where the fact has none."""
    always: list[tuple[str, str]] = [
        ("value", _or_dash(fmt_value(fact.value))),
        ("unit", _or_dash(fact.unit)),
        ("qualifier", _or_dash(fact.qualifier)),
        ("period", _or_dash(period(fact.period_start, fact.period_end, fact.as_of))),
        ("subject", _or_dash(fact.subject)),
        ("predicate", f"{esc(fact.predicate)} <span lang='en'>({esc(fact.predicate_en)})</span>"),
    ]
    optional: list[tuple[str, str | None]] = [
        ("value as printed", esc(fact.value_text) if fact.value_text else None),
        ("counted", esc(fact.counted) if fact.counted else None),
        ("measure", esc(fact.measure) if fact.measure else None),
        ("baseline", esc(fact.baseline) if fact.baseline else None),
        ("date", esc(fact.date) if fact.date else None),
        ("precision", esc(fact.time_precision) if fact.time_precision else None),
        ("place", esc(fact.place) if fact.place else None),
        ("participants", esc("、".join(fact.participants)) if fact.participants else None),
        ("organizers", esc("、".join(fact.organizers)) if fact.organizers else None),
        ("subject entity", _entity(fact.subject_entity, depth)),
        ("object entity", _entity(fact.object_entity, depth)),
        ("object", esc(fact.object_text) if fact.object_text else None),
        (
            "inputs",
            ", ".join(f'<a href="#fact-{esc(i)}"><code>{esc(i)}</code></a>' for i in fact.inputs)
            or None,
        ),
        ("formula", f"<code>{esc(fact.formula)}</code>" if fact.formula else None),
        (
            "consistent",
            None if fact.consistent is None else ("yes" if fact.consistent else "no"),
        ),
    ]
    rows = always + [(k, v) for k, v in optional if v is not None]
    rows += [("notes", _or_dash(fact.notes)), ("review", review_badge(fact.review))]
    fields = "".join(f'<dt lang="en">{esc(k)}</dt><dd>{v}</dd>' for k, v in rows)
    evidence = (
        f'<p class="evidence"><span class="ctx">{esc(fact.evidence.prefix)}</span>'
        f"<q>{esc(fact.evidence.exact)}</q>"
        f'<span class="ctx">{esc(fact.evidence.suffix)}</span> '
        f'<span class="where" lang="en">characters {fact.evidence.start}–{fact.evidence.end}'
        "</span></p>"
    )
    return (
        f'<div class="fact-card k-{esc(fact.kind)}" id="fact-{esc(fact.id)}" '
        f'data-card="{esc(fact.id)}">'
        f'<h3><span class="swatch k-{esc(fact.kind)}" aria-hidden="true"></span>'
        f'<span lang="en">{esc(fact.kind)}</span> <code class="fact-id">{esc(fact.id)}</code> '
        f"{review_badge(fact.review)}</h3>{evidence}<dl>{fields}</dl>{problem_list(problems)}</div>"
    )
