"""``newsfacts draft``: a new page's raw text to curated files a curator only has to review.

The page is copied verbatim into ``sources/``; ``curated/s-<sha8>/`` gets ``source.toml`` (what
was inferred marked so, with the reason) and one ``aNN.toml`` per article, in the format
``newsfacts build`` reads. Every proposed record is ``status = "draft"``: a plain build refuses
them until a curator has read each against the page and accepted it. What is proposed:
articles (from :mod:`newsfacts.curation.layout`) with their kicker, headline, subheadline,
dateline and byline; quantities (from :func:`newsfacts.text.finder.find_quantities`) with their
evidence sentence, value, unit, counted noun, qualifier and period or as-of date. A file that
exists is never overwritten: drafting a page again adds only the articles that have no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.curation.layout import Block, is_web_layout, read_layout
from newsfacts.text.events import find_events
from newsfacts.text.finder import Found, find_quantities
from newsfacts.text.names import find_names

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DraftError", "Drafted", "draft_page"]

LICENSE = (
    "The news text is the copyright of its publisher and is not covered by the dataset's "
    "licence; it is included for research on the text. The annotations are CC BY 4.0."
)
#: Where a quote must be at least this long to stand for its place.
_QUOTE = 8
_SENTENCE_END = "。！？!?；;"
_ROLES = (
    ("摄影报道", "photographer"),
    ("摄", "photographer"),
    ("通讯员", "correspondent"),
    ("记者", "reporter"),
    ("编辑", "editor"),
)


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


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _table(values: dict[str, Any]) -> str:
    return "".join(f"{k} = {_toml(v)}\n" for k, v in values.items() if v is not None)


def _write(path: Path, text: str) -> None:
    """Write a new file atomically (a temporary file renamed); never over an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.link(tmp, path)  # fails if the file exists: nothing is replaced
    finally:
        os.unlink(tmp)


def _unique(text: str, start: int, end: int, *, forward: bool) -> str | None:
    """A quote of ``text`` at ``start`` (forward) or ending at ``end`` that occurs once."""
    length = _QUOTE
    while length <= end - start:
        quote = text[start : start + length] if forward else text[end - length : end]
        if "[[" not in quote and "]]" not in quote and text.count(quote) == 1:
            return quote
        length += 4
    return None


def _names(printed: str) -> list[dict[str, str]]:
    """The people of a byline: 本报记者  王  沛、李  刚 -> 王沛 and 李刚, reporters."""
    # a credit in parentheses at the end of a 本报讯 item names its reporters: (申 波、闫男男)
    role, role_printed, names = (
        "reporter" if printed.startswith(("(", "（")) else "author",
        None,
        printed,
    )
    for word, code in _ROLES:
        if word in printed:
            role, role_printed = code, word
            head, _, tail = printed.partition(word)
            names = tail if tail.strip() else head
            break
    out = []
    for name in re.split(r"[、，,]|\s{3,}", names.strip(" （）()")):
        if name.strip():
            entry = {"printed": name.strip(), "role": role}
            if role_printed:
                entry["role_printed"] = role_printed
            out.append(entry)
    return out


def _plain(text: str) -> str:
    """An article's text as the build makes it: conversion markup removed."""
    return re.sub(r"(?m)^## ", "", text).replace("**", "")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END + "\n") + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END + "\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def _fact(number: int, found: Found, text: str) -> dict[str, Any] | None:
    q = found.quantity
    if q.value is None:
        return None  # a range or a vague amount: proposed once ranges have their fields
    left, right = _sentence(text, found.start, found.end)
    evidence = text[left:right].strip()
    if not evidence or text.count(evidence) != 1 or "[[" in evidence or q.text not in evidence:
        return None
    clause = re.split(r"[，,；;：:]", text[left : found.start])[-1].strip()
    subject = clause[-16:] or evidence[:16]
    predicate = {"change": "变化", "share": "占比", "rank": "位次"}.get(found.kind, "数量")
    predicate_en = {"change": "change", "share": "share", "rank": "rank"}.get(found.kind, "amount")
    fact: dict[str, Any] = {
        "id": number,
        "kind": "quantity",
        "status": "draft",
        "subject": subject,
        "predicate": predicate,
        "predicate_en": predicate_en,
        "evidence": evidence,
        "value": q.value,
        "unit": q.unit,
        "counted": found.counted,
        "value_text": q.text,
        "qualifier": q.qualifier,
    }
    time = found.time
    if time is not None and not time.vague:
        if time.kind == "as_of" or time.kind == "date":
            fact["as_of"] = time.last
        else:
            fact["period_start"], fact["period_end"] = time.first, time.last
        fact["time_precision"] = time.precision
    fact["notes"] = f"Proposed by newsfacts draft ({found.kind}); not yet read against the page."
    return fact


