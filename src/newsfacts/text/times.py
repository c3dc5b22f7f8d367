"""Time expressions of Chinese news resolved against the page's date.

``resolve_time(text, base)`` reads the first time expression in ``text`` and resolves it against
``base``, the date of the page (a ``datetime.date`` or an ISO date); ``find_times`` finds them
all. A :class:`Time` says what kind of time it is and gives ISO dates at its precision:

========================  ========  ==========================  =========
printed (page of           kind      first .. last               precision
2025-11-14)
========================  ========  ==========================  =========
11月14日, 11月13日晚       date      2025-11-14                  day
2025年11月                 date      2025-11                     month
截至7月底                  as_of     .. 2025-07-31               day
截至2024年年底             as_of     .. 2024-12-31               day
2021年至2024年             period    2021 .. 2024                year
2025年1—10月, 1至10月      period    2025-01 .. 2025-10          month
前三季度                   period    2025-01 .. 2025-09          month
上半年                     period    2025-01 .. 2025-06          month
今年年初以来               period    2025-01 .. 2025-11          month
去年, 今年, 2024年         period    2024 (2025, 2024)           year
3年来                      period    2022 .. 2025                year
“十四五”时期               period    2021 .. 2025                year
过去一年                   period    2024-11 .. 2025-11          month
昨天, 13日                 date      2025-11-13                  day
上月, 本月                 date      2025-10 (2025-11)           month
2024年底, 去年末           as_of     .. 2024-12-31               day
10月下旬                   period    2025-10-21 .. 2025-10-31    day
近日, 日前, 前不久          date      .. 2025-11-14 (vague)       day
近年来                     period    .. 2025 (vague)             year
========================  ========  ==========================  =========

A date without a year takes the page's year, or the year before when that would put it more
than two months after the page (a page of January reporting 12月30日); months without a year
(1—11月, 前三季度, 四季度 on a page of January) go back a year as :func:`_period_year` says.
A vague expression has no ``first``; ``last`` is the latest date it allows. A date or period
is ``first`` .. ``last`` (equal for a single date); an as-of time has only ``last``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsfacts.text.characters import DIGIT_VALUES, HALF_WIDTH
from newsfacts.text.dates import month_end, period_year, shift_month, year_of

__all__ = ["FIVE_YEAR_PLANS", "Time", "find_times", "resolve_time"]


@dataclass(frozen=True)
class Time:
    """A time expression and what it resolves to."""

    text: str  #: the expression as printed
    kind: str  #: ``date``, ``period`` or ``as_of``
    first: str | None  #: ISO start of the period, or the date (None: as-of or vague)
    last: str | None  #: ISO end of the period, the date again, or the as-of date
    precision: str  #: ``year``, ``month`` or ``day``
    vague: bool = False  #: 近日, 前不久: ``last`` is the latest date it allows
    start: int = 0  #: offset of ``text`` in the input
    end: int = 0


#: The five-year plans by their printed names: “十四五” is 2021-2025.
FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}

_NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,3})"
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_DASH = r"(?:—{1,2}|-{1,2}|~|至|到|–)"


def _int(text: str) -> int:
    """An Arabic or Chinese integer of a date (2025, 二〇二五, 十一, 十四)."""
    if text.isdigit():
        return int(text)
    if all(c in DIGIT_VALUES for c in text) and len(text) > 2:
        return int("".join(str(DIGIT_VALUES[c]) for c in text))  # 二〇二五
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (DIGIT_VALUES[tens] if tens else 1) * 10 + (DIGIT_VALUES[ones] if ones else 0)
    return DIGIT_VALUES[text]


_Resolver = Callable[[re.Match[str], dt.date], Time | None]
_PATTERNS: list[tuple[re.Pattern[str], _Resolver]] = []


def _pattern(regex: str) -> Callable[[_Resolver], _Resolver]:
    def register(resolver: _Resolver) -> _Resolver:
        _PATTERNS.append((re.compile(regex), resolver))
        return resolver

    return register


def _t(kind: str, first: str | None, last: str | None, precision: str, vague: bool = False) -> Time:
    return Time("", kind, first, last, precision, vague)


@_pattern(
    rf"截[至止](?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|前年))?(?:(?P<m>{_NUM})月)?"
    rf"(?:(?P<d>{_NUM})[日号]|(?P<end>底|末|年底|年末))"
)
def _as_of(m: re.Match[str], base: dt.date) -> Time | None:
    given = m["y"] or m["rel"]
    year = _int(m["y"]) if m["y"] else base.year + _RELATIVE_YEAR.get(m["rel"] or "", 0)
    if m["m"] is None:
        if m["end"] not in ("底", "末", "年底", "年末") or not given:
            return None  # 截至去年底: 2024-12-31; a bare 截至底 names no time
        return _t("as_of", None, f"{year:04d}-12-31", "day")
    month = _int(m["m"])
    if not 1 <= month <= 12:
        return None
    if m["d"]:
        day = _int(m["d"])
        year = year if given else year_of(month, day, base)
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None  # 截至4月31日: no day of the calendar
        return _t("as_of", None, date.isoformat(), "day")
    if not given:  # 截至9月末 on a page of January: last year's
        year = year_of(month, calendar.monthrange(base.year, month)[1], base)
    return _t("as_of", None, month_end(year, month), "day")


@_pattern(rf"(?P<y1>{_YEAR})年?{_DASH}(?P<y2>{_YEAR})年")
def _year_range(m: re.Match[str], base: dt.date) -> Time | None:
    first, last = _int(m["y1"]), _int(m["y2"])
    return _t("period", f"{first:04d}", f"{last:04d}", "year") if first < last else None


@_pattern(rf"(?:(?P<y>{_YEAR})年)?(?P<m1>{_NUM})(?:月份?)?{_DASH}(?P<m2>{_NUM})月份?")
def _month_range(m: re.Match[str], base: dt.date) -> Time | None:
    first, last = _int(m["m1"]), _int(m["m2"])
    if not 1 <= first < last <= 12:
        return None
    year = _int(m["y"]) if m["y"] else period_year(first, last, base)
    return _t("period", f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}", "month")


def _named_year(m: re.Match[str], base: dt.date) -> int:
    """The year printed (2024年) or named (去年, 明年) before a part of it."""
    return _int(m["y"]) if m["y"] else base.year + {"去年": -1, "明年": 1}.get(m["rel"] or "", 0)


def _months_year(m: re.Match[str], first: int, last: int, base: dt.date) -> int:
    """The year of months from ``first`` to ``last``: printed, named, or as the page's date
    gives it (:func:`_period_year`)."""
    return _named_year(m, base) if m["y"] or m["rel"] else period_year(first, last, base)


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|明年))?前(?P<q>[一二三]|[123])(?:个)?季度")
def _first_quarters(m: re.Match[str], base: dt.date) -> Time | None:
    quarters = _int(m["q"])
    year = _months_year(m, 1, 3 * quarters, base)
    return _t("period", f"{year:04d}-01", f"{year:04d}-{3 * quarters:02d}", "month")


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|明年))?(?P<q>第?[一二三四1-4])季度")
def _quarter(m: re.Match[str], base: dt.date) -> Time | None:
    quarter = _int(m["q"].lstrip("第"))
    year = _months_year(m, 3 * quarter - 2, 3 * quarter, base)
    return _t(
        "period", f"{year:04d}-{3 * quarter - 2:02d}", f"{year:04d}-{3 * quarter:02d}", "month"
    )


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|明年))?(?P<h>上半年|下半年)")
def _half(m: re.Match[str], base: dt.date) -> Time | None:
    months = (1, 6) if m["h"] == "上半年" else (7, 12)
    year = _months_year(m, *months, base)
    return _t("period", f"{year:04d}-{months[0]:02d}", f"{year:04d}-{months[1]:02d}", "month")


@_pattern(r"(?P<rel>今年|去年)(?:年初|初)?以来|年初以来")
def _since_new_year(m: re.Match[str], base: dt.date) -> Time | None:
    year = base.year - (1 if m["rel"] == "去年" else 0)
    return _t("period", f"{year:04d}-01", f"{base.year:04d}-{base.month:02d}", "month")


@_pattern(
    r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})(?:多)?年(?:来|以来)"
    r"|近(?P<near>\d{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|以来)?"
)
def _years_since(m: re.Match[str], base: dt.date) -> Time | None:
    """3年来, 近3年: the years back from the page's year."""
    years = _int((m["n"] or m["near"]).replace("两", "二"))
    return _t("period", f"{base.year - years:04d}", f"{base.year:04d}", "year")


