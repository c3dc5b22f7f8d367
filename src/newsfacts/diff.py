"""Compare two releases by id: records added, removed and changed, field by field, and the
semantic-version bump the changes imply. This is how the CHANGELOG's Data section is written.

Records are compared as the JSON objects of their JSONL lines (or Parquet rows, for a
Parquet-only release), not as models, so that releases of different schema versions can be
compared. Both releases are validated first and one that does not validate is refused: a
release with every row twice, or one table's records in another's file, would otherwise
compare as "no change". ``check=False`` compares them anyway.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.models import TABLES
from newsfacts.release.reading import LoadError, read_json, records, release_formats

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
    old_version: str | None = None
    new_version: str | None = None
    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    changed: list[Change] = field(default_factory=list)
    fields_added: dict[str, list[str]] = field(default_factory=dict)
    fields_removed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bump(self) -> str:
        """As the versioning rules say: major for a breaking schema change (a field removed);
        minor for records or fields added; patch for corrections (values corrected, records
        retired); none: nothing changed."""
        if any(self.fields_removed.values()):
            return "major"
        if any(self.fields_added.values()) or any(self.added.values()):
            return "minor"
        return "patch" if self.changed or any(self.removed.values()) else "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "old_version": self.old_version,
            "new_version": self.new_version,
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
        lines = [
            f"{self.old} (version {self.old_version or 'unknown'}) -> "
            f"{self.new} (version {self.new_version or 'unknown'}): {bump}"
        ]
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
    text = json.dumps(value, ensure_ascii=False, default=str)  # a Parquet date or decimal
    return text if len(text) <= width else text[: width - 1] + "…"


def _records(root: Path, table: str, fmt: str) -> dict[str, dict[str, Any]]:
    found = {}
    try:
        for number, record in records(root, table, fmt):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise DiffError(
                    f"{root / f'{table}.{fmt}'}:{number}: not a record with an id"
                    f" (run 'newsfacts validate {root}' first)"
                )
            found[record["id"]] = record
    except LoadError as exc:
        raise DiffError(str(exc)) from None
    return found


def _version(root: Path) -> str | None:
    try:
        data = read_json(root / "manifest.json", root)
    except LoadError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def _opened(path: str | Path, check: bool) -> tuple[Path, str]:
    """The release at ``path`` and the format its records are read from."""
    root = Path(path)
    if not root.exists():
        raise DiffError(f"{root} does not exist")
    if not root.is_dir():
        raise DiffError(f"{root} is not a release directory: it is a file")
    formats = release_formats(root, TABLES)
    if not formats:
        raise DiffError(f"{root} is not a release: it has no {TABLES[0]}.jsonl or .parquet")
    if check:
        from newsfacts.validation.checks import validate

        report = validate(root)
        if not report.valid:
            n = len(report.problems)
            raise DiffError(
                f"{root} does not validate: {n} problem{'s' if n != 1 else ''} "
                f"({', '.join(f'{k} {t}' for t, k in report.counts().items())}); "
                f"run 'newsfacts validate {root}', or compare anyway with --unchecked"
            )
    return root, formats[0]


def diff_releases(old: str | Path, new: str | Path, *, check: bool = True) -> ReleaseDiff:
    """The differences between the release directories ``old`` and ``new``.

    Raises :class:`DiffError` if either is not a release or, with ``check``, does not validate.
    """
    (old_root, old_fmt), (new_root, new_fmt) = _opened(old, check), _opened(new, check)
    result = ReleaseDiff(
        old=str(old), new=str(new), old_version=_version(old_root), new_version=_version(new_root)
    )
    for table in TABLES:
        before, after = _records(old_root, table, old_fmt), _records(new_root, table, new_fmt)
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
