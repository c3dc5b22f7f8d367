"""The records of the four tables (sources, articles, facts, entities) and of the manifest.

These models are the single source of truth. The JSON Schemas in ``schemas/``, the Arrow
schemas of the Parquet files and the field reference are all generated from them.
"""

from __future__ import annotations

import math
import types
import typing
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

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
from newsfacts.models.vocabulary import (
    ARTICLE_ID,
    ENTITY_ID,
    FACT_ID,
    INT64_MAX,
    ISO_DATE,
    KIND_ALLOWED,
    KIND_FIELDS_ALL,
    KIND_FORBIDDEN,
    KIND_REQUIRED,
    SOURCE_ID,
    EntityType,
    FactKind,
    Genre,
    Measure,
    Precision,
    Qualifier,
    Review,
    Split,
    Unit,
)

__all__ = [
    "MODELS",
    "TABLES",
    "Article",
    "Entity",
    "Fact",
    "FileEntry",
    "Manifest",
    "Source",
    "model_schema_extra",
    "unwrap",
]


#: Whether a curator has read a record against the page: the same field on every table that
#: a draft proposes (articles, facts, entities).
Reviewed = Annotated[
    Review,
    Field(
        description="accepted: a curator read it against the page; draft: a machine's proposal, "
        "not reviewed yet."
    ),
]


class Source(Record):
    """A raw source text, kept verbatim; the root of every provenance chain."""

    id: str = Field(pattern=SOURCE_ID, description="Stable id: 's-' and the sha256's first 8 hex.")
    title: str = Field(min_length=1, description="A descriptive title of the source.")
    publisher: str | None = Field(description="The newspaper (see inferred).")
    date: str | None = Field(
        json_schema_extra=ISO_DATE, description="Publication date, ISO 8601 (see inferred)."
    )
    place: str | None = Field(description="Where the paper is published.")
    language: str = Field(description="BCP 47 language tag of the text.")
    path: str = Field(description="File of the raw source, relative to the dataset directory.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the raw file's bytes.")
    text: str = Field(description="The raw text, verbatim (offsets of segments and edits).")
    license: str = Field(min_length=1, description="Licence or copyright status of the text.")
    inferred: list[Inference] = Field(description="Fields whose values are inferred, and why.")
    notes: str | None = Field(description="What a user should know about the source.")
    split: Split = Field(
        description="Page-level split, by the source id: test where its 8 hex digits are "
        "divisible by 4, train otherwise (newsfacts.models.page_split)."
    )

    _date = field_validator("date")(check_date)


class Article(Record):
    """One item of the page: its printed furniture, its body text and how it was made."""

    id: str = Field(pattern=ARTICLE_ID, description="Stable id: 'a-', source hash, item number.")
    source_id: str = Field(pattern=SOURCE_ID, description="The source the article is cut from.")
    headline: str | None = Field(
        description="The headline as printed (lines joined by one space), or null if none printed."
    )
    title: str = Field(min_length=1, description="Display title: the headline, or editorial.")
    title_editorial: bool = Field(description="True where the title was written by the curators.")
    kicker: str | None = Field(description="Label printed above the headline (栏目/眉题).")
    overline: str | None = Field(description="Line printed above the headline (引题).")
    subheadline: str | None = Field(description="Line printed below the headline (副题).")
    series: str | None = Field(description="The series the article belongs to, as printed.")
    series_number: int | None = Field(
        ge=1, le=INT64_MAX, description="The article's number in its series."
    )
    genre: Genre = Field(description="news, feature, photo, ...")
    dateline: str | None = Field(description="Dateline as printed (本报讯), or null.")
    bylines: list[Byline] = Field(description="Credited people in printed order.")
    text: str = Field(min_length=1, description="Body: segments joined, edits applied.")
    sections: list[Section] = Field(description="Section headings of the text, in order.")
    segments: list[Segment] = Field(
        min_length=1,
        description="Source spans of the body in reading order, joined by a blank line.",
    )
    edits: list[Edit] = Field(description="Every difference between source and text.")
    elements: list[Element] = Field(description="Printed elements outside the body.")
    flags: list[Flag] = Field(description="Known defects and doubts.")
    related: list[Annotated[str, Field(pattern=ARTICLE_ID)]] = Field(
        description="Ids of articles reporting the same occasion."
    )
    notes: str | None = Field(description="Curators' reasoning about the article's cut.")
    review: Reviewed


