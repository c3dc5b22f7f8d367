"""The page of one article: its text with every fact's evidence highlighted and every entity
mention linked, the details panel, the source view with segments and edits, the charts of its
quantities, every fact's card and the problems ``validate`` finds on it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsfacts.models import Article, Entity, Fact, Mention, Source
from newsfacts.site.cards import fact_card, problem_list, review_badge
from newsfacts.site.chart import charts
from newsfacts.site.shell import KINDS, entity_href, esc, page
from newsfacts.site.spans import Piece, render_layers
from newsfacts.validation.report import Problem

__all__ = ["article_page", "highlighted_text", "source_view"]


def _fact_piece(fact: Fact) -> Piece:
    classes = f"hl k-{fact.kind}" + (" draft" if fact.review == "draft" else "")
    label = f"{fact.kind} fact {fact.id}: {fact.evidence.exact}"
    return Piece(
        fact.evidence.start,
        fact.evidence.end,
        f'<mark class="{esc(classes)}" data-fact="{esc(fact.id)}" tabindex="0" role="button" '
        f'aria-controls="details" aria-label="{esc(label)}">',
        "</mark>",
    )


def _mention_piece(entity: Entity, mention: Mention, number: int) -> Piece:
    return Piece(
        mention.start,
        mention.end,
        f'<a class="mention" id="mention-{esc(entity.id)}-{number}" data-entity="{esc(entity.id)}" '
        f'href="{entity_href(entity.id, 1)}#m-{number}" title="{esc(entity.name)}">',
        "</a>",
    )


def highlighted_text(
    text: str, facts: Sequence[Fact], mentions: Sequence[tuple[Entity, Mention, int]]
) -> str:
    """The article text drawn in layers (see :mod:`newsfacts.site.spans`): the plain text,
    then the facts' highlights, then the entity mentions on top."""
    layers = render_layers(
        text,
        [[_fact_piece(f) for f in facts], [_mention_piece(e, m, n) for e, m, n in mentions]],
    )
    over = "".join(f'<div class="layer over">{layer}</div>' for layer in layers)
    return (
        f'<div class="layers"><div class="layer base">{esc(text)}</div>{over}</div>' if text else ""
    )


def _visible(text: str) -> str:
    """Whitespace an edit removes or adds, made visible: line breaks as ↵, spaces as ␣."""
    shown = text.replace("\n", "↵").replace(" ", "␣").replace("\u3000", "□")
    return esc(shown) if shown else "∅"


def source_view(article: Article, source: Source | None) -> str:
    """The article's segments of the page in reading order, each edit marked in place (what
    the page prints struck, what the text holds instead), a jump between segments told, and
    the list of edits with their confidence and rationale."""
    if source is None:
        return '<p lang="en">The source of this article is not in the release.</p>'
    edits = sorted(enumerate(article.edits, 1), key=lambda pair: pair[1].start)
    parts = []
    previous = None
    for number, segment in enumerate(article.segments, 1):
        jump = ""
        if previous is not None and segment.start != previous:
            skipped = segment.start - previous
            jump = (
                f'<p class="jump" lang="en">The article jumps: '
                f"{abs(skipped)} characters of the page "
                f"{'skipped' if skipped > 0 else 'back'} (source {previous}–{segment.start}).</p>"
            )
        out = []
        at = segment.start
        for n, edit in edits:
            if edit.start < at or edit.end > segment.end:
                continue
            out.append(esc(source.text[at : edit.start]))
            out.append(
                f'<span class="edit edit-{esc(edit.kind)} conf-{esc(edit.confidence)}" '
                f'title="{esc(edit.kind)}: the page prints {esc(_visible(edit.before))}, the '
                f'text holds {esc(_visible(edit.after))}">'
                f"<del>{_visible(edit.before)}</del><ins>{_visible(edit.after)}</ins>"
                f'<sup><a href="#edit-{n}" aria-label="edit {n}">{n}</a></sup></span>'
            )
            at = edit.end
        out.append(esc(source.text[at : segment.end]))
        parts.append(
            f'{jump}<h3 lang="en">Segment {number}: source characters '
            f'{segment.start}–{segment.end}</h3><div class="segment">{"".join(out)}</div>'
        )
        previous = segment.end
    items = "".join(
        f'<li id="edit-{n}"><span class="edit-kind">{esc(e.kind)}</span> '
        f'<span lang="en">at source {e.start}–{e.end}:</span> '
        f"<del>{_visible(e.before)}</del> → <ins>{_visible(e.after)}</ins> "
        f'<span class="badge conf-{esc(e.confidence)}">{esc(e.confidence)}</span> '
        f'<span lang="en">{esc(e.rationale)}</span>'
        + (f' <span class="ref">{esc(e.reference)}</span>' if e.reference else "")
        + "</li>"
        for n, e in enumerate(article.edits, 1)
    )
    edit_list = (
        f'<h3 lang="en">Edits ({len(article.edits)})</h3><ol class="edits">{items}</ol>'
        if items
        else '<p lang="en">No edit: the text is the page\'s characters.</p>'
    )
    return "".join(parts) + edit_list


