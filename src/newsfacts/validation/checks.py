"""Validate a release directory: every record, every reference, every span, every file.

:func:`validate` never raises on bad data and never writes into the directory it checks: it
returns a :class:`~newsfacts.validation.report.Report` listing every problem with its location.

A small release is read row by row (:mod:`~newsfacts.validation.rows`) and each record goes
through the checks of its family (:mod:`~newsfacts.validation.identity`,
:mod:`~newsfacts.validation.texts`, :mod:`~newsfacts.validation.values`,
:mod:`~newsfacts.validation.files`). A release that parses cleanly and is large goes through the
whole-column checks of :mod:`newsfacts.validation.fast.scan` first, and only the records they
flag come back to be explained by the same checks; a test runs every fixture both ways and
requires the same problems.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from newsfacts.models import MODELS, TABLES
from newsfacts.release.manifest import MANIFEST
from newsfacts.release.reading import (
    FORMATS,
    arrow_path,
    check_file,
    release_formats,
)
from newsfacts.validation.files import check_manifest, check_parquet, parquet_rows_if_equal
from newsfacts.validation.identity import Index, check_ids
from newsfacts.validation.report import Report
from newsfacts.validation.rows import (
    Row,
    read_jsonl,
    read_parquet,
    validate_models,
    validate_schemas,
)
from newsfacts.validation.texts import check_article, check_entity, check_source
from newsfacts.validation.values import check_fact

__all__ = ["validate"]

#: Releases this large (JSONL bytes) take the whole-column path; smaller ones are checked row by
#: row, which is quicker to start (both find the same problems: see the fixture tests).
FAST_PATH_BYTES = 1 << 20
#: The same for a release held in Parquet alone (a partition of an archive), in records: about
#: as many as a megabyte of JSONL holds.
FAST_PATH_ROWS = 2_000

_CHECKS: dict[str, Any] = {
    "sources": check_source,
    "articles": check_article,
    "facts": check_fact,
    "entities": check_entity,
}


class _ArrowModels:
    """Records of a table the fast path read, by id, made into models only when asked for."""

    def __init__(self, found: Any, name: str) -> None:
        self.found = found
        self.name = name
        self.model = MODELS[name]
        self._rows: dict[str, int] | None = None
        self.cache: dict[str, Any] = {}

    @property
    def rows(self) -> dict[str, int]:
        """Row numbers by id, built on first use (a clean release never needs them)."""
        if self._rows is None:
            ids = self.found.ids[self.name].to_pylist()
            self._rows = {rid: i for i, rid in enumerate(ids)}
        return self._rows

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.rows

    def get(self, record_id: str) -> Any:
        if record_id not in self.cache:
            i = self.rows.get(record_id)
            data = None if i is None else self.found.record(self.name, i)
            try:
                self.cache[record_id] = None if data is None else self.model.model_validate(data)
            except ValidationError:
                self.cache[record_id] = None
        return self.cache[record_id]


class _Present:
    def __init__(self, parts: list[_ArrowModels]) -> None:
        self.parts = parts

    def __contains__(self, record_id: object) -> bool:
        return any(record_id in part for part in self.parts)


def _index_of(found: Any) -> Any:
    """The records a fast scan read, looked up by id (made into models only when asked for)."""
    parts = {name: _ArrowModels(found, name) for name in TABLES}
    index: Any = Index()
    for name in TABLES:
        setattr(index, name, parts[name])
    index.present = _Present(list(parts.values()))
    return index


def _check_rows(rows: list[Row], table: str, report: Report, index: Any) -> None:
    """The flagged rows of a table through the models and the checks of their family."""
    validate_models(rows, table, report)
    for row in rows:
        if row.model is not None:
            _CHECKS[table](report, row, row.model, index)


def _explain(root: Path, found: Any, report: Report) -> None:
    """Report the problems of a release the fast path read: the flagged records go through the
    row-by-row checks, with the other records looked up by row in the release's files."""
    from newsfacts.validation.fast.blocks import lines_of

    if found.parquet_only:
        _explain_parquet(root, found, report)
        return
    index = _index_of(found)
    counts: dict[str, int] = {}
    for table in TABLES:
        name = f"{table}.jsonl"
        counts[name] = found.lines[table]
        report.records += found.lines[table]
        rows = [Row(name, i + 1, line) for i, line in lines_of(root / name, found.flagged[table])]
        _check_rows(rows, table, report, index)
        parquet = f"{table}.parquet"
        if not (root / parquet).is_file():
            report.add("file-missing", f"the release has no {parquet}", file=parquet)
            continue
        same = found.parquet_equal[table]
        if same is not None and all(row.model is not None for row in rows):
            counts[parquet] = same
            continue
        explained = {row.line: row for row in rows}
        jsonl = [
            explained.get(i + 1) or Row(name, i + 1, data)
            for i, data in enumerate(found.tables[table].to_pylist())
        ]
        unflagged = [row for row in jsonl if row.line not in explained]
        validate_models(unflagged, table, report)  # valid all, unless the scan missed one
        check_parquet(report, root, table, jsonl, counts)
    check_manifest(report, root, counts, found.digest)