class Fact(Record):
    """A statement of the page: a quantity, a dated event, a relation, or a derived check.

    One flat record for every kind, so that all facts share one table; fields that do not
    belong to a fact's kind are null (the model and the JSON Schema both enforce this).
    """

    id: str = Field(pattern=FACT_ID, description="Stable id: article id's tail and a number.")
    article_id: str = Field(pattern=ARTICLE_ID, description="The article stating the fact.")
    kind: FactKind = Field(description="quantity, event, relation or derived.")
    subject: str = Field(min_length=1, description="What the fact is about, in the page's words.")
    predicate: str = Field(min_length=1, description="A short Chinese label of what is stated.")
    predicate_en: str = Field(min_length=1, description="English gloss of the predicate.")
    evidence: Span = Field(description="The span of the article text that states the fact.")
    # quantity (and derived)
    value: float | None = Field(description="The number in base units (万, 亿 applied).")
    unit: Unit | None = Field(description="Unit from a closed vocabulary.")
    counted: str | None = Field(description="What a count counts (enterprise, base station).")
    value_text: str | None = Field(description="The number as printed, inside the evidence.")
    qualifier: Qualifier | None = Field(description="exact, approximately, more_than, ...")
    measure: Measure | None = Field(description="level, change, growth_rate, share, ...")
    baseline: str | None = Field(description="What a change is measured against, as printed.")
    period_start: str | None = Field(
        json_schema_extra=ISO_DATE, description="Start of the period (ISO date)."
    )
    period_end: str | None = Field(
        json_schema_extra=ISO_DATE, description="End of the period (ISO date)."
    )
    as_of: str | None = Field(
        json_schema_extra=ISO_DATE, description="Date the value holds at (ISO date)."
    )
    time_precision: Precision | None = Field(description="Precision of the time fields.")
    place: str | None = Field(description="Where the fact holds.")
    # event
    date: str | None = Field(
        json_schema_extra=ISO_DATE, description="When the event happened (ISO date)."
    )
    participants: list[str] = Field(description="Who took part, as printed.")
    organizers: list[str] = Field(description="Who organised it, as printed.")
    # relation
    subject_entity: str | None = Field(pattern=ENTITY_ID, description="Subject entity id.")
    object_entity: str | None = Field(pattern=ENTITY_ID, description="Object entity id.")
    object_text: str | None = Field(description="The object as printed.")
    # derived
    inputs: list[Annotated[str, Field(pattern=FACT_ID)]] = Field(
        description="Ids of the facts a derived fact is computed from."
    )
    formula: str | None = Field(
        description="How a derived value follows from its inputs' values, bound in order to "
        "a, b, c ...: numbers, + - * / and parentheses (e.g. '(b - a) / 3')."
    )
    consistent: bool | None = Field(
        description="Whether the page's own figures agree; null where it states nothing to "
        "compare with."
    )
    notes: str | None = Field(description="How the value was read or computed.")
    review: Reviewed

    _dates = field_validator("period_start", "period_end", "as_of", "date")(check_date)

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("value must be a finite number")
        return value

    @model_validator(mode="after")
    def _by_kind(self) -> Fact:
        fields = self.__dict__
        missing = [name for name in KIND_REQUIRED[self.kind] if fields[name] in (None, [])]
        if missing:
            raise PydanticCustomError(
                "kind_fields",
                "a {kind} fact needs {fields}",
                {"kind": self.kind, "fields": ", ".join(missing)},
            )
        foreign = [name for name in KIND_FORBIDDEN[self.kind] if fields[name] not in (None, [])]
        if foreign:
            raise PydanticCustomError(
                "kind_fields",
                "a {kind} fact has no {fields}",
                {"kind": self.kind, "fields": ", ".join(foreign)},
            )
        return self


class Entity(Record):
    """A person, organisation, place or named work, with every mention on the page."""

    id: str = Field(pattern=ENTITY_ID, description="Stable readable id: 'e-' and a slug.")
    type: EntityType = Field(description="person, organization, location, work, ...")
    name: str = Field(min_length=1, description="Canonical name.")
    aliases: list[str] = Field(description="Other forms as printed (short names, misprints).")
    mentions: list[Mention] = Field(description="Every mention, as article spans.")
    posts: list[str] = Field(description="Posts the page gives a person, as printed.")
    parent: str | None = Field(pattern=ENTITY_ID, description="Parent organisation or place.")
    description: str | None = Field(description="What the page says of it.")
    review: Reviewed


class FileEntry(Record):
    """One file of a release, as the manifest records it."""

    path: str = Field(
        pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)*$",
        description="Path relative to the release directory (no '..', not absolute).",
    )
    table: str = Field(description="The table the file holds.")
    format: Literal["jsonl", "parquet", "csv"] = Field(description="jsonl, parquet or csv.")
    rows: int = Field(ge=0, le=INT64_MAX, description="Number of records.")
    bytes: int = Field(ge=0, le=INT64_MAX, description="Size in bytes.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the file's bytes.")


class Manifest(Record):
    """What a release holds: its version and every file with its size, hash and row count."""

    name: Literal["newsfacts"] = Field(description="The dataset's name.")
    version: str = Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$", description="Dataset version.")
    files: list[FileEntry] = Field(description="Every data file of the release.")


#: The tables of a release, in the order they are written and reported, and their models.
TABLES: tuple[str, ...] = ("sources", "articles", "facts", "entities")
MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "articles": Article,
    "facts": Fact,
    "entities": Entity,
}


def unwrap(annotation: Any, *, keep_annotated: bool = False) -> tuple[Any, bool]:
    """The type a field annotation holds, without ``| None`` (and without ``Annotated[...]``
    unless ``keep_annotated``), and whether it admits None."""
    nullable = False
    while True:
        origin = get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(get_args(annotation))
            (annotation,) = args
        elif origin is Annotated and not keep_annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation, nullable


def model_schema_extra(model: type[BaseModel]) -> dict[str, Any]:
    """Conditions the JSON Schema adds to a model beyond its fields (facts by kind)."""
    if model is not Fact:
        return {}
    empty = {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}
    rules = []
    for kind, allowed in KIND_ALLOWED.items():
        props: dict[str, Any] = {name: empty for name in sorted(KIND_FIELDS_ALL - allowed)}
        props.update({name: {"not": empty} for name in KIND_REQUIRED[kind]})
        rules.append(
            {"if": {"properties": {"kind": {"const": kind}}}, "then": {"properties": props}}
        )
    return {"allOf": rules}
