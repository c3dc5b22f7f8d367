"""Problems and reports: what ``newsfacts validate`` finds, in one shape for people and machines.

Each problem has a stable type slug (listed with its template in :data:`ERROR_TYPES`), a
message, and a location: the file, its line (or Parquet row), the record id and the JSON path
of the field. ``Report.to_dict()`` is exactly what ``validate --format json`` prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ERROR_TYPES", "Problem", "Report"]

#: Stable error types: slug -> (title, message template). Slugs never change meaning.
ERROR_TYPES: dict[str, tuple[str, str]] = {
    "path-missing": ("Path missing", "{path} does not exist"),
    "not-a-release": ("Not a release", "{path} is not a release directory: {reason}"),
    "file-missing": ("File missing", "the release has no {file}"),
    "file-unreadable": ("File unreadable", "{file} cannot be read: {reason}"),
    "encoding-error": ("Encoding error", "the line is not valid UTF-8: {reason}"),
    "byte-order-mark": ("Byte-order mark", "the file starts with a UTF-8 byte-order mark"),
    "line-ending": ("CRLF line ending", "the line ends with CRLF; releases use LF"),
    "json-error": ("Broken JSON", "the line is not valid JSON: {reason}"),
    "lone-surrogate": (
        "Lone surrogate",
        "{field} holds the lone surrogate {code}, which is no Unicode character",
    ),
    "duplicate-key": ("Duplicate key", "key {key!r} is given twice in one object"),
    "not-an-object": ("Not an object", "the line holds a JSON {kind}, not an object"),
    "missing-field": ("Missing field", "required field {field} is missing"),
    "unknown-field": ("Unknown field", "field {field} is not in the schema"),
    "type-error": ("Wrong type", "{field}: {reason}"),
    "vocabulary-error": ("Outside vocabulary", "{field}: {reason}"),
    "id-malformed": ("Malformed id", "{field} {value!r} does not match {pattern}"),
    "non-finite-number": ("Non-finite number", "{field} is NaN or infinite"),
    "value-error": ("Invalid value", "{field}: {reason}"),
    "invalid-date": ("Invalid date", "{value!r} is not an ISO date of the calendar"),
    "kind-fields": ("Fields of another kind", "a {kind} fact needs or has no {fields}"),
    "file-empty": ("Empty file", "{file} holds no records"),
    "schema-rejected": ("Rejected by the JSON Schema", "{field}: {reason}"),
    "duplicate-id": ("Duplicate id", "id {id} is used again (first at {first})"),
    "dangling-reference": ("Dangling reference", "{field} names {target}, which does not exist"),
    "duplicate-mention": (
        "Duplicate mention",
        "{field} is the mention at {start}-{end} of {article} again (first at {first})",
    ),
    "span-out-of-range": ("Span out of range", "span {start}-{end} lies outside the text"),
    "span-mismatch": ("Span mismatch", "text[{start}:{end}] is {found!r}, not {exact!r}"),
    "context-mismatch": ("Context mismatch", "{field} is {value!r}; the text has {found!r}"),
    "text-mismatch": ("Text mismatch", "the text differs from its segments and edits: {reason}"),
    "edit-mismatch": (
        "Edit mismatch",
        "the edit's before {before!r} is not the source's {found!r}",
    ),
    "source-hash-mismatch": ("Source hash mismatch", "sha256 of the text is {found}"),
    "value-mismatch": ("Value mismatch", "{field}: {reason}"),
    "manifest-error": ("Manifest disagrees", "{reason}"),
    "metadata-error": ("Descriptor disagrees", "{field} of {file}: {reason}"),
    "format-mismatch": ("Formats disagree", "{reason}"),
    # an archive's partitions (newsfacts.engines): a page is whole in one partition
    "partition-mismatch": (
        "Outside its partition",
        "{field} names {target}, which lies in {partition}: a page is whole in one partition",
    ),
    "copy-mismatch": (
        "Entity copies disagree",
        "the copy of {id} in {file} differs from the one in {first} (apart from mentions)",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One problem, with its type and where it is."""

    type: str
    message: str
    file: str | None = None
    line: int | None = None
    record_id: str | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        if self.type not in ERROR_TYPES:
            raise ValueError(f"unknown problem type {self.type!r}")

    @property
    def title(self) -> str:
        return ERROR_TYPES[self.type][0]

    def location(self) -> str:
        """``file:line record $.field`` with the parts that are known."""
        where = self.file or "."
        if self.line is not None:
            where += f":{self.line}"
        if self.record_id:
            where += f" {self.record_id}"
        if self.field:
            where += f" {self.field}"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} [{self.type}]"


@dataclass
class Report:
    """Everything a validation found."""

    path: str
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: The release's version, as its manifest states it (None without a readable manifest).
    version: str | None = None
    #: The copies of the tables that were read and compared: ``jsonl`` and/or ``parquet``.
    formats: list[str] = field(default_factory=list)
    #: An archive's number of partitions (None for a release).
    partitions: int | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    def add(self, type: str, message: str, **where: Any) -> None:
        self.problems.append(Problem(type, message, **where))

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(p.type for p in self.problems).items()))

    def release(self) -> str:
        """Which release was read: its path, version and the copies compared."""
        if not self.formats:
            return f"checked {self.path}"
        version = f"version {self.version}" if self.version else "no version (no manifest)"
        if self.partitions is not None:
            return f"checked {self.path}: {version}, an archive of {self.partitions} partitions"
        names = {"jsonl": "JSONL", "parquet": "Parquet"}
        copies = " and ".join(names[f] for f in self.formats)
        if len(self.formats) == 2:
            copies += " copies compared"
        elif self.formats:
            copies += " only (the release holds no other copy)"
        return f"checked {self.path}: {version}" + (f", {copies}" if copies else "")

    def summary(self) -> str:
        if self.valid:
            return f"valid: {self.records} records, no problems"
        bad = len({(p.file, p.record_id or p.line) for p in self.problems})
        kinds = ", ".join(f"{n} {t}" for t, n in self.counts().items())
        problems = "1 problem" if len(self.problems) == 1 else f"{len(self.problems)} problems"
        records = "1 record" if bad == 1 else f"{bad} records"
        return f"{problems} in {records} ({kinds})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "version": self.version,
            "formats": self.formats,
            "valid": self.valid,
            "records": self.records,
            "counts": self.counts(),
            "problems": [asdict(p) for p in self.problems],
        }

    def to_text(self, max_errors: int | None = None) -> str:
        shown = self.problems if max_errors is None else self.problems[:max_errors]
        lines = [self.release(), self.summary(), *(str(p) for p in shown)]
        if len(shown) < len(self.problems):
            lines.append(f"... {len(self.problems) - len(shown)} more (raise --max-errors)")
        return "\n".join(lines)
