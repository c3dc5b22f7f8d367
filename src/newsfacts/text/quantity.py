# Chinese numerals are converted with cn2an (MIT, on PyPI) rather than a
# parser of our own: its "normal" mode already handles the 零 rules, 两, 〇,
# 廿, financial capitals (壹佰, 贰仟零伍), traditional characters and the
# colloquial tails (五万三 = 53000, 三千五 = 3500, 一百二 = 120), and it is
# small, pure Python and still maintained.  It is wrapped in
# _chinese_integer() so that its quirks do not leak out: it raises KeyError
# as well as ValueError on bad input, it is lenient about some garbage
# (一百零 -> 100, 一一 -> 11), it fails on 一亿五 (= 1.5亿), on bare 千/万 and on
# decimals followed by a multiplier (三点五万), and it strips a trailing 元.
# So this module finds the numerals itself, rejects the lenient cases, and
# handles the multipliers, decimals, 亿-tails, ranges (三五百) and vague
# forms (数百) before or around the call.
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

import re
import warnings
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple, get_args

from newsfacts.models import Qualifier, Unit

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


# --- characters --------------------------------------------------------------

_DIGIT_VALUES: dict[str, int] = {}
for _digit, _chars in enumerate(
    ("〇零", "一壹", "二两贰貳兩", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
):
    for _char in _chars:
        _DIGIT_VALUES[_char] = _digit
_NONZERO_DIGITS = "".join(c for c, v in _DIGIT_VALUES.items() if v)
_CN_DIGITS = "".join(_DIGIT_VALUES) + "廿"
_MULTIPLIERS: dict[str, int] = {
    "十": 10,
    "拾": 10,
    "百": 100,
    "佰": 100,
    "千": 1000,
    "仟": 1000,
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
}
_RUN_CHARS = frozenset(_CN_DIGITS) | frozenset(_MULTIPLIERS)
_TO_SIMPLIFIED = str.maketrans("萬億兩貳參陸", "万亿两贰叁陆")

# Full-width ASCII to half-width, one character for one so offsets hold; the
# full-width comma stays a comma of the sentence, not a thousands separator.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
_HALF_WIDTH.update({0x3000: 0x20, 0x2212: 0x2D, 0x301C: 0x7E})

_BLANKS = " \t\n\r。，、；：,.;:!?！？“”\"'‘’（）()《》【】"

# Two-character words whose second character is a numeral but which state
# no quantity (统一部署 is not 'one 部').
_NUMERAL_WORDS = frozenset(
    {"统一", "唯一", "之一", "同一", "单一", "逐一", "划一", "专一", "合一", "归一"}
)


# --- tables ------------------------------------------------------------------


class _UnitForm(NamedTuple):
    printed: str
    unit: str | None  # None: a word that only looks like a unit (成本)
    counted: str | None = None
    scale: int = 1
    qualifier: str | None = None
    arabic_only: bool = False
    any_case: bool = False


_CLASSIFIERS = (
    "个户家支件所名人场条座项台辆只套种批位例艘本张份处间栋"
    "幢棵株头篇首期笔单对双枚颗册款片门节类轮层组队根部架届宗道段"
)

_UNIT_FORMS: tuple[_UnitForm, ...] = (
    _UnitForm("%", "percent"),
    _UnitForm("成", "percent", scale=10),
    _UnitForm("个百分点", "percentage_point"),
    _UnitForm("百分点", "percentage_point"),
    _UnitForm("‰", "permille"),
    _UnitForm("倍", "fold"),
    _UnitForm("元人民币", "CNY"),
    _UnitForm("人民币", "CNY"),
    _UnitForm("元整", "CNY"),
    _UnitForm("元", "CNY"),
    _UnitForm("块钱", "CNY"),
    _UnitForm("块", "CNY"),
    _UnitForm("美元", "USD"),
    _UnitForm("港元", "HKD"),
    _UnitForm("港币", "HKD"),
    _UnitForm("欧元", "EUR"),
    _UnitForm("日元", "JPY"),
    _UnitForm("英镑", "GBP"),
    _UnitForm("米", "metre"),
    _UnitForm("公里", "km"),
    _UnitForm("千米", "km"),
    _UnitForm("平方米", "m2"),
    _UnitForm("平方公里", "km2"),
    _UnitForm("平方千米", "km2"),
    _UnitForm("亩", "mu"),
    _UnitForm("公顷", "hectare"),
    _UnitForm("公斤", "kg"),
    _UnitForm("千克", "kg"),
    _UnitForm("吨", "tonne"),
    _UnitForm("千瓦时", "kWh"),
    _UnitForm("kWh", "kWh"),
    _UnitForm("度电", "kWh"),
    _UnitForm("度", "kWh", arabic_only=True),
    _UnitForm("千瓦", "kW"),
    _UnitForm("kW", "kW"),
    _UnitForm("兆瓦", "MW"),
    _UnitForm("MW", "MW"),
    _UnitForm("吉瓦", "GW"),
    _UnitForm("GW", "GW"),
    _UnitForm("EFLOPS", "EFLOPS", any_case=True),
    _UnitForm("E", "EFLOPS", arabic_only=True),
    _UnitForm("PFLOPS", "PFLOPS", any_case=True),
    _UnitForm("P", "PFLOPS", arabic_only=True),
    _UnitForm("年", "year"),
    _UnitForm("周年", "year"),
    _UnitForm("个月", "month"),
    _UnitForm("个多月", "month", qualifier="more_than"),
    _UnitForm("月", "calendar_month"),
    _UnitForm("天", "day"),
    _UnitForm("小时", "hour"),
    _UnitForm("个小时", "hour"),
    _UnitForm("个多小时", "hour", qualifier="more_than"),
    _UnitForm("岁", "age_years"),
    _UnitForm("周岁", "age_years"),
    _UnitForm("人次", "person_time"),
    _UnitForm("次", "times"),
    _UnitForm("架次", "count", counted="架次"),
    _UnitForm("标准机架", "count", counted="标准机架"),
    _UnitForm("起", "count", counted="起", arabic_only=True),
    *(_UnitForm(c, "count", counted=c) for c in _CLASSIFIERS),
    *(
        _UnitForm(word, None)
        for word in [
            "成本",
            "成立",
            "成为",
            "成功",
            "成果",
            "成员",
            "成交",
            "成长",
            "成绩",
            "成效",
            "成熟",
            "成都",
            "成品",
            "成型",
            "成就",
            "成分",
            "成份",
            "成不变",
            "块儿",
            "部分",
            "年代",
        ]
    ),
)
_UNIT_FORMS_LONGEST_FIRST = tuple(sorted(_UNIT_FORMS, key=lambda f: -len(f.printed)))
# Units that begin with a multiplier character: 千瓦 is not 千 x 瓦.
_UNITS_AFTER_MULTIPLIER = tuple(
    f for f in _UNIT_FORMS_LONGEST_FIRST if f.printed[0] in _MULTIPLIERS
)
_NO_TRAILING_MORE = frozenset(
    {"count", "ordinal", "times", "person_time", "calendar_year", "calendar_month"}
)

# One reading per marker.  突破 'broke through' and 逾 'exceeded' say the
# number was passed, so more_than; 余 and 多 after a number (40余场, 两亿多)
# mean 'and some', so more_than too.  以上 is read as 'over' (more_than), as
# in everyday news, though statute language counts the endpoint; 及以上 and
# 及以下 say the endpoint is in.  近 'nearly' is read as approximately, not
# less_than, because news uses it for rounded figures either side.  The
# entries mapped to None are words that end in a marker but are not one.
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("约", "approximately"),
    ("大约", "approximately"),
    ("大概", "approximately"),
    ("约合", "approximately"),
    ("约为", "approximately"),
    ("近", "approximately"),
    ("将近", "approximately"),
    ("接近", "approximately"),
    ("差不多", "approximately"),
    ("超", "more_than"),
    ("超过", "more_than"),
    ("逾", "more_than"),
    ("突破", "more_than"),
    ("高于", "more_than"),
    ("多于", "more_than"),
    ("大于", "more_than"),
    ("至少", "at_least"),
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("起码", "at_least"),
    ("不到", "less_than"),
    ("不足", "less_than"),
    ("未满", "less_than"),
    ("低于", "less_than"),
    ("少于", "less_than"),
    ("小于", "less_than"),
    ("最多", "at_most"),
    ("至多", "at_most"),
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("不多于", "at_most"),
    ("不大于", "at_most"),
    *(
        (word, None)
        for word in ["最近", "附近", "签约", "预约", "节约", "合约", "违约", "履约", "制约", "赶超"]
    ),
)
# Before a bare 千/万/亿 only: 上万人 'up to ten thousand', 破万, 过万.
_BARE_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("上", "at_least"),
    ("过", "more_than"),
    ("破", "more_than"),
)
_SUFFIXES: tuple[tuple[str, str | None], ...] = (
    ("及以上", "at_least"),
    ("以上", "more_than"),
    ("及以下", "at_most"),
    ("以下", "less_than"),
    ("以内", "at_most"),
    ("之内", "at_most"),
    ("左右", "approximately"),
    ("上下", "approximately"),
    ("开外", "more_than"),
    ("有余", "more_than"),
    ("上下游", None),
)
_RANGE_CONNECTORS = ("——", "至", "到", "-", "~", "—", "–")
_RANGE_TAILS: tuple[tuple[str, str | None], ...] = (("之间", "range"), ("不等", "range"))


