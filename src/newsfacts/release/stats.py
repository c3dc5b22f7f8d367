"""Summaries of a loaded release: counts by table and by the fields users slice on."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsfacts.models import TABLES
from newsfacts.release.loader import Dataset

__all__ = ["summarise"]


def summarise(ds: Dataset) -> dict[str, Any]:
    """Counts of a release: records per table, articles by genre and flag, facts by kind."""

    def count(values: Any) -> dict[str, int]:
        return dict(sorted(Counter(values).items()))

    return {
        "version": ds.version,
        "records": {name: len(getattr(ds, name)) for name in TABLES},
        "review": {
            name: count(r.review for r in getattr(ds, name))
            for name in ("articles", "facts", "entities")
        },
        "articles": {
            "by_genre": count(a.genre for a in ds.articles),
            "by_flag": count(f.type for a in ds.articles for f in a.flags),
            "edits_by_kind": count(e.kind for a in ds.articles for e in a.edits),
            "segments": sum(len(a.segments) for a in ds.articles),
            "characters": sum(len(a.text) for a in ds.articles),
        },
        "facts": {
            "by_kind": count(f.kind for f in ds.facts),
            "by_unit": count(f.unit for f in ds.facts if f.unit),
        },
        "entities": {
            "by_type": count(e.type for e in ds.entities),
            "mentions": sum(len(e.mentions) for e in ds.entities),
        },
    }


def render(summary: dict[str, Any]) -> str:
    """The summary as text for people."""
    version = summary["version"] or "(a release without a manifest)"
    lines = [f"newsfacts {version}"]
    lines.append("  " + ", ".join(f"{n} {t}" for t, n in summary["records"].items()))
    reviewed = ", ".join(
        f"{table} " + " and ".join(f"{n} {state}" for state, n in states.items())
        for table, states in summary["review"].items()
    )
    lines.append(f"  review: {reviewed}")
    for table in ("articles", "facts", "entities"):
        for key, value in summary[table].items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
            lines.append(f"  {table} {key.replace('_', ' ')}: {value}")
    return "\n".join(lines)
