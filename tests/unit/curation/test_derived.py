"""The derived facts newsfacts draft proposes: the value a level grew from, where the level and
its growth rate are printed together."""

from __future__ import annotations

from typing import Any

import pytest

from newsfacts.curation.derived import propose_base_value
from newsfacts.curation.facts import propose_quantity
from newsfacts.text.finder import find_quantities


def _proposed(text: str, base: str = "2025-05-20") -> list[dict[str, Any]]:
    """Every proposal of ``text``, quantities and derived facts, as the draft makes them."""
    out: list[dict[str, Any]] = []
    previous = None
    for found in find_quantities(text, base=base):
        fact = propose_quantity(len(out) + 1, found, text, previous)
        if fact is None:
            continue
        level, previous = previous, fact
        out.append(fact)
        derived = propose_base_value(len(out) + 1, fact, level, found, text)
        if derived is not None:
            out.append(derived)
    return out


def _derived(text: str) -> list[dict[str, Any]]:
    return [f for f in _proposed(text) if f["kind"] == "derived"]


def test_a_level_and_its_growth_imply_the_value_grown_from() -> None:
    [fact] = _derived("今年一季度，昆山市外贸进出口完成1868.7亿元、增长5.9%，创历史同期新高。")
    assert fact["formula"] == "a / (1 + b / 100)"
    assert fact["inputs"] == [1, 2]
    assert fact["value"] == pytest.approx(1868.7e8 / 1.059)
    assert (fact["unit"], fact["measure"], fact["qualifier"]) == ("CNY", "level", "approximately")
    assert fact["subject"] == "昆山市外贸进出口"
    assert fact["status"] == "draft"
    assert "period_start" not in fact  # 增长 alone does not say against when


def test_a_fall_and_a_year_back() -> None:
    [fact] = _derived("一季度，全市出口8.7亿元，同比下降20%。")
    assert fact["formula"] == "a / (1 - b / 100)"
    assert fact["value"] == pytest.approx(8.7e8 / 0.8)
    # 同比: the same months a year earlier
    assert (fact["period_start"], fact["period_end"]) == ("2024-01", "2024-03")


def test_words_between_the_way_and_the_rate() -> None:
    [fact] = _derived("今年以来，凤凰县累计接待境外游客超7.3万人次，同比增长超17%。")
    assert fact["value"] == pytest.approx(73000 / 1.17)
    assert fact["measure"] == "count"


@pytest.mark.parametrize(
    "text",
    [
        "全市实现生产总值1.2万亿元，占全省的25%。",  # a share, not a growth rate
        "出口8.7亿元，进口增长30%。",  # the rate of another subject
        "全市实现生产总值1.2万亿元。投资增长6%。",  # not one clause
        "出口8.7亿元，增速为5%。",  # no word says which way it went
        "出口8.7亿元，同比下降100%。",  # nothing to grow from
    ],
)
def test_nothing_is_derived_from_what_is_not_a_level_and_its_growth(text: str) -> None:
    assert _derived(text) == []
