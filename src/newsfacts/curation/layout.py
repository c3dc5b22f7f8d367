"""A page's layout read from its text: where each article begins and ends, and its display
lines (kicker, headline, subheadline, byline), for ``newsfacts draft`` to propose.

Two layouts are read. A page assembled from a web edition marks each item with Markdown: ``###``
before the kicker, ``#`` the headline, ``##`` a subheadline (often ``## ——``), and a ``>`` line
with the byline and the paper (``> 本报记者  王  沛《人民日报》（2025年11月10日第 02 版）``). A
page converted from the printed layout marks headings with ``## `` and the dateline in bold
(``**本报讯**``): an article begins at the run of headings before a paragraph that opens with a
dateline, and the headings inside it are its sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PAPER_LINE", "Block", "is_web_layout", "read_layout"]

#: The byline line of a web edition: who wrote it, the paper, the date and the page.
PAPER_LINE = re.compile(
    r"^>\s*(?P<byline>.*?)\s*《(?P<paper>[^》]+)》[（(](?P<year>\d{4})年(?P<month>\d{1,2})月"
    r"(?P<day>\d{1,2})日\s*第\s*(?P<page>\d+)\s*版[）)]\s*$"
)
#: How a report opens: 本报讯, 本报北京11月14日电, 新华社北京11月14日电, (记者 ...).
DATELINE = re.compile(
    r"^(?:\*\*)?(?P<dateline>本报讯|(?:本报|新华社|中新社)[^，,。\s]{0,12}电|据新华社[^，,。\s]{0,8}电)"
    r"(?:\*\*)?"
)


@dataclass
class Block:
    """One article as the layout shows it."""

    kicker: str | None = None
    overline: str | None = None
    headline: list[str] = field(default_factory=list)
    subheadline: str | None = None
    byline: str | None = None  #: as printed (the byline part of a ``>`` line)
    paper: dict[str, str] = field(default_factory=dict)  #: paper, year, month, day, page
    dateline: str | None = None
    body: list[tuple[int, int]] = field(default_factory=list)  #: offsets of its paragraphs
    closed: bool = False  #: its credit is printed: what follows is another article's
    display: list[str] = field(default_factory=list)  #: lines that head the next article
    sections: list[str] = field(default_factory=list)  #: its section headings (## ...)
    genre: str = "news"  #: ``photo`` for a caption closed by a photographer's credit
    #: a second part printed further down the page, after other items, under a heading like
    #: its sections: its offsets, the heading's included
    continuation: list[tuple[int, int]] = field(default_factory=list)
    #: where its headline's ``##`` line begins, when no dateline follows it (it may be a
    #: section heading of a part printed further down)
    heading_at: int | None = None
    #: credits printed inside the text of a web edition: （记者张云河） after the dateline,
    #: 张  成摄（影像中国） under a photo, （作者为……，本报记者王沛整理） at the end
    credits: list[str] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, at + len(line), line))
        at += len(line) + 1
    return out


def _web(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    pending_kicker: str | None = None
    for start, end, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        if line.startswith("### "):
            pending_kicker = line[4:].strip()
            continue
        if line.startswith("# "):
            # a web edition prints the line above the headline (引题) as ###
            current = Block(overline=pending_kicker, headline=[line[2:].strip()])
            pending_kicker = None
            blocks.append(current)
            continue
        if current is None:
            current = Block()
            blocks.append(current)
        if line.startswith("## ") and not current.body:
            current.subheadline = line[3:].strip()
            continue
        paper = PAPER_LINE.match(stripped)
        if paper and not current.body:
            current.byline = paper["byline"].strip() or None
            current.paper = {k: paper[k] for k in ("paper", "year", "month", "day", "page")}
            continue
        if not current.body:
            found = DATELINE.match(stripped)
            current.dateline = found["dateline"] if found else None
            if found:
                after = stripped[found.end() :].lstrip(" \u3000")
                credit = _INLINE_CREDIT.match(after)
                if credit:
                    current.credits.append(credit.group())
        closing = _CLOSING.match(stripped)
        if closing and closing["dateline"] and current.dateline is None:
            current.dateline = closing["dateline"]  # （新华社北京7月14日电）, printed at the end
        elif closing or _PHOTO_LINE.match(stripped):
            current.credits.append(stripped)
        current.body.append((start, end))
    return [b for b in blocks if b.body]


#: A credit right after a dateline: 本报南宁5月19日电  （记者张云河）.
_INLINE_CREDIT = re.compile(r"^[（(](?:本报)?(?:记者|通讯员)[^）)]{1,20}[）)]")
#: What closes an item of a web edition: （作者为本报湖北分社记者）, （新华社北京7月14日电）.
_CLOSING = re.compile(
    r"^[（(](?:(?P<dateline>(?:新华社|本报|中新社)[^）)，,]{0,12}电)|作者为[^）)]{1,40}|"
    r"(?:本报)?记者[^）)]{1,12}(?:采访)?整理)[）)]$"
)
#: A photo's credit on its own line: 张  成摄（影像中国）, 人民网记者  李楠桦摄.
_PHOTO_LINE = re.compile(r"^[\u4e00-\u9fff  \u3000]{2,16}摄(?:影)?(?:[（(][^）)]{1,10}[）)])?$")


def _paragraphs(text: str) -> list[tuple[int, int, str]]:
    """The paragraphs of a text (runs of lines between blank lines), with their offsets."""
    out = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        if match.group().strip():
            out.append((match.start(), match.end(), match.group()))
    return out


#: A credit printed as its own paragraph at an article's end: (申 波、闫男男), 记者 弓风飞,
#: 李学军 杨晓勇 摄影报道, 本报记者 王丹摄.
_CREDIT = re.compile(
    r"^(?:[(（][^()（）\n]{1,30}[)）]"
    r"|(?:本报)?(?:记者|通讯员)[ \u3000]*[\u4e00-\u9fff][\u4e00-\u9fff 、]{1,20}"
    r"|(?:(?:本报)?(?:记者|通讯员)[ \u3000]*)?"
    r"[\u4e00-\u9fff]{1,4}(?:[ \u3000、]+[\u4e00-\u9fff]{1,4}){0,5}[ \u3000]*(?:摄影报道|摄))$"
)
_PHOTO_CREDIT = re.compile(r"(?:摄影报道|摄)$")


def _is_display(paragraph: str) -> bool:
    """A headline's paragraph: one or two short lines, no full stop, not a credit."""
    lines = [line.strip() for line in paragraph.split("\n")]
    return (
        len(lines) <= 2
        and all(0 < len(line) <= 30 for line in lines)
        and not any(c in paragraph for c in "。！？；")
        and not _CREDIT.match(paragraph.strip())
    )


