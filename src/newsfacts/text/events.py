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
    "收购",
    "放宽",
    "公布",
    "作出",
    "落户",
    "起步",
    "始建",
    "建成",
    "通车",
    "投用",
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
    vague: bool = False  #: dated by 近日, 日前: ``date`` is the latest the words allow


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
    return Event(
        time.start,
        end,
        text[time.start : end],
        subject,
        "记述",
        date,
        precision,
        place,
        vague=time.vague,
    )


#: Words before a verb that say the happening did not take place, or is a process.
_NOT_HAPPENED = re.compile(r"(?:没能|未能|没有|尚未|不再|未|持续|不断|逐步)$")
#: A verb before its time: 设立于1994年, 始建于1912年.
_VERB_BEFORE = re.compile(rf"(?P<verb>{'|'.join(EVENT_VERBS)}|建)于$")


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in "。！？\n") + 1


def _verb_first(text: str, time: Time, end: int, day: dt.date) -> Event | None:
    """苏州工业园区设立于1994年: the subject and verb before the time."""
    found = _VERB_BEFORE.search(text, max(0, time.start - 4), time.start)
    if found is None:
        return None
    start = _sentence_start(text, found.start())
    pieces = [p for p in _pieces(text[start : found.start()]) if p]
    if not pieces:
        return None
    subject = _LINK.sub("", pieces[-1])
    begin = text.rfind(subject, start, found.start())
    date, precision = _date_of(time, day)
    return Event(begin, end, text[begin:end], subject[:40], found["verb"] + "于", date, precision)


def find_events(text: str, base: dt.date | str) -> list[Event]:
    """Every dated happening ``text`` states, in order."""
    day = base if isinstance(base, dt.date) else dt.date.fromisoformat(base)
    events: list[Event] = []
    for time in find_times(text, day):
        if any(e.start <= time.start < e.end for e in events):
            continue  # 5月18日，2025年中国国际服务贸易交易会……开幕: a year inside its name
        # 去年, 今年年初以来: a period inside one year dates what happened in it to that year
        one_year = time.kind == "period" and (time.first or "")[:4] == (time.last or "-")[:4]
        if time.kind == "as_of" or (time.kind == "period" and not one_year):
            continue  # 近年来, 2021年至2024年: a process over years, no one happening
        if text.startswith("电", time.end):
            continue  # the date of a dateline (本报南宁5月19日电) is when it was filed
        ends = [i for i in (text.find(c, time.end) for c in _CLAUSE_END) if i != -1]
        end = min(ends) if ends else len(text)
        first = _verb_first(text, time, end, day)
        if first is not None:
            events.append(first)
            continue
        verb = _VERB.search(text, time.end, end)
        if verb is not None and _NOT_HAPPENED.search(text, time.end, verb.start()):
            continue  # 没能开展集采: it did not happen
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
        if not subject and text.startswith("的", verb.end()):
            # 4月25日召开的中共中央政治局会议强调: what happened is named after 的
            subject = _pieces(text[verb.end() + 1 : end])[0][:20]
        sentence = _sentence_start(text, time.start)
        if not subject:  # 原创音乐剧《开心农场》,11月13日晚在……上演: named before its time
            pieces = [p for p in _pieces(text[sentence : time.start]) if p]
            subject = _LINK.sub("", pieces[-1]) if pieces else ""
        subject = _DATELINE.sub("", subject)
        if len(subject) < 2:
            continue  # 就, 并: no name of what happened
        tail = re.split(r"[,，、]", text[verb.end() : end])[0]
        predicate = (text[verb.start() : verb.end()] + tail)[:24]
        date, precision = _date_of(time, day)
        start = text.rfind(subject, sentence, time.start + 1)
        start = time.start if start < 0 else min(start, time.start)
        events.append(
            Event(
                start,
                end,
                text[start:end],
                subject[:40],
                predicate,
                date,
                precision,
                place,
                vague=time.vague,
            )
        )
    return events
