"""``newsfacts draft``: a new page's raw text to curated files a curator only has to review.

The page is copied verbatim into ``sources/``; ``curated/s-<sha8>/`` gets ``source.toml`` (what
was inferred marked so, with the reason) and one ``aNN.toml`` per article, in the format
``newsfacts build`` reads. Every proposed record is ``status = "draft"``: a plain build refuses
them until a curator has read each against the page and accepted it. What is proposed:
articles (from :mod:`newsfacts.curation.layout`) with their kicker, headline, subheadline,
dateline and byline; quantities (from :func:`newsfacts.text.finder.find_quantities`) with their
evidence sentence, value, unit, counted noun, qualifier and period or as-of date; dated events;
the column breaks of a page converted from print; and the page's names no curated entity has
(:mod:`newsfacts.curation.proposals` makes each). A file that exists is never overwritten:
drafting a page again adds only the articles that have no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.curation.derived import propose_base_value
from newsfacts.curation.facts import propose_event, propose_quantity, skipped_note
from newsfacts.curation.layout import Block, read_layout
from newsfacts.release.reading import read_regular
from newsfacts.text.events import find_events
from newsfacts.text.finder import find_quantities
from newsfacts.text.spans import SEGMENT_JOIN
from newsfacts.text.times import find_times

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newsfacts.curation.proposals import (
    anchored_quote,
    byline_names,
    credit_bylines,
    joined_text,
    known_names,
    plain_text,
    propose_entities,
    propose_genre,
    split_headline,
    toml_table,
    toml_value,
    unique_quote,
)

__all__ = ["DraftError", "Drafted", "dispatched", "draft_page", "is_iso_day"]

LICENSE = (
    "The news text is the copyright of its publisher and is not covered by the dataset's "
    "licence; it is included for research on the text. The annotations are CC BY 4.0."
)


#: Where a quote must be at least this long to stand for its place.
class DraftError(Exception):
    """The page cannot be drafted (it is not UTF-8, or its name is taken by another file)."""


@dataclass
class Drafted:
    """What a draft wrote, and what it left as it was."""

    source: Path
    folder: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    articles: int = 0
    facts: int = 0
    entities: int = 0


#: The mode of a file draft writes: what a new file gets under the usual umask.
_MODE = 0o644
#: What a page's file name may be: the name the source record gives it (no leading dot).
_PAGE_NAME = re.compile(r"[^/\\.][^/\\]*")
#: The articles a source may have (their numbers are two digits).
_MOST_ARTICLES = 99


def _write(path: Path, text: str) -> None:
    """Write a new file atomically (a temporary file renamed); never over an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, _MODE)  # mkstemp makes it the owner's alone; a curated file is shared
        os.link(tmp, path)  # fails if the file exists: nothing is replaced
    finally:
        os.unlink(tmp)


