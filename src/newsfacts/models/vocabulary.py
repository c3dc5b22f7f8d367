"""The vocabularies of the record contract: id patterns, the closed sets of codes (units,
qualifiers, genres, roles ...), the date pattern, and which fields each kind of fact takes.
"""

from __future__ import annotations

import re
from typing import Any, Literal

__all__ = [
    "ARTICLE_ID",
    "CONTEXT",
    "DATE",
    "ENTITY_ID",
    "FACT_ID",
    "INT64_MAX",
    "ISO_DATE",
    "KIND_ALLOWED",
    "KIND_FIELDS_ALL",
    "KIND_FORBIDDEN",
    "KIND_REQUIRED",
    "SOURCE_ID",
    "Confidence",
    "EditKind",
    "ElementRole",
    "EntityType",
    "FactKind",
    "FlagType",
    "Genre",
    "Measure",
    "Precision",
    "Qualifier",
    "Role",
    "Split",
    "Unit",
    "page_split",
]

#: The largest integer a record may hold: Arrow and Parquet hold integers in 64 bits, and so
#: do the loaders of every language that reads the release.
INT64_MAX = 2**63 - 1

#: Id patterns. Ids are readable, stable and never reused.
SOURCE_ID = r"^s-[0-9a-f]{8}$"
ARTICLE_ID = r"^a-[0-9a-f]{8}-[0-9]{2,}$"
FACT_ID = r"^f-[0-9a-f]{8}-[0-9]{2,}-[0-9]{3,}$"
ENTITY_ID = r"^e-[a-z0-9]+(?:-[a-z0-9]+)*$"

#: Number of code points kept as TextQuoteSelector context on each side.
CONTEXT = 12

Confidence = Literal["certain", "probable"]
#: Whether a curator has read a record against the page (accepted) or it is a machine's
#: proposal nobody has reviewed yet (draft).
Review = Literal["draft", "accepted"]
Precision = Literal["year", "month", "day"]
Genre = Literal["news", "feature", "photo", "brief", "interview", "commentary"]
Role = Literal["reporter", "photographer", "correspondent", "author", "editor"]
EditKind = Literal["column_break", "misprint", "markup", "padding"]
FlagType = Literal[
    "headline_missing",
    "byline_missing",
    "truncated_start",
    "continued",
    "doubtful_reading",
    "missing_word",
    "source_error",
]
ElementRole = Literal["kicker", "overline", "headline", "subheadline", "series", "byline"]
FactKind = Literal["quantity", "event", "relation", "derived"]
EntityType = Literal["person", "organization", "location", "work", "event", "product", "other"]
Qualifier = Literal[
    "exact", "approximately", "more_than", "at_least", "less_than", "at_most", "range"
]
#: Units of quantities (newsfacts.text.quantity reads all of them but per_10000_people).
Unit = Literal[
    "dimensionless",
    "count",
    "per_10000_people",
    "ordinal",
    "times",
    "person_time",
    "percent",
    "percentage_point",
    "permille",
    "fold",
    "CNY",
    "USD",
    "HKD",
    "EUR",
    "JPY",
    "GBP",
    "AUD",
    "CAD",
    "CHF",
    "INR",
    "KRW",
    "MOP",
    "MYR",
    "NZD",
    "RUB",
    "SGD",
    "THB",
    "TWD",
    "VND",
    "metre",
    "km",
    "m2",
    "km2",
    "mu",
    "hectare",
    "kg",
    "tonne",
    "kW",
    "MW",
    "GW",
    "kWh",
    "PFLOPS",
    "EFLOPS",
    "year",
    "calendar_year",
    "month",
    "calendar_month",
    "day",
    "hour",
    "age_years",
]
Measure = Literal[
    "level",
    "change",
    "growth_rate",
    "average_growth_rate",
    "average_change",
    "share",
    "ratio",
    "rank",
    "count",
]

_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DATE = re.compile(_DATE_PATTERN)
#: What the JSON Schema states of a date field (check_date also rejects 2025-02-30).
ISO_DATE: dict[str, Any] = {"pattern": _DATE_PATTERN}

_QUANTITY = {
    "value",
    "unit",
    "counted",
    "value_text",
    "qualifier",
    "measure",
    "baseline",
    "period_start",
    "period_end",
    "as_of",
    "time_precision",
    "place",
}
_EVENT = {"date", "place", "participants", "organizers", "time_precision"}
_RELATION = {"subject_entity", "object_entity", "object_text", "date", "time_precision"}
_DERIVED = _QUANTITY | {"inputs", "formula", "consistent"}
KIND_FIELDS_ALL = _QUANTITY | _EVENT | _RELATION | _DERIVED
KIND_ALLOWED: dict[str, set[str]] = {
    "quantity": _QUANTITY,
    "event": _EVENT,
    "relation": _RELATION,
    "derived": _DERIVED,
}
#: Fields that must be null (or empty) in a fact of each kind, in a stable order.
KIND_FORBIDDEN: dict[str, tuple[str, ...]] = {
    kind: tuple(sorted(KIND_FIELDS_ALL - allowed)) for kind, allowed in KIND_ALLOWED.items()
}
KIND_REQUIRED: dict[str, tuple[str, ...]] = {
    "quantity": ("value", "unit", "value_text", "qualifier"),
    "event": ("date",),
    "relation": ("subject_entity",),
    "derived": ("value", "unit", "inputs", "formula"),
}


#: The page-level split a source belongs to, so that results on the dataset are comparable.
Split = Literal["train", "test"]


def page_split(source_id: str) -> Split:
    """The split of a source, by its id alone: ``test`` where the number of its id's eight hex
    digits is divisible by 4 (about a quarter of the pages), ``train`` otherwise. Every record
    of a page follows its source, so no page is in both."""
    return "test" if int(source_id.removeprefix("s-"), 16) % 4 == 0 else "train"
