"""Compare two releases by id: records added, removed and changed, field by field, and the
semantic-version bump the changes imply. This is how the CHANGELOG's Data section is written.

Records are compared as the JSON objects of their JSONL lines, not as models, so that releases
of different schema versions can be compared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.models import TABLES
from newsfacts.reading import LoadError, check_file, json_lines

__all__ = ["Change", "DiffError", "ReleaseDiff", "diff_releases"]


class DiffError(Exception):
    """A folder that cannot be compared: not a release, or a line that is not a record."""


BUMPS = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class Change:
    """One field of one record that differs between the releases."""

    table: str
    id: str
    field: str
    old: Any
    new: Any


@dataclass
class ReleaseDiff:
    """What changed from ``old`` to ``new``."""

    old: str
    new: str
    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    changed: list[Change] = field(default_factory=list)
    fields_added: dict[str, list[str]] = field(default_factory=dict)
    fields_removed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bump(self) -> str:
        """major: fields or records removed; minor: records or fields added; patch: values
        corrected; none: nothing changed."""
        if any(self.fields_removed.values()) or any(self.removed.values()):
            return "major"
        if any(self.fields_added.values()) or any(self.added.values()):
            return "minor"
        return "patch" if self.changed else "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "bump": self.bump,
            "added": self.added,
            "removed": self.removed,
            "fields_added": self.fields_added,
            "fields_removed": self.fields_removed,
            "changed": [
                {"table": c.table, "id": c.id, "field": c.field, "old": c.old, "new": c.new}
                for c in self.changed
            ],
        }

    def to_text(self) -> str:
        bump = "no change" if self.bump == "none" else f"{self.bump} change"
        lines = [f"{self.old} -> {self.new}: {bump}"]
        for table in TABLES:
            added, removed = self.added.get(table, []), self.removed.get(table, [])
            changed = sorted({c.id for c in self.changed if c.table == table})
            if added or removed or changed:
                lines.append(
                    f"  {table}: {len(added)} added, {len(removed)} removed, {len(changed)} changed"
                )
            for name in self.fields_added.get(table, []):
                lines.append(f"    field added: {name}")
            for name in self.fields_removed.get(table, []):
                lines.append(f"    field removed: {name}")
            lines += [f"    + {rid}" for rid in added]
            lines += [f"    - {rid}" for rid in removed]
            for c in self.changed:
                if c.table == table:
                    lines.append(f"    ~ {c.id} {c.field}: {_short(c.old)} -> {_short(c.new)}")
        return "\n".join(lines)


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _records(root: Path, table: str) -> dict[str, dict[str, Any]]:
    path = root / f"{table}.jsonl"
    if check_file(path, root) == "no such file":
        raise DiffError(f"{root} is not a release: it has no {table}.jsonl")
    records = {}
    try:
        for number, record in json_lines(path, root):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise DiffError(
                    f"{path}:{number}: not a record with an id"
                    f" (run 'newsfacts validate {root}' first)"
                )
            records[record["id"]] = record
    except LoadError as exc:
        raise DiffError(str(exc)) from None
    return records


def diff_releases(old: str | Path, new: str | Path) -> ReleaseDiff:
    """The differences between the release directories ``old`` and ``new``."""
    result = ReleaseDiff(old=str(old), new=str(new))
    for table in TABLES:
        before, after = _records(Path(old), table), _records(Path(new), table)
        result.added[table] = sorted(after.keys() - before.keys())
        result.removed[table] = sorted(before.keys() - after.keys())
        old_fields = {k for r in before.values() for k in r}
        new_fields = {k for r in after.values() for k in r}
        if before and after:
            result.fields_added[table] = sorted(new_fields - old_fields)
            result.fields_removed[table] = sorted(old_fields - new_fields)
        for rid in sorted(before.keys() & after.keys()):
            a, b = before[rid], after[rid]
            for name in sorted(a.keys() & b.keys()):
                if a[name] != b[name]:
                    result.changed.append(Change(table, rid, name, a[name], b[name]))
    return result
