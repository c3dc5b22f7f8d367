"""The models reject what the contract forbids."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from newsfacts.models import Fact

SPAN = {"start": 0, "end": 2, "exact": "6.2%", "prefix": "", "suffix": ""}


def quantity(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {name: None for name in Fact.model_fields}
    record["review"] = "accepted"
    record.update(
        id="f-bcfbe062-01-003",
        article_id="a-bcfbe062-01",
        kind="quantity",
        subject="全省规上工业增加值",
        predicate="年均增速",
        predicate_en="average annual growth rate",
        evidence={**SPAN, "end": 4},
        value=6.2,
        unit="percent",
        value_text="6.2%",
        qualifier="exact",
        participants=[],
        organizers=[],
        inputs=[],
    )
    record.update(changes)
    return record


def error_types(record: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        Fact.model_validate(record)
    return [e["type"] for e in info.value.errors()]


def test_a_complete_quantity_is_accepted() -> None:
    assert Fact.model_validate(quantity()).value == 6.2


def test_unknown_field_is_rejected() -> None:
    assert error_types(quantity(colour="red")) == ["extra_forbidden"]


def test_unit_outside_the_vocabulary_is_rejected() -> None:
    assert error_types(quantity(unit="percents")) == ["literal_error"]


def test_nan_is_rejected() -> None:
    assert error_types(quantity(value=float("nan"))) == ["finite_number"]


def test_impossible_date_is_rejected() -> None:
    assert error_types(quantity(as_of="2025-02-30")) == ["invalid_date"]


def test_quantity_without_value_is_rejected() -> None:
    with pytest.raises(ValidationError, match="a quantity fact needs value"):
        Fact.model_validate(quantity(value=None))


def test_event_fields_on_a_quantity_are_rejected() -> None:
    with pytest.raises(ValidationError, match="a quantity fact has no date"):
        Fact.model_validate(quantity(date="2025-11-14"))


def test_malformed_id_is_rejected() -> None:
    assert error_types(quantity(id="fact-1")) == ["string_pattern_mismatch"]


def test_span_length_must_match_exact() -> None:
    with pytest.raises(ValidationError, match="end - start"):
        Fact.model_validate(quantity(evidence={**SPAN, "end": 3}))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a date of the calendar"),
        ("2025/11/15", "'2025/11/15' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ],
)
def test_an_invalid_date_message_quotes_the_value(value: str, message: str) -> None:
    from pydantic_core import PydanticCustomError

    from newsfacts.models import check_date

    with pytest.raises(PydanticCustomError) as caught:
        check_date(value)
    assert caught.value.message() == message
