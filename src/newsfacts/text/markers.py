"""What stands around a number: the unit after it (with the 角 and 分 of money, and the 多 of
3年多), the qualifier words before and after it (also across the whole a share is taken of:
约占全国的14%), and the range a 多 or 余 implies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from newsfacts.text.characters import (
    BLANKS,
)
from newsfacts.text.money import JIAO, YUAN, fen_tail, money_tail
from newsfacts.text.numerals import Number
from newsfacts.text.units import (
    NO_TRAILING_MORE,
    UNIT_FORMS_LONGEST_FIRST,
    UnitForm,
)

__all__ = [
    "Reading",
    "is_calendar_year",
    "is_whole_text",
    "marker_after",
    "marker_before",
    "match_form",
    "read_unit",
    "step_of",
    "unit_end",
]

# --- units and qualifiers ----------------------------------------------------


def match_form(s: str, k: int, number: Number) -> UnitForm | None:
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


def unit_end(s: str, k: int, form: UnitForm) -> int:
    while k < len(s) and s[k] in " \t":
        k += 1
    return k + len(form.printed)


def is_calendar_year(number: Number) -> bool:
    if number.plain is None or number.qualifier is not None or len(number.plain) != 4:
        return False
    return number.kind == "digits" or (
        number.kind == "arabic" and 1000 <= int(number.plain) <= 2999
    )


def _resolve_unit(form: UnitForm, number: Number, qualified: bool) -> str | None:
    if form.unit == "year" and form.printed == "年" and not qualified and is_calendar_year(number):
        return "calendar_year"
    if form.unit == "calendar_month":
        plain_month = number.plain is not None and 1 <= int(number.plain) <= 12
        return (
            "calendar_month" if plain_month and not qualified and number.kind != "digits" else None
        )
    return form.unit


#: A qualifier before the whole a share is taken of: 约占松下集团全球业务的24.4% (about),
#: 不足探明总量的30% (less than), 超过全国的一半 (more than).
_ACROSS = re.compile(
    r"(?P<marker>大约|约|接近|近|不足|不到|超过|逾)(?:占|为)?(?P<whole>[\u4e00-\u9fff“”]{1,14})的$"
)
_ACROSS_WITHOUT_SHARE = ("不足", "不到", "超过", "逾")


def marker_before(
    s: str, i: int, table: tuple[tuple[str, str | None], ...]
) -> tuple[str | None, int]:
    j = len(s[:i].rstrip(" \t"))  # 约 3000 元
    for marker, qualifier in table:
        if j >= len(marker) and s.startswith(marker, j - len(marker)):
            return qualifier, j - len(marker) if qualifier else i
    share = s[i : i + 1].isdigit() or "分之" in s[i : i + 4]  # 24.4%, 三分之一; not 一半
    across = _ACROSS.search(s, max(0, j - 20), j) if share else None
    if across and (s[across.end("marker")] in "占为" or across["marker"] in _ACROSS_WITHOUT_SHARE):
        qualifier = dict(table).get(across["marker"])
        if qualifier:
            return qualifier, across.start()
    return None, i


def marker_after(
    s: str, k: int, table: tuple[tuple[str, str | None], ...]
) -> tuple[str | None, int]:
    for marker, qualifier in table:
        if s.startswith(marker, k):
            return qualifier, k + len(marker) if qualifier else k
    return None, k


def is_whole_text(s: str, start: int, end: int) -> bool:
    return not s[:start].strip(BLANKS) and not s[end:].strip(BLANKS)


# --- readers -----------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What follows a number: its unit and the markers around it."""

    unit: str
    counted: str | None
    scale: Decimal
    qualifier: str | None
    end: int
    #: Yuan added after the unit: the 角 and 分 of 3元5角2分, the 5 of 3块5.
    extra: Decimal = Decimal(0)


def read_unit(s: str, number: Number, prefix: str | None) -> Reading:
    form = match_form(s, number.end, number)
    qualified = prefix is not None or number.qualifier is not None
    unit = None if form is None or form.unit is None else _resolve_unit(form, number, qualified)
    if form is None or unit is None:
        return Reading("dimensionless", None, Decimal(1), None, number.end)
    end = unit_end(s, number.end, form)
    qualifier = form.qualifier
    extra = Decimal(0)
    if form.printed in YUAN:
        extra, end = money_tail(s, end)
    elif form.printed in JIAO:
        extra, end = fen_tail(s, end)  # 2角5分: the 分 in 角
    elif form.printed == "成" and s.startswith("半", end):
        extra, end = Decimal(5), end + 1  # 两成半: 25%
    if end < len(s) and s[end] in "多余" and unit not in NO_TRAILING_MORE and qualifier is None:
        qualifier, end = "more_than", end + 1  # 3年多
    counted = form.counted or form.printed if unit == "count" else None
    return Reading(unit, counted, form.scale, qualifier, end, extra)


def step_of(number: Number) -> Decimal:
    """The place of a number's last written digit: what 多 or 余 after it may add (500多 ->
    100, 40余 -> 10, 三亿多 -> 1亿, 1.5万多 -> 0.1万)."""
    mantissa = number.mantissa if number.mantissa is not None else number.value
    assert mantissa is not None
    exponent = mantissa.normalize().as_tuple().exponent
    place = Decimal(10) ** exponent if isinstance(exponent, int) else Decimal(1)
    return place * number.factor
