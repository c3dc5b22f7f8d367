"""Release-level checks: the Parquet copy against the JSONL, and the manifest against the files
(then the descriptors against the manifest).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from newsfacts.models import MODELS, TABLES, Manifest
from newsfacts.release.manifest import MANIFEST, size_and_sha256
from newsfacts.release.reading import (
    FORMATS,
    LoadError,
    check_file,
    read_json,
)
from newsfacts.validation.descriptors import check_descriptors
from newsfacts.validation.report import Report
from newsfacts.validation.rows import Row, model_problems, read_parquet, validate_models

__all__ = ["check_manifest", "check_parquet", "parquet_rows_if_equal"]


def parquet_rows_if_equal(path: Path, table: str, jsonl_path: Path) -> int | None:
    """The Parquet copy's row count if it holds exactly the JSONL's records, compared as Arrow
    tables; None if they differ or either cannot be read (the row-by-row path then explains)."""
    from newsfacts.validation.fast.blocks import parquet_equal, read_jsonl_table

    expected = read_jsonl_table(jsonl_path, table)
    return None if expected is None else parquet_equal(path, expected)


def check_parquet(
    report: Report, root: Path, table: str, jsonl: list[Row] | None, counts: dict[str, int]
) -> None:
    """Read a Parquet copy row by row: its records against the model, and against the JSONL
    records (when there are any to compare with)."""
    name = f"{table}.parquet"
    rows = read_parquet(root / name, name, report)
    if rows is None:
        return
    _check_columns(report, root / name, table)
    validate_models(rows, table, report)
    counts[name] = len(rows)
    if jsonl is not None:
        _check_formats(report, table, jsonl, rows)


def _check_columns(report: Report, path: Path, table: str) -> None:
    """Each column of a Parquet copy holds the type the schema gives its field (a value a
    cast would read, such as the string "1022.0" for a number, is still the wrong type)."""
    import pyarrow.parquet as pq

    from newsfacts.release.formats import holds_as, reading_schema
    from newsfacts.release.reading import arrow_path

    found = pq.read_schema(arrow_path(path))
    for field in reading_schema(MODELS[table]):
        if field.name in found.names and not holds_as(found.field(field.name).type, field.type):
            report.add(
                "type-error",
                f"$.{field.name}: the column holds {found.field(field.name).type}, "
                f"the schema gives {field.type}",
                file=path.name,
                field=f"$.{field.name}",
            )


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return not (a == b or (math.isnan(a) and math.isnan(b)))
    return bool(a != b)


def _check_formats(report: Report, table: str, jsonl: list[Row], parquet: list[Row]) -> None:
    """The Parquet copy holds the same records as the JSONL, compared by id."""
    name = f"{table}.parquet"
    counted = Counter(row.record_id for row in jsonl)
    twice = {rid for rid, n in counted.items() if n > 1}
    by_id = {row.record_id: row for row in jsonl if row.model is not None}
    seen: dict[str | None, int] = {}
    for p in parquet:
        if p.model is None or p.record_id in twice:
            continue  # reported already: a broken record, or an id used twice
        if p.record_id in seen:  # the JSONL holds it once: the copy holds it again
            report.add(
                "duplicate-id",
                f"id {p.record_id} is used again (first at {name}:{seen[p.record_id]})",
                **p.at(),
                field="$.id",
            )
            continue
        seen[p.record_id] = p.line
        j = by_id.get(p.record_id)
        where = {"file": name, "line": p.line, "record_id": p.record_id}
        if j is None:
            if p.record_id not in counted:
                report.add("format-mismatch", f"row {p.line} is not in {table}.jsonl", **where)
            continue
        assert j.model is not None
        a, b = j.model.model_dump(mode="json"), p.model.model_dump(mode="json")
        fields = [k for k in a if _differs(a[k], b.get(k))]
        if fields:
            report.add(
                "format-mismatch",
                f"row {p.line} differs from {table}.jsonl line {j.line} in {', '.join(fields)}",
                **where,
                field=f"$.{fields[0]}",
            )
    parquet_ids = {row.record_id for row in parquet}
    for rid, j in by_id.items():
        if rid not in parquet_ids:
            report.add(
                "format-mismatch",
                f"{table}.jsonl line {j.line} is not in {name}",
                file=name,
                record_id=rid,
            )


def check_manifest(
    report: Report,
    root: Path,
    counts: dict[str, int],
    digest: Callable[[Path], tuple[int, str]] = size_and_sha256,
    formats: tuple[str, ...] = FORMATS,
) -> None:
    """Check the manifest against the files, then the descriptors against the manifest."""
    path = root / MANIFEST
    if check_file(path, root) == "no such file":
        report.add("file-missing", f"the release has no {MANIFEST}", file=MANIFEST)
        return
    try:
        manifest = Manifest.model_validate(read_json(path, root))
    except LoadError as exc:
        reason = str(exc).removeprefix(f"{path}")
        report.add("manifest-error", f"{MANIFEST}{reason}", file=MANIFEST)
        return
    except ValidationError as exc:
        model_problems(report, Row(MANIFEST, 1, {}), exc, Manifest)
        return
    _check_files(report, root, manifest, counts, digest, formats)
    check_descriptors(report, root, manifest, formats)


def _check_files(
    report: Report,
    root: Path,
    manifest: Manifest,
    counts: dict[str, int],
    digest: Callable[[Path], tuple[int, str]],
    formats: tuple[str, ...],
) -> None:
    listed = {entry.path for entry in manifest.files}
    tables = {f"{t}.{fmt}" for t in TABLES for fmt in ("jsonl", "parquet")}  # reported below
    known = listed | tables | {MANIFEST, "datapackage.json", "croissant.json", "README.md"}
    for extra in sorted(p.name for p in root.iterdir() if p.name not in known):
        report.add(
            "manifest-error",
            f"{extra} is in the release folder but not in the manifest",
            file=MANIFEST,
            record_id=extra,
            field="$.files",
        )
    report.version = manifest.version
    for table in TABLES:
        for fmt in formats:
            if f"{table}.{fmt}" not in listed:
                report.add(
                    "manifest-error", f"{table}.{fmt} is not listed", file=MANIFEST, field="$.files"
                )
    first: dict[str, int] = {}
    for i, entry in enumerate(manifest.files):
        where = {"file": MANIFEST, "record_id": entry.path}
        target = root / entry.path
        shown = entry.path if len(entry.path) <= 80 else entry.path[:77] + "..."
        if entry.path in first:
            report.add(
                "manifest-error",
                f"{shown} is listed again (first at $.files[{first[entry.path]}])",
                **where,
                field=f"$.files[{i}].path",
            )
            continue
        first[entry.path] = i
        try:
            present = target.is_file()
            size, sha256 = digest(target) if present else (0, "")
        except OSError as exc:  # a name too long for the file system, a file that cannot be read
            report.add(
                "manifest-error",
                f"{shown} is listed but cannot be checked: {exc.strerror or exc}",
                **where,
                field=f"$.files[{i}].path",
            )
            continue
        if not present:
            report.add(
                "manifest-error",
                f"{shown} is listed but missing",
                **where,
                field=f"$.files[{i}]",
            )
            continue
        if size != entry.bytes:
            report.add(
                "manifest-error",
                f"{entry.path} has {size} bytes, the manifest says {entry.bytes}",
                **where,
                field=f"$.files[{i}].bytes",
            )
        if sha256 != entry.sha256:
            report.add(
                "manifest-error",
                f"{entry.path} has sha256 {sha256}, the manifest says {entry.sha256}",
                **where,
                field=f"$.files[{i}].sha256",
            )
        rows = counts.get(entry.path)
        if rows is not None and rows != entry.rows:
            report.add(
                "manifest-error",
                f"{entry.path} holds {rows} records, the manifest says {entry.rows}",
                **where,
                field=f"$.files[{i}].rows",
            )
