"""Money as news prints it: the 角 and 分 after a yuan, and a currency before the number."""

from __future__ import annotations

from decimal import Decimal

from newsfacts.text.characters import DIGIT_VALUES, TO_SIMPLIFIED
from newsfacts.text.numerals import is_digit
from newsfacts.text.units import CURRENCY_PREFIXES

__all__ = ["JIAO", "YUAN", "currency_before", "fen_tail", "money_tail"]


#: The printed yuan after which 角, 毛 and 分 may follow (壹仟贰佰叁拾肆圆伍角陆分, 3块5毛).
YUAN = frozenset({"元", "圆", "圓", "块"})
JIAO = ("角", "毛")


def _digit_at(s: str, k: int) -> tuple[Decimal, int] | None:
    """One digit, Arabic or Chinese, at s[k] (角 and 分 take one digit each)."""
    char = s[k : k + 1].translate(TO_SIMPLIFIED)
    if is_digit(char):
        return Decimal(char), k + 1
    if char in DIGIT_VALUES:
        return Decimal(DIGIT_VALUES[char]), k + 1
    return None


def money_tail(s: str, k: int) -> tuple[Decimal, int]:
    """The 角 and 分 after a yuan: 3元5角2分 (+0.52), 伍角陆分, 3块5毛钱 (+0.5), 两块五 (+0.5),
    then 整 or 正. 分 alone is read only after 角 or as 分钱 (5元8分 is rare; 8分 is a score)."""
    extra = Decimal(0)
    jiao = _digit_at(s, k)
    if jiao is not None and s[jiao[1] : jiao[1] + 1] in JIAO:
        extra, k = jiao[0] / 10, jiao[1] + 1
        fen = _digit_at(s, k)
        if fen is not None and s[fen[1] : fen[1] + 1] == "分":
            extra, k = extra + fen[0] / 100, fen[1] + 1
        if s.startswith("钱", k):
            k += 1
    elif jiao is not None and s[k - 1 : k] == "块" and _is_end(s, jiao[1]):
        extra, k = jiao[0] / 10, jiao[1]  # 3块5: the 角 understood
    elif jiao is not None and s[jiao[1] : jiao[1] + 2] == "分钱":
        extra, k = jiao[0] / 100, jiao[1] + 2
    if s[k : k + 1] in ("整", "正"):
        k += 1
    return extra, k


def fen_tail(s: str, k: int) -> tuple[Decimal, int]:
    """The 分 after a 角 printed without a yuan: 2角5分 (+0.05 yuan), then 钱."""
    fen = _digit_at(s, k)
    if fen is None or s[fen[1] : fen[1] + 1] != "分":
        return Decimal(0), k
    k = fen[1] + 1
    return fen[0] / 100, k + 1 if s.startswith("钱", k) else k


def _is_end(s: str, k: int) -> bool:
    """Whether nothing that continues a number follows s[k]: the end, a blank or punctuation,
    or 钱."""
    following = s[k : k + 1]
    return not following or following == "钱" or not following.isalnum()


def currency_before(s: str, i: int) -> tuple[str | None, int]:
    """A currency printed before the number at s[i] (人民币1.5亿元), and where it starts."""
    j = len(s[:i].rstrip(" \t"))
    for word, code in _CURRENCY_PREFIXES_LONGEST_FIRST:
        if s.startswith(word, j - len(word)) and j >= len(word):
            return code, j - len(word)
    return None, i


_CURRENCY_PREFIXES_LONGEST_FIRST = tuple(
    sorted(CURRENCY_PREFIXES.items(), key=lambda item: -len(item[0]))
)
