"""Dated happenings of a text: ``find_events``.

A happening is a clause that states a time (resolved by :mod:`newsfacts.text.times` against the
page's date) and an event verb after it: 举行, 举办, 召开, 开展, 启动, 签署, 上演, 设立, 成立,
开幕 ... The clause between the time and the verb is the subject (what happened, or who made it
happen), the verb and what follows it up to the clause's end is the predicate, and 在 X before
the verb is the place. A vague time (近日, 前不久) dates the happening to the page's year. A
sentence that opens with its day and names no such verb is the dated scene it recounts
(predicate 记述).

>>> (e,) = find_events("11月12日,太原市河湖长制主题知识竞赛在市水务局举办。", "2025-11-15")
>>> (e.subject, e.predicate, e.date, e.place)
('太原市河湖长制主题知识竞赛', '举办', '2025-11-12', '市水务局')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsfacts.text.times import Time, find_times

__all__ = ["EVENT_VERBS", "Event", "find_events"]

#: Verbs that state a happening, longest first where one holds another.
EVENT_VERBS = (
    "签署",
    "签约",
    "举行",
    "举办",
    "召开",
    "开展",
    "启动",
    "上演",
    "设立",
    "成立",
    "组建",
    "开幕",
    "闭幕",
    "发布",
    "揭牌",
    "落成",
    "开工",
    "投产",
    "获批",
    "亮相",
    "开通",
    "启用",
    "策划",
    "推出",
    "主办",
    "承办",
    "荣获",
    "夺得",
    "入选",
    "印发",
    "出台",
)
_CLAUSE_END = "。；！？\n"
_VERB = re.compile("|".join(EVENT_VERBS))
_DATELINE = re.compile(r"^(?:本报讯|(?:本报|新华社)[^,，\s]{0,12}电)\s*")
_TIME_OF_DAY = re.compile(r"^(?:上午|下午|中午|晚上|晚间|凌晨|早上|晚)")
#: Words that join a subject to its time: 西山示范区是2019年4月组建的, 由……于2014年12月设立.
_LINK = re.compile(r"(?:是|于|自|在|从)+$")


@dataclass(frozen=True)
class Event:
    """A dated happening, with the span of the clause that states it."""

    start: int
    end: int
    exact: str  #: the clause, from its time to its end
    subject: str
    predicate: str
    date: str  #: ISO, at ``precision``
    precision: str
    place: str | None = None


def _pieces(clause: str) -> list[str]:
    """The comma-separated pieces of a clause, a comma inside “…” not separating."""
    pieces, depth, current = [], 0, ""
    for char in clause:
        depth += {"“": 1, "”": -1}.get(char, 0)
        if char in ",，" and depth <= 0:
            pieces.append(current.strip())
            current = ""
        else:
            current += char
    return [*pieces, current.strip()]


def _date_of(time: Time, day: dt.date) -> tuple[str, str]:
    """The date a happening is given: a vague time (近日) or a period inside one year gives the
    year; otherwise the time's own date."""
    if time.vague:
        return str(day.year), "year"
    if time.kind == "period" and time.first != time.last:
        return str(time.first)[:4], "year"
    return str(time.first), time.precision


#: A clause that reports how the news was learnt, not a happening: 记者从……了解到.
_REPORTING = re.compile(r"了解到|获悉|据悉|据了解|采访|记者")


def _scene(text: str, time: Time, end: int, day: dt.date) -> Event | None:
    """A sentence that opens with a day (11月13日，在……，老客户薛女士……) or with 近日 and names
    no event verb still recounts a dated happening: the scene the article opens on."""
    opens = (
        time.start == 0
        or text[time.start - 1] in "。！？\n"
        or text[time.start - 2 : time.start] in ("。”", "！”", "？”")
    )
    if not opens or not (time.precision == "day" or time.vague):
        return None
    if text[time.end : time.end + 1] not in ",，" or _REPORTING.search(text, time.end, end):
        return None
    clause = text[time.end + 1 : end].strip()
    place = None
    located = re.match(r"在([^,，、在]{2,20})[,，]", clause)
    if located:
        place = located.group(1)
        clause = clause[located.end() :]
    if len(clause) < 10:
        return None  # 11月12日，天气晴朗: a day, not a happening
    subject = _pieces(clause)[0][:40]
    date, precision = _date_of(time, day)
    return Event(time.start, end, text[time.start : end], subject, "记述", date, precision, place)


def find_events(text: str, base: dt.date | str) -> list[Event]:
    """Every dated happening ``text`` states, in order."""
    day = base if isinstance(base, dt.date) else dt.date.fromisoformat(base)
    events: list[Event] = []
    for time in find_times(text, day):
        # 去年, 今年年初以来: a period inside one year dates what happened in it to that year
        one_year = time.kind == "period" and (time.first or "")[:4] == (time.last or "-")[:4]
        if time.kind == "as_of" or (time.kind == "period" and not time.vague and not one_year):
            continue
        ends = [i for i in (text.find(c, time.end) for c in _CLAUSE_END) if i != -1]
        end = min(ends) if ends else len(text)
        verb = _VERB.search(text, time.end, end)
        if verb is None or verb.start() - time.end > 60:
            scene = _scene(text, time, end, day)
            if scene is not None:
                events.append(scene)
            continue
        between = _TIME_OF_DAY.sub("", text[time.end : verb.start()]).strip(" ,，、")
        place = None
        located = re.search(r"在([^,，、在]{2,20})$", between)
        if located:
            place = located.group(1)
            between = between[: located.start()].strip(" ,，、")
        subject = _pieces(between)[-1] if between else ""
        if not subject and place and verb.group() in ("主办", "承办"):
            # 近日，在中国消防救援学院主办的……大赛上: the organiser
            subject, place = place, None
        if not subject:  # 原创音乐剧《开心农场》,11月13日晚在……上演: named before its time
            before = re.split(r"([,，]?)[。；\n]", text[max(0, time.start - 40) : time.start])[-1]
            pieces = [p.strip() for p in re.split(r"[,，]", before) if p.strip()]
            subject = _LINK.sub("", pieces[-1]) if pieces else ""
        subject = _DATELINE.sub("", subject)
        if not subject:
            continue
        tail = re.split(r"[,，、]", text[verb.end() : end])[0]
        predicate = (text[verb.start() : verb.end()] + tail)[:24]
        date, precision = _date_of(time, day)
        start = min(time.start, text.rfind(subject, 0, time.start + 1)) if subject else time.start
        start = time.start if start < 0 else start
        events.append(
            Event(start, end, text[start:end], subject[:40], predicate, date, precision, place)
        )
    return events
