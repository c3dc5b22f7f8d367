"""Read one quantity expression from Chinese news text.

Public API
----------
``read_quantity(text) -> Quantity | None`` finds the first quantity
expression in ``text`` and reads it; it returns ``None`` when there is none
('', '发展', '统一部署', '万万没想到').  ``Quantity`` is a frozen dataclass::

    value      float | None  the number in base units (None for ranges)
    unit       str           a code from UNITS
    qualifier  str           a code from QUALIFIERS
    low, high  float | None  bounds of a range or a vague number; for a number
                             with 多 or 余, the range it implies (below)
    counted    str | None    the printed classifier/noun for 'count' and
                             'ordinal' (个, 户, 人, 届, 标准机架 ...)
    text       str           the printed text read, qualifiers included
    number_text str          the printed numeral with its multiplier and any
                             余/多 (11.5万, 40余, 十三); both ends of a range
    start, end int           span of ``text`` in the input string

Multipliers are applied: 十 x10, 百 x100, 千 x1e3, 万 x1e4, 亿 x1e8,
万亿 x1e12 (products of them too: 千万 x1e7), and after Arabic digits the
colloquial k x1e3 and w x1e4 (20k, 8w).  Lower places after 万 or 亿 are
added: 200万五千 = 2 005 000, 3万800 = 30 800, 3万5千 and 3万5 = 35 000
(a lone digit after 万 is the next place down, as 一万五 is 15 000).
Thousands separators are read in both widths (1,234,567; 12，345.60).  Percentages keep the printed
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
CNY               元, 圆 (圓), 人民币, 元人民币, 元整/圆整/元正, 块, 块钱 (块 is
                  colloquial 元); the 角/毛 and 分 after a yuan are added
                  (壹仟贰佰叁拾肆圆伍角陆分 = 1234.56, 3块5 = 3.5, 两块五毛钱);
                  alone, 5毛/5角 = 0.5 and 8分钱 = 0.08 (分 alone is a score)
USD HKD EUR JPY GBP AUD CAD CHF INR KRW MOP MYR NZD RUB SGD THB TWD VND
                  ISO 4217 codes, by the names news prints: 美元/美金;
                  港元/港币; 欧元; 日元/日币; 英镑; 澳元; 加元; 瑞郎; 卢比;
                  韩元; 澳门元; 林吉特; 新西兰元; 卢布; 新加坡元; 泰铢;
                  新台币/台币; 越南盾.  A currency before the number is read
                  too (人民币1.5亿元, 港币100万, 约人民币100元)
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
               余 多 (after the number: 40余场, 两亿多元, 3年多); 以上 开外 有余.
               With 余 or 多 the value is the printed number and low/high the
               range it implies, up to the place of its last written digit:
               500多 -> 500..600, 40余 -> 40..50, 三亿多 -> 3亿..4亿,
               1.5万多 -> 1.5万..1.6万, 3年多 -> 3..4 years
at_least       至少 不少于 不低于 起码 上(千/万) (before); 及以上 (after)
less_than      不到 不足 未满 低于 少于 小于 (before); 以下 (after)
at_most        最多 至多 不超过 不高于 不多于 不大于 (before); 及以下 以内 之内
range          explicit ranges: 1万-5万元, 10%至20%, 3到5个, 三五百块,
               七八十岁, 2万元--3万元, 20~30k元 (value None, low/high set); a
               magnitude or unit written once covers both ends: 三到五万 = 3万
               to 5万, 二十到三十万元, 五千到八千亿元, 十五至二十万日元, 1-5万元
               (but 500到1万 is 500 to 1万)

When a prefix and a suffix marker disagree the prefix wins.

Limits
------
Only the first quantity is read (``find_quantities`` finds them all).
Fractions (三分之一), prices per unit (元/吨: the '/吨' is not read) and
currency signs ($, ¥) are not handled.  三千米 reads as 3 km (千米), never as
3000 metre.  A Chinese
numeral with no unit, qualifier or 第 in front is only read when it is the
whole text, so 一些, 十分, 两会 and 千万不要 give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import get_args

from newsfacts.models import Qualifier, Unit
from newsfacts.text.characters import (
    HALF_WIDTH,
    NUMERAL_WORDS,
    RUN_CHARS,
)
from newsfacts.text.markers import (
    Reading,
    is_calendar_year,
    is_whole_text,
    marker_after,
    marker_before,
    match_form,
    read_unit,
    step_of,
    unit_end,
)
from newsfacts.text.money import currency_before
from newsfacts.text.numerals import Number, arabic_start_ok, is_digit, read_number
from newsfacts.text.units import (
    BARE_PREFIXES,
    PREFIXES,
    RANGE_CONNECTORS,
    RANGE_TAILS,
    SUFFIXES,
)

__all__ = [
    "QUALIFIERS",
    "RANK_WORDS",
    "UNITS",
    "Quantity",
    "is_start",
    "normalise",
    "read_at",
    "read_quantity",
]

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
            implied = self.qualifier == "more_than" and self.low == self.value
            if not implied or self.high is None or self.high <= self.value:
                raise ValueError(
                    "low/high are for ranges, vague numbers and the range a 多 or 余 implies"
                )


def _read_range(s: str, first: Number, start: int) -> Quantity | None:
    """1万-5万元, 10%至20%, 3到5个, 1-5万元, 2023-2025年."""
    if first.is_span or first.kind == "bare":
        return None
    first_reading = read_unit(s, first, None)
    connector = next((c for c in RANGE_CONNECTORS if s.startswith(c, first_reading.end)), None)
    if connector is None:
        return None
    second = read_number(s, first_reading.end + len(connector))
    if second is None or second.is_span or second.kind == "bare":
        return None
    reading = read_unit(s, second, None)
    if first_reading.unit != "dimensionless":
        if reading.unit == "dimensionless":  # 3万元至5万
            reading = replace(first_reading, end=second.end)
        elif first_reading.unit != reading.unit:
            return None
    if reading.unit == "calendar_year" and not is_calendar_year(first):
        reading = replace(reading, unit="year")
    assert first.value is not None and second.value is not None
    low, high = first.value, second.value
    if first.factor == 1 and not _ends_in_magnitude(s, first):
        low *= _shared_magnitude(s, low, second)  # 1-5万元, 三到五万: the magnitude written once
    if low >= high:
        return None
    _, end = marker_after(s, reading.end, RANGE_TAILS)
    chinese_only = "arabic" not in (first.kind, second.kind)
    if chinese_only and reading.unit == "dimensionless" and not is_whole_text(s, start, end):
        return None
    return Quantity(
        value=None,
        unit=reading.unit,
        qualifier="range",
        low=float(low * reading.scale + reading.extra),
        high=float(high * reading.scale + reading.extra),
        counted=reading.counted,
        text=s[start:end],
        number_text=s[first.start : second.end],
        start=start,
        end=end,
    )


#: Magnitudes a range may write once, at its high end (三到五万, 五千到八千亿元).
_MAGNITUDES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def _ends_in_magnitude(s: str, number: Number) -> bool:
    return s[number.end - 1 : number.end] in _MAGNITUDES


def _shared_magnitude(s: str, low: Decimal, second: Number) -> int:
    """The magnitude the low end of a range takes from its high end: the trailing 万, 亿 or 万亿
    (or the multiplier after Arabic digits) of the high end, when the low end read without it
    is below the high end's own number (三到五万 = 3万..5万; 500到1万 stays 500..1万)."""
    assert second.value is not None
    if second.factor > 1 and second.mantissa is not None:
        return second.factor if low < second.mantissa else 1
    printed = s[second.start : second.end].rstrip("余多")
    factor = 1
    for char in reversed(printed):
        if char not in _MAGNITUDES:
            break
        factor *= _MAGNITUDES[char]
    if factor > 1 and low < second.value / factor:
        return factor
    return 1