def _article(number: int, block: Block, source: str, date: str | None) -> tuple[str, int] | None:
    parts = [(block.body[0][0], block.body[-1][1]), *block.continuation]
    quotes = [
        (unique_quote(source, a, b, forward=True), unique_quote(source, a, b, forward=False))
        for a, b in parts
    ]
    if any(first is None or last is None for first, last in quotes):
        return None
    head: dict[str, Any] = {"number": number, "genre": block.genre, "status": "draft"}
    flags: list[dict[str, str]] = []
    headline, series = split_headline(block.headline, block.subheadline)
    lines = (
        ("kicker", block.kicker),
        ("overline", block.overline),
        (
            "subheadline",
            None if series.get("series_printed") == block.subheadline else block.subheadline,
        ),
    )
    body = parts[0][0]
    for key, line in lines:
        quoted = anchored_quote(source, line, body) if line else None
        if quoted:
            head[key] = quoted
    head["headline"] = [q for q in (anchored_quote(source, h, body) for h in headline) if q]
    if not head["headline"]:
        del head["headline"]
        head["title"] = plain_text(source[parts[0][0] : parts[0][1]]).strip()[:20]
        flags.append(
            {
                "type": "headline_missing",
                "note": "No headline is printed before this item (proposed by newsfacts draft); "
                "the title is its first words: give it a title of the curators' or find the "
                "headline on the page.",
            }
        )
    column = series.pop("column", None)
    column_printed = series.pop("column_printed", None)
    printed = anchored_quote(source, series.get("series_printed", ""), body)
    if printed:
        head.update(series, series_printed=printed)
    if column and column_printed and "kicker" not in head:
        head["kicker"] = anchored_quote(source, column, body)  # the column (栏目) of a series
    head["genre"] = propose_genre(block, column or head.get("series"))
    head["dateline"] = block.dateline
    lead = source[block.body[0][0] : block.body[0][1]].strip()
    if len(block.body) > 1 and lead[-1:] not in "。！？”…" and source.count(lead) > 1:
        head["notes"] = (
            f"The first paragraph ({lead[:12]}…) ends without a full stop and is printed again "
            "further on: a standfirst (提要) of the article, kept in its text (proposed by "
            "newsfacts draft)."
        )
    printed = block.byline or (block.credits[0] if block.credits else None)
    byline = anchored_quote(source, printed, body) if printed else None
    people = byline_names(block.byline) if block.byline else []
    for credit in block.credits:
        more, post = credit_bylines(credit)
        names = {re.sub(r"\s+", "", p["printed"]) for p in people}
        people += [p for p in more if re.sub(r"\s+", "", p["printed"]) not in names]
        for person in people:
            if post and person["role"] in ("author", "reporter"):
                person["role_printed"] = post  # （作者为本报湖北分社记者）
    if printed and byline:
        head["byline"] = byline
        head["bylines"] = people
    elif not printed:
        flags.append(
            {
                "type": "byline_missing",
                "note": "No byline is printed with this item (proposed by newsfacts draft): "
                "look for it on the page, or say whose it may be.",
            }
        )
    if block.continuation:
        heading = block.sections[-1]
        flags.append(
            {
                "type": "continued",
                "quote": heading,
                "note": "The article seems to jump: the part under this heading is printed "
                "further down, after other items, and is joined here as the next segment "
                "(proposed by newsfacts draft: check that it is this article's).",
            }
        )
    out = ["# Proposed by newsfacts draft: read every line against the page, then accept it.\n"]
    out.append(toml_table({k: v for k, v in head.items() if k != "bylines"}))
    if head.get("bylines"):
        out.append(
            "bylines = [\n" + "".join(f"  {toml_value(b)},\n" for b in head["bylines"]) + "]\n"
        )
    for first, last in quotes:
        out.append(f"\n[[segments]]\nstart = {toml_value(first)}\nend = {toml_value(last)}\n")
    for flag in flags:
        out.append("\n[[flags]]\n" + toml_table(flag))
    joined = [joined_text(source, a, b) for a, b in parts]
    text = SEGMENT_JOIN.join(t for t, _ in joined)
    breaks = [b for _, found in joined for b in found]
    for _, quote, confidence in breaks:
        change: dict[str, Any] = {
            "kind": "column_break",
            "quote": quote,
            "after": "",
            "confidence": confidence,
            "rationale": "A blank line where the sentence runs on: a column break of the layout "
            "(proposed by newsfacts draft; read it against the page).",
        }
        out.append("\n[[edits]]\n" + toml_table(change))
    facts, previous = 0, None
    date = dispatched(block.dateline, date)
    for found in find_quantities(text, base=date):
        fact = propose_quantity(facts + 1, found, text, previous)
        skipped = skipped_note(found)
        if skipped:
            out.append("\n" + skipped)
        if fact is not None:
            level, facts, previous = previous, facts + 1, fact
            out.append("\n[[facts]]\n" + toml_table(fact))
            derived = propose_base_value(facts + 1, fact, level, found, text)
            if derived is not None:
                facts += 1
                out.append("\n[[facts]]\n" + toml_table(derived))
    for event in find_events(text, date) if date else []:
        proposal = propose_event(facts + 1, event, text)
        if proposal is not None:
            facts += 1
            out.append("\n[[facts]]\n" + toml_table(proposal))
    return "".join(out), facts


def dispatched(dateline: str | None, date: str | None) -> str | None:
    """The day a dated dispatch was filed (本报南宁7月14日电: 7月14日, of the year the page's
    date gives), which is the "now" of its article: 目前, 日前 and days without a month in it
    are read against that day. Else (本报讯, no dateline) the page's date."""
    if dateline and date:
        for time in find_times(dateline, date):
            if time.kind == "date" and time.precision == "day" and not time.vague:
                return time.last
    return date


