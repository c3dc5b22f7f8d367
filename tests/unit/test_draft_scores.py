"""The draft's scores on tiny cases whose figures are counted by hand."""

from __future__ import annotations

import math
from types import SimpleNamespace

from ..conftest import ROOT
from ..helpers import script_module

scores = script_module(ROOT / "benchmarks" / "draft_scores.py")
Ratio = scores.Ratio


def _fact(value_text: str, evidence: str, unit: str, value: float, **time: str) -> object:
    return SimpleNamespace(
        value_text=value_text,
        evidence=SimpleNamespace(exact=evidence),
        unit=unit,
        value=value,
        as_of=time.get("as_of"),
        period_start=time.get("period_start"),
        period_end=time.get("period_end"),
    )


def _proposal(value_text: str, evidence: str, unit: str, value: float, **time: str) -> dict:  # type: ignore[type-arg]
    return {"value_text": value_text, "evidence": evidence, "unit": unit, "value": value, **time}


def test_quantities_recall_precision_and_period_counted_by_hand() -> None:
    truth = [
        _fact("3万人", "来了3万人。", "person", 30_000, as_of="2025-01"),
        _fact("5%", "增长5%。", "percent", 5, period_start="2024"),
        _fact("7个", "引进7个项目。", "dimensionless", 7),
    ]
    proposals = [
        _proposal("3万人", "来了3万人。", "person", 30_000, as_of="2025-01"),  # right, timed
        _proposal("5%", "增长5%。", "percent", 5),  # right, its period missing
        _proposal("8个", "引进8个项目。", "dimensionless", 8),  # no such quantity
        _proposal("7个", "引进7个项目。", "item", 7),  # the wrong unit
    ]
    got = scores.quantity_scores(proposals, truth)
    # 2 of the 3 curated found; 2 of the 4 proposals right; of the 2 found with a time, 1 right
    assert got == {
        "quantity recall": Ratio(2, 3),
        "quantity precision": Ratio(2, 4),
        "period right": Ratio(1, 2),
    }


def test_one_proposal_standing_for_two_facts_is_one_right_proposal() -> None:
    evidence = "水电、风电均居世界第一。"
    truth = [_fact("第一", evidence, "ordinal", 1), _fact("第一", evidence, "ordinal", 1)]
    got = scores.quantity_scores([_proposal("第一", evidence, "ordinal", 1)], truth)
    assert got["quantity recall"] == Ratio(2, 2)
    assert got["quantity precision"] == Ratio(1, 1)


def test_entities_by_name_or_alias_and_type_counted_by_hand() -> None:
    curated = [
        SimpleNamespace(name="山西", aliases=["晋"], type="location"),
        SimpleNamespace(name="太原", aliases=[], type="location"),
        SimpleNamespace(name="国务院", aliases=[], type="organization"),
    ]
    proposed = {
        ("晋", "location"),  # 山西 by its alias
        ("太原", "organization"),  # the right name, the wrong type
        ("国务院", "organization"),
        ("北京", "location"),  # not curated
    }
    got = scores.entity_scores(proposed, curated)
    assert got == {"entity recall": Ratio(2, 3), "entity precision": Ratio(2, 4)}
    # F1 of 2/3 and 1/2: 2 * (1/3) / (7/6) = 4/7
    assert math.isclose(scores.f1(got["entity recall"], got["entity precision"]), 4 / 7)
    locations = scores.entity_scores(proposed, curated, "location")
    assert locations == {"entity recall": Ratio(1, 2), "entity precision": Ratio(1, 2)}


def test_events_need_the_date_at_the_same_place() -> None:
    truth = [
        SimpleNamespace(date="2025-10-27", evidence=SimpleNamespace(exact="10月27日，大会召开。")),
        SimpleNamespace(date="2025-10-31", evidence=SimpleNamespace(exact="10月31日，名单公布。")),
    ]
    proposals = [
        {"date": "2025-10-27", "evidence": "10月27日，大会召开。", "subject": "大会"},
        {"date": "2025-10-30", "evidence": "10月31日，名单公布。", "subject": "名单"},
    ]
    assert scores.event_scores(proposals, truth) == {"events dated right": Ratio(1, 2)}


def test_no_derived_proposal_is_a_baseline_of_none_found() -> None:
    truth = [SimpleNamespace(value=1.2e4), SimpleNamespace(value=0.2)]
    proposals = [{"kind": "quantity", "value": 1.2e4}]
    assert scores.derived_scores(proposals, truth) == {
        "derived facts proposed": Ratio(0, 2),
        "derived proposals right": Ratio(0, 0),
    }


def test_derived_proposals_are_found_by_their_value() -> None:
    truth = [SimpleNamespace(value=1.2e4), SimpleNamespace(value=0.2)]
    proposals = [
        {"kind": "derived", "value": 1.2e4},
        {"kind": "derived", "value": 7.0},  # no curated derived fact has it
        {"kind": "quantity", "value": 0.2},  # a quantity is no derived proposal
    ]
    assert scores.derived_scores(proposals, truth) == {
        "derived facts proposed": Ratio(1, 2),
        "derived proposals right": Ratio(1, 2),
    }


def test_totals_sum_the_counts_rather_than_average_the_shares() -> None:
    pages = [{"quantity recall": Ratio(1, 2)}, {"quantity recall": Ratio(3, 4)}]
    got = scores.total(pages)["quantity recall"]
    assert got == Ratio(4, 6)
    assert math.isclose(got.value, 2 / 3)  # not (1/2 + 3/4) / 2 = 5/8
    assert math.isnan(Ratio(0, 0).value)
