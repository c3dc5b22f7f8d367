"""Hypothesis strategies shared by the property tests, one section per module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import strategies as st

# --- numbers ---
#
# Each strategy takes a number (and unit, qualifier ...) and writes it the way
# Chinese news prints it, returning a ``WrittenQuantity``: the text and what a reader
# must get back from it.  The writers here are independent of
# newsfacts.text.quantity on purpose: they are a second, simpler account of the
# same conventions (零 rules, 两, financial capitals, colloquial 五万三).

_CN_DIGITS = "零一二三四五六七八九"
_FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


@dataclass(frozen=True)
class WrittenQuantity:
    """A quantity as printed, and the reading expected back."""

    text: str
    value: float | None
    unit: str = "dimensionless"
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None


def _below_ten_thousand(n: int, *, first: bool) -> str:
    """1..9999 in standard form; 十三 at the very start, 一十三 inside."""
    out: list[str] = []
    zero = False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        bare_ten = first and not out and digit == 1 and unit == "十"
        out.append(("" if bare_ten else _CN_DIGITS[digit]) + unit)
    return "".join(out)


def chinese_integer(n: int, *, first: bool = True) -> str:
    """0 <= n < 10**16 in standard Chinese numerals (十万零一十, 一亿零五千)."""
    if n == 0:
        return "零"
    for size, name in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            head = chinese_integer(high, first=first) + name
            if low == 0:
                return head
            gap = "零" if low < size // 10 else ""
            return head + gap + chinese_integer(low, first=False)
    return _below_ten_thousand(n, first=first)


def _variant(text: str, *, liang: bool, ling: str) -> str:
    if liang:  # 两百, 两千, 两万, 两亿 (never 两十)
        text = re.sub("二(?=[百千万亿])", "两", text)
    return text.replace("零", ling)


@st.composite
def chinese_integers(draw: st.DrawFn, max_value: int = 10**16 - 1) -> WrittenQuantity:
    """Standard Chinese numerals, with 两 and 〇 variants and 一十 at the start."""
    n = draw(st.integers(min_value=0, max_value=max_value))
    text = chinese_integer(n, first=not draw(st.booleans()))
    text = _variant(text, liang=draw(st.booleans()), ling=draw(st.sampled_from("零〇")))
    return WrittenQuantity(text, float(n))


@st.composite
def financial_integers(draw: st.DrawFn) -> WrittenQuantity:
    """Financial capitals as on cheques: 壹拾贰万零伍佰元整."""
    n = draw(st.integers(min_value=1, max_value=10**12))
    text = chinese_integer(n, first=False).translate(_FINANCIAL)
    suffix, unit = draw(st.sampled_from([("", "dimensionless"), ("元", "CNY"), ("元整", "CNY")]))
    return WrittenQuantity(text + suffix, float(n), unit)


@st.composite
def colloquial_integers(draw: st.DrawFn) -> WrittenQuantity:
    """五万三 = 53000, 三千五 = 3500, 一百二 = 120, 一亿五 = 150000000."""
    unit = draw(st.sampled_from([100, 1000, 10**4, 10**8]))
    top = 9 if unit == 100 else 9999 if unit >= 10**4 else 99
    head = draw(st.integers(min_value=1, max_value=top).filter(lambda a: a % 10 != 0))
    tail = draw(st.integers(min_value=1, max_value=9))
    text = chinese_integer(head * unit) + _CN_DIGITS[tail]
    text = _variant(text, liang=draw(st.booleans()), ling="零")
    return WrittenQuantity(text, float(head * unit + tail * unit // 10))


_ARABIC_MULTIPLIERS = [("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7)]


def _decimal_text(mantissa: Decimal) -> str:
    return (
        format(mantissa.normalize(), "f")
        if mantissa != mantissa.to_integral()
        else str(int(mantissa))
    )


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c != "," else c for c in text)


@st.composite
def arabic_numbers(draw: st.DrawFn) -> WrittenQuantity:
    """11.5万, 1.75万亿, 7000亿, 1,234, full-width １２３."""
    places = draw(st.integers(min_value=0, max_value=2))
    mantissa = Decimal(draw(st.integers(min_value=0, max_value=10**7))).scaleb(-places)
    word, factor = draw(st.sampled_from(_ARABIC_MULTIPLIERS))
    text = _decimal_text(mantissa)
    if not word and places == 0 and mantissa >= 1000 and draw(st.booleans()):
        text = f"{int(mantissa):,}"
    text += word
    if draw(st.booleans()):
        text = _full_width(text)
    return WrittenQuantity(text, float(mantissa * factor))


# Units as printed after the number, and their codes.  The table is kept
# apart from the module's on purpose.
_UNIT_WORDS = [
    ("", "dimensionless"),
    ("元", "CNY"),
    ("人民币", "CNY"),
    ("块", "CNY"),
    ("美元", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("%", "percent"),
    ("个百分点", "percentage_point"),
    ("倍", "fold"),
    ("米", "metre"),
    ("公里", "km"),
    ("平方公里", "km2"),
    ("平方米", "m2"),
    ("亩", "mu"),
    ("公顷", "hectare"),
    ("吨", "tonne"),
    ("公斤", "kg"),
    ("千瓦时", "kWh"),
    ("千瓦", "kW"),
    ("EFlops", "EFLOPS"),
    ("PFLOPS", "PFLOPS"),
    ("人次", "person_time"),
    ("次", "times"),
    ("个", "count"),
    ("户", "count"),
    ("家", "count"),
    ("岁", "age_years"),
    ("个月", "month"),
    ("天", "day"),
]

_PREFIX_QUALIFIERS = [
    ("约", "approximately"),
    ("大约", "approximately"),
    ("近", "approximately"),
    ("超", "more_than"),
    ("超过", "more_than"),
    ("逾", "more_than"),
    ("突破", "more_than"),
    ("至少", "at_least"),
    ("不少于", "at_least"),
    ("不到", "less_than"),
    ("不足", "less_than"),
    ("最多", "at_most"),
    ("不超过", "at_most"),
]
_SUFFIX_QUALIFIERS = [
    ("左右", "approximately"),
    ("上下", "approximately"),
    ("以上", "more_than"),
    ("及以上", "at_least"),
    ("以下", "less_than"),
    ("及以下", "at_most"),
]


@st.composite
def numbers_any_form(draw: st.DrawFn) -> WrittenQuantity:
    """A positive number written in Arabic or Chinese form."""
    return draw(
        st.one_of(
            arabic_numbers(),
            chinese_integers(max_value=10**12),
            colloquial_integers(),
        ).filter(lambda w: w.value)
    )


def _clashes(number: str, unit: str) -> bool:
    # 三千米 is 3 km as much as 3000 m: the reader takes 千米 as the unit.
    return number.endswith("千") and unit[:1] in "米瓦克"


@st.composite
def quantities_with_unit(draw: st.DrawFn) -> WrittenQuantity:
    """A number, a unit and perhaps one qualifier before or after it."""
    number = draw(numbers_any_form())
    unit_word, unit = draw(st.sampled_from(_UNIT_WORDS))
    if _clashes(number.text, unit_word):
        unit_word, unit = "元", "CNY"
    text, qualifier = number.text + unit_word, "exact"
    where = draw(st.sampled_from(["none", "prefix", "suffix", "inner"]))
    if where == "prefix":
        marker, qualifier = draw(st.sampled_from(_PREFIX_QUALIFIERS))
        text = marker + text
    elif where == "suffix":
        marker, qualifier = draw(st.sampled_from(_SUFFIX_QUALIFIERS))
        text += marker
    elif where == "inner" and unit not in ("percent", "percentage_point"):
        marker = draw(st.sampled_from("余多"))
        text = number.text + marker + unit_word
        # 多 and 余 imply a range up to the place of the last digit written (50余 -> 50..60)
        assert number.value is not None
        high = number.value + _last_place(number.value)
        return WrittenQuantity(text, number.value, unit, "more_than", number.value, high)
    return WrittenQuantity(text, number.value, unit, qualifier)


def _last_place(value: float) -> float:
    """The place of the last nonzero digit of a number (3500 -> 100, 1.25 -> 0.01)."""
    digits = Decimal(repr(value)).normalize()
    exponent = digits.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(Decimal(10) ** exponent)


def _chinese_decimal(mantissa: Decimal) -> str:
    whole, _, frac = format(mantissa, "f").partition(".")
    text = chinese_integer(int(whole))
    return text + ("点" + "".join(_CN_DIGITS[int(d)] for d in frac) if frac else "")


@st.composite
def percentages(draw: st.DrawFn) -> WrittenQuantity:
    """6.2%, 44%, -3.5%, 百分之六点二, 百分之五十, 2.5个百分点."""
    places = draw(st.integers(min_value=0, max_value=2))
    mantissa = Decimal(draw(st.integers(min_value=0, max_value=20000))).scaleb(-places)
    form = draw(st.sampled_from(["percent", "words", "points", "negative"]))
    number = _decimal_text(mantissa)
    if form == "words":
        return WrittenQuantity("百分之" + _chinese_decimal(mantissa), float(mantissa), "percent")
    if form == "points":
        return WrittenQuantity(number + "个百分点", float(mantissa), "percentage_point")
    if form == "negative" and mantissa:
        return WrittenQuantity("-" + number + "%", -float(mantissa), "percent")
    return WrittenQuantity(number + "%", float(mantissa), "percent")


_RANGE_CONNECTORS = ["至", "到", "-", "~", "—"]


def _digit(d: int, *, liang: bool) -> str:
    return "两" if d == 2 and liang else _CN_DIGITS[d]


@st.composite
def ranges(draw: st.DrawFn) -> WrittenQuantity:
    """1万-5万元, 1-5万元, 10%至20%, 3到5个, 三五百块, 七八十岁."""
    form = draw(st.sampled_from(["both", "once", "units", "pair"]))
    if form == "pair":
        first = draw(st.integers(min_value=1, max_value=8))
        second = draw(st.integers(min_value=first + 1, max_value=min(first + 2, 9)))
        word, factor = draw(st.sampled_from([("十", 10), ("百", 100), ("千", 1000), ("万", 10**4)]))
        pair = "".join(_digit(d, liang=draw(st.booleans())) for d in (first, second))
        unit_word, unit = draw(
            st.sampled_from([("块", "CNY"), ("个", "count"), ("岁", "age_years")])
        )
        return WrittenQuantity(
            pair + word + unit_word, None, unit, "range", first * factor, second * factor
        )
    low = draw(st.integers(min_value=1, max_value=9999))
    high = draw(st.integers(min_value=low + 1, max_value=10000))
    word, factor = draw(st.sampled_from(_ARABIC_MULTIPLIERS[:3]))
    unit_word, unit = draw(st.sampled_from(_UNIT_WORDS[1:]))
    connector = draw(st.sampled_from(_RANGE_CONNECTORS))
    if form == "both":
        text = f"{low}{word}{connector}{high}{word}{unit_word}"
    elif form == "once":
        text = f"{low}{connector}{high}{word}{unit_word}"
    else:
        text = f"{low}{word}{unit_word}{connector}{high}{word}{unit_word}"
    return WrittenQuantity(text, None, unit, "range", float(low * factor), float(high * factor))


_VAGUE_MULTIPLIERS = [
    ("十", 10),
    ("百", 100),
    ("千", 1000),
    ("万", 10**4),
    ("十万", 10**5),
    ("百万", 10**6),
    ("千万", 10**7),
    ("亿", 10**8),
    ("十亿", 10**9),
]


@st.composite
def vague_numbers(draw: st.DrawFn) -> WrittenQuantity:
    """数百 (200..900), 几十万 (2e5..9e5), 十几 (11..19), 二十几万 (21e4..29e4)."""
    if draw(st.booleans()):
        some = draw(st.sampled_from("数几"))
        word, factor = draw(st.sampled_from(_VAGUE_MULTIPLIERS))
        return WrittenQuantity(
            some + word, None, "dimensionless", "approximately", 2 * factor, 9 * factor
        )
    tens = draw(st.integers(min_value=1, max_value=9))
    word, factor = draw(st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8)]))
    text = ("十" if tens == 1 else _CN_DIGITS[tens] + "十") + "几" + word
    low, high = (10 * tens + 1) * factor, (10 * tens + 9) * factor
    return WrittenQuantity(text, None, "dimensionless", "approximately", low, high)


# --- releases ---
#
# Valid releases of any size, made by newsfacts.synth (the generator behind
# `newsfacts synth`) driven by hypothesis's random, so that a failing example shrinks to a
# small release and a seed.

from newsfacts.models import Tables  # noqa: E402
from newsfacts.synth import synth_tables  # noqa: E402


@st.composite
def mixed_numbers(draw: st.DrawFn) -> WrittenQuantity:
    """Lower places after 万 or 亿, and colloquial k and w: 200万五千, 3万800, 3万5千, 20k, 8w."""
    form = draw(st.sampled_from(["chinese-tail", "arabic-tail", "place-tail", "k", "w"]))
    if form in ("k", "w"):
        n = draw(st.integers(min_value=1, max_value=999))
        return WrittenQuantity(f"{n}{form}", float(n * (1000 if form == "k" else 10**4)))
    head = draw(st.integers(min_value=1, max_value=9999))
    big, word = draw(st.sampled_from([(10**4, "万"), (10**8, "亿")]))
    if form == "chinese-tail":
        tail = draw(st.integers(min_value=11, max_value=big - 1).filter(lambda t: t >= big // 1000))
        text = chinese_integer(tail, first=True)
    elif form == "arabic-tail":
        tail = draw(st.integers(min_value=100, max_value=big - 1))
        text = str(tail)
    else:  # 3万5千: one digit and its place
        digit = draw(st.integers(min_value=1, max_value=9))
        place, place_word = draw(st.sampled_from([(1000, "千"), (100, "百")]))
        tail, text = digit * place, f"{digit}{place_word}"
    return WrittenQuantity(f"{head}{word}{text}", float(head * big + tail))


@st.composite
def money(draw: st.DrawFn) -> WrittenQuantity:
    """Yuan with their 角 and 分, in financial capitals or everyday characters."""
    yuan = draw(st.integers(min_value=1, max_value=10**6))
    jiao = draw(st.integers(min_value=1, max_value=9))
    fen = draw(st.integers(min_value=0, max_value=9))
    capitals = draw(st.booleans())
    numeral = chinese_integer(yuan, first=False)
    if capitals:
        digits = "零壹贰叁肆伍陆柒捌玖"
        text = numeral.translate(_FINANCIAL) + "圆" + digits[jiao] + "角"
        text += digits[fen] + "分" if fen else "整"
    else:
        text = f"{yuan}元{jiao}角" + (f"{fen}分" if fen else "")
    value = float(Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100)
    return WrittenQuantity(text, value, "CNY")


@st.composite
def shared_magnitude_ranges(draw: st.DrawFn) -> WrittenQuantity:
    """A magnitude and a unit written once, at the high end: 三到五万元, 十五至二十万日元."""
    low = draw(st.integers(min_value=1, max_value=98))
    high = draw(st.integers(min_value=low + 1, max_value=99))
    word, factor = draw(st.sampled_from([("万", 10**4), ("亿", 10**8)]))
    connector = draw(st.sampled_from(["到", "至", "-", "~"]))
    unit_word, unit = draw(st.sampled_from([("元", "CNY"), ("日元", "JPY"), ("人", "count")]))
    chinese = draw(st.booleans())
    ends = [chinese_integer(n) if chinese else str(n) for n in (low, high)]
    text = f"{ends[0]}{connector}{ends[1]}{word}{unit_word}"
    return WrittenQuantity(text, None, unit, "range", float(low * factor), float(high * factor))


_CURRENCIES = [
    ("美金", "USD"),
    ("日币", "JPY"),
    ("卢布", "RUB"),
    ("新台币", "TWD"),
    ("泰铢", "THB"),
    ("澳元", "AUD"),
    ("韩元", "KRW"),
    ("加元", "CAD"),
    ("新加坡元", "SGD"),
    ("越南盾", "VND"),
]


@st.composite
def currencies(draw: st.DrawFn) -> WrittenQuantity:
    """An amount in a currency named after the number, or 人民币 and 港币 before it."""
    number = draw(arabic_numbers())
    if draw(st.booleans()):
        word, code = draw(st.sampled_from(_CURRENCIES))
        return WrittenQuantity(number.text + word, number.value, code)
    word, code = draw(st.sampled_from([("人民币", "CNY"), ("港币", "HKD")]))
    return WrittenQuantity(
        word + number.text + draw(st.sampled_from(["", "元"])), number.value, code
    )


@st.composite
def releases(draw: st.DrawFn, max_articles: int = 12) -> Tables:
    """The tables of a valid release: Chinese articles, spans, every fact kind, entities."""
    n = draw(st.integers(min_value=1, max_value=max_articles))
    per_page = draw(st.integers(min_value=1, max_value=10))
    return synth_tables(n, draw(st.randoms(use_true_random=False)), per_page=per_page)
