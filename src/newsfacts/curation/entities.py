"""Entities from their curated files: each mention a quote resolved in its article's text."""

from __future__ import annotations

import sys
from pathlib import Path

from newsfacts.curation.curated import CuratedEntities
from newsfacts.models import Entity
from newsfacts.text.spans import (
    make_span,
)

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass

from newsfacts.curation.articles import load_toml
from newsfacts.curation.problems import Problems

__all__ = ["build_entities"]


def build_entities(
    path: Path, problems: Problems, texts: dict[str, str], failed: set[str]
) -> list[tuple[str, Entity]]:
    """The entities of a curated file, with the JSON path each is curated at."""
    entities: list[tuple[str, Entity]] = []
    data = load_toml(path, problems, empty=True)
    if not problems.shape(path, CuratedEntities, data):
        return entities
    for i, spec in enumerate(data.get("entities", [])):
        at = f"$.entities[{i}]"
        mentions = []
        places: dict[tuple[str, int, int], int] = {}
        for j, m in enumerate(spec.get("mentions", [])):
            article_id = m.get("article", "")
            if article_id in failed:
                continue  # that article's own problems are reported; its mentions wait for it
            if article_id not in texts:
                problems.add(path, f"{at}.mentions[{j}].article", f"no article {article_id!r}")
                continue
            text = texts[article_id]
            for start, end in problems.quote(
                path,
                f"{at}.mentions[{j}].quote",
                text,
                m.get("quote", ""),
                every=m.get("every", False),
            ):
                place = (article_id, start, end)
                if place in places:
                    problems.add(
                        path,
                        f"{at}.mentions[{j}]",
                        f"names the mention {text[start:end]!r} of {article_id} at {start}-{end} "
                        f"that {at}.mentions[{places[place]}] names already",
                    )
                    continue
                places[place] = j
                mentions.append(
                    {"article_id": article_id, **make_span(text, start, end).model_dump()}
                )
        body = {k: v for k, v in spec.items() if k not in ("mentions", "status")}
        body["review"] = spec.get("status", "accepted")
        body["mentions"] = sorted(mentions, key=lambda m: (m["article_id"], m["start"]))
        for name, default in (
            ("aliases", []),
            ("posts", []),
            ("parent", None),
            ("description", None),
        ):
            body.setdefault(name, default)
        entity = problems.model(path, at, Entity, body)
        if entity:
            entities.append((at, entity))
    return entities