def _longest_first(table: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted(table, key=lambda entry: -len(entry[0])))


_PREFIXES = _longest_first(_PREFIXES)
_BARE_PREFIXES = _longest_first(_BARE_PREFIXES + _PREFIXES)
_SUFFIXES = _longest_first(_SUFFIXES)

_ARABIC_RE = re.compile(r"([-+负])?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?", re.ASCII)
_RUN_RE = re.compile(f"负?[{_CN_DIGITS}{''.join(_MULTIPLIERS)}]+(?:点[{_CN_DIGITS}]+)?")
_PAIR_RE = re.compile(f"(?:([{_NONZERO_DIGITS}]?)十)?([{_NONZERO_DIGITS}])([{_NONZERO_DIGITS}])")
_BARE_RE = re.compile("[百佰千仟万萬亿億]+")
_VAGUE_RE = re.compile(f"([{_NONZERO_DIGITS}]?十几)|[数几]")
_YI_TAIL_RE = re.compile(f"(.+亿)([{_NONZERO_DIGITS}])")


# --- numbers -----------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    """A number as printed, before units and outer qualifiers."""

    start: int
    end: int
    kind: str  # arabic | chinese | digits | bare | pair | vague
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None  # from 余/多 after the number
    plain: str | None = None  # the digits, when an unsigned integer alone
    mantissa: Decimal | None = None  # the value before a trailing multiplier
    factor: int = 1  # that multiplier

    @property
    def is_span(self) -> bool:
        return self.value is None