def _legend(facts: Sequence[Fact]) -> str:
    present = {f.kind for f in facts}
    items = "".join(
        f'<li><span class="swatch k-{esc(kind)}" aria-hidden="true"></span>{esc(label)} '
        f"({sum(f.kind == kind for f in facts)})</li>"
        for kind, label in KINDS.items()
        if kind in present
    )
    return (
        f'<ul class="legend" lang="en" aria-label="Legend">{items}'
        '<li><span class="swatch mention-swatch" aria-hidden="true"></span>entity mention</li>'
        '<li><span class="swatch draft-swatch" aria-hidden="true"></span>draft (dashed)</li></ul>'
    )


def _furniture(article: Article, source: Source | None) -> str:
    rows = [
        ("headline", article.headline or "(none printed)"),
        ("kicker", article.kicker),
        ("overline", article.overline),
        ("subheadline", article.subheadline),
        ("series", article.series),
        ("dateline", article.dateline),
        ("genre", article.genre),
        (
            "bylines",
            "; ".join(f"{b.printed} ({b.role_printed or b.role})" for b in article.bylines),
        ),
        (
            "source",
            f"{source.title} ({source.publisher or '?'}, {source.date or '?'})"
            if source
            else article.source_id,
        ),
    ]
    cells = "".join(
        f'<dt lang="en">{esc(k)}</dt><dd>{esc(v)}</dd>' for k, v in rows if v not in (None, "")
    )
    review = f'<dt lang="en">review</dt><dd>{review_badge(article.review)}</dd>'
    return f'<dl class="meta">{cells}{review}</dl>'


def article_page(
    article: Article,
    source: Source | None,
    facts: Sequence[Fact],
    mentions: Sequence[tuple[Entity, Mention, int]],
    problems: Mapping[str, Sequence[Problem]],
    version: str | None,
) -> str:
    """The whole page of ``article`` (``articles/<id>.html``)."""
    own = list(problems.get(article.id, ()))
    fact_problems = [p for f in facts for p in problems.get(f.id, ())]
    title = article.title + (" [editorial title]" if article.title_editorial else "")
    flags = "".join(
        f'<li><span class="badge flag">{esc(f.type)}</span> <span lang="en">{esc(f.note)}</span>'
        + (f" <q>{esc(f.span.exact)}</q>" if f.span else "")
        + "</li>"
        for f in article.flags
    )
    problem_block = (
        f'<section class="problems-box" aria-labelledby="h-problems"><h2 id="h-problems" '
        f'lang="en">Problems validate finds ({len(own) + len(fact_problems)})</h2>'
        f"{problem_list(own + fact_problems)}</section>"
        if own or fact_problems
        else ""
    )
    seen: dict[str, Entity] = {}
    for entity, _mention, _n in mentions:
        seen.setdefault(entity.id, entity)
    entity_items = "".join(
        f'<li><a href="{entity_href(e.id, 1)}">{esc(e.name)}</a> '
        f'<span class="where" lang="en">{esc(e.type)}</span></li>'
        for e in sorted(seen.values(), key=lambda e: e.name)
    )
    chart_html = charts(facts)
    body = (
        f"<h1>{esc(article.title)}"
        + (
            ' <span class="badge editorial" lang="en">editorial title</span>'
            if article.title_editorial
            else ""
        )
        + f'</h1><p class="id"><code>{esc(article.id)}</code></p>'
        f"{_furniture(article, source)}"
        + (
            f'<section aria-labelledby="h-flags"><h2 id="h-flags" lang="en">Flags</h2>'
            f'<ul class="flags">{flags}</ul></section>'
            if flags
            else ""
        )
        + problem_block
        + '<div class="details-box" role="region" tabindex="0" aria-labelledby="h-details">'
        '<h2 id="h-details" lang="en">Selected fact</h2><div id="details" aria-live="polite">'
        '<p lang="en">Click or focus a highlight (Tab, then Enter) to see its fields here.</p>'
        "</div></div>"
        '<div class="article-grid">'
        f'<section class="text-col" aria-labelledby="h-text"><h2 id="h-text" lang="en">Text '
        f"with its {len(facts)} facts</h2>{_legend(facts)}"
        f"{highlighted_text(article.text, facts, mentions)}</section>"
        '<section class="source-col" aria-labelledby="h-source"><h2 id="h-source" '
        f'lang="en">Source view</h2>{source_view(article, source)}</section></div>'
        + (
            f'<section aria-labelledby="h-charts"><h2 id="h-charts" lang="en">Figures</h2>'
            f"{chart_html}</section>"
            if chart_html
            else ""
        )
        + '<section aria-labelledby="h-facts"><h2 id="h-facts" lang="en">Facts</h2>'
        + "".join(fact_card(f, problems.get(f.id, ())) for f in facts)
        + "</section>"
        + (
            f'<section aria-labelledby="h-entities"><h2 id="h-entities" lang="en">Entities '
            f'mentioned</h2><ul class="entity-list">{entity_items}</ul></section>'
            if entity_items
            else ""
        )
    )
    return page(title, body, depth=1, current="", version=version)
