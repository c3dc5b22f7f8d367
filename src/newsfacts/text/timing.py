"""Which time a quantity is stated for: ``time_of``.

Given the page's date, every time expression of a text is resolved (``stated_times``, with the
sentence and paragraph it stands in); a quantity takes the time stated before it in its clause
(up to a ；), else the one that opens its sentence, else the period or day that opens its
paragraph. The words around the time say how it is read: 截至10月底, 到2024年, 目前 and
2021年的6859家 make an as-of date; 较2021年 (a baseline) and 2022年起 (since) open a period; a
change between two years of its clause (从2021年的……增至2024年的……，年均增长343家) spans them.
"""

from __future__ import annotations

import datetime as dt
import re

from newsfacts.text.times import Time, find_times

__all__ = ["Stated", "stated_times", "time_of"]

#: A time of a text: the start of its sentence, of its paragraph, the time, its offset.
Stated = tuple[int, int, Time, int]
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")


def stated_times(text: str, base: dt.date | str | None) -> list[Stated]:
    """The time expressions of a text with the sentence and paragraph they open."""
    if base is None:
        return []
    out = []
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    for time in find_times(text, base):
        sentence = max(
            (m.start() for m in _SENTENCE.finditer(text) if m.start() <= time.start), default=0
        )
        paragraph = max(p for p in paragraph_starts if p <= time.start)
        out.append((sentence, paragraph, time, time.start))
    return out


def time_of(offset: int, s: str, times: list[Stated], *, change: bool) -> Time | None:
    """The time of a quantity: stated before it in its clause (up to a ；), else at its
    sentence's or paragraph's opening; read as an as-of date where the page says so
    (截至10月底, 到2024年, 2021年的6859家) and as an open period after a baseline (较2021年)."""
    if not times:
        return None
    sentence = max((m.start() for m in _SENTENCE.finditer(s) if m.start() <= offset), default=0)
    clause = max(sentence, s.rfind("；", 0, offset) + 1, s.rfind(";", 0, offset) + 1)
    inside = [t for _, _, t, at in times if at <= offset < t.end]
    if inside:  # 3年来: the quantity is the length of the period it names
        return inside[0]
    same = [t for start, _, t, at in times if start == sentence and at < offset]
    as_of = [t for t in same if t.kind == "as_of"]
    if as_of:  # 截至10月底，今年已接待……: the as-of date governs the clause
        return as_of[-1]
    own = [t for t in same if t.start >= clause]
    if len(own) >= 2 and change and own[0].kind == own[-1].kind == "period":
        first, last = own[0], own[-1]  # 从2021年的6859家增至2024年的8231家，年均增长343家
        return Time(first.text, "period", first.first, last.last, first.precision)
    if own:
        return _as_printed(s, own[-1])
    opening = [t for t in same if _opens(s, sentence, t.start)]
    if opening:
        return _as_printed(s, opening[0])
    paragraph = max([0] + [m.end() for m in re.finditer(r"\n\s*", s) if m.end() <= offset])
    opening = [
        _as_printed(s, t)
        for start, p, t, at in times
        if p == paragraph and start != sentence and _opens(s, start, at) and at - paragraph < 30
    ]  # 一方面，工业规模持续扩大。2021年至2024年，……: the paragraph's opening period or day
    opening = [t for t in opening if t.first != t.last or t.precision == "day"]
    return opening[0] if opening else None


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
