"""The characters numbers are printed with: Chinese digits and multipliers (with their
traditional and financial forms), full-width forms, and the blanks and punctuation that end
a quantity.
"""

from __future__ import annotations

__all__ = [
    "BLANKS",
    "CN_DIGITS",
    "DIGIT_VALUES",
    "HALF_WIDTH",
    "MULTIPLIERS",
    "NONZERO_DIGITS",
    "NUMERAL_WORDS",
    "RUN_CHARS",
    "TO_SIMPLIFIED",
]

# --- characters --------------------------------------------------------------

DIGIT_VALUES: dict[str, int] = {}
for _digit, _chars in enumerate(
    ("〇零", "一壹", "二两贰貳兩", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
):
    for _char in _chars:
        DIGIT_VALUES[_char] = _digit
NONZERO_DIGITS = "".join(c for c, v in DIGIT_VALUES.items() if v)
CN_DIGITS = "".join(DIGIT_VALUES) + "廿卅"
MULTIPLIERS: dict[str, int] = {
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
RUN_CHARS = frozenset(CN_DIGITS) | frozenset(MULTIPLIERS)
TO_SIMPLIFIED = str.maketrans("萬億兩貳參陸", "万亿两贰叁陆")

# Full-width ASCII to half-width, one character for one so offsets hold; the
# full-width comma stays a comma of the sentence, not a thousands separator.
HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
HALF_WIDTH.update({0x3000: 0x20, 0x2212: 0x2D, 0x301C: 0x7E})

BLANKS = " \t\n\r。，、；：,.;:!?！？“”\"'‘’（）()《》【】"

# Two-character words whose second character is a numeral but which state
# no quantity (统一部署 is not 'one 部').
NUMERAL_WORDS = frozenset(
    {"统一", "唯一", "之一", "同一", "单一", "逐一", "划一", "专一", "合一", "归一"}
)
