"""Ecosystem metadata of a release, derived from the models and the manifest.

- ``datapackage.json``: a Frictionless Data Package: one tabular resource per table (the JSONL
  file), with its Table Schema (types, constraints, descriptions), primary and foreign keys,
  licences, sources, hash and bytes. ``frictionless validate datapackage.json`` checks it.
- ``croissant.json``: MLCommons Croissant 1.0 (JSON-LD): the JSONL files as FileObjects and one
  RecordSet per table whose fields extract the columns. ``mlcroissant`` validates and loads it.

Both describe the JSONL copies: their bytes do not depend on the library that wrote them, so
the metadata of a release is the same wherever it is built.
"""

from __future__ import annotations

import json
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from newsfacts._version import RELEASE_DATE
from newsfacts.models import MODELS, TABLES, Manifest, unwrap

__all__ = ["croissant", "datapackage", "metadata_json"]

TITLE = "newsfacts: Chinese newspaper articles and the facts they state"
DESCRIPTION = (
    "Curated Chinese newspaper articles and the facts they state (quantities, events, "
    "relations, entities), each traceable to the exact characters of the printed page."
)
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 (the annotations; the news text remains the "
        "copyright of its publisher)",
    }
]
#: Foreign keys: table -> (field, referenced table).
FOREIGN_KEYS: dict[str, list[tuple[str, str]]] = {
    "articles": [("source_id", "sources")],
    "facts": [
        ("article_id", "articles"),
        ("subject_entity", "entities"),
        ("object_entity", "entities"),
    ],
    "entities": [("parent", "entities")],
}
_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _field(name: str, model: type[BaseModel]) -> dict[str, Any]:
    info = model.model_fields[name]
    tp, nullable = unwrap(info.annotation)
    spec: dict[str, Any] = {"name": name, "description": info.description or ""}
    constraints: dict[str, Any] = {}
    if get_origin(tp) is Literal:
        spec["type"] = "string"
        constraints["enum"] = list(get_args(tp))
    elif get_origin(tp) is list:
        spec["type"] = "array"
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        spec["type"] = "object"
    else:
        spec["type"] = _SIMPLE[tp]
        for meta in info.metadata:
            if getattr(meta, "pattern", None):
                constraints["pattern"] = meta.pattern.strip("^$")
            if getattr(meta, "min_length", None) is not None:
                constraints["minLength"] = meta.min_length
            if getattr(meta, "ge", None) is not None:
                constraints["minimum"] = meta.ge
        extra = info.json_schema_extra
        if isinstance(extra, dict) and "pattern" in extra:
            constraints["pattern"] = str(extra["pattern"]).strip("^$")
    if not nullable:
        constraints["required"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def datapackage(manifest: Manifest) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of a release."""
    files = {f.path: f for f in manifest.files}
    resources = []
    for table in TABLES:
        model = MODELS[table]
        entry = files[f"{table}.jsonl"]
        schema: dict[str, Any] = {
            "fields": [_field(name, model) for name in model.model_fields],
            "primaryKey": ["id"],
        }
        keys = [
            {
                "fields": [name],
                "reference": {"resource": "" if target == table else target, "fields": ["id"]},
            }
            for name, target in FOREIGN_KEYS.get(table, [])
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table,
                "type": "table",
                "path": entry.path,
                "scheme": "file",
                "format": "jsonl",
                "mediatype": "application/jsonl",
                "encoding": "utf-8",
                "title": (model.__doc__ or table).strip().splitlines()[0],
                "hash": f"sha256:{entry.sha256}",
                "bytes": entry.bytes,
                "schema": schema,
            }
        )
    return {
        "name": "newsfacts",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": manifest.version,
        "licenses": LICENSES,
        "sources": [{"title": "Newspaper pages: see the sources table for each page"}],
        "keywords": ["information extraction", "fact checking", "Chinese", "news", "provenance"],
        "resources": resources,
    }


_CROISSANT_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
}
_CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _croissant_field(
    field_id: str,
    name: str,
    model: type[BaseModel],
    file: str,
    column: str,
    path: str | None,
) -> dict[str, Any]:
    """A Croissant field; nested models become subFields read with a jsonPath transform."""
    info = model.model_fields[name]
    tp, _ = unwrap(info.annotation)
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": field_id,
        "name": name,
        "description": info.description or "",
    }
    if get_origin(tp) is list:
        field["repeated"] = True
        tp, _ = unwrap(get_args(tp)[0])
    source: dict[str, Any] = {"fileObject": {"@id": file}, "extract": {"column": column}}
    if path is not None:
        source["transform"] = {"jsonPath": path}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field["subField"] = [
            _croissant_field(
                f"{field_id}/{sub}", sub, tp, file, column, sub if path is None else f"{path}.{sub}"
            )
            for sub in tp.model_fields
        ]
        return field
    kind = "string" if get_origin(tp) is Literal else _SIMPLE[tp]
    # a JSON Lines reader (pandas) turns a column named "date" into timestamps: say so
    field["dataType"] = "sc:Date" if name == "date" else _CROISSANT_TYPES[kind]
    field["source"] = source
    return field


def croissant(manifest: Manifest) -> dict[str, Any]:
    """The Croissant 1.0 description of a release.

    Scalar fields are Croissant fields of their type; lists are repeated fields; nested records
    (spans, bylines, mentions ...) are fields with subFields, each read from its column with a
    jsonPath transform.
    """
    files = {f.path: f for f in manifest.files}
    distribution = []
    record_sets = []
    for table in TABLES:
        entry = files[f"{table}.jsonl"]
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": entry.path,
                "name": entry.path,
                "description": f"The {table} table, one JSON object a line.",
                "contentUrl": entry.path,
                "encodingFormat": "application/jsonlines",
                "sha256": entry.sha256,
            }
        )
        model = MODELS[table]
        fields = [
            _croissant_field(f"{table}/{name}", name, model, entry.path, name, None)
            for name in model.model_fields
        ]
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": table,
                "name": table,
                "description": (model.__doc__ or table).strip().splitlines()[0],
                "key": {"@id": f"{table}/id"},
                "field": fields,
            }
        )
    return {
        "@context": _CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "name": "newsfacts",
        "description": DESCRIPTION,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": f"newsfacts {manifest.version}. {TITLE}.",
        "license": LICENSES[0]["path"],
        "url": "https://pypi.org/project/newsfacts/",
        "version": manifest.version,
        "datePublished": RELEASE_DATE,
        "inLanguage": "zh",
        "keywords": ["information extraction", "fact checking", "Chinese", "news"],
        "distribution": distribution,
        "recordSet": record_sets,
    }


def metadata_json(data: dict[str, Any]) -> str:
    """A metadata document as written into a release."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
