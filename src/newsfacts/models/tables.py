"""The records of a release held in memory, by table: what a build or a generator produces and
a writer writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsfacts.models.records import Article, Entity, Fact, Source

__all__ = ["Tables"]


@dataclass
class Tables:
    """The records of a release, by table, sorted by id."""

    sources: list[Source] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[Any]]:
        return {
            "sources": self.sources,
            "articles": self.articles,
            "facts": self.facts,
            "entities": self.entities,
        }
