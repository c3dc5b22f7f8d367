"""Read one quantity expression from Chinese news text.

Public API
----------
``read_quantity(text) -> Quantity | None`` finds the first quantity
expression in ``text`` and reads it; it returns ``None`` when there is none
('', '发展', '统一部署', '万万没想到').  ``Quantity`` is a frozen dataclass::

    value      float | None  the number in base units (None for ranges)
    unit       str           a code from UNITS
    qualifier  str           a code from QUALIFIERS
    low, high  float | None  bounds of a range or a vague number, else None
    counted    str | None    the printed classifier/noun for 'count' and
                             'ordinal' (个, 户, 人, 届, 标准机架 ...)
    text       str           the printed text read, qualifiers included
    number_text str          the printed numeral with its multiplier and any
                             余/多 (11.5万, 40余, 十三); both ends of a range
    start, end int           span of ``text`` in the input string

Multipliers are applied: 十 x10, 百 x100, 千 x1e3, 万 x1e4, 亿 x1e8,
万亿 x1e12 (products of them too: 千万 x1e7).  Percentages keep the printed
number (6.2% -> 6.2 'percent').  The caller decides what a quantity means
(增长/下降, whether a number is part of a title): this module only reads.

Units (``UNITS``)
-----------------
dimensionless     nothing recognised follows the number (1,234; 十三)
count             a classifier or counted noun follows; see ``counted``
                  (个 户 家 支 件 所 名 人 场 条 座 项 台 辆 只 套 种 批 位 例 ...,
                  标准机架, 架次; 起 only after Arabic digits)
ordinal           第N, 第N届, 第N名 ...
times             次 (occurrences)
person_time       人次
percent           % and 百分之N; N成 is read as N x 10 percent
percentage_point  个百分点, 百分点
permille          ‰ and 千分之N
fold              倍
CNY               元, 人民币, 元人民币, 元整, 块, 块钱 (块 is colloquial 元)
USD HKD EUR JPY GBP   美元; 港元/港币; 欧元; 日元; 英镑 (ISO 4217 codes)
metre km          米; 公里, 千米
m2 km2 mu hectare 平方米; 平方公里, 平方千米; 亩; 公顷
kg tonne          公斤, 千克; 吨
kW MW GW kWh      千瓦/kW; 兆瓦/MW; 吉瓦/GW; 千瓦时/kWh/度电, and 度 after
                  Arabic digits (一度 is the adverb 'once')
PFLOPS EFLOPS     PFlops/P; EFlops/E (any case for the long forms)
year              年 as a duration (3年, 3年来), 周年
calendar_year     N年 where N is a plain 4-digit Arabic year 1000-2999 or a
                  digit-by-digit reading (二〇二五年), with no qualifier
month             个月
calendar_month    N月 with a plain integer 1-12 (9月, 1-9月)
day hour          天; 小时, 个小时
age_years         岁, 周岁

Qualifiers (``QUALIFIERS``)
---------------------------
exact          no marker (壹佰元整 too)
approximately  约 大约 大概 约合 约为 近 将近 接近 差不多 (before); 左右 上下
               (after); also vague numbers 数百, 几十, 十几 (value None,
               low/high = 2..9 or 1..9 of the unit: 数百 -> 200..900)
more_than      超 超过 逾 突破 高于 多于 大于 过(万) 破(万) (before);
               余 多 (after the number: 40余场, 两亿多元, 3年多); 以上 开外 有余
at_least       至少 不少于 不低于 起码 上(千/万) (before); 及以上 (after)
less_than      不到 不足 未满 低于 少于 小于 (before); 以下 (after)
at_most        最多 至多 不超过 不高于 不多于 不大于 (before); 及以下 以内 之内
range          explicit ranges: 1万-5万元, 10%至20%, 3到5个, 三五百块,
               七八十岁 (value None, low/high set)

When a prefix and a suffix marker disagree the prefix wins.

Limits
------
Only the first quantity is read.  Mixed forms such as 3万5千 are read as
3万.  Fractions (三分之一), prices per unit (元/吨: the '/吨' is not read) and
currency signs ($, ¥) are not handled.  三千米 reads as 3 km (千米), never as
3000 metre.  A Chinese
numeral with no unit, qualifier or 第 in front is only read when it is the
whole text, so 一些, 十分, 两会 and 千万不要 give None.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import get_args

from newsfacts.models import Qualifier, Unit
from newsfacts.text.characters import BLANKS, HALF_WIDTH, NUMERAL_WORDS, RUN_CHARS
from newsfacts.text.numerals import Number, arabic_start_ok, is_digit, read_number
from newsfacts.text.units import (
    BARE_PREFIXES,
    NO_TRAILING_MORE,
    PREFIXES,
    RANGE_CONNECTORS,
    RANGE_TAILS,
    SUFFIXES,
    UNIT_FORMS_LONGEST_FIRST,
    UnitForm,
)

__all__ = ["QUALIFIERS", "UNITS", "Quantity", "read_quantity"]

#: The units a reading can have: the fact vocabulary of the models, but for the densities
#: (per_10000_people), which curators derive from the sentence, not from one printed number.
UNITS: frozenset[str] = frozenset(get_args(Unit)) - {"per_10000_people"}

#: The qualifiers a reading can have: the fact vocabulary of the models.
QUALIFIERS: frozenset[str] = frozenset(get_args(Qualifier))


@dataclass(frozen=True)
class Quantity:
    """A quantity read from text; see the module docstring for the fields."""

    value: float | None
    unit: str
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    counted: str | None = None
    text: str = ""
    number_text: str = ""
    start: int = 0
    end: int = 0

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.value is None:
            if self.low is None or self.high is None or self.low > self.high:
                raise ValueError("a quantity without value needs low <= high")
        elif self.low is not None or self.high is not None:
            raise ValueError("low/high are only for ranges and vague numbers")


# --- units and qualifiers ----------------------------------------------------


def _match_form(s: str, k: int, number: Number) -> UnitForm | None:
    while k < len(s) and s[k] in " \t":
        k += 1
    for form in UNIT_FORMS_LONGEST_FIRST:
        piece = s[k : k + len(form.printed)]
        if piece != form.printed and not (form.any_case and piece.upper() == form.printed):
            continue
        following = s[k + len(piece) : k + len(piece) + 1]
        if form.printed.isascii() and following.isascii() and following.isalpha():
            continue  # 5EB is not EFLOPS
        if form.arabic_only and number.kind != "arabic":
            continue
        return form
    return None


def _unit_end(s: str, k: int, form: UnitForm) -> int:
    while k < len(s) and s[k] in " \t":
        k += 1
    return k + len(form.printed)


def _is_calendar_year(number: Number) -> bool:
    if number.plain is None or number.qualifier is not None or len(number.plain) != 4:
        return False
    return number.kind == "digits" or (
        number.kind == "arabic" and 1000 <= int(number.plain) <= 2999
    )


def _resolve_unit(form: UnitForm, number: Number, qualified: bool) -> str | None:
    if form.unit == "year" and form.printed == "年" and not qualified and _is_calendar_year(number):
        return "calendar_year"
    if form.unit == "calendar_month":
        plain_month = number.plain is not None and 1 <= int(number.plain) <= 12
        return (
            "calendar_month" if plain_month and not qualified and number.kind != "digits" else None
        )
    return form.unit


def _marker_before(
    s: str, i: int, table: tuple[tuple[str, str | None], ...]
) -> tuple[str | None, int]:
    j = len(s[:i].rstrip(" \t"))  # 约 3000 元
    for marker, qualifier in table:
        if j >= len(marker) and s.startswith(marker, j - len(marker)):
            return qualifier, j - len(marker) if qualifier else i
    return None, i


def _marker_after(
    s: str, k: int, table: tuple[tuple[str, str | None], ...]
) -> tuple[str | None, int]:
    for marker, qualifier in table:
        if s.startswith(marker, k):
            return qualifier, k + len(marker) if qualifier else k
    return None, k


def _is_whole_text(s: str, start: int, end: int) -> bool:
    return not s[:start].strip(BLANKS) and not s[end:].strip(BLANKS)


# --- readers -----------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """What follows a number: its unit and the markers around it."""

    unit: str
    counted: str | None
    scale: int
    qualifier: str | None
    end: int


def _read_unit(s: str, number: Number, prefix: str | None) -> _Reading:
    form = _match_form(s, number.end, number)
    qualified = prefix is not None or number.qualifier is not None
    unit = None if form is None or form.unit is None else _resolve_unit(form, number, qualified)
    if form is None or unit is None:
        return _Reading("dimensionless", None, 1, None, number.end)
    end = _unit_end(s, number.end, form)
    qualifier = form.qualifier
    if end < len(s) and s[end] in "多余" and unit not in NO_TRAILING_MORE and qualifier is None:
        qualifier, end = "more_than", end + 1  # 3年多
    counted = form.counted or form.printed if unit == "count" else None
    return _Reading(unit, counted, form.scale, qualifier, end)


def _read_range(s: str, first: Number, start: int) -> Quantity | None:
    """1万-5万元, 10%至20%, 3到5个, 1-5万元, 2023-2025年."""
    if first.is_span or first.kind == "bare":
        return None
    first_reading = _read_unit(s, first, None)
    connector = next((c for c in RANGE_CONNECTORS if s.startswith(c, first_reading.end)), None)
    if connector is None:
        return None
    second = read_number(s, first_reading.end + len(connector))
    if second is None or second.is_span or second.kind == "bare":
        return None
    reading = _read_unit(s, second, None)
    if first_reading.unit != "dimensionless":
        if reading.unit == "dimensionless":  # 3万元至5万
            reading = replace(first_reading, end=second.end)
        elif first_reading.unit != reading.unit:
            return None
    if reading.unit == "calendar_year" and not _is_calendar_year(first):
        reading = replace(reading, unit="year")
    assert first.value is not None and second.value is not None
    low, high = first.value, second.value
    if (
        first.factor == 1
        and second.factor > 1
        and second.mantissa is not None
        and low < second.mantissa
    ):
        low *= second.factor  # 1-5万元: the multiplier is written once
    if low >= high:
        return None
    _, end = _marker_after(s, reading.end, RANGE_TAILS)
    chinese_only = "arabic" not in (first.kind, second.kind)
    if chinese_only and reading.unit == "dimensionless" and not _is_whole_text(s, start, end):
        return None
    return Quantity(
        value=None,
        unit=reading.unit,
        qualifier="range",
        low=float(low * reading.scale),
        high=float(high * reading.scale),
        counted=reading.counted,
        text=s[start:end],
        number_text=s[first.start : second.end],
        start=start,
        end=end,
    )


def _accepted(
    s: str, number: Number, start: int, end: int, reading: _Reading, marker: str | None
) -> bool:
    """Chinese numerals need something around them to count as a quantity.

    That is a unit, a qualifier (``marker`` is the one before or after), or
    nothing else in the text.  A bare 千/万 needs a qualifier (近万, 千余) or
    must be two characters long and have a unit (千万元).
    """
    if number.kind == "bare":
        return (
            marker is not None
            or number.qualifier is not None
            or (number.end - number.start > 1 and reading.unit != "dimensionless")
        )
    if number.kind == "arabic" or _is_whole_text(s, start, end):
        return True
    return reading.unit != "dimensionless" or marker is not None or number.qualifier is not None


def _read_plain(s: str, i: int) -> Quantity | None:
    number = read_number(s, i)
    if number is None:
        return None
    prefix, start = _marker_before(s, i, BARE_PREFIXES if number.kind == "bare" else PREFIXES)
    found_range = _read_range(s, number, start)
    if found_range is not None:
        return found_range
    reading = _read_unit(s, number, prefix)
    suffix, end = _marker_after(s, reading.end, SUFFIXES)
    if not _accepted(s, number, start, end, reading, prefix or suffix):
        return None
    return _quantity(
        s, number, reading, start, end, prefix or number.qualifier or reading.qualifier or suffix
    )


def _quantity(
    s: str, number: Number, reading: _Reading, start: int, end: int, qualifier: str | None
) -> Quantity:
    scale = reading.scale
    if number.is_span:
        assert number.low is not None and number.high is not None
        return Quantity(
            value=None,
            unit=reading.unit,
            qualifier="range" if number.kind == "pair" else "approximately",
            low=float(number.low * scale),
            high=float(number.high * scale),
            counted=reading.counted,
            text=s[start:end],
            number_text=s[number.start : number.end],
            start=start,
            end=end,
        )
    assert number.value is not None
    return Quantity(
        value=float(number.value * scale),
        unit=reading.unit,
        qualifier=qualifier or "exact",
        counted=reading.counted,
        text=s[start:end],
        number_text=s[number.start : number.end],
        start=start,
        end=end,
    )


def _read_ordinal(s: str, i: int) -> Quantity | None:
    """第十三届, 第8名, 第3季度 (counted is the classifier when there is one)."""
    number = read_number(s, i + 1)
    if number is None or number.is_span or number.kind == "bare" or number.qualifier:
        return None
    form = _match_form(s, number.end, number)
    counted = None
    end = number.end
    if form is not None and form.unit in ("count", "times", "year", "day", "month"):
        counted, end = form.printed, _unit_end(s, number.end, form)
    reading = _Reading("ordinal", counted, 1, None, end)
    return _quantity(s, number, reading, i, end, None)


def _read_per_hundred(s: str, i: int) -> Quantity | None:
    """百分之五十, 百分之百, 千分之三."""
    unit = "percent" if s.startswith("百分之", i) else "permille"
    number = read_number(s, i + 3)
    if number is None:
        return None
    prefix, start = _marker_before(s, i, PREFIXES)
    suffix, end = _marker_after(s, number.end, SUFFIXES)
    reading = _Reading(unit, None, 1, None, end)
    return _quantity(s, number, reading, start, end, prefix or number.qualifier or suffix)


def _is_start(s: str, i: int) -> bool:
    """Whether a number may begin at s[i] (not inside a longer numeral)."""
    char = s[i]
    before = s[i - 1] if i else ""
    if is_digit(char) or (char in "-+" and is_digit(s[i + 1 : i + 2])):
        return arabic_start_ok(s, i)
    if char in "第数几负":
        return True
    if char not in RUN_CHARS or before in RUN_CHARS or before + char in NUMERAL_WORDS:
        return False
    return not (before == "点" and i > 1 and s[i - 2] in RUN_CHARS)


def _read_at(s: str, i: int) -> Quantity | None:
    if s[i] == "第":
        return _read_ordinal(s, i)
    if s.startswith(("百分之", "千分之"), i):
        found = _read_per_hundred(s, i)
        if found is not None:
            return found
    return _read_plain(s, i)


def read_quantity(text: str) -> Quantity | None:
    """Read the first quantity expression in ``text``; None if there is none.

    >>> q = read_quantity("约3.2亿美元")
    >>> (q.value, q.unit, q.qualifier)
    (320000000.0, 'USD', 'approximately')
    """
    s = text.translate(HALF_WIDTH)
    for i in range(len(s)):
        if _is_start(s, i):
            found = _read_at(s, i)
            if found is not None:
                # The normalised string has the input's offsets: give back
                # the text as it was printed (full-width digits and all).
                offset = s.find(found.number_text, found.start)
                return replace(
                    found,
                    text=text[found.start : found.end],
                    number_text=text[offset : offset + len(found.number_text)],
                )
    return _rank_word(text)


#: Words that state a rank without a numeral: 居中部六省首位 'first among the six provinces'.
_RANK_WORDS = {"首位": 1.0, "榜首": 1.0}


def _rank_word(text: str) -> Quantity | None:
    for word, rank in _RANK_WORDS.items():
        at = text.find(word)
        if at != -1:
            return Quantity(
                value=rank,
                unit="ordinal",
                qualifier="exact",
                low=None,
                high=None,
                counted=None,
                text=word,
                number_text=word,
                start=at,
                end=at + len(word),
            )
    return None
