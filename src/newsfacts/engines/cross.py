"""The checks across the partitions of an archive, on what the engines gathered: the same
functions turn either engine's findings into problems, so both give the same report.

- :func:`plan` checks the archive manifest against the partition folders (and each partition's
  manifest against its listed size, sha256 and rows) and names the partitions to check.
- :func:`duplicate_problems` takes the id rows of the ids found in more than one partition (an
  engine's group-by of the id columns): a source, article or fact id used again in another
  partition is a ``duplicate-id``; an entity's copies must agree apart from their mentions
  (``copy-mismatch``).
- :func:`reference_problems` takes the references a partition could not resolve, and where
  each id named lies: one that lies nowhere stays a ``dangling-reference``; an article's source,
  a fact's article or inputs and a mention's article in another partition are a
  ``partition-mismatch`` (a page is whole in one partition, so that its spans are checked
  there); an entity, a parent or a related article in another partition resolves.
- :func:`report_of` gathers everything into one :class:`~newsfacts.validation.report.Report`,
  the problems in one order (file, line, record, field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from newsfacts.engines.partition import PartitionResult, with_digests
from newsfacts.models import TABLES, Manifest
from newsfacts.release.archive import read_archive_manifest
from newsfacts.release.manifest import MANIFEST, ArchiveManifest, size_and_sha256
from newsfacts.release.reading import LoadError, check_file, read_json
from newsfacts.validation.report import Problem, Report

__all__ = [
    "LOCAL_REFERENCES",
    "duplicate_problems",
    "gathered_report",
    "plan",
    "reference_problems",
    "report_of",
    "unresolved",
]

#: The references that must resolve inside their own partition.
LOCAL_REFERENCES = re.compile(
    r"^\$\.(source_id|article_id|inputs\[\d+\]|mentions\[\d+\]\.article_id)$"
)


def plan(root: Path) -> tuple[ArchiveManifest | None, list[str], list[Problem]]:
    """The archive manifest, the partitions to check (listed and present) and the problems of
    the manifest against the folders."""
    problems: list[Problem] = []
    try:
        manifest = read_archive_manifest(root)
    except LoadError as exc:
        reason = str(exc).removeprefix(str(root / MANIFEST)).lstrip(": ")
        return None, [], [Problem("manifest-error", f"{MANIFEST}: {reason}", file=MANIFEST)]
    listed = [entry.path for entry in manifest.partitions]
    on_disk = sorted(
        f"{top.name}/{sub.name}"
        for top in root.iterdir()
        if top.is_dir() and not top.is_symlink()
        for sub in top.iterdir()
        if sub.is_dir() and not sub.is_symlink()
    )
    for extra in sorted(set(on_disk) - set(listed)):
        problems.append(
            Problem(
                "manifest-error",
                f"{extra} is in the archive folder but not in the manifest",
                file=MANIFEST,
                record_id=extra,
                field="$.partitions",
            )
        )
    present = []
    for i, entry in enumerate(manifest.partitions):
        where: dict[str, Any] = {"file": MANIFEST, "record_id": entry.path}
        inner = root / entry.path / MANIFEST
        if entry.path not in on_disk or check_file(inner, root) is not None:
            state = "missing" if entry.path not in on_disk else "without a readable manifest"
            problems.append(
                Problem(
                    "manifest-error",
                    f"{entry.path} is listed but {state}",
                    **where,
                    field=f"$.partitions[{i}]",
                )
            )
            if entry.path in on_disk:
                present.append(entry.path)
            continue
        present.append(entry.path)
        size, sha256 = size_and_sha256(inner)
        if size != entry.bytes:
            problems.append(
                Problem(
                    "manifest-error",
                    f"{entry.path}/{MANIFEST} has {size} bytes, the manifest says {entry.bytes}",
                    **where,
                    field=f"$.partitions[{i}].bytes",
                )
            )
        if sha256 != entry.sha256:
            problems.append(
                Problem(
                    "manifest-error",
                    f"{entry.path}/{MANIFEST} has sha256 {sha256}, the manifest says "
                    f"{entry.sha256}",
                    **where,
                    field=f"$.partitions[{i}].sha256",
                )
            )
        rows = _rows_of(root, inner)
        if rows is not None and rows != entry.rows:
            problems.append(
                Problem(
                    "manifest-error",
                    f"{entry.path} holds {_counts(rows)}, the manifest says {_counts(entry.rows)}",
                    **where,
                    field=f"$.partitions[{i}].rows",
                )
            )
    return manifest, present, problems


def _rows_of(root: Path, inner: Path) -> dict[str, int] | None:
    """The records per table that a partition's manifest lists (None if it is not one: the
    partition's own check reports that)."""
    try:
        manifest = Manifest.model_validate(read_json(inner, root))
    except (LoadError, ValidationError):
        return None
    return {entry.table: entry.rows for entry in manifest.files}


