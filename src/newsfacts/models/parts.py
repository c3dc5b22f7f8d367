"""The parts records are made of: the base record, spans (offsets and quotes into a text),
segments and edits of a page, bylines, sections, elements, flags and inferences.

Offsets are 0-based, end-exclusive and counted in Unicode code points, as in the W3C Web
Annotation TextPositionSelector; ``exact``/``prefix``/``suffix`` form its TextQuoteSelector.
"""

from __future__ import annotations

import datetime as _dt

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from newsfacts.models.vocabulary import (
    ARTICLE_ID,
    CONTEXT,
    DATE,
    INT64_MAX,
    Confidence,
    EditKind,
    ElementRole,
    FlagType,
    Role,
)

__all__ = [
    "Byline",
    "Edit",
    "Element",
    "Flag",
    "Inference",
    "Mention",
    "Record",
    "Section",
    "Segment",
    "Span",
    "check_date",
]


class Record(BaseModel):
    """Base of every record: unknown fields are rejected, values are checked on assignment."""

    model_config = ConfigDict(
        extra="forbid", strict=True, validate_assignment=True, allow_inf_nan=False
    )


def check_date(value: str | None) -> str | None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar date."""
    if value is None:
        return value
    if not DATE.match(value):
        raise PydanticCustomError(
            "invalid_date",
            "{value} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
            {"value": repr(value)},
        )
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        _dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise PydanticCustomError(
            "invalid_date", "{value} is not a date of the calendar", {"value": repr(value)}
        ) from None
    return value


class Span(Record):
    """A span of an article's text: position and quote selectors of the W3C Web Annotation model."""

    start: int = Field(
        ge=0, le=INT64_MAX, description="Offset of the first code point in the article text."
    )
    end: int = Field(
        ge=0, le=INT64_MAX, description="Offset one past the last code point (end-exclusive)."
    )
    exact: str = Field(min_length=1, description="The spanned text: text[start:end] == exact.")
    prefix: str = Field(description=f"Up to {CONTEXT} code points of text before the span.")
    suffix: str = Field(description=f"Up to {CONTEXT} code points of text after the span.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end - self.start != len(self.exact):
            raise PydanticCustomError("span_length", "end - start must equal the length of exact")
        return self


class Mention(Span):
    """An entity's mention: a span of one article's text."""

    article_id: str = Field(pattern=ARTICLE_ID, description="The article whose text is spanned.")


class Segment(Record):
    """A contiguous run of the source that belongs to an article, in reading order."""

    start: int = Field(ge=0, le=INT64_MAX, description="Source offset where the segment starts.")
    end: int = Field(ge=0, le=INT64_MAX, description="Source offset one past the segment's end.")


class Edit(Record):
    """A recorded difference between the source characters and the article text."""

    kind: EditKind = Field(
        description="column_break: a layout break inside a word or sentence removed; misprint: "
        "a misprinted character corrected; markup: conversion markup (##, **) removed; padding: "
        "layout padding removed."
    )
    start: int = Field(ge=0, le=INT64_MAX, description="Source offset of the replaced characters.")
    end: int = Field(
        ge=0, le=INT64_MAX, description="Source offset one past the replaced characters."
    )
    before: str = Field(description="What the source holds at [start, end).")
    after: str = Field(description="What the article text holds instead.")
    confidence: Confidence = Field(description="certain, or probable where a reader could differ.")
    rationale: str = Field(min_length=1, description="Why the edit was made.")
    reference: str | None = Field(
        description="Public evidence for a correction, where there is any."
    )


class Byline(Record):
    """A credited person."""

    name: str = Field(min_length=1, description="The name without the layout's padding spaces.")
    printed: str = Field(min_length=1, description="The name exactly as printed (e.g. '申 波').")
    role: Role = Field(description="What the person did for the article.")
    role_printed: str | None = Field(
        description="The role as printed (记者, 摄影报道), or null where the role is inferred "
        "from the paper's convention (a name in parentheses closes a 本报讯 item)."
    )


class Section(Record):
    """A section heading inside an article's text (headings are paragraphs of their own)."""

    heading: str = Field(min_length=1, description="The heading as it stands in the text.")
    start: int = Field(ge=0, le=INT64_MAX, description="Text offset of the heading.")
    end: int = Field(ge=0, le=INT64_MAX, description="Text offset one past the heading.")


class Element(Record):
    """A printed element outside the body (headline line, kicker, byline ...) in the source."""

    role: ElementRole = Field(description="What the element is.")
    start: int = Field(ge=0, le=INT64_MAX, description="Source offset of the element.")
    end: int = Field(ge=0, le=INT64_MAX, description="Source offset one past the element.")
    exact: str = Field(min_length=1, description="The element as printed: source[start:end].")


class Flag(Record):
    """A known defect or doubt about an article, for users to weigh."""

    type: FlagType = Field(description="The kind of defect.")
    note: str = Field(min_length=1, description="What is wrong or doubtful, and what was done.")
    span: Span | None = Field(description="Where in the article text, if it has a place.")


class Inference(Record):
    """A metadata value the page does not print, inferred by the curators."""

    field: str = Field(min_length=1, description="The inferred field of the record.")
    confidence: Confidence = Field(description="How sure the inference is.")
    reason: str = Field(min_length=1, description="The evidence for the inferred value.")