def _accepted(
    s: str, number: Number, start: int, end: int, reading: Reading, marker: str | None
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
    if number.kind in ("arabic", "fraction") or is_whole_text(s, start, end):
        return True
    return reading.unit != "dimensionless" or marker is not None or number.qualifier is not None


def _read_plain(s: str, i: int) -> Quantity | None:
    number = read_number(s, i)
    if number is None:
        return None
    markers = BARE_PREFIXES if number.kind == "bare" else PREFIXES
    currency, at = currency_before(s, i)  # 约人民币100元
    prefix, start = marker_before(s, at, markers)
    if currency is None and prefix is not None:
        currency, start = currency_before(s, start)  # 人民币约100元
        start = start if currency is not None else marker_before(s, i, markers)[1]
    elif currency is not None and prefix is None:
        start = at
    found_range = _read_range(s, number, start)
    if found_range is not None:
        return _in_currency(found_range, currency, s)
    reading = read_unit(s, number, prefix)
    suffix, end = marker_after(s, reading.end, SUFFIXES)
    if not _accepted(s, number, start, end, reading, prefix or suffix):
        return None
    found = _quantity(
        s, number, reading, start, end, prefix or number.qualifier or reading.qualifier or suffix
    )
    if s.endswith("零下", 0, start) and found.value:  # 零下5度: below zero, a temperature
        unit = "dimensionless" if found.unit == "kWh" else found.unit
        found = replace(
            found, value=-found.value, unit=unit, start=start - 2, text=s[start - 2 : end]
        )
    return _in_currency(found, currency, s)


def _in_currency(found: Quantity, currency: str | None, s: str) -> Quantity:
    """A quantity after a printed currency (人民币1.5亿元, 港币100万): its unit is that currency
    when the number has no unit of its own or only a 元."""
    if currency is None or found.unit not in ("dimensionless", "CNY"):
        return found
    return replace(found, unit=currency)


def _quantity(
    s: str, number: Number, reading: Reading, start: int, end: int, qualifier: str | None
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
    value = number.value * scale + reading.extra
    low = high = None
    more = number.qualifier == "more_than" or reading.qualifier == "more_than"
    if more and (qualifier or "more_than") == "more_than" and number.value > 0:
        low, high = float(value), float(value + step_of(number) * scale)
    return Quantity(
        value=float(value),
        unit=reading.unit,
        qualifier=qualifier or "exact",
        low=low,
        high=high,
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
    form = match_form(s, number.end, number)
    counted = None
    end = number.end
    if form is not None and form.unit in ("count", "times", "year", "day", "month"):
        counted, end = form.printed, unit_end(s, number.end, form)
    reading = Reading("ordinal", counted, Decimal(1), None, end)
    return _quantity(s, number, reading, i, end, None)


def _read_per_hundred(s: str, i: int) -> Quantity | None:
    """百分之五十, 百分之百, 千分之三."""
    unit = "percent" if s.startswith("百分之", i) else "permille"
    number = read_number(s, i + 3)
    if number is None:
        return None
    prefix, start = marker_before(s, i, PREFIXES)
    suffix, end = marker_after(s, number.end, SUFFIXES)
    reading = Reading(unit, None, Decimal(1), None, end)
    return _quantity(s, number, reading, start, end, prefix or number.qualifier or suffix)


def is_start(s: str, i: int) -> bool:
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


def read_at(s: str, i: int) -> Quantity | None:
    if s[i] == "第":
        return _read_ordinal(s, i)
    if s.startswith(("百分之", "千分之"), i):
        found = _read_per_hundred(s, i)
        if found is not None:
            return found
    return _read_plain(s, i)


#: A full-width comma between digits, before exactly three digits, separates thousands
#: (12，345.60元); elsewhere it is punctuation (3，5个 is two numbers).
_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """The text as the reader reads it, with the same offsets: full-width forms half-width,
    and a full-width comma that separates thousands an ASCII one."""
    return _THOUSANDS.sub(",", text.translate(HALF_WIDTH))


def read_quantity(text: str) -> Quantity | None:
    """Read the first quantity expression in ``text``; None if there is none.

    >>> q = read_quantity("约3.2亿美元")
    >>> (q.value, q.unit, q.qualifier)
    (320000000.0, 'USD', 'approximately')
    """
    s = normalise(text)
    for i in range(len(s)):
        if is_start(s, i):
            found = read_at(s, i)
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
RANK_WORDS = {"首位": 1.0, "榜首": 1.0}


def _rank_word(text: str) -> Quantity | None:
    for word, rank in RANK_WORDS.items():
        at = text.find(word)
        if at != -1:
            # value, unit, qualifier, low, high, counted, text, number_text, start, end
            return Quantity(
                rank, "ordinal", "exact", None, None, None, word, word, at, at + len(word)
            )
    return None