@_pattern(r"过去(?:的)?(?:一|1)年(?:来|里|间|中)?|过去(?:的)?(?:12|十二)个月")
def _past_year(m: re.Match[str], base: dt.date) -> Time | None:
    """过去一年: the twelve months up to the page's month."""
    return _t(
        "period",
        f"{base.year - 1:04d}-{base.month:02d}",
        f"{base.year:04d}-{base.month:02d}",
        "month",
    )


@_pattern(r"“?(?P<plan>十[一二三四五]五)”?(?:时期|期间|以来|规划期)")
def _five_year_plan(m: re.Match[str], base: dt.date) -> Time | None:
    first = FIVE_YEAR_PLANS[m["plan"]]
    return _t("period", f"{first:04d}", f"{first + 4:04d}", "year")


_RELATIVE_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def _year_given(m: re.Match[str], base: dt.date) -> int | None:
    """The year printed before a month (2024年, 今年, 去年), or None."""
    if m["y"]:
        return _int(m["y"])
    return base.year + _RELATIVE_YEAR[m["rel"]] if m["rel"] else None


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|前年|明年))?(?P<m>{_NUM})月(?P<d>{_NUM})[日号]")
def _day(m: re.Match[str], base: dt.date) -> Time | None:
    month, day = _int(m["m"]), _int(m["d"])
    given = _year_given(m, base)
    year = given if given is not None else year_of(month, day, base)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return _t("date", date.isoformat(), date.isoformat(), "day")


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|前年|明年))(?P<m>{_NUM})月(?:份)?(?!底|末)")
def _month(m: re.Match[str], base: dt.date) -> Time | None:
    year, month = _year_given(m, base) or base.year, _int(m["m"])
    if not 1 <= month <= 12:
        return None
    return _t("date", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}", "month")


