"""The record contract: the ground floor of newsfacts.

What it is for: the pydantic models of every table of a release (sources, articles, facts,
entities) and of its manifest, the vocabularies they draw codes from, and how a model's
complaint is told to a person (``messages``).

What it may import: pydantic and the standard library; nothing else of newsfacts.

What it offers: the models, their vocabularies (``Unit``, ``Qualifier``, ``Genre`` ...), the id
patterns, ``TABLES`` and ``MODELS`` (the tables in order and their models), ``Tables`` (a
release's records in memory) and ``unwrap``."""

from newsfacts.models.parts import (
    Byline,
    Edit,
    Element,
    Flag,
    Inference,
    Mention,
    Record,
    Section,
    Segment,
    Span,
    check_date,
)
from newsfacts.models.records import (
    MODELS,
    TABLES,
    Article,
    Entity,
    Fact,
    FileEntry,
    Manifest,
    Source,
    model_schema_extra,
    unwrap,
)
from newsfacts.models.tables import Tables
from newsfacts.models.vocabulary import (
    ARTICLE_ID,
    CONTEXT,
    ENTITY_ID,
    FACT_ID,
    KIND_ALLOWED,
    KIND_FIELDS_ALL,
    KIND_FORBIDDEN,
    KIND_REQUIRED,
    SOURCE_ID,
    Confidence,
    EditKind,
    ElementRole,
    EntityType,
    FactKind,
    FlagType,
    Genre,
    Measure,
    Precision,
    Qualifier,
    Review,
    Role,
    Unit,
)

__all__ = [
    "ARTICLE_ID",
    "CONTEXT",
    "ENTITY_ID",
    "FACT_ID",
    "KIND_ALLOWED",
    "KIND_FIELDS_ALL",
    "KIND_FORBIDDEN",
    "KIND_REQUIRED",
    "MODELS",
    "SOURCE_ID",
    "TABLES",
    "Article",
    "Byline",
    "Confidence",
    "Edit",
    "EditKind",
    "Element",
    "ElementRole",
    "Entity",
    "EntityType",
    "Fact",
    "FactKind",
    "FileEntry",
    "Flag",
    "FlagType",
    "Genre",
    "Inference",
    "Manifest",
    "Measure",
    "Mention",
    "Precision",
    "Qualifier",
    "Record",
    "Review",
    "Role",
    "Section",
    "Segment",
    "Source",
    "Span",
    "Tables",
    "Unit",
    "check_date",
    "model_schema_extra",
    "unwrap",
]
