"""How a model's complaint is told: JSON paths, the value given, the closest code or key."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from newsfacts.models import Fact
from newsfacts.models.messages import closest, describe, json_path


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    colour: Literal["red", "green"]
    size: int = 0


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kicker: str = ""
    inner: list[Inner] = []


def _errors(model: type[BaseModel], data: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [f"{json_path(e['loc'])}: {describe(e, model)}" for e in caught.value.errors()]


def test_json_paths_are_zero_based_with_brackets_for_items() -> None:
    assert json_path(()) == "$"
    assert json_path(("facts", 2, "unit")) == "$.facts[2].unit"
    assert json_path((0,), root="$.entities") == "$.entities[0]"


def test_a_short_vocabulary_is_listed_whole() -> None:
    assert _errors(Outer, {"inner": [{"colour": "blue"}]}) == [
        "$.inner[0].colour: 'blue' is not one of 'red', 'green'"
    ]


def test_a_long_vocabulary_names_the_value_and_the_closest_codes_only() -> None:
    record = {"unit": "kilometre"}
    with pytest.raises(ValidationError) as caught:
        Fact.model_validate(record)
    (error,) = [e for e in caught.value.errors() if e["loc"] == ("unit",)]
    message = describe(error, Fact)
    assert message.startswith("'kilometre' is not one of the ")
    assert message.endswith(" codes of its vocabulary; did you mean 'metre'?")
    assert len(message) < 120


def test_an_unknown_key_is_named_with_the_key_it_resembles_in_any_nested_model() -> None:
    assert _errors(Outer, {"kiker": "x"}) == [
        "$.kiker: unknown key 'kiker'; did you mean 'kicker'?"
    ]
    assert _errors(Outer, {"inner": [{"colour": "red", "sise": 1}]}) == [
        "$.inner[0].sise: unknown key 'sise'; did you mean 'size'?"
    ]
    assert _errors(Outer, {"zzzz": 1}) == ["$.zzzz: unknown key 'zzzz'"]


def test_a_wrong_type_quotes_the_value_given_when_it_is_short() -> None:
    assert _errors(Inner, {"colour": "red", "size": "two"}) == [
        "$.size: Input should be a valid integer, unable to parse string as an integer; given 'two'"
    ]
    (long,) = _errors(Inner, {"colour": "red", "size": "x" * 100})
    assert "given" not in long


def test_a_missing_key_is_told_as_missing() -> None:
    assert _errors(Inner, {}) == ["$.colour: required, but missing"]


def test_closest_prefers_a_match_that_differs_only_in_case() -> None:
    assert closest("Items", ["items", "item", "times"]) == ["items"]
    assert closest("qqq", ["items"]) == []