def _chinese_integer(run: str) -> Decimal | None:
    """Value of a run of Chinese numerals without 点, or None if invalid."""
    run = run.translate(_TO_SIMPLIFIED)
    if all(c in _DIGIT_VALUES for c in run):
        if len(run) == 1:
            return Decimal(_DIGIT_VALUES[run])
        if len(run) == 2:  # 一二 is a range, 九五 is a name; neither a number
            return None
        return Decimal("".join(str(_DIGIT_VALUES[c]) for c in run))
    if run[-1] in "零〇" or run[0] in "零〇":  # cn2an reads 一百零 as 100
        return None
    tail = _YI_TAIL_RE.fullmatch(run)
    if tail:  # 一亿五 = 1.5亿, which cn2an rejects
        head = _chinese_integer(tail.group(1))
        if head is None:
            return None
        step = 10**11 if tail.group(1).endswith("万亿") else 10**7
        return head + _DIGIT_VALUES[tail.group(2)] * step
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import cn2an  # imported on first use: it takes longer to import than to run

            result = cn2an.cn2an(run, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    if not isinstance(result, int):
        return None
    return Decimal(result)


def _starts_unit_with_multiplier(s: str, k: int) -> bool:
    return any(s.startswith(f.printed, k) for f in _UNITS_AFTER_MULTIPLIER)


def _read_multiplier(s: str, j: int, *, after_arabic: bool) -> tuple[int, int]:
    """Product of the multiplier characters at s[j:] (万亿 = 1e12), and the end."""
    factor, k = 1, j
    while k < len(s) and s[k] in _MULTIPLIERS and not _starts_unit_with_multiplier(s, k):
        if after_arabic and s[k] in "十拾" and (k + 1 >= len(s) or s[k + 1] not in "万萬亿億"):
            break  # 5十 is not written; 5十万 is
        factor *= _MULTIPLIERS[s[k]]
        k += 1
    return factor, k


def _with_tail(s: str, number: _Number) -> _Number:
    """Extend a number with 余/多, a multiplier and 余/多 again (二十多万, 1万余)."""
    k = number.end
    spaced = len(s) - len(s[k:].lstrip(" \t")) if number.kind == "arabic" else k
    if s[spaced : spaced + 1] in _MULTIPLIERS and not _starts_unit_with_multiplier(s, spaced):
        # 3 万元, as some pages set it
        k = spaced
    more = False
    if k < len(s) and s[k] in "余多":
        more, k = True, k + 1
    factor, k = _read_multiplier(s, k, after_arabic=number.kind == "arabic")
    if k < len(s) and s[k] in "余多" and not more:
        more, k = True, k + 1
    if k == number.end:
        return number
    assert number.value is not None
    return _Number(
        start=number.start,
        end=k,
        kind=number.kind,
        value=number.value * factor,
        qualifier="more_than" if more else number.qualifier,
        mantissa=number.value,
        factor=factor,
    )


def _is_digit(char: str) -> bool:
    return len(char) == 1 and "0" <= char <= "9"


def _arabic_start_ok(s: str, i: int) -> bool:
    if i == 0:
        return True
    before = s[i - 1]
    if before.isascii() and (before.isalnum() or before in ".,"):
        return False
    return not (before in "-+" and i > 1 and s[i - 2].isascii() and s[i - 2].isalnum())


def _read_arabic(s: str, i: int) -> _Number | None:
    match = _ARABIC_RE.match(s, i)
    if match is None:
        return None
    sign, whole, frac = match.groups()
    end = match.end()
    if s[end : end + 1] == "." and _is_digit(s[end + 1 : end + 2]):
        return None  # 1.2.3
    value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
    if sign in ("-", "负"):
        value = -value
    plain = whole if not sign and not frac and "," not in whole else None
    return _Number(start=i, end=end, kind="arabic", value=value, plain=plain)


def _run_end(s: str, i: int, end: int) -> int:
    """Cut a run before a unit that starts with a multiplier (五千瓦 = 5 kW)."""
    for k in range(i + 1, end):
        if _starts_unit_with_multiplier(s, k):
            return k
    return end


def _read_chinese(s: str, i: int) -> _Number | None:
    match = _RUN_RE.match(s, i)
    if match is None:
        return None
    end = _run_end(s, i, match.end())
    run = s[i:end]
    sign = -1 if run.startswith("负") else 1
    run = run.lstrip("负")
    if not run:
        return None
    pair = _PAIR_RE.match(run.translate(_TO_SIMPLIFIED))
    paired = _read_pair(s, i, end, pair) if pair and sign == 1 else None
    if paired is not None:
        return paired
    if "点" in run:
        whole, frac = run.split("点")
        integer = _chinese_integer(whole)
        if integer is None or any(c not in _DIGIT_VALUES for c in frac):
            return None
        digits = "".join(str(_DIGIT_VALUES[c]) for c in frac)
        number = _Number(
            start=i, end=end, kind="chinese", value=sign * (integer + Decimal("0." + digits))
        )
        return _with_tail(s, number)
    value = _chinese_integer(run)
    if value is None and _BARE_RE.fullmatch(run) and sign == 1:
        factor, _ = _read_multiplier(run, 0, after_arabic=False)
        return _with_tail(s, _Number(start=i, end=end, kind="bare", value=Decimal(factor)))
    if value is None:
        return None
    digits_only = all(c in _DIGIT_VALUES for c in run)
    number = _Number(
        start=i,
        end=end,
        kind="digits" if digits_only and len(run) > 1 else "chinese",
        value=sign * value,
        plain=str(value) if digits_only and sign == 1 else None,
    )
    return _with_tail(s, number)


def _read_pair(s: str, i: int, end: int, pair: re.Match[str]) -> _Number | None:
    """三五百 (300..500), 七八十 (70..80), 十五六 (15..16), 两三 (2..3)."""
    tens_digit, first, second = pair.groups()
    low, high = _DIGIT_VALUES[first], _DIGIT_VALUES[second]
    if not 0 < high - low <= 2:
        return None
    tens = 0
    if tens_digit is not None:
        tens = 10 * (_DIGIT_VALUES[tens_digit] if tens_digit else 1)
    factor, k = _read_multiplier(s, i + pair.end(), after_arabic=False)
    if k < end:  # more numerals follow: not a pair
        return None
    return _Number(
        start=i,
        end=k,
        kind="pair",
        low=Decimal((tens + low) * factor),
        high=Decimal((tens + high) * factor),
    )


def _read_vague(s: str, i: int) -> _Number | None:
    """数百 (200..900), 几十万, 十几 (11..19), 二十几 (21..29)."""
    match = _VAGUE_RE.match(s, i)
    if match is None:
        return None
    factor, end = _read_multiplier(s, match.end(), after_arabic=False)
    if match.group(1):
        tens = 10 * (_DIGIT_VALUES[match.group(1)[0]] if len(match.group(1)) == 3 else 1)
        low, high = (tens + 1) * factor, (tens + 9) * factor
    elif factor > 1:
        low, high = 2 * factor, 9 * factor
    else:
        return None
    return _Number(
        start=i,
        end=end,
        kind="vague",
        low=Decimal(low),
        high=Decimal(high),
        qualifier="approximately",
    )


def _read_number(s: str, i: int) -> _Number | None:
    if i >= len(s):
        return None
    if _is_digit(s[i]) or (s[i] in "-+负" and _is_digit(s[i + 1 : i + 2])):
        number = _read_arabic(s, i)
        return None if number is None else _with_tail(s, number)
    return _read_vague(s, i) or _read_chinese(s, i)


# --- units and qualifiers ----------------------------------------------------


def _match_form(s: str, k: int, number: _Number) -> _UnitForm | None:
    while k < len(s) and s[k] in " \t":
        k += 1
    for form in _UNIT_FORMS_LONGEST_FIRST:
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


def _unit_end(s: str, k: int, form: _UnitForm) -> int:
    while k < len(s) and s[k] in " \t":
        k += 1
    return k + len(form.printed)


def _is_calendar_year(number: _Number) -> bool:
    if number.plain is None or number.qualifier is not None or len(number.plain) != 4:
        return False
    return number.kind == "digits" or (
        number.kind == "arabic" and 1000 <= int(number.plain) <= 2999
    )


def _resolve_unit(form: _UnitForm, number: _Number, qualified: bool) -> str | None:
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
    return not s[:start].strip(_BLANKS) and not s[end:].strip(_BLANKS)


# --- readers -----------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """What follows a number: its unit and the markers around it."""

    unit: str
    counted: str | None
    scale: int
    qualifier: str | None
    end: int


def _read_unit(s: str, number: _Number, prefix: str | None) -> _Reading:
    form = _match_form(s, number.end, number)
    qualified = prefix is not None or number.qualifier is not None
    unit = None if form is None or form.unit is None else _resolve_unit(form, number, qualified)
    if form is None or unit is None:
        return _Reading("dimensionless", None, 1, None, number.end)
    end = _unit_end(s, number.end, form)
    qualifier = form.qualifier
    if end < len(s) and s[end] in "多余" and unit not in _NO_TRAILING_MORE and qualifier is None:
        qualifier, end = "more_than", end + 1  # 3年多
    counted = form.counted or form.printed if unit == "count" else None
    return _Reading(unit, counted, form.scale, qualifier, end)


def _read_range(s: str, first: _Number, start: int) -> Quantity | None:
    """1万-5万元, 10%至20%, 3到5个, 1-5万元, 2023-2025年."""
    if first.is_span or first.kind == "bare":
        return None
    first_reading = _read_unit(s, first, None)
    connector = next((c for c in _RANGE_CONNECTORS if s.startswith(c, first_reading.end)), None)
    if connector is None:
        return None
    second = _read_number(s, first_reading.end + len(connector))
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
    _, end = _marker_after(s, reading.end, _RANGE_TAILS)
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
    s: str, number: _Number, start: int, end: int, reading: _Reading, marker: str | None
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
    number = _read_number(s, i)
    if number is None:
        return None
    prefix, start = _marker_before(s, i, _BARE_PREFIXES if number.kind == "bare" else _PREFIXES)
    found_range = _read_range(s, number, start)
    if found_range is not None:
        return found_range
    reading = _read_unit(s, number, prefix)
    suffix, end = _marker_after(s, reading.end, _SUFFIXES)
    if not _accepted(s, number, start, end, reading, prefix or suffix):
        return None
    return _quantity(
        s, number, reading, start, end, prefix or number.qualifier or reading.qualifier or suffix
    )


def _quantity(
    s: str, number: _Number, reading: _Reading, start: int, end: int, qualifier: str | None
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
    number = _read_number(s, i + 1)
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
    number = _read_number(s, i + 3)
    if number is None:
        return None
    prefix, start = _marker_before(s, i, _PREFIXES)
    suffix, end = _marker_after(s, number.end, _SUFFIXES)
    reading = _Reading(unit, None, 1, None, end)
    return _quantity(s, number, reading, start, end, prefix or number.qualifier or suffix)


def _is_start(s: str, i: int) -> bool:
    """Whether a number may begin at s[i] (not inside a longer numeral)."""
    char = s[i]
    before = s[i - 1] if i else ""
    if _is_digit(char) or (char in "-+" and _is_digit(s[i + 1 : i + 2])):
        return _arabic_start_ok(s, i)
    if char in "第数几负":
        return True
    if char not in _RUN_CHARS or before in _RUN_CHARS or before + char in _NUMERAL_WORDS:
        return False
    return not (before == "点" and i > 1 and s[i - 2] in _RUN_CHARS)


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
    s = text.translate(_HALF_WIDTH)
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
