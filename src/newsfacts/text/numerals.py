"""Numbers as printed in Chinese news: Arabic digits (with thousands separators and decimals),
Chinese numerals (with 万/亿 and their tails), digit pairs (三五百) and vague forms (数百, 十几).

Chinese numerals are converted with cn2an (MIT, on PyPI) rather than a
parser of our own: its "normal" mode already handles the 零 rules, 两, 〇,
廿, financial capitals (壹佰, 贰仟零伍), traditional characters and the
colloquial tails (五万三 = 53000, 三千五 = 3500, 一百二 = 120), and it is
small, pure Python and still maintained.  It is wrapped in
_chinese_integer() so that its quirks do not leak out: it raises KeyError
as well as ValueError on bad input, it is lenient about some garbage
(一百零 -> 100, 一一 -> 11), it fails on 一亿五 (= 1.5亿), on bare 千/万 and on
decimals followed by a multiplier (三点五万), and it strips a trailing 元.
So this module finds the numerals itself, rejects the lenient cases, and
handles the multipliers, decimals, 亿-tails, ranges (三五百) and vague
forms (数百) before or around the call.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal

from newsfacts.text.characters import (
    CN_DIGITS,
    DIGIT_VALUES,
    MULTIPLIERS,
    NONZERO_DIGITS,
    TO_SIMPLIFIED,
)
from newsfacts.text.units import UNITS_AFTER_MULTIPLIER

__all__ = ["Number", "arabic_start_ok", "is_digit", "read_number"]

_ARABIC_RE = re.compile(r"([-+负])?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?", re.ASCII)
_RUN_RE = re.compile(f"负?[{CN_DIGITS}{''.join(MULTIPLIERS)}]+(?:点[{CN_DIGITS}]+)?")
_PAIR_RE = re.compile(f"(?:([{NONZERO_DIGITS}]?)十)?([{NONZERO_DIGITS}])([{NONZERO_DIGITS}])")
_BARE_RE = re.compile("[百佰千仟万萬亿億]+")
_VAGUE_RE = re.compile(f"([{NONZERO_DIGITS}]?十几)|[数几]")
_YI_TAIL_RE = re.compile(f"(.+亿)([{NONZERO_DIGITS}])")


# --- numbers -----------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A number as printed, before units and outer qualifiers."""

    start: int
    end: int
    kind: str  # arabic | chinese | digits | bare | pair | vague | fraction
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
    run = run.translate(TO_SIMPLIFIED).replace("卅", "三十")  # 卅 is 30, as 廿 is 20
    if all(c in DIGIT_VALUES for c in run):
        if len(run) == 1:
            return Decimal(DIGIT_VALUES[run])
        if len(run) == 2:  # 一二 is a range, 九五 is a name; neither a number
            return None
        return Decimal("".join(str(DIGIT_VALUES[c]) for c in run))
    if run[-1] in "零〇" or run[0] in "零〇":  # cn2an reads 一百零 as 100
        return None
    tail = _YI_TAIL_RE.fullmatch(run)
    if tail:  # 一亿五 = 1.5亿, which cn2an rejects
        head = _chinese_integer(tail.group(1))
        if head is None:
            return None
        step = 10**11 if tail.group(1).endswith("万亿") else 10**7
        return head + DIGIT_VALUES[tail.group(2)] * step
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
    return any(s.startswith(f.printed, k) for f in UNITS_AFTER_MULTIPLIER)


def _read_multiplier(s: str, j: int, *, after_arabic: bool) -> tuple[int, int]:
    """Product of the multiplier characters at s[j:] (万亿 = 1e12), and the end."""
    factor, k = 1, j
    while k < len(s) and s[k] in MULTIPLIERS and not _starts_unit_with_multiplier(s, k):
        if after_arabic and s[k] in "十拾" and (k + 1 >= len(s) or s[k + 1] not in "万萬亿億"):
            break  # 5十 is not written; 5十万 is
        if factor > 1 and MULTIPLIERS[s[k]] <= factor:
            break  # 千万 and 万亿 multiply; in 1亿十万 the 十万 is a lower place
        factor *= MULTIPLIERS[s[k]]
        k += 1
    return factor, k


