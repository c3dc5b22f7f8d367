"""What ``newsfacts draft`` proposes, record by record, as curated TOML: quotes that stand for
their place, byline names, quantity facts, entities, the column breaks of a printed page and
the text the build will make of an article.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from newsfacts.curation.layout import Block, is_web_layout
from newsfacts.text.names import find_names
from newsfacts.text.numerals import read_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "anchored_quote",
    "byline_names",
    "credit_bylines",
    "joined_text",
    "known_names",
    "plain_text",
    "propose_entities",
    "propose_genre",
    "split_headline",
    "toml_table",
    "toml_value",
    "unique_quote",
]


_QUOTE = 8
_SENTENCE_END = "。！？!?；;"
_ROLES = (
    ("摄影报道", "photographer"),
    ("摄", "photographer"),
    ("通讯员", "correspondent"),
    ("评论员", "author"),
    ("记者", "reporter"),
    ("编辑", "editor"),
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def toml_table(values: dict[str, Any]) -> str:
    return "".join(f"{k} = {toml_value(v)}\n" for k, v in values.items() if v is not None)


def anchored_quote(source: str, exact: str, before: int) -> str | None:
    """A quote of ``exact`` as printed: itself if it occurs once, else the occurrence nearest
    before offset ``before`` (a display line above its body), or the first after it, marked
    ``[[ ]]`` in as much of its line as makes it unique."""
    if "[[" in exact or "]]" in exact:
        return None  # a quote cannot hold its own span marks: left for the curator
    places = [m.start() for m in re.finditer(re.escape(exact), source)] if exact else []
    if len(places) == 1:
        return exact
    ahead = [p for p in places if p < before]
    if not places:
        return None
    at = ahead[-1] if ahead else next(p for p in places if p >= before)
    for width in range(1, 40):
        left = source[max(0, at - width) : at]
        right = source[at + len(exact) : at + len(exact) + width]
        if source.count(left + exact + right) == 1:
            return f"{left}[[{exact}]]{right}"
    return None


def unique_quote(text: str, start: int, end: int, *, forward: bool) -> str | None:
    """A quote of ``text`` at ``start`` (forward) or ending at ``end`` that occurs once."""
    length = _QUOTE
    while length <= end - start:
        quote = text[start : start + length] if forward else text[end - length : end]
        if "[[" not in quote and "]]" not in quote and text.count(quote) == 1:
            return quote
        length += 4
    return None


def _people(names: str) -> list[str]:
    """The names in a run of them as printed, each with its own padding: ``王伟健  郁静娴``
    are two, ``王  沛`` (a two-character name spaced to the width of three) is one."""
    out = []
    for chunk in re.split(r"[、，,；;]", names):
        tokens = list(re.finditer(r"\S+", chunk))
        i = 0
        while i < len(tokens):
            j = i + 1 if len(tokens[i].group()) == 1 and i + 1 < len(tokens) else i
            if j > i and len(tokens[j].group()) > 1:
                j = i  # a single character before a full name stands alone
            out.append(chunk[tokens[i].start() : tokens[j].end()])
            i = j + 1
    return out


def byline_names(printed: str) -> list[dict[str, str]]:
    """The people of a byline: 本报记者  王伟健  郁静娴 -> 王伟健 and 郁静娴, reporters;
    李学军 杨晓勇 摄影报道 -> two photographers; (申 波、闫男男) -> the reporters of an item."""
    # a credit in parentheses at the end of a 本报讯 item names its reporters: (申 波、闫男男)
    role, role_printed, names = (
        "reporter" if printed.startswith(("(", "（")) else "author",
        None,
        printed,
    )
    printed = re.sub(r"(?<=摄)[（(][^）)]{1,10}[）)]$", "", printed)  # 张  成摄（影像中国）
    for word, code in _ROLES:
        if word in printed:
            role, role_printed = code, word
            head, _, tail = printed.partition(word)
            if tail.strip(
                " （）()"
            ):  # 本报记者  王沛, 新华社记者  安  蓓: the role before the names
                names = tail
                role_printed = head.strip(" \u3000（(") + word
            else:  # 李学军 杨晓勇 摄影报道, 本报评论员
                names = re.sub(r"本报$", "", head.rstrip(" \u3000"))
                if names != head.rstrip(" \u3000"):
                    role_printed = "本报" + word
            break
    if role == "photographer":
        names = re.sub(r"^.*?记者[ \u3000]*", "", names)  # 人民网记者  李楠桦摄: the person
    out = []
    for name in _people(names.strip().strip("（）()").strip()):
        entry = {"printed": name, "role": role}
        if role_printed:
            entry["role_printed"] = role_printed
        out.append(entry)
    return out


def credit_bylines(credit: str) -> tuple[list[dict[str, str]], str | None]:
    """The people of a credit printed inside a web edition's text, and what it says of the
    author: （记者张云河） a reporter; 张  成摄（影像中国） a photographer; （作者为海信集团董事长，
    本报记者王沛整理） the author's post and 王沛, who wrote it up (an editor)."""
    inner = credit.strip().strip("（）()")
    if not inner.startswith("作者为"):
        return byline_names(credit), None
    post, people = inner, []
    for part in re.split(r"[，,]", inner):
        wrote_up = re.fullmatch(r"(?:本报)?记者[ \u3000]*(?P<name>.+?)(?:采访)?整理", part)
        if wrote_up:
            post = post.replace(part, "").rstrip("，, ")
            role_printed = part.replace(wrote_up["name"], "…")
            for name in _people(wrote_up["name"]):
                people.append({"printed": name, "role": "editor", "role_printed": role_printed})
    return people, post