@_pattern(
    r"(?<![\d个一二三四五六七八九十年])(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])月份?(?![\d日号底末初中])"
)
def _bare_month(m: re.Match[str], base: dt.date) -> Time | None:
    """10月份, 11月: a month of the page's year (the year before if it is months ahead)."""
    month = _int(m["m"])
    if not 1 <= month <= 12:
        return None
    year = year_of(month, 1, base)
    return _t("date", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}", "month")


@_pattern(rf"(?P<y>{_YEAR})年(?!\d)|(?P<rel>今年|去年|前年|明年)(?!初|以来)")
def _year(m: re.Match[str], base: dt.date) -> Time | None:
    year = _int(m["y"]) if m["y"] else base.year + _RELATIVE_YEAR[m["rel"]]
    return _t("period", f"{year:04d}", f"{year:04d}", "year")


@_pattern(
    rf"(?P<rel1>今年|去年|前年)(?P<m1>{_NUM})月份?{_DASH}(?P<rel2>今年|去年|明年)?(?P<m2>{_NUM})月份?"
)
def _relative_month_range(m: re.Match[str], base: dt.date) -> Time | None:
    """去年9月至今年5月: months of the years named relative to the page's."""
    first_year = base.year + _RELATIVE_YEAR[m["rel1"]]
    last_year = base.year + _RELATIVE_YEAR[m["rel2"]] if m["rel2"] else first_year
    first, last = _int(m["m1"]), _int(m["m2"])
    if not (1 <= first <= 12 and 1 <= last <= 12) or (first_year, first) >= (last_year, last):
        return None
    return _t("period", f"{first_year:04d}-{first:02d}", f"{last_year:04d}-{last:02d}", "month")


@_pattern(rf"(?P<y>{_YEAR})财年")
def _fiscal_year(m: re.Match[str], base: dt.date) -> Time | None:
    """2024财年: the company's year of that name (its months are the company's)."""
    year = _int(m["y"])
    return _t("period", f"{year:04d}", f"{year:04d}", "year")


#: The words for now: the page's date (or its dispatch's), as of which a level is stated.
NOW = r"目前|当前|如今|眼下|现阶段"


@_pattern(NOW)
def _now(m: re.Match[str], base: dt.date) -> Time | None:
    """目前: the page's date, as of which a level is stated."""
    return _t("as_of", None, base.isoformat(), "day")


@_pattern(r"近日|日前|前不久|不久前|近期")
def _lately(m: re.Match[str], base: dt.date) -> Time | None:
    return _t("date", None, base.isoformat(), "day", vague=True)


@_pattern(r"近年来|近几年|近些年")
def _recent_years(m: re.Match[str], base: dt.date) -> Time | None:
    return _t("period", None, f"{base.year:04d}", "year", vague=True)


_DAYS_FROM_PAGE = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1}


@_pattern(r"前天|昨天|昨日|今天|今日(?!头条)|明天|明日(?!之星)")
def _relative_day(m: re.Match[str], base: dt.date) -> Time | None:
    """昨天, 今日: days counted from the page's (or its dispatch's)."""
    day = (base + dt.timedelta(days=_DAYS_FROM_PAGE[m[0]])).isoformat()
    return _t("date", day, day, "day")


@_pattern(r"(?<![\d.月个/年])(?P<d>\d{1,2})日(?![游内电])(?!以[内来上])(?!之内|左右|前后)")
def _day_of_month(m: re.Match[str], base: dt.date) -> Time | None:
    """17日: a day of the page's month up to the page's day (a later one may be last month's
    or a coming one: it is left unread)."""
    day = int(m["d"])
    if not 1 <= day <= base.day:
        return None
    date = base.replace(day=day).isoformat()
    return _t("date", date, date, "day")