def is_iso_day(text: str) -> bool:
    """Whether ``text`` is a day of the calendar written YYYY-MM-DD, as a source's date is
    (``date.fromisoformat`` also takes 20251106 and 2025-W45-4)."""
    if not re.fullmatch(r"[1-9]\d{3}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _page_date(blocks: list[Block], given: str | None) -> tuple[str | None, str | None]:
    """The page's date and why: given, or read from a byline line."""
    if given:
        if not is_iso_day(given):
            raise ValueError(f"{given!r} is not a date written YYYY-MM-DD")
        return given, "Given with --date."
    for block in blocks:
        if block.paper:
            p = block.paper
            iso = f"{int(p['year']):04d}-{int(p['month']):02d}-{int(p['day']):02d}"
            return (
                iso,
                f"Read from the byline line 《{p['paper']}》（{p['year']}年{p['month']}月"
                f"{p['day']}日第 {p['page']} 版）.",
            )
    return None, None


def draft_page(
    page: Path,
    dataset: Path,
    *,
    date: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
) -> Drafted:
    """Draft the curated files of ``page`` into ``dataset`` (see the module docstring)."""
    if not _PAGE_NAME.fullmatch(page.name):
        raise DraftError(
            f"{page}: a page's file name may not start with a dot or hold a backslash: "
            "rename it (nothing was written)"
        )
    for folder_name in ("sources", "curated"):
        if (dataset / folder_name).exists() and not (dataset / folder_name).is_dir():
            raise DraftError(f"{dataset / folder_name} is not a folder: nothing was written")
    try:
        raw = read_regular(page)
        source = raw.decode("utf-8")
    except OSError as exc:
        raise DraftError(f"{page}: cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DraftError(f"{page}: not UTF-8 text: {exc.reason}") from None
    sha = hashlib.sha256(raw).hexdigest()
    target = dataset / "sources" / page.name
    if target.is_symlink() and not target.exists():
        raise DraftError(f"{target} is a broken symbolic link in the way: nothing was written")
    try:
        same = not target.exists() or read_regular(target) == raw
    except OSError as exc:
        raise DraftError(f"{target}: cannot be read: {exc.strerror or exc}") from None
    if not same:
        raise DraftError(
            f"{target} exists and holds another text: nothing was written. Rename the page."
        )
    folder = dataset / "curated" / f"s-{sha[:8]}"
    result = Drafted(source=target, folder=folder)
    blocks = read_layout(source)
    if len(blocks) > _MOST_ARTICLES:
        raise DraftError(
            f"{page}: {len(blocks)} items, more than the {_MOST_ARTICLES} articles a source may "
            "have: split the page (nothing was written)"
        )
    try:
        page_date, why = _page_date(blocks, date)
    except ValueError as exc:
        raise DraftError(f"--date: {exc} (nothing was written)") from None
    if not target.exists():
        _write(target, source)
        result.written.append(target)
    paper = next((b.paper["paper"] for b in blocks if b.paper), None)
    meta: dict[str, Any] = {
        "file": page.name,
        "title": title or (blocks[0].headline[0] if blocks and blocks[0].headline else page.stem),
        "publisher": publisher or paper,
        "date": page_date,
        "language": "zh-Hans",
        "license": LICENSE,
    }
    inferred = []
    if page_date and why:
        inferred.append(
            {"field": "date", "confidence": "certain" if date else "probable", "reason": why}
        )
    if meta["publisher"] and not publisher:
        inferred.append(
            {"field": "publisher", "confidence": "probable", "reason": "Read from the byline line."}
        )
    text = "# Proposed by newsfacts draft.\n" + toml_table(meta)
    for entry in inferred:
        text += "\n[[inferred]]\n" + toml_table(entry)
    for path, content in [(folder / "source.toml", text)]:
        if path.exists():
            result.kept.append(path)
        else:
            _write(path, content)
            result.written.append(path)
    texts: dict[str, str] = {}
    for number, block in enumerate(blocks, 1):
        path = folder / f"a{number:02d}.toml"
        if path.exists():
            result.kept.append(path)
            continue
        drafted = _article(number, block, source, page_date)
        if drafted is None:
            continue
        content, facts = drafted
        _write(path, content)
        result.written.append(path)
        result.articles += 1
        result.facts += facts
        texts[f"a-{sha[:8]}-{number:02d}"] = _article_text(content, source)
    entities = dataset / "curated" / "entities" / f"draft-s-{sha[:8]}.toml"
    if entities.exists():
        result.kept.append(entities)
    elif texts:
        content, result.entities, listed = propose_entities(sha[:8], texts, known_names(dataset))
        if result.entities or listed:
            _write(entities, content)
            result.written.append(entities)
    return result


def _article_text(content: str, source: str) -> str:
    """The text the build will give a drafted article: its segments, breaks joined, markup
    removed."""
    texts = []
    for segment in tomllib.loads(content)["segments"]:
        start = source.index(segment["start"])
        end = source.index(segment["end"], start) + len(segment["end"])
        texts.append(joined_text(source, start, end)[0])
    return SEGMENT_JOIN.join(texts)