def split_headline(lines: list[str], subheadline: str | None) -> tuple[list[str], dict[str, Any]]:
    """A headline's lines without the column printed after them, and the series: the column
    in parentheses (坚持问计于民  广泛凝聚共识（今日谈）: 今日谈), or a numbered series line below
    the headline (——全国“敬老文明号”并州风采系列报道之四: the series and its number 4;
    ——以高质量发展的确定性应对……②: number 2). Where both are printed, the series is the
    numbered line and the column its kicker (栏目)."""
    series: dict[str, Any] = {}
    line = re.match(
        r"^——(?P<series>.+?)(?:之(?P<n>[一二三四五六七八九十百]+|\d+)|(?P<circled>[①-⑳]))$",
        subheadline or "",
    )
    if line:
        number = read_number(line["n"], 0) if line["n"] else None
        series = {
            "series": line["series"],
            "series_number": (
                ord(line["circled"]) - 0x245F
                if line["circled"]
                else int(number.value)
                if number and number.value
                else None
            ),
            "series_printed": line.group(),
        }
    tag = re.search(r"[（(](?P<tag>[^（）()]{1,30})[）)]$", lines[-1]) if lines else None
    if tag is None or tag.start() == 0:
        return lines, series
    kept = [*lines[:-1], lines[-1][: tag.start()].rstrip()]
    if series:
        return kept, {**series, "column": tag["tag"], "column_printed": tag.group()}
    return kept, {"series": tag["tag"], "series_printed": tag.group()}


#: The columns of comment: 今日谈, 评论员观察, 现场评论, 经济时评, 编辑手记, 纵横, 微观, 民生观.
_COMMENT = re.compile(r"谈|评|观|论|手记|纵横|感言|随笔|札记")


def propose_genre(block: Block, series: str | None) -> str:
    """A caption is a photo; a column of comment is commentary; a report that opens with its
    dateline is news; one without, in sections or from a web edition, a feature."""
    if block.genre == "photo":
        return "photo"
    if (series and _COMMENT.search(series)) or "评论员" in (block.byline or ""):
        return "commentary"
    if block.dateline or not (block.sections or block.paper):
        return "news"
    return "feature"


def plain_text(text: str) -> str:
    """An article's text as the build makes it: conversion markup removed."""
    return re.sub(r"(?m)^## ", "", text).replace("**", "")


def known_names(dataset: Path) -> dict[str, tuple[str, str]]:
    """The names and aliases of the entities already accepted: id and type of each."""
    known: dict[str, tuple[str, str]] = {}
    for path in sorted((dataset / "curated" / "entities").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for entity in data.get("entities", []):
            if not isinstance(entity, dict) or "id" not in entity:
                continue
            if entity.get("status") == "draft":
                continue  # another page's proposal: this page proposes its own, with mentions
            for name in [entity.get("name"), *entity.get("aliases", [])]:
                if isinstance(name, str) and len(name) >= 2:
                    known.setdefault(name, (entity["id"], str(entity.get("type", "other"))))
    return known


def propose_entities(
    sha8: str, texts: dict[str, str], known: dict[str, tuple[str, str]]
) -> tuple[str, int, int]:
    """Draft entities for the names of the page's articles that no accepted entity has, and a
    list of the mentions of those it has: the file's text and how many of each."""
    by_name: dict[str, tuple[str, list[str]]] = {}
    accepted: dict[tuple[str, str, str], None] = {}
    for article_id, text in texts.items():
        for found in find_names(text, known):
            if found.entity_id is not None:
                # a known entity: its mentions belong in its own (reviewed) file
                accepted[(found.entity_id, article_id, found.exact)] = None
                continue
            kind, articles = by_name.setdefault(found.exact, (found.type, []))
            if article_id not in articles:
                articles.append(article_id)
    out = ["# Proposed by newsfacts draft: the names of the page no curated entity has.\n"]
    if accepted:
        out.append(
            "#\n# Names of accepted entities on this page: add their mentions to the entity's own\n"
            "# file once read against the page (entity, article, quote):\n"
        )
        out += [f"#   {e}  {a}  {json.dumps(q, ensure_ascii=False)}\n" for e, a, q in accepted]
    for n, (name, (kind, articles)) in enumerate(sorted(by_name.items()), 1):
        entity = {
            "id": f"e-{sha8}-{n:03d}",
            "type": kind,
            "name": name,
            "status": "draft",
        }
        mentions = [{"article": a, "quote": name, "every": True} for a in articles]
        out.append("\n[[entities]]\n" + toml_table(entity))
        out.append("mentions = [\n" + "".join(f"  {toml_value(m)},\n" for m in mentions) + "]\n")
    return "".join(out), len(by_name), len(accepted)


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


def joined_text(source: str, start: int, end: int) -> tuple[str, list[tuple[int, str, str]]]:
    """The text the build will give ``source[start:end]``: its column breaks joined (they are
    proposed as edits) and the conversion markup removed; and those breaks."""
    breaks = [] if is_web_layout(source) else _column_breaks(source, start, end)
    body = source[start:end]
    for at, _, _ in reversed(breaks):
        body = body[: at - start] + body[at - start + 2 :]
    return plain_text(body), breaks