def _known_names(dataset: Path) -> dict[str, tuple[str, str]]:
    """The names and aliases of the entities already curated: id and type of each."""
    known: dict[str, tuple[str, str]] = {}
    for path in sorted((dataset / "curated" / "entities").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for entity in data.get("entities", []):
            if not isinstance(entity, dict) or "id" not in entity:
                continue
            for name in [entity.get("name"), *entity.get("aliases", [])]:
                if isinstance(name, str) and len(name) >= 2:
                    known.setdefault(name, (entity["id"], str(entity.get("type", "other"))))
    return known


def _entities(
    sha8: str, texts: dict[str, str], known: dict[str, tuple[str, str]]
) -> tuple[str, int]:
    """Draft entities for the names of the page's articles that no curated entity has."""
    by_name: dict[str, tuple[str, list[str]]] = {}
    for article_id, text in texts.items():
        for found in find_names(text, known):
            if found.entity_id is not None:
                continue  # a known entity: its mentions belong in its own (reviewed) file
            kind, articles = by_name.setdefault(found.exact, (found.type, []))
            if article_id not in articles:
                articles.append(article_id)
    out = ["# Proposed by newsfacts draft: the names of the page no curated entity has.\n"]
    for n, (name, (kind, articles)) in enumerate(sorted(by_name.items()), 1):
        entity = {
            "id": f"e-{sha8}-{n:03d}",
            "type": kind,
            "name": name,
            "status": "draft",
        }
        mentions = [{"article": a, "quote": name, "every": True} for a in articles]
        out.append("\n[[entities]]\n" + _table(entity))
        out.append("mentions = [\n" + "".join(f"  {_toml(m)},\n" for m in mentions) + "]\n")
    return "".join(out), len(by_name)


#: What a paragraph that ends a sentence ends with; one that ends otherwise, followed by a
#: paragraph that goes on with a character of text, ends at a column break.
_STOPS = "。！？!?：:”’）)》…—"


def _column_breaks(source: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """The blank lines inside ``source[start:end]`` where the sentence runs on (a column break
    of the layout): offset, quote (unique, the break marked [[ ]]) and confidence."""
    breaks = []
    for match in re.finditer(r"\n\n", source[start:end]):
        at = start + match.start()
        before = source[
            source.rfind("\n\n", start, at) + 2
            if source.rfind("\n\n", start, at) != -1
            else start : at
        ]
        following = source[at + 2 : at + 3]
        prose = len(before.strip()) >= 40 or any(c in before for c in "，,。；;")
        if before.startswith("## ") or not prose or before[-1:] in _STOPS:
            continue
        if not following or not (following.isalnum()) or following in "#*(（":
            continue
        width = 6
        while width < 40:
            left, right = source[at - width : at], source[at + 2 : at + 2 + width]
            if source.count(left + "\n\n" + right) == 1:
                break
            width += 4
        confidence = "certain" if before[-1].isalnum() and following.isalnum() else "probable"
        breaks.append((at, f"{left}[[\n\n]]{right}", confidence))
    return breaks


def _joined(source: str, start: int, end: int) -> tuple[str, list[tuple[int, str, str]]]:
    """The text the build will give ``source[start:end]``: its column breaks joined (they are
    proposed as edits) and the conversion markup removed; and those breaks."""
    breaks = [] if is_web_layout(source) else _column_breaks(source, start, end)
    body = source[start:end]
    for at, _, _ in reversed(breaks):
        body = body[: at - start] + body[at - start + 2 :]
    return _plain(body), breaks


def _article(number: int, block: Block, source: str, date: str | None) -> tuple[str, int] | None:
    start, end = block.body[0][0], block.body[-1][1]
    first = _unique(source, start, end, forward=True)
    last = _unique(source, start, end, forward=False)
    if first is None or last is None:
        return None
    head: dict[str, Any] = {"number": number, "genre": "news", "status": "draft"}
    flags: list[dict[str, str]] = []
    lines = (
        ("kicker", block.kicker),
        ("overline", block.overline),
        ("subheadline", block.subheadline),
    )
    for key, line in lines:
        if line and source.count(line) == 1:
            head[key] = line
    head["headline"] = [h for h in block.headline if source.count(h) == 1]
    if not head["headline"]:
        del head["headline"]
        head["title"] = _plain(source[start:end]).strip()[:20]
        flags.append(
            {
                "type": "headline_missing",
                "note": "No headline is printed before this item (proposed by newsfacts draft); "
                "the title is its first words: give it a title of the curators' or find the "
                "headline on the page.",
            }
        )
    head["dateline"] = block.dateline
    if block.byline and source.count(block.byline) == 1:
        head["byline"] = block.byline
        head["bylines"] = _names(block.byline)
    out = ["# Proposed by newsfacts draft: read every line against the page, then accept it.\n"]
    out.append(_table({k: v for k, v in head.items() if k != "bylines"}))
    if head.get("bylines"):
        out.append("bylines = [\n" + "".join(f"  {_toml(b)},\n" for b in head["bylines"]) + "]\n")
    out.append(f"\n[[segments]]\nstart = {_toml(first)}\nend = {_toml(last)}\n")
    for flag in flags:
        out.append("\n[[flags]]\n" + _table(flag))
    text, breaks = _joined(source, start, end)
    for _, quote, confidence in breaks:
        change: dict[str, Any] = {
            "kind": "column_break",
            "quote": quote,
            "after": "",
            "confidence": confidence,
            "rationale": "A blank line where the sentence runs on: a column break of the layout "
            "(proposed by newsfacts draft; read it against the page).",
        }
        out.append("\n[[edits]]\n" + _table(change))
    facts = 0
    for found in find_quantities(text, base=date):
        fact = _fact(facts + 1, found, text)
        if fact is not None:
            facts += 1
            out.append("\n[[facts]]\n" + _table(fact))
    for event in find_events(text, date) if date else []:
        evidence = event.exact.strip()
        if text.count(evidence) != 1 or "[[" in evidence:
            continue
        facts += 1
        proposal = {
            "id": facts,
            "kind": "event",
            "status": "draft",
            "subject": event.subject,
            "predicate": event.predicate,
            "predicate_en": "took place",
            "evidence": evidence,
            "date": event.date,
            "time_precision": event.precision,
            "place": event.place,
            "notes": "Proposed by newsfacts draft (event); not yet read against the page.",
        }
        out.append("\n[[facts]]\n" + _table(proposal))
    return "".join(out), facts


def _page_date(blocks: list[Block], given: str | None) -> tuple[str | None, str | None]:
    """The page's date and why: given, or read from a byline line."""
    if given:
        dt.date.fromisoformat(given)
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
    try:
        raw = page.read_bytes()
        source = raw.decode("utf-8")
    except OSError as exc:
        raise DraftError(f"{page}: cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DraftError(f"{page}: not UTF-8 text: {exc.reason}") from None
    sha = hashlib.sha256(raw).hexdigest()
    target = dataset / "sources" / page.name
    if target.exists() and target.read_bytes() != raw:
        raise DraftError(
            f"{target} exists and holds another text: nothing was written. Rename the page."
        )
    folder = dataset / "curated" / f"s-{sha[:8]}"
    result = Drafted(source=target, folder=folder)
    if not target.exists():
        _write(target, source)
        result.written.append(target)
    blocks = read_layout(source)
    page_date, why = _page_date(blocks, date)
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
    text = "# Proposed by newsfacts draft.\n" + _table(meta)
    for entry in inferred:
        text += "\n[[inferred]]\n" + _table(entry)
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
        content, result.entities = _entities(sha[:8], texts, _known_names(dataset))
        if result.entities:
            _write(entities, content)
            result.written.append(entities)
    return result


def _article_text(content: str, source: str) -> str:
    """The text the build will give a drafted article: its segment, breaks joined, markup
    removed."""
    segment = tomllib.loads(content)["segments"][0]
    start = source.index(segment["start"])
    end = source.index(segment["end"], start) + len(segment["end"])
    return _joined(source, start, end)[0]
