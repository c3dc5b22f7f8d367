"""JSON Schemas (draft 2020-12) generated from the models, one per record type."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from newsfacts.models import Article, Entity, Fact, Manifest, Source, model_schema_extra

__all__ = ["SCHEMA_MODELS", "json_schema", "schema_text"]

#: Schema name -> model. The file of each is ``schemas/<name>.schema.json``.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "source": Source,
    "article": Article,
    "fact": Fact,
    "entity": Entity,
    "manifest": Manifest,
}
#: Table name -> schema name.
TABLE_SCHEMAS = {"sources": "source", "articles": "article", "facts": "fact", "entities": "entity"}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of record type ``name`` (source, article, fact, entity, manifest)."""
    model = SCHEMA_MODELS[name]
    body = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:newsfacts:schema:{name}",
        **body,
        **model_schema_extra(model),
    }


def schema_text(name: str) -> str:
    """The schema as it is written to ``schemas/``: indented, UTF-8, one trailing newline."""
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"