def _counts(rows: Mapping[str, int]) -> str:
    return ", ".join(f"{rows.get(table, 0)} {table}" for table in TABLES)


def _order(row: Mapping[str, Any]) -> tuple[str, int, int]:
    return row["partition"], TABLES.index(row["table"]), int(row["line"])


def duplicate_problems(rows: Iterable[Mapping[str, Any]]) -> list[Problem]:
    """The problems of ids in more than one partition, from their id rows (any order)."""
    by_id: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    problems = []
    for rid, found in sorted(by_id.items()):
        found.sort(key=_order)
        first = found[0]
        seen = {first["partition"]}
        for row in found[1:]:
            if row["partition"] in seen:
                continue  # again in one partition: that partition's own check reports it
            seen.add(row["partition"])
            file = f"{row['partition']}/{row['table']}.parquet"
            first_file = f"{first['partition']}/{first['table']}.parquet"
            where: dict[str, Any] = {"file": file, "line": int(row["line"]), "record_id": rid}
            if row["table"] == "entities" == first["table"]:
                if row["digest"] != first["digest"]:
                    problems.append(
                        Problem(
                            "copy-mismatch",
                            f"the copy of {rid} in {file} differs from the one in "
                            f"{first_file}:{first['line']} (apart from mentions)",
                            **where,
                        )
                    )
                continue
            problems.append(
                Problem(
                    "duplicate-id",
                    f"id {rid} is used again (first at {first_file}:{first['line']})",
                    **where,
                    field="$.id",
                )
            )
    return problems


def reference_problems(
    dangling: Iterable[tuple[Problem, str]], where: Mapping[str, str]
) -> list[Problem]:
    """The problems of references unresolved in their partition, given the first partition
    (in path order) holding each id they name."""
    problems = []
    for problem, target in dangling:
        home = where.get(target)
        if home is None:
            problems.append(problem)
        elif problem.field is not None and LOCAL_REFERENCES.match(problem.field):
            problems.append(
                Problem(
                    "partition-mismatch",
                    f"{problem.field} names {target}, which lies in {home}: a page is whole "
                    "in one partition",
                    file=problem.file,
                    line=problem.line,
                    record_id=problem.record_id,
                    field=problem.field,
                )
            )
    return problems


def _key(problem: Problem) -> tuple[str, int, str, str, str, str]:
    return (
        problem.file or "",
        problem.line or 0,
        problem.record_id or "",
        problem.field or "",
        problem.type,
        problem.message,
    )


def report_of(
    root: Path,
    manifest: ArchiveManifest | None,
    results: Iterable[PartitionResult],
    *problems: Iterable[Problem],
) -> Report:
    """The report of an archive: every partition's problems and the cross-partition ones."""
    report = Report(path=str(root), formats=["parquet"])
    report.version = None if manifest is None else manifest.version
    report.partitions = None if manifest is None else len(manifest.partitions)
    found = [p for group in problems for p in group]
    for result in results:
        report.records += result.records
        found.extend(result.problems)
    report.problems = sorted(found, key=_key)
    return report


def unresolved(results: Iterable[PartitionResult]) -> list[str]:
    """The ids that some partition's references name and it could not resolve, sorted: each
    engine looks them up in the id columns of the other partitions."""
    return sorted({target for result in results for _, target in result.dangling})


def gathered_report(
    root: Path,
    manifest: ArchiveManifest | None,
    results: list[PartitionResult],
    problems: Iterable[Problem],
    occurrences: list[dict[str, Any]],
    held: Iterable[tuple[str, str]],
) -> Report:
    """The report of an archive from what an engine gathered: the results of its partitions,
    the id rows (:data:`~newsfacts.engines.partition.ID_COLUMNS`) of the ids found in more than
    one partition, and the (id, partition) pairs where the :func:`unresolved` ids stand (the
    first partition in path order is the one a reference is told to lie in)."""
    where: dict[str, str] = {}
    for rid, partition in sorted(held, key=lambda pair: pair[1]):
        where.setdefault(rid, partition)
    dangling = [item for result in results for item in result.dangling]
    return report_of(
        root,
        manifest,
        results,
        problems,
        duplicate_problems(with_digests(str(root), occurrences)),
        reference_problems(dangling, where),
    )
