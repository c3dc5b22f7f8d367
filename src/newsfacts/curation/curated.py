"""The shape of the curated files, checked before any quote is resolved.

A curated file that is not shaped as ``docs/curation.md`` describes (a misspelt key, a number
where a quote belongs, a string where a list belongs) is reported with the file and the field,
never half-read. What the fields mean is checked later, by the record models.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsfacts.models import Confidence, EditKind, FlagType, Genre, Review, Role
from newsfacts.models.messages import describe, json_path

__all__ = ["CuratedArticle", "CuratedEntities", "CuratedSource"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Open(BaseModel):
    """Keys beyond the ones named here are passed on to the record model, which checks them."""

    model_config = ConfigDict(extra="allow", strict=True)


class CuratedSegment(_Strict):
    start: str = Field(min_length=1)
    end: str = Field(min_length=1)


class CuratedEdit(_Strict):
    kind: EditKind
    quote: str = Field(min_length=1)
    after: str
    confidence: Confidence
    rationale: str = Field(min_length=1)
    reference: str | None = None


class CuratedFlag(_Strict):
    type: FlagType
    note: str = Field(min_length=1)
    quote: str | None = None


class CuratedByline(_Strict):
    printed: str = Field(min_length=1)
    role: Role
    role_printed: str | None = None


class CuratedFact(_Open):
    id: int = Field(ge=1)
    status: Review | None = None
    evidence: str = Field(min_length=1)
    inputs: list[int] = []


class CuratedArticle(_Strict):
    number: int = Field(ge=1, le=99)
    genre: Genre
    kicker: str | None = None
    overline: str | None = None
    subheadline: str | None = None
    headline: list[str] = []
    title: str | None = None
    series: str | None = None
    series_number: int | None = None
    series_printed: str | None = None
    dateline: str | None = None
    byline: str | None = None
    bylines: list[CuratedByline] = []
    related: list[int] = []
    notes: str | None = None
    #: ``draft`` for a machine's proposal (``newsfacts draft``), ``accepted`` once a curator has
    #: read it against the page; a fact without its own status takes its article's.
    status: Review = "accepted"
    segments: list[CuratedSegment] = Field(min_length=1)
    edits: list[CuratedEdit] = []
    flags: list[CuratedFlag] = []
    facts: list[CuratedFact] = []


class CuratedSource(_Open):
    file: str = Field(pattern=r"^[^/\\.][^/\\]*$", description="A file name in sources/.")


class CuratedMention(_Strict):
    article: str
    quote: str = Field(min_length=1)
    every: bool = False


class CuratedEntity(_Open):
    status: Review = "accepted"
    mentions: list[CuratedMention] = []


class CuratedEntities(_Strict):
    entities: list[CuratedEntity] = []


def shape_errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, str]]:
    """``(JSON path, message)`` for every way ``data`` is not shaped as ``model`` says."""
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [(json_path(tuple(err["loc"])), describe(err, model)) for err in exc.errors()]
    return []