def _with_tail(s: str, number: Number) -> Number:
    """Extend a number with 余/多, a multiplier and 余/多 again (二十多万, 1万余)."""
    k = number.end
    spaced = len(s) - len(s[k:].lstrip(" \t")) if number.kind == "arabic" else k
    if s[spaced : spaced + 1] in MULTIPLIERS and not _starts_unit_with_multiplier(s, spaced):
        # 3 万元, as some pages set it
        k = spaced
    more = False
    if k < len(s) and s[k] in "余多":
        more, k = True, k + 1
    factor, k = _read_multiplier(s, k, after_arabic=number.kind == "arabic")
    if factor == 1 and number.kind == "arabic" and not more:
        factor, k = _colloquial_multiplier(s, k)
    if k < len(s) and s[k] in "余多" and not more:
        more, k = True, k + 1
    if k == number.end:
        return number
    assert number.value is not None
    value = number.value * factor
    if factor >= 10_000 and not more:
        lower, k = _lower_tail(s, k, factor)
        value += lower
    return Number(
        start=number.start,
        end=k,
        kind=number.kind,
        value=value,
        qualifier="more_than" if more else number.qualifier,
        mantissa=number.value,
        factor=factor,
    )


#: Colloquial multipliers after Arabic digits: 20k (thousand), 8w (wan, ten thousand).
_COLLOQUIAL = {"k": 1000, "K": 1000, "w": 10_000, "W": 10_000}


def _colloquial_multiplier(s: str, k: int) -> tuple[int, int]:
    """20k, 8w: a k or w right after the digits and not the start of a word or unit (20km,
    5kW, 3kg)."""
    letter = s[k : k + 1]
    following = s[k + 1 : k + 2]
    if letter in _COLLOQUIAL and not (following.isascii() and following.isalpha()):
        return _COLLOQUIAL[letter], k + 1
    return 1, k


def _lower_tail(s: str, k: int, factor: int) -> tuple[Decimal, int]:
    """The lower places printed after a 万 or 亿: 200万五千 (+5 000), 3万800 (+800), 3万5千
    (+5 000), 一万五 and 3万5 (+5 000, the next place understood). Nothing if what follows is
    not a number below ``factor``."""
    match = _ARABIC_RE.match(s, k)
    if match is not None and not match.group(1) and not match.group(3) and "," not in match[0]:
        digits, end = match.group(2), match.end()
        place, end_place = _read_multiplier(s, end, after_arabic=True)
        if place > 1:
            tail = Decimal(digits) * place
        elif len(digits) == 1 and _ends_here(s, end):
            tail, end_place = Decimal(digits) * factor // 10, end
        elif 3 <= len(digits) < len(str(factor)):
            tail, end_place = Decimal(digits), end  # 3万800; not 3万5个
        else:
            return Decimal(0), k
        if 0 < tail < factor:
            return tail, end_place
        return Decimal(0), k
    run = _RUN_RE.match(s, k)
    if run is not None and not run.group().startswith("负") and "点" not in run.group():
        text = s[k : _run_end(s, k, run.end())]
        if len(text) == 1 and text in DIGIT_VALUES and _ends_here(s, k + 1):
            tail = Decimal(DIGIT_VALUES[text]) * factor // 10
        else:
            tail = _chinese_integer(text) or Decimal(0)
        if 0 < tail < factor:
            return tail, k + len(text)
    return Decimal(0), k


def _ends_here(s: str, k: int) -> bool:
    """Whether a number ends at s[k]: nothing, a blank, punctuation or a unit of money follows
    (3万5, 3万5元; not 3万5个, where 5 counts something)."""
    following = s[k : k + 1]
    return not following or not (following.isalnum()) or following in "元块人"


def is_digit(char: str) -> bool:
    return len(char) == 1 and "0" <= char <= "9"


def arabic_start_ok(s: str, i: int) -> bool:
    if i == 0:
        return True
    before = s[i - 1]
    if before == "/":
        return False  # the denominator of 1/4, or a part of a date 2025/11/14
    if before in ".,":  # inside 1,234 or 1.5; after a comma of a sentence (全球,3个) a start
        return not (i > 1 and (is_digit(s[i - 2]) or (s[i - 2].isascii() and s[i - 2].isalpha())))
    if before.isascii() and before.isalnum():
        return False
    return not (before in "-+" and i > 1 and s[i - 2].isascii() and s[i - 2].isalnum())


def _read_arabic(s: str, i: int) -> Number | None:
    match = _ARABIC_RE.match(s, i)
    if match is None:
        return None
    sign, whole, frac = match.groups()
    end = match.end()
    if s[end : end + 1] == "." and is_digit(s[end + 1 : end + 2]):
        return None  # 1.2.3
    value = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
    if sign in ("-", "负"):
        value = -value
    plain = whole if not sign and not frac and "," not in whole else None
    return Number(start=i, end=end, kind="arabic", value=value, plain=plain)


def _run_end(s: str, i: int, end: int) -> int:
    """Cut a run before a unit that starts with a multiplier (五千瓦 = 5 kW)."""
    for k in range(i + 1, end):
        if _starts_unit_with_multiplier(s, k):
            return k
    return end


