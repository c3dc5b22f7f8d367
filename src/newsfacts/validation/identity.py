"""Identity checks: ids used once across the release, and references that name a record."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfacts.models import Article, Entity, Fact, Source
from newsfacts.validation.report import Report
from newsfacts.validation.rows import Row

__all__ = ["Index", "check_ids", "check_ref"]


@dataclass
class Index:
    """What cross-record checks look up: the valid records by id, built once."""

    sources: dict[str, Source] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    #: Every id a record carries, valid or not: a reference to a broken record is not dangling
    #: (the broken record is reported itself).
    present: set[str] = field(default_factory=set)


def check_ids(rows: list[Row], report: Report, seen: dict[str, str]) -> None:
    for row in rows:
        rid = row.record_id
        if rid is None or row.model is None:
            continue
        here = f"{row.file}:{row.line}"
        if rid in seen:
            report.add(
                "duplicate-id",
                f"id {rid} is used again (first at {seen[rid]})",
                **row.at(),
                field="$.id",
            )
        else:
            seen[rid] = here


def check_ref(report: Report, row: Row, path: str, target: str | None, index: Index) -> None:
    if target is not None and target not in index.present:
        report.add(
            "dangling-reference",
            f"{path} names {target}, which does not exist",
            **row.at(),
            field=path,
        )
