"""The pages that list: the index of sources and articles, the table of every fact, the list
of entities and each entity's page with every mention in context."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from newsfacts.models import Article, Entity, Fact, Source
from newsfacts.site.cards import problem_list, review_badge
from newsfacts.site.shell import (
    KINDS,
    article_href,
    entity_href,
    esc,
    fmt_value,
    page,
    period,
    select_filter,
)
from newsfacts.validation.report import Problem

__all__ = ["entities_page", "entity_page", "facts_page", "index_page"]


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _review_counts(records: Sequence[Article | Fact | Entity]) -> Counter[str]:
    return Counter(r.review for r in records)


def _counts_table(tables: Mapping[str, Sequence[Article | Fact | Entity]]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{esc(name)}</th><td>{len(records)}</td>'
        f"<td>{_review_counts(records)['accepted']}</td>"
        f"<td>{_review_counts(records)['draft']}</td></tr>"
        for name, records in tables.items()
    )
    return (
        '<table class="counts" lang="en"><caption>Records by review status</caption>'
        '<thead><tr><th scope="col">table</th><th scope="col">records</th>'
        '<th scope="col">accepted</th><th scope="col">draft</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def index_page(
    sources: Sequence[Source],
    articles: Sequence[Article],
    facts_of: Mapping[str, Sequence[Fact]],
    entities: Sequence[Entity],
    problems: Mapping[str, Sequence[Problem]],
    release_problems: Sequence[Problem],
    version: str | None,
) -> str:
    """``index.html``: every source and its articles, with counts and review status,
    filterable by source and review status."""
    all_facts = [f for fs in facts_of.values() for f in fs]
    head = (
        '<tr><th scope="col">article</th><th scope="col">genre</th><th scope="col">bylines</th>'
        + "".join(f'<th scope="col">{esc(k)}</th>' for k in KINDS)
        + '<th scope="col">flags</th><th scope="col">edits</th><th scope="col">review</th>'
        '<th scope="col">problems</th></tr>'
    )
    sections = []
    for source in sources:
        rows = []
        for article in (a for a in articles if a.source_id == source.id):
            facts = facts_of.get(article.id, ())
            kinds: Counter[str] = Counter(f.kind for f in facts)
            reviews = _review_counts([article, *facts])
            status = "draft" if reviews["draft"] else "accepted"
            found = len(problems.get(article.id, ())) + sum(
                len(problems.get(f.id, ())) for f in facts
            )
            editorial = (
                ' <span class="badge editorial" lang="en">editorial title</span>'
                if article.title_editorial
                else ""
            )
            rows.append(
                f'<tr data-source="{esc(source.id)}" data-review="{status}">'
                f'<td><a href="{article_href(article.id, 0)}">{esc(article.title)}</a>'
                f'{editorial}<br><code class="small">{esc(article.id)}</code></td>'
                f"<td>{esc(article.genre)}</td>"
                f"<td>{esc('、'.join(b.name for b in article.bylines))}</td>"
                + "".join(f'<td class="num">{kinds[k]}</td>' for k in KINDS)
                + f"<td>{esc(', '.join(sorted({f.type for f in article.flags})))}</td>"
                f'<td class="num">{sum(e.kind != "markup" for e in article.edits)}'
                f'<span class="small"> (+{sum(e.kind == "markup" for e in article.edits)} '
                "markup)</span></td>"
                f'<td>{review_badge(article.review)}<br><span class="small">facts: '
                f"{reviews['accepted'] - (article.review == 'accepted')} accepted, "
                f"{reviews['draft'] - (article.review == 'draft')} draft</span></td>"
                f'<td class="num">{found or ""}</td></tr>'
            )
        sections.append(
            f'<section aria-labelledby="h-{esc(source.id)}" data-source-section="{esc(source.id)}">'
            f'<h2 id="h-{esc(source.id)}">{esc(source.title)}</h2>'
            f'<p class="small">{esc(source.publisher or "")} {esc(source.date or "")} '
            f"{esc(source.place or '')} · <code>{esc(source.id)}</code> · "
            f"{esc(source.license)}</p>"
            f'<div class="scroll" role="region" tabindex="0" '
            f'aria-label="The articles of {esc(source.id)}" lang="en">'
            f'<table class="articles" lang="en"><thead>{head}</thead><tbody>{"".join(rows)}'
            "</tbody></table></div></section>"
        )
    filters = (
        '<form class="filters" lang="en" aria-label="Filter the articles">'
        + select_filter("source", "Source", (s.id for s in sources), "table.articles tbody tr")
        + select_filter("review", "Review status", ("draft", "accepted"), "table.articles tbody tr")
        + '<output data-count-for="table.articles tbody tr"></output></form>'
    )
    release_block = (
        '<section aria-labelledby="h-release-problems"><h2 id="h-release-problems" lang="en">'
        f"Problems of the release ({len(release_problems)})</h2>"
        f"{problem_list(release_problems)}</section>"
        if release_problems
        else ""
    )
    body = (
        '<h1 lang="en">Sources and articles</h1>'
        f'<p lang="en">{_count(len(sources), "source")}, {_count(len(articles), "article")}, '
        f"{_count(len(all_facts), 'fact')}, {_count(len(entities), 'entity', 'entities')}.</p>"
        + _counts_table({"articles": articles, "facts": all_facts, "entities": entities})
        + release_block
        + filters
        + "".join(sections)
    )
    return page("Sources and articles", body, depth=0, current="index.html", version=version)


def facts_page(facts: Sequence[Fact], titles: Mapping[str, str], version: str | None) -> str:
    """``facts.html``: every fact in one table, sortable by any column and filterable by kind,
    unit, article, qualifier and review status."""
    head = "".join(
        f'<th scope="col" data-sort="{esc(key)}" aria-sort="none"><button type="button">'
        f"{esc(label)}</button></th>"
        for key, label in (
            ("id", "id"),
            ("kind", "kind"),
            ("article", "article"),
            ("subject", "subject"),
            ("predicate", "predicate"),
            ("value", "value"),
            ("unit", "unit"),
            ("qualifier", "qualifier"),
            ("period", "period"),
            ("review", "review"),
        )
    )
    rows = []
    for fact in facts:
        when = period(fact.period_start, fact.period_end, fact.as_of) or (fact.date or "")
        rows.append(
            f'<tr data-id="{esc(fact.id)}" data-kind="{esc(fact.kind)}" '
            f'data-unit="{esc(fact.unit or "")}" data-article="{esc(fact.article_id)}" '
            f'data-qualifier="{esc(fact.qualifier or "")}" data-review="{esc(fact.review)}">'
            f'<td><a href="{article_href(fact.article_id, 0)}#fact-{esc(fact.id)}">'
            f"<code>{esc(fact.id)}</code></a></td>"
            f'<td><span class="swatch k-{esc(fact.kind)}" aria-hidden="true"></span>'
            f"{esc(fact.kind)}</td>"
            f'<td><a href="{article_href(fact.article_id, 0)}" '
            f'title="{esc(titles.get(fact.article_id, ""))}">{esc(fact.article_id)}</a></td>'
            f"<td>{esc(fact.subject)}</td><td>{esc(fact.predicate)}</td>"
            f'<td class="num" data-value="{"" if fact.value is None else repr(fact.value)}">'
            f"{esc(fmt_value(fact.value))}</td>"
            f"<td>{esc(fact.unit or '')}</td><td>{esc(fact.qualifier or '')}</td>"
            f"<td>{esc(when)}</td><td>{review_badge(fact.review)}</td></tr>"
        )
    target = "table.facts tbody tr"
    filters = (
        '<form class="filters" lang="en" aria-label="Filter the facts">'
        + select_filter("kind", "Kind", (f.kind for f in facts), target)
        + select_filter("unit", "Unit", (f.unit for f in facts if f.unit), target)
        + select_filter("article", "Article", (f.article_id for f in facts), target)
        + select_filter(
            "qualifier", "Qualifier", (f.qualifier for f in facts if f.qualifier), target
        )
        + select_filter("review", "Review status", (f.review for f in facts), target)
        + f'<output data-count-for="{target}"></output></form>'
    )
    body = (
        f'<h1 lang="en">Facts ({len(facts)})</h1>{filters}'
        '<div class="scroll" role="region" tabindex="0" aria-labelledby="facts-caption">'
        '<table class="facts sortable" lang="en"><caption id="facts-caption">Every fact of the '
        "release: sort by a column's button, filter above</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return page("Facts", body, depth=0, current="facts.html", version=version)


def entities_page(entities: Sequence[Entity], version: str | None) -> str:
    """``entities.html``: every entity with its type and number of mentions."""
    rows = "".join(
        f'<tr data-type="{esc(e.type)}" data-review="{esc(e.review)}">'
        f'<td><a href="{entity_href(e.id, 0)}">{esc(e.name)}</a></td>'
        f"<td><code>{esc(e.id)}</code></td><td>{esc(e.type)}</td>"
        f'<td class="num">{len(e.mentions)}</td><td>{review_badge(e.review)}</td></tr>'
        for e in entities
    )
    target = "table.entities tbody tr"
    body = (
        f'<h1 lang="en">Entities ({len(entities)})</h1>'
        '<form class="filters" lang="en" aria-label="Filter the entities">'
        + select_filter("type", "Type", (e.type for e in entities), target)
        + select_filter("review", "Review status", (e.review for e in entities), target)
        + f'<output data-count-for="{target}"></output></form>'
        '<table class="entities" lang="en"><thead><tr><th scope="col">name</th>'
        '<th scope="col">id</th><th scope="col">type</th><th scope="col">mentions</th>'
        f'<th scope="col">review</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return page("Entities", body, depth=0, current="entities.html", version=version)


def entity_page(
    entity: Entity,
    articles: Mapping[str, Article],
    sources: Mapping[str, Source],
    names: Mapping[str, str],
    problems: Sequence[Problem],
    version: str | None,
) -> str:
    """``entities/<id>.html``: name, type, aliases, what the page says of it, and every
    mention in its context, grouped by source, each linked to its article."""
    by_source: dict[str, list[str]] = {}
    for number, mention in enumerate(entity.mentions):
        article = articles.get(mention.article_id)
        source_id = article.source_id if article else "?"
        title = article.title if article else mention.article_id
        by_source.setdefault(source_id, []).append(
            f'<li id="m-{number}"><span class="ctx">{esc(mention.prefix)}</span>'
            f'<mark class="mention-mark">{esc(mention.exact)}</mark>'
            f'<span class="ctx">{esc(mention.suffix)}</span> — '
            f'<a href="{article_href(mention.article_id, 1)}#mention-{esc(entity.id)}-{number}">'
            f"{esc(title)}</a> "
            f'<span class="where" lang="en">characters {mention.start}–{mention.end}</span></li>'
        )
    mentions = "".join(
        f"<h3>{esc(sources[s].title if s in sources else s)}</h3>"
        f'<ol class="mentions">{"".join(items)}</ol>'
        for s, items in by_source.items()
    )
    parent = (
        f'<a href="{esc(entity.parent)}.html">{esc(names.get(entity.parent, entity.parent))}</a>'
        if entity.parent
        else None
    )
    rows = [
        ("id", f"<code>{esc(entity.id)}</code>"),
        ("type", esc(entity.type)),
        ("aliases", esc("、".join(entity.aliases)) or "—"),
        ("posts", esc("、".join(entity.posts)) or None),
        ("parent", parent),
        ("description", esc(entity.description) if entity.description else None),
        ("review", review_badge(entity.review)),
    ]
    meta = "".join(f'<dt lang="en">{k}</dt><dd>{v}</dd>' for k, v in rows if v is not None)
    body = (
        f'<h1>{esc(entity.name)}</h1><dl class="meta">{meta}</dl>{problem_list(problems)}'
        f'<section aria-labelledby="h-mentions"><h2 id="h-mentions" lang="en">Mentions '
        f"({len(entity.mentions)})</h2>{mentions}</section>"
    )
    return page(entity.name, body, depth=1, current="", version=version)
