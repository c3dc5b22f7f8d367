"""Dated happenings of a text: ``find_events``.

A happening is a clause that states a time (resolved by :mod:`newsfacts.text.times` against the
page's date) and an event verb after it: 举行, 举办, 召开, 开展, 启动, 签署, 上演, 设立, 成立,
开幕 ... The clause between the time and the verb is the subject (what happened, or who made it
happen), the verb and what follows it up to the clause's end is the predicate, and 在 X before
the verb is the place. A vague time (近日, 前不久) dates the happening to the page's year.

>>> (e,) = find_events("11月12日,太原市河湖长制主题知识竞赛在市水务局举办。", "2025-11-15")
>>> (e.subject, e.predicate, e.date, e.place)
('太原市河湖长制主题知识竞赛', '举办', '2025-11-12', '市水务局')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsfacts.text.times import find_times

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


def find_events(text: str, base: dt.date | str) -> list[Event]:
    """Every dated happening ``text`` states, in order."""
    day = base if isinstance(base, dt.date) else dt.date.fromisoformat(base)
    events: list[Event] = []
    for time in find_times(text, day):
        one_year = time.kind == "period" and time.first == time.last  # 去年: a year is a date
        if time.kind == "as_of" or (time.kind == "period" and not time.vague and not one_year):
            continue
        ends = [i for i in (text.find(c, time.end) for c in _CLAUSE_END) if i != -1]
        end = min(ends) if ends else len(text)
        verb = _VERB.search(text, time.end, end)
        if verb is None or verb.start() - time.end > 60:
            continue
        between = _TIME_OF_DAY.sub("", text[time.end : verb.start()]).strip(" ,，、")
        place = None
        located = re.search(r"在([^,，、在]{2,20})$", between)
        if located:
            place = located.group(1)
            between = between[: located.start()].strip(" ,，、")
        subject = re.split(r"[,，]", between)[-1].strip() if between else ""
        if not subject:  # 原创音乐剧《开心农场》,11月13日晚在……上演: named before its time
            before = re.split(r"([,，]?)[。；\n]", text[max(0, time.start - 40) : time.start])[-1]
            pieces = [p.strip() for p in re.split(r"[,，]", before) if p.strip()]
            subject = _LINK.sub("", pieces[-1]) if pieces else ""
        subject = _DATELINE.sub("", subject)
        if not subject:
            continue
        tail = re.split(r"[,，、]", text[verb.end() : end])[0]
        predicate = (text[verb.start() : verb.end()] + tail)[:24]
        if time.vague:
            date, precision = str(day.year), "year"
        else:
            date, precision = str(time.first), time.precision
        start = min(time.start, text.rfind(subject, 0, time.start + 1)) if subject else time.start
        start = time.start if start < 0 else start
        events.append(
            Event(start, end, text[start:end], subject[:40], predicate, date, precision, place)
        )
    return events
