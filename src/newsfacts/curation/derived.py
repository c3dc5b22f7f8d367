"""The derived facts ``newsfacts draft`` proposes: numeric checks a curator would make from the
page's own figures.

One kind so far, the commonest check of economic news: a level and its growth rate printed
together (进出口完成1868.7亿元、增长5.9%) imply the value of the period it grew from
(1868.7亿元 / 1.059 = 1764.6亿元). The page rarely prints that value, so the derived fact is a
check a reader can make against another page or another year's report. It is proposed only
where the rate follows its level in the same clause, with the same subject, and the words
before the rate say which way it went (增长, 下降 ...); a curator keeps it or rejects it.
"""

from __future__ import annotations

import re
from typing import Any

from newsfacts.text.finder import Found

__all__ = ["propose_base_value"]

#: The words before a rate that say which way it went.
_WAY = re.compile(
    r"(?P<rise>增长|增加|上升|提高|提升|上涨|增)|(?P<fall>下降|减少|回落|降低|下滑|下跌|减)"
)
#: What may stand between those words and the rate: 增长了, 下降约, 增长超过.
_BETWEEN = re.compile(r"(?:了|约|近|超过?|逾|达)?")

#: Baselines a year back: the period grown from is the same months a year earlier.
_YEAR_BACK = ("上年同期", "上年", "去年同期", "去年")


def _way(text: str, at: int) -> str | None:
    """ "+" or "-": the way a rate printed at ``at`` went, by the words just before it."""
    before = text[max(0, at - 8) : at]
    ways = [m for m in _WAY.finditer(before) if _BETWEEN.fullmatch(before, m.end())]
    if not ways:
        return None
    return "+" if ways[-1]["rise"] else "-"


def _year_back(iso: str | None) -> str | None:
    return None if iso is None else f"{int(iso[:4]) - 1:04d}{iso[4:]}"


def propose_base_value(
    number: int, rate: dict[str, Any], level: dict[str, Any] | None, found: Found, text: str
) -> dict[str, Any] | None:
    """The derived fact of the value a level grew from, given the proposals of the level and
    of its growth rate (``found`` in ``text``); None where they are not such a pair."""
    if level is None or rate["measure"] != "growth_rate" or rate["unit"] != "percent":
        return None
    if level["measure"] not in ("level", "count") or level["unit"] == "percent":
        return None
    if level["evidence"] != rate["evidence"] or level["subject"] != rate["subject"]:
        return None
    way = _way(text, found.start)
    a, b = level.get("value"), rate.get("value")
    if way is None or a is None or b is None or (way == "-" and b >= 100):
        return None
    value = a / (1 + b / 100) if way == "+" else a / (1 - b / 100)
    fact: dict[str, Any] = {
        "id": number,
        "kind": "derived",
        "status": "draft",
        "subject": level["subject"],
        "predicate": "基期数值(由数值与增速推算)",
        "predicate_en": "the value grown from, implied by the level and its growth rate",
        "evidence": rate["evidence"],
        "inputs": [level["id"], rate["id"]],
        "formula": f"a / (1 {way} b / 100)",
        "value": value,
        "unit": level["unit"],
        "counted": level.get("counted"),
        "qualifier": "approximately",
        "measure": level["measure"],
    }
    if rate.get("baseline") in _YEAR_BACK and level.get("period_start"):
        fact["period_start"] = _year_back(level["period_start"])
        fact["period_end"] = _year_back(level.get("period_end"))
        fact["time_precision"] = level.get("time_precision")
    fact["notes"] = (
        f"Proposed by newsfacts draft: {level['value_text']} / (1 {way} {rate['value_text']}) = "
        f"{value:.6g}, the value of the period it grew from, on the reading that the rate is the "
        "growth of this level; not yet read against the page."
    )
    return {k: v for k, v in fact.items() if v is not None}
