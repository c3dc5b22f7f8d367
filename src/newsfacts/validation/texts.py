"""Text checks of one record: spans against the text they point into, a source's hash, an
article's assembly from its segments and edits, an entity's mentions.
"""

from __future__ import annotations

import hashlib

from newsfacts.models import Article, Entity, Source, Span
from newsfacts.text.spans import AssemblyError, assembled_text
from newsfacts.validation.identity import Index, check_ref
from newsfacts.validation.report import Report
from newsfacts.validation.rows import Row

__all__ = ["check_article", "check_entity", "check_source", "check_span"]


def check_span(report: Report, row: Row, path: str, span: Span, text: str) -> None:
    where = {**row.at(), "field": path}
    if span.end > len(text):
        report.add(
            "span-out-of-range",
            f"span {span.start}-{span.end} lies outside the text of {len(text)} code points",
            **where,
        )
        return
    found = text[span.start : span.end]
    if found != span.exact:
        report.add(
            "span-mismatch",
            f"text[{span.start}:{span.end}] is {found!r}, not {span.exact!r}",
            **{**where, "field": f"{path}.exact"},
        )
        return
    before = text[max(0, span.start - len(span.prefix)) : span.start]
    after = text[span.end : span.end + len(span.suffix)]
    for name, value, actual in (("prefix", span.prefix, before), ("suffix", span.suffix, after)):
        if value != actual:
            report.add(
                "context-mismatch",
                f"{name} is {value!r}; the text has {actual!r}",
                **{**where, "field": f"{path}.{name}"},
            )


def check_source(report: Report, row: Row, source: Source, index: Index) -> None:
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    if digest != source.sha256:
        report.add(
            "source-hash-mismatch",
            f"sha256 of the text is {digest}, not the recorded {source.sha256}",
            **row.at(),
            field="$.text",
        )


def check_article(report: Report, row: Row, art: Article, index: Index) -> None:
    where = row.at()
    check_ref(report, row, "$.source_id", art.source_id, index)
    for i, rel in enumerate(art.related):
        check_ref(report, row, f"$.related[{i}]", rel, index)
    source = index.sources.get(art.source_id)
    if source is None:
        return
    for i, edit in enumerate(art.edits):
        found = source.text[edit.start : edit.end]
        if found != edit.before:
            report.add(
                "edit-mismatch",
                f"the edit's before {edit.before!r} is not the source's {found!r} "
                f"at {edit.start}-{edit.end}",
                **where,
                field=f"$.edits[{i}].before",
            )
    try:
        assembled = assembled_text(source.text, art.segments, art.edits)
    except AssemblyError as exc:
        report.add(
            "text-mismatch", f"segments and edits do not fit: {exc}", **where, field="$.segments"
        )
    else:
        if assembled != art.text:
            at = next(
                (i for i, (a, b) in enumerate(zip(assembled, art.text)) if a != b),
                min(len(assembled), len(art.text)),
            )
            report.add(
                "text-mismatch",
                f"the text differs from its segments and edits at offset {at}: "
                f"{art.text[at : at + 12]!r} where the source gives {assembled[at : at + 12]!r}",
                **where,
                field="$.text",
            )
    for i, el in enumerate(art.elements):
        found = source.text[el.start : el.end]
        if found != el.exact:
            report.add(
                "span-mismatch",
                f"source[{el.start}:{el.end}] is {found!r}, not {el.exact!r}",
                **where,
                field=f"$.elements[{i}].exact",
            )
    for i, sec in enumerate(art.sections):
        if art.text[sec.start : sec.end] != sec.heading:
            report.add(
                "span-mismatch",
                f"text[{sec.start}:{sec.end}] is {art.text[sec.start : sec.end]!r}, "
                f"not {sec.heading!r}",
                **where,
                field=f"$.sections[{i}].heading",
            )
    for i, flag in enumerate(art.flags):
        if flag.span is not None:
            check_span(report, row, f"$.flags[{i}].span", flag.span, art.text)


#: The plainest printed quantities (Arabic number, optional 万/亿/万亿, one common unit or
#: classifier) read without the full reader; a property test holds them to read_quantity.
def check_entity(report: Report, row: Row, ent: Entity, index: Index) -> None:
    check_ref(report, row, "$.parent", ent.parent, index)
    places: dict[tuple[str, int, int], int] = {}
    for i, mention in enumerate(ent.mentions):
        path = f"$.mentions[{i}]"
        place = (mention.article_id, mention.start, mention.end)
        if place in places:
            first = f"$.mentions[{places[place]}]"
            report.add(
                "duplicate-mention",
                f"{path} is the mention at {mention.start}-{mention.end} of "
                f"{mention.article_id} again (first at {first})",
                **row.at(),
                field=path,
            )
            continue
        places[place] = i
        check_ref(report, row, f"{path}.article_id", mention.article_id, index)
        article = index.articles.get(mention.article_id)
        if article is not None:
            check_span(report, row, path, mention, article.text)
