"""The JSON Schemas and the models agree: records drawn from a schema are accepted by the model
(but for the rules JSON Schema cannot state, listed below), records from the models are accepted
by the schemas, and a record broken in any one field is rejected by both."""

from __future__ import annotations

import copy
import random
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from newsfacts.release.schemas import SCHEMA_MODELS, TABLE_SCHEMAS, json_schema
from newsfacts.synth import synth_tables
from tests.strategies import releases

#: Cross-field rules of the models that JSON Schema cannot express. A record drawn from a
#: schema may break only these (each has its own pydantic error type).
BEYOND_JSON_SCHEMA = {
    "span_length",  # end - start == len(exact)
    "invalid_date",  # 2025-02-30 matches the date pattern but is no date
}

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


def _without_id(schema: dict[str, Any]) -> dict[str, Any]:
    # $id is a URN: drop it so that the local $refs resolve against the schema itself
    return {k: v for k, v in schema.items() if k != "$id"}


def _fact_schema_of_kind(kind: str) -> dict[str, Any]:
    """The fact schema with its if/then rule for ``kind`` applied to the properties.

    hypothesis-jsonschema can only satisfy the conditional schema by filtering; resolving the
    rule of one kind gives it a plain schema that accepts a subset of the same records."""
    schema = copy.deepcopy(_without_id(json_schema("fact")))
    rule = next(r for r in schema.pop("allOf") if r["if"]["properties"]["kind"]["const"] == kind)
    props = schema["properties"]
    props["kind"] = {"const": kind}
    for name, condition in rule["then"]["properties"].items():
        branches = props[name].get("anyOf", [props[name]])
        if "not" in condition:  # required: a value, not null, not empty
            kept = [dict(b) for b in branches if b.get("type") != "null"]
            for branch in kept:
                if branch.get("type") == "array":
                    branch["minItems"] = 1
            siblings = {k: v for k, v in props[name].items() if k != "anyOf"}  # pattern ...
            props[name] = {**siblings, **(kept[0] if len(kept) == 1 else {"anyOf": kept})}
        else:  # belongs to another kind: null, or an empty list
            nullable = any(b.get("type") == "null" for b in branches)
            props[name] = {"type": "null"} if nullable else {"type": "array", "maxItems": 0}
    return schema


def _check_drawn(name: str, record: dict[str, Any]) -> None:
    assert list(Draft202012Validator(json_schema(name)).iter_errors(record)) == []
    try:
        SCHEMA_MODELS[name].model_validate(record)
    except ValidationError as exc:
        kinds = {e["type"] for e in exc.errors()}
        assert kinds <= BEYOND_JSON_SCHEMA, exc


@pytest.mark.parametrize("name", ["source", "entity", "manifest", "article"])
@SETTINGS
@given(data=st.data())
def test_records_drawn_from_a_schema_are_accepted_by_the_model(
    name: str, data: st.DataObject
) -> None:
    _check_drawn(name, data.draw(from_schema(_without_id(json_schema(name)))))


@pytest.mark.parametrize("kind", ["quantity", "event", "relation", "derived"])
@SETTINGS
@given(data=st.data())
def test_facts_drawn_from_the_schema_are_accepted_by_the_model(
    kind: str, data: st.DataObject
) -> None:
    _check_drawn("fact", data.draw(from_schema(_fact_schema_of_kind(kind))))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases(max_articles=4))
def test_records_from_the_models_are_accepted_by_the_schemas(tables: Any) -> None:
    for table, records in tables.as_dict().items():
        validator = Draft202012Validator(json_schema(TABLE_SCHEMAS[table]))
        for record in records:
            assert list(validator.iter_errors(record.model_dump(mode="json"))) == []


def _breakers(value: Any) -> list[Any]:
    """Values of another type than ``value`` (and None where a value is required)."""
    if isinstance(value, bool):
        return ["yes", 1.5]
    if isinstance(value, (int, float)):
        return ["1", True]
    if isinstance(value, str):
        return [1, ["x"]]
    if isinstance(value, list):
        return ["x", {"a": 1}]
    if isinstance(value, dict):
        return ["x", [1]]
    return [{"a": 1}]


_SAMPLE = synth_tables(3, random.Random(7), per_page=3)


@pytest.mark.parametrize("table", list(TABLE_SCHEMAS))
def test_a_record_broken_in_any_one_field_is_rejected_by_both(table: str) -> None:
    record = getattr(_SAMPLE, table)[0].model_dump(mode="json")
    model = SCHEMA_MODELS[TABLE_SCHEMAS[table]]
    validator = Draft202012Validator(json_schema(TABLE_SCHEMAS[table]))
    for field, value in record.items():
        nullable = type(None) in get_args(model.model_fields[field].annotation)
        broken_values = _breakers(value) + ([] if nullable else [None])
        for broken in broken_values:
            bad = copy.deepcopy(record)
            bad[field] = broken
            assert list(validator.iter_errors(bad)), (field, broken)
            with pytest.raises(ValidationError):
                model.model_validate(bad)
        dropped = copy.deepcopy(record)
        del dropped[field]
        assert list(validator.iter_errors(dropped)), f"without {field}"
        with pytest.raises(ValidationError):
            model.model_validate(dropped)
