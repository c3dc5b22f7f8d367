"""The JSON Schemas are strict, documented, and agree with the models on real and broken records."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from newsfacts.models import Tables
from newsfacts.release.schemas import SCHEMA_MODELS, TABLE_SCHEMAS, json_schema


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = list(schema.get("properties", {}).items())
    for sub in schema.get("$defs", {}).values():
        found += properties(sub)
    return found


@pytest.mark.parametrize("name", list(SCHEMA_MODELS))
def test_schema_is_2020_12_with_id_title_and_a_description_on_every_field(name: str) -> None:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:newsfacts:schema:{name}"
    assert schema["title"]
    assert schema["additionalProperties"] is False
    undocumented = [field for field, spec in properties(schema) if not spec.get("description")]
    assert undocumented == []


def test_schemas_accept_every_built_record(tables: Tables) -> None:
    for table, records in tables.as_dict().items():
        validator = Draft202012Validator(json_schema(TABLE_SCHEMAS[table]))
        for record in records:
            errors = [e.message for e in validator.iter_errors(record.model_dump(mode="json"))]
            assert errors == [], record.id


BREAKS = [
    ("unknown field", lambda r: r.update(colour="red")),
    ("missing field", lambda r: r.pop("subject")),
    ("unit outside vocabulary", lambda r: r.update(unit="percents")),
    ("string for a number", lambda r: r.update(value="6.2")),
    ("malformed id", lambda r: r.update(id="f-1")),
    ("event field on a quantity", lambda r: r.update(date="2025-11-14")),
    ("quantity without value", lambda r: r.update(value=None)),
    ("negative offset", lambda r: r["evidence"].update(start=-1)),
]


@pytest.mark.parametrize(("what", "breaker"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_broken_fact_is_rejected_by_both_schema_and_model(
    tables: Tables, what: str, breaker: Any
) -> None:
    fact = next(f for f in tables.facts if f.kind == "quantity")
    record = copy.deepcopy(fact.model_dump(mode="json"))
    breaker(record)
    assert list(Draft202012Validator(json_schema("fact")).iter_errors(record)), what
    with pytest.raises(ValidationError):
        type(fact).model_validate(record)