def _explain_parquet(root: Path, found: Any, report: Report) -> None:
    """:func:`_explain` for a release held in Parquet alone: the flagged rows are read from it."""
    index = _index_of(found)
    counts: dict[str, int] = {}
    for table in TABLES:
        name = f"{table}.parquet"
        counts[name] = found.lines[table]
        report.records += found.lines[table]
        if not found.lines[table]:
            report.add("file-empty", f"{name} holds no records", file=name)
        rows = [Row(name, i + 1, found.record(table, i)) for i in sorted(found.flagged[table])]
        _check_rows(rows, table, report, index)
    check_manifest(report, root, counts, found.digest, formats=("parquet",))


def _jsonl_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.glob("*.jsonl") if p.is_file())


def _parquet_rows(root: Path) -> int:
    """The records of a release's Parquet files, by their footers (0 where one is unreadable:
    the row path then says why)."""
    import pyarrow.parquet as pq

    rows = 0
    for table in TABLES:
        try:
            with pq.ParquetFile(arrow_path(root / f"{table}.parquet")) as file:
                rows += file.metadata.num_rows
        except Exception:  # pyarrow raises many types for a broken file
            return 0
    return rows


def validate(
    path: str | Path, *, schemas: bool = False, progress: Callable[[str], None] | None = None
) -> Report:
    """Check the release directory ``path`` and return everything wrong with it.

    With ``schemas``, every record is also checked against the published JSON Schemas. That is
    off by default: the models enforce everything the schemas state (the property tests prove
    the two agree), and a JSON Schema validator is two orders of magnitude slower.
    """
    root = Path(path)
    report = Report(path=str(path))
    if not root.exists():
        report.add("path-missing", f"{path} does not exist")
        return report
    if not root.is_dir():
        report.add("not-a-release", f"{path} is not a release directory: it is a file")
        return report
    formats = release_formats(root, TABLES)
    tables_of = [f"{t}.{fmt}" for fmt in FORMATS for t in TABLES]
    if not formats and not (root / MANIFEST).exists():
        report.add(
            "not-a-release",
            f"{path} is not a release directory: it holds none of "
            f"{', '.join(tables_of[: len(TABLES)])} (nor their .parquet copies) or {MANIFEST}",
        )
        return report
    copies = formats or FORMATS[:1]
    report.formats = list(copies)
    for name in [MANIFEST, *tables_of]:
        reason = check_file(root / name, root)
        if reason is not None and reason != "no such file":
            report.add("file-unreadable", f"{name} cannot be read: {reason}", file=name)
    if report.problems:
        return report  # nothing is opened that could hang, flood or leave the release
    parquet_only = copies == ("parquet",)
    if not schemas and (
        (copies == FORMATS and _jsonl_bytes(root) >= FAST_PATH_BYTES)
        or (parquet_only and _parquet_rows(root) >= FAST_PATH_ROWS)
    ):
        from newsfacts.validation.fast.scan import scan

        found = scan(root, progress=progress, parquet_only=parquet_only)
        if found is not None:
            _explain(root, found, report)
            return report
    primary = copies[0]
    tables: dict[str, list[Row]] = {}
    counts: dict[str, int] = {}
    index = Index()
    for table in TABLES:
        name = f"{table}.{primary}"
        if not (root / name).is_file():
            report.add("file-missing", f"the release has no {name}", file=name)
            tables[table] = []
            continue
        if primary == "jsonl":
            if (root / name).stat().st_size == 0:
                report.add("file-empty", f"{name} holds no records", file=name)
            rows, lines = read_jsonl(root / name, name, report, MODELS[table])
        else:
            rows = read_parquet(root / name, name, report) or []
            lines = len(rows)
            if not rows:
                report.add("file-empty", f"{name} holds no records", file=name)
        validate_models(rows, table, report)
        if schemas:
            validate_schemas(rows, table, report)
        tables[table] = rows
        counts[name] = lines
        report.records += len(rows)
        index.present.update(row.record_id for row in rows if row.record_id is not None)
        valid: list[Any] = [row.model for row in rows if row.model is not None]
        getattr(index, table).update((model.id, model) for model in valid)
    seen: dict[str, str] = {}
    for table in TABLES:
        check_ids(tables[table], report, seen)
        for row in tables[table]:
            if row.model is not None:
                _CHECKS[table](report, row, row.model, index)
    for table in TABLES if copies == FORMATS else ():
        name = f"{table}.parquet"
        if not (root / name).is_file():
            report.add("file-missing", f"the release has no {name}", file=name)
            continue
        jsonl = tables[table]
        if len(jsonl) == counts.get(f"{table}.jsonl") and all(r.model for r in jsonl):
            same = parquet_rows_if_equal(root / name, table, root / f"{table}.jsonl")
            if same is not None:
                counts[name] = same  # the same records as the JSONL: checked already
                continue
        # without its JSONL, there is nothing to compare the Parquet copy with
        check_parquet(report, root, table, jsonl if f"{table}.jsonl" in counts else None, counts)
    check_manifest(report, root, counts, formats=copies)
    return report