@_pattern(r"上个?月|本月|当月|这个月")
def _relative_month(m: re.Match[str], base: dt.date) -> Time | None:
    """上月, 本月: the month before the page's, the page's."""
    year, month = shift_month(base, -1 if m[0].startswith("上") else 0)
    return _t("date", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}", "month")


@_pattern(r"(?:今年)?年内")
def _within_the_year(m: re.Match[str], base: dt.date) -> Time | None:
    return _t("period", f"{base.year:04d}", f"{base.year:04d}", "year")


@_pattern(
    rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年))?前(?P<n>\d{{1,2}}|十[一二]?|[一二两三四五六七八九])个月"
)
def _first_months(m: re.Match[str], base: dt.date) -> Time | None:
    """前5个月: January to May."""
    months = _int(m["n"].replace("两", "二"))
    if not 1 <= months <= 12:
        return None
    year = _months_year(m, 1, months, base)
    return _t("period", f"{year:04d}-01", f"{year:04d}-{months:02d}", "month")


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年))?(?P<m>{_NUM})月份?以来")
def _since_month(m: re.Match[str], base: dt.date) -> Time | None:
    """今年5月以来: from that month to the page's."""
    month = _int(m["m"])
    year = (_year_given(m, base) or year_of(month, 1, base)) if 1 <= month <= 12 else None
    if year is None or (year, month) > (base.year, base.month):
        return None
    return _t("period", f"{year:04d}-{month:02d}", f"{base.year:04d}-{base.month:02d}", "month")


@_pattern(
    rf"截[至止](?:(?P<y>{_YEAR})年|(?P<rel>今年|去年))?(?:第?(?P<q>[一二三四1-4])季度|(?P<h>上半年))末"
)
def _as_of_quarter(m: re.Match[str], base: dt.date) -> Time | None:
    """截至一季度末, 截至上半年末: the last day of that quarter or half."""
    month = 6 if m["h"] else 3 * _int(m["q"])
    year = _months_year(m, month - (5 if m["h"] else 2), month, base)
    return _t("as_of", None, month_end(year, month), "day")


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年|前年))年?[底末](?!前)")
def _year_end(m: re.Match[str], base: dt.date) -> Time | None:
    """2024年底, 去年末: the year's last day, as of which a level is stated."""
    year = _int(m["y"]) if m["y"] else base.year + _RELATIVE_YEAR[m["rel"]]
    return _t("as_of", None, f"{year:04d}-12-31", "day")


@_pattern(rf"(?:(?P<y>{_YEAR})年|(?P<rel>今年|去年))?(?P<m>{_NUM})月(?P<part>上|中|下)旬")
def _ten_days(m: re.Match[str], base: dt.date) -> Time | None:
    """6月上旬: days 1 to 10 (中旬 11 to 20, 下旬 21 to the month's end)."""
    month = _int(m["m"])
    if not 1 <= month <= 12:
        return None
    given = _year_given(m, base)
    year = given if given is not None else year_of(month, 1, base)
    first, last = {"上": (1, 10), "中": (11, 20), "下": (21, 0)}[m["part"]]
    end = month_end(year, month) if not last else f"{year:04d}-{month:02d}-{last:02d}"
    return _t("period", f"{year:04d}-{month:02d}-{first:02d}", end, "day")


def _base(base: dt.date | str) -> dt.date:
    return base if isinstance(base, dt.date) else dt.date.fromisoformat(base)


def find_times(text: str, base: dt.date | str) -> Iterator[Time]:
    """Every time expression in ``text``, in order, resolved against the page date ``base``.
    Where two expressions overlap, the one that starts first and is longest wins."""
    day = _base(base)
    s = text.translate(HALF_WIDTH)
    found: list[Time] = []
    for pattern, resolve in _PATTERNS:
        for match in pattern.finditer(s):
            time = resolve(match, day)
            if time is not None:
                found.append(
                    Time(
                        text[match.start() : match.end()],
                        time.kind,
                        time.first,
                        time.last,
                        time.precision,
                        time.vague,
                        match.start(),
                        match.end(),
                    )
                )
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    end = -1
    for time in found:
        if time.start >= end:
            yield time
            end = time.end


def resolve_time(text: str, base: dt.date | str) -> Time | None:
    """The first time expression in ``text`` resolved against the page date ``base``.

    >>> resolve_time("截至7月底", "2025-11-14").last
    '2025-07-31'
    """
    return next(find_times(text, base), None)