def _read_chinese(s: str, i: int) -> Number | None:
    match = _RUN_RE.match(s, i)
    if match is None:
        return None
    end = _run_end(s, i, match.end())
    run = s[i:end]
    sign = -1 if run.startswith("负") else 1
    run = run.lstrip("负")
    if not run:
        return None
    pair = _PAIR_RE.match(run.translate(TO_SIMPLIFIED))
    paired = _read_pair(s, i, end, pair) if pair and sign == 1 else None
    if paired is not None:
        return paired
    if "点" in run:
        whole, frac = run.split("点")
        integer = _chinese_integer(whole)
        if integer is None or any(c not in DIGIT_VALUES for c in frac):
            return None
        digits = "".join(str(DIGIT_VALUES[c]) for c in frac)
        number = Number(
            start=i, end=end, kind="chinese", value=sign * (integer + Decimal("0." + digits))
        )
        return _with_tail(s, number)
    value = _chinese_integer(run)
    if value is None and _BARE_RE.fullmatch(run) and sign == 1:
        factor, _ = _read_multiplier(run, 0, after_arabic=False)
        return _with_tail(s, Number(start=i, end=end, kind="bare", value=Decimal(factor)))
    if value is None:
        return None
    digits_only = all(c in DIGIT_VALUES for c in run)
    number = Number(
        start=i,
        end=end,
        kind="digits" if digits_only and len(run) > 1 else "chinese",
        value=sign * value,
        plain=str(value) if digits_only and sign == 1 else None,
    )
    return _with_tail(s, number)


def _read_pair(s: str, i: int, end: int, pair: re.Match[str]) -> Number | None:
    """三五百 (300..500), 七八十 (70..80), 十五六 (15..16), 两三 (2..3)."""
    tens_digit, first, second = pair.groups()
    low, high = DIGIT_VALUES[first], DIGIT_VALUES[second]
    if not 0 < high - low <= 2:
        return None
    tens = 0
    if tens_digit is not None:
        tens = 10 * (DIGIT_VALUES[tens_digit] if tens_digit else 1)
    factor, k = _read_multiplier(s, i + pair.end(), after_arabic=False)
    if k < end:  # more numerals follow: not a pair
        return None
    return Number(
        start=i,
        end=k,
        kind="pair",
        low=Decimal((tens + low) * factor),
        high=Decimal((tens + high) * factor),
    )


def _read_vague(s: str, i: int) -> Number | None:
    """数百 (200..900), 几十万, 十几 (11..19), 二十几 (21..29)."""
    match = _VAGUE_RE.match(s, i)
    if match is None:
        return None
    factor, end = _read_multiplier(s, match.end(), after_arabic=False)
    if match.group(1):
        tens = 10 * (DIGIT_VALUES[match.group(1)[0]] if len(match.group(1)) == 3 else 1)
        low, high = (tens + 1) * factor, (tens + 9) * factor
    elif factor > 1:
        low, high = 2 * factor, 9 * factor
    else:
        return None
    return Number(
        start=i,
        end=end,
        kind="vague",
        low=Decimal(low),
        high=Decimal(high),
        qualifier="approximately",
    )


#: A fraction: 1/4 (not a date's 2025/11/14), 三分之一, 百分之五 is read as a percent elsewhere.
_SLASH = re.compile(r"(\d{1,2})/(\d{1,3})(?![\d/])", re.ASCII)
_PARTS = re.compile(f"([{CN_DIGITS}十百千]{{1,4}})分之([{CN_DIGITS}十]{{1,3}})")


def _fraction(s: str, i: int) -> Number | None:
    """1/4 and 三分之一: a fraction, its value the share (0.25); a slash after a number (a
    date 2025/11/14) or a numerator not below the denominator is no fraction."""
    if i > 0 and (is_digit(s[i - 1]) or s[i - 1] == "/"):
        return None
    slash = _SLASH.match(s, i)
    if slash:
        top, bottom = int(slash.group(1)), int(slash.group(2))
        end = slash.end()
    else:
        parts = _PARTS.match(s, i)
        if parts is None or parts.group(1).startswith("百"):
            return None
        below, above = _chinese_integer(parts.group(1)), _chinese_integer(parts.group(2))
        if below is None or above is None:
            return None
        top, bottom, end = int(above), int(below), parts.end()
    if not 0 < top < bottom:
        return None
    return Number(start=i, end=end, kind="fraction", value=Decimal(top) / Decimal(bottom))


def read_number(s: str, i: int) -> Number | None:
    if i >= len(s):
        return None
    fraction = _fraction(s, i)
    if fraction is not None:
        return fraction
    if is_digit(s[i]) or (s[i] in "-+负" and is_digit(s[i + 1 : i + 2])):
        number = _read_arabic(s, i)
        return None if number is None else _with_tail(s, number)
    return _read_vague(s, i) or _read_chinese(s, i)
