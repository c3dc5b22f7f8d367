"""propose_quantity: the subject, measure and baseline a draft fact is given."""

from __future__ import annotations

import pytest

from newsfacts.curation.facts import propose_quantity, skipped_note
from newsfacts.text.finder import find_quantities


def _proposed(text: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    previous = None
    for found in find_quantities(text, base="2025-05-20"):
        fact = propose_quantity(len(out) + 1, found, text, previous)
        if fact is not None:
            out.append(fact)
            previous = fact
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "今年一季度,昆山市外贸进出口完成1868.7亿元、增长5.9%。",
            [
                ("昆山市外贸进出口", "level", None),
                ("昆山市外贸进出口", "growth_rate", None),
            ],
        ),
        (
            "去年出口金额达8.7亿元,同比增长30%。",
            [("出口金额", "level", None), ("出口金额", "growth_rate", "上年同期")],
        ),
        (
            "2021年至2024年,全省规上工业增加值年均增速达到6.2%。",
            [("全省规上工业增加值", "average_growth_rate", None)],
        ),
        (
            "制造业年均增长8.1%,高于煤炭工业2.5个百分点。",
            [("制造业", "average_growth_rate", None), ("制造业", "change", "煤炭工业")],
        ),
        (
            "先进产能占比较2021年分别提高了5.6个百分点。",
            [("先进产能占比", "change", "2021年")],
        ),
        ("全村380户村民。", [("全村", "count", None)]),
    ],
)
def test_subject_measure_and_baseline(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(f["subject"], f["measure"], f.get("baseline")) for f in _proposed(text)] == expected


def test_a_range_is_noted_for_the_curator_not_proposed() -> None:
    text = "基地涵盖八九个品种。"
    assert _proposed(text) == []
    (found,) = find_quantities(text)
    assert skipped_note(found) == (
        "# Not proposed: 八九个 (a range, 8 to 9; a quantity fact needs one value)\n"
    )


@pytest.mark.parametrize(
    ("text", "subject", "measure"),
    [
        ("“目前有超过30个自贸试验区片区位于国家级经开区内。", "自贸试验区片区", "count"),
        ("2024年,商务部印发若干措施,提出14项具体举措。", "具体举措", "count"),
        ("40多年来,国家级经开区由东到西、由点到面,目前已有232家。", "国家级经开区", "count"),
        (
            "2024财年销售收入近1000亿元人民币,约占松下集团全球业务的24.4%。",
            "2024财年销售收入",
            "share",
        ),
        (
            "国家组织药品集采纳入的药品品种增加到了490种。",
            "国家组织药品集采纳入的药品品种",
            "count",
        ),
    ],
)
def test_the_subject_of_a_count_or_a_share(text: str, subject: str, measure: str) -> None:
    fact = _proposed(text)[-1]
    assert (fact["subject"], fact["measure"]) == (subject, measure)