def _starts_article(current: Block | None, heading: str) -> bool:
    """Whether a ``##`` heading inside an open article is rather the headline of the next:
    much longer than the article's own section headings, which a page prints alike."""
    if current is None or not current.sections:
        return False
    longest = max(len(s) for s in current.sections)
    return len(heading) >= 12 and len(heading) >= 1.5 * longest


def _printed(text: str) -> list[Block]:
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    current: Block | None = None
    for start, end, paragraph in _paragraphs(text):
        stripped = paragraph.strip()
        if paragraph.startswith("## "):
            headings.append((start, paragraph[3:].strip()))
            continue
        if current is not None and _CREDIT.match(stripped) and current.byline is None:
            current.byline = stripped  # the credit closes the article; it is not its text
            current.closed = True
            if _PHOTO_CREDIT.search(stripped) and len(current.body) <= 2:
                current.genre = "photo"
            continue
        found = DATELINE.match(stripped)
        new_headline = bool(headings) and _starts_article(current, headings[-1][1])
        if (
            found
            or current is None
            or new_headline
            or (current.closed and not _is_display(paragraph))
        ):
            block = Block(dateline=found["dateline"] if found else None)
            if found:  # **本报讯**（记者 张三）: a credit right after the dateline
                credit = _INLINE_CREDIT.match(stripped[found.end() :].lstrip(" \u3000"))
                if credit:
                    block.credits.append(credit.group())
            if headings:
                block.headline = [headings[-1][1]]
                block.kicker = headings[0][1] if len(headings) > 1 else None
                if not found and len(headings) == 1:
                    block.heading_at = headings[-1][0]
            elif current is not None and current.display:
                lines = current.display  # the lines printed before its dateline
                block.headline = [line for line in lines if not line.startswith("——")]
                block.subheadline = next((x for x in lines if x.startswith("——")), None)
                current.display = []
            blocks.append(block)
            current = block
        elif current.closed and _is_display(paragraph):
            current.display = [line.strip() for line in paragraph.split("\n")]
            continue
        elif headings:
            # a heading inside an article is one of its sections: the body's span holds it
            current.sections.extend(h for _, h in headings)
        headings = []
        current.body.append((start, end))
    return _continuations(_display_lines(text, [b for b in blocks if b.body]))


def _continuations(blocks: list[Block]) -> list[Block]:
    """Join the part of an article printed further down the page to it: a part that opens
    with a heading as long as the sections of an earlier article that has no credit (it ran
    on elsewhere), and with no dateline of its own."""
    out: list[Block] = []
    for block in blocks:
        head = block.headline[0] if block.headline else ""
        earlier = next(
            (
                b
                for b in reversed(out[:-1])
                if b.byline is None
                and not b.continuation
                and b.sections
                and len(head) in {len(s) for s in b.sections}
            ),
            None,
        )
        if block.heading_at is not None and block.dateline is None and earlier is not None:
            earlier.continuation = [(block.heading_at, block.body[-1][1])]
            earlier.byline, earlier.closed = block.byline, block.closed
            earlier.sections.append(head)
            continue
        out.append(block)
    return out


def _display_lines(text: str, blocks: list[Block]) -> list[Block]:
    """A block that is only a short line without a full stop, before an article, is that
    article's kicker and overline (## 省政府新闻办发布会 / 传统产业焕新 新兴产业崛起)."""
    out: list[Block] = []
    pending: Block | None = None
    for block in blocks:
        start, end = block.body[0][0], block.body[-1][1]
        line = text[start:end].strip()
        if len(block.body) == 1 and len(line) < 40 and "。" not in line and block.headline:
            pending = block
            continue
        if pending is not None:
            block.kicker = block.kicker or pending.headline[0]
            block.overline = text[pending.body[0][0] : pending.body[0][1]].strip()
            pending = None
        out.append(block)
    return out


def is_web_layout(text: str) -> bool:
    """Whether a page was assembled from a web edition (``#`` headlines), where paragraphs
    are paragraphs, or converted from a printed layout, where a blank line may be a column
    break inside a sentence."""
    return any(line.startswith("# ") for line in text.split("\n"))


def read_layout(text: str) -> list[Block]:
    """The articles of a page, in order, with their display lines and body paragraphs."""
    return _web(text) if is_web_layout(text) else _printed(text)
