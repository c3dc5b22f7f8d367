"""Which time a quantity is stated for: ``time_of``.

Given the page's date, every time expression of a text is resolved (``stated_times``, with the
sentence and paragraph it stands in); a quantity takes the time stated before it in its clause
(up to a ；), else the one that opens its sentence, else the period or day that opens its
paragraph. The words around the time say how it is read: 截至10月底, 到2024年, 目前 and
2021年的6859家 make an as-of date; 较2021年 (a baseline) and 2022年起 (since) open a period; a
change between two years of its clause (从2021年的……增至2024年的……，年均增长343家) spans them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from newsfacts.text.times import NOW, Time, find_times

__all__ = ["Stated", "stated_times", "time_of"]

#: A time of a text: the start of its sentence, of its paragraph, the time, its offset.
Stated = tuple[int, int, Time, int]
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")


def stated_times(text: str, base: dt.date | str | None) -> list[Stated]:
    """The time expressions of a text with the sentence and paragraph they open."""
    if base is None:
        return []
    out = []
    for time in find_times(text, base):
        if text.startswith("电", time.end):
            continue  # the day a dateline was filed (本报北京5月19日电) dates no figure
        out.append(
            (_start_before(text, time.start), _paragraph(text, time.start), time, time.start)
        )
    return out


@functools.lru_cache(maxsize=8)
def _starts(text: str) -> tuple[list[int], list[int]]:
    """Where the sentences and the paragraphs of ``text`` start (once per text)."""
    sentences = [m.start() for m in _SENTENCE.finditer(text)]
    paragraphs = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    return sentences, paragraphs


def _start_before(text: str, at: int) -> int:
    sentences = _starts(text)[0]
    return sentences[bisect.bisect_right(sentences, at) - 1] if sentences else 0


def _paragraph(text: str, at: int) -> int:
    paragraphs = _starts(text)[1]
    return paragraphs[bisect.bisect_right(paragraphs, at) - 1]


def time_of(offset: int, s: str, times: list[Stated], *, change: bool) -> Time | None:
    """The time of a quantity: stated before it in its clause (up to a ；), else at its
    sentence's or paragraph's opening; read as an as-of date where the page says so
    (截至10月底, 到2024年, 2021年的6859家) and as an open period after a baseline (较2021年)."""
    if not times:
        return None
    sentence = _start_before(s, offset)
    clause = max(sentence, s.rfind("；", 0, offset) + 1, s.rfind(";", 0, offset) + 1)
    inside = [t for _, _, t, at in times if at <= offset < t.end]
    if inside:  # 3年来: the quantity is the length of the period it names
        return inside[0]
    same = [t for start, _, t, at in times if start == sentence and at < offset]
    as_of = [t for t in same if t.kind == "as_of"]
    phrase = max(clause, s.rfind("，", 0, offset) + 1, s.rfind(",", 0, offset) + 1)
    stated = [t for t in same if t.start >= phrase and t.kind != "as_of"]
    stated = [t for t in stated if _as_printed(s, t).last is not None]  # not 较2021年
    if as_of and stated and _NOW.fullmatch(as_of[-1].text):
        # 目前外资企业超6万家，……，2024年实际使用外资……约1/4: a time of its own phrase
        # governs the quantity, not the "now" the sentence opens with
        return _as_printed(s, stated[-1])
    if as_of:  # 截至10月底，今年已接待……: the as-of date governs the clause
        return as_of[-1]
    own = [t for t in same if t.start >= clause]
    spans = [t for t in own if _as_printed(s, t).last is not None]  # not a baseline (较2021年)
    if len(spans) >= 2 and change and spans[0].kind == spans[-1].kind == "period":
        first, last = spans[0], spans[-1]  # 从2021年的6859家增至2024年的8231家，年均增长343家
        if (first.first or "") < (last.last or ""):
            return Time(first.text, "period", first.first, last.last, first.precision)
    if own:  # the clause's own time; a baseline (较2021年) only where it states no other
        return _as_printed(s, spans[-1] if spans else own[-1])
    opening = [t for t in same if _opens(s, sentence, t.start)]
    if opening:
        return _as_printed(s, opening[0])
    paragraph = _paragraph(s, offset)
    opening = [
        _as_printed(s, t)
        for start, p, t, at in times
        if p == paragraph
        and start != sentence
        and at < offset
        and _opens(s, start, at)
        and at - paragraph < 30
    ]  # 一方面，工业规模持续扩大。2021年至2024年，……: the paragraph's opening period or day
    opening = [t for t in opening if t.first != t.last or t.precision == "day"]
    return opening[0] if opening else None


#: The words for now (目前), an as-of date that a time of the quantity's own phrase overrides.
_NOW = re.compile(NOW)

#: What may stand before the time that opens a sentence: its dateline (本报讯, 本报北京电).
_OPENING = re.compile(r"[\s\u3000]*(?:(?:本报讯|(?:本报|新华社)[^，,。\s]{0,12}电)[\s\u3000]*)?")


def _opens(s: str, sentence: int, at: int) -> bool:
    """Whether a time at ``at`` opens the sentence that starts at ``sentence``."""
    return _OPENING.fullmatch(s, sentence, at) is not None


def _as_printed(s: str, t: Time) -> Time:
    """A year or month read as the words around it say: 到2024年 and 2021年的 (a level at that
    time) are as-of dates; 较2021年 (a baseline) and 2022年起 (since) open a period."""
    if t.kind != "period" or t.first != t.last or t.first is None:
        return t
    before, after = s[max(0, t.start - 2) : t.start], s[t.end : t.end + 2]
    if after.startswith("的") or before.endswith(("到", "至")):
        return Time(t.text, "as_of", None, t.last, t.precision, start=t.start, end=t.end)
    if before.endswith(("较", "比")) or after.startswith(("起", "以来", "开始")):
        return Time(t.text, "period", t.first, None, t.precision, start=t.start, end=t.end)
    return t
