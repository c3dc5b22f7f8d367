"""One partition of an archive, checked by the validator of a release: what every engine maps
over the partitions.

:func:`check_partition` runs :func:`newsfacts.validation.checks.validate` on the partition's
folder and returns its problems with file paths relative to the archive, the references it
could not resolve inside the partition (for :mod:`newsfacts.engines.cross` to look up across
partitions) and, from :func:`id_rows`, the id columns the cross-partition checks group by. It
takes and returns plain values, so that it runs as it is in a worker process of any engine.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsfacts.models import TABLES
from newsfacts.release.archive import DEFAULT_PARTITION, PARTITIONING
from newsfacts.release.reading import check_file, read_parquet_table
from newsfacts.validation.checks import validate
from newsfacts.validation.report import Problem

__all__ = ["ID_COLUMNS", "PartitionResult", "check_partition", "id_rows", "no_ids", "with_digests"]

#: The columns of the id rows: the record id, its table, the partition and the row. The
#: cross-partition checks group by id; the copies of an entity found in several partitions
#: are then compared by :func:`with_digests`.
ID_COLUMNS = ("id", "table", "partition", "line")

_DANGLING = re.compile(r"^(?P<field>\S+) names (?P<target>\S+), which does not exist$")


@dataclass
class PartitionResult:
    """What one partition's check found."""

    path: str
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: References that name no record of the partition: (the problem, the id it names).
    dangling: list[tuple[Problem, str]] = field(default_factory=list)


def _rooted(problem: Problem, path: str) -> Problem:
    """The problem with its file (and a ``first at`` file in its message) under ``path``."""
    message = problem.message.replace("(first at ", f"(first at {path}/")
    return replace(problem, file=f"{path}/{problem.file or ''}".rstrip("/"), message=message)


def _keys_of(path: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in path.split("/") if "=" in part)


def _check_keys(root: Path, path: str, result: PartitionResult) -> None:
    """Each source lies in the partition of its publisher and year."""
    keys = _keys_of(path)
    table = _table(root / path, "sources", ["id", "publisher", "date"])
    if table is None:
        return
    for line, row in enumerate(table.to_pylist(), 1):
        date, publisher = row["date"], row["publisher"]  # of any type: the checks report it
        year = (date if isinstance(date, str) else "")[:4] or DEFAULT_PARTITION
        publisher = publisher if isinstance(publisher, str) and publisher else DEFAULT_PARTITION
        found = {"publisher": publisher, "year": year}
        for key in PARTITIONING:
            if key in keys and _unquote(keys[key]) != found[key]:
                name = "$.date" if key == "year" else f"$.{key}"
                result.problems.append(
                    Problem(
                        "partition-mismatch",
                        f"{name} puts the source in {key}={found[key]}, not in {path}: "
                        "a page is whole in one partition",
                        file=f"{path}/sources.parquet",
                        line=line,
                        record_id=row["id"],
                        field=name,
                    )
                )


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def _table(folder: Path, table: str, columns: list[str]) -> Any:
    path = folder / f"{table}.parquet"
    if check_file(path, folder) is not None:
        return None
    try:
        return read_parquet_table(path).select(columns)
    except Exception:  # a broken file: the partition's own check reports it
        return None


def check_partition(root: str, path: str) -> PartitionResult:
    """Check the partition ``path`` of the archive at ``root`` as a release of its own.

    A partition may hold no record of a table (a page without facts): that is no problem of a
    partition, so ``file-empty`` is not reported here."""
    report = validate(Path(root) / path)
    result = PartitionResult(path=path, records=report.records)
    for problem in report.problems:
        if problem.type == "file-empty":
            continue
        rooted = _rooted(problem, path)
        found = _DANGLING.match(problem.message) if problem.type == "dangling-reference" else None
        if found is not None:
            result.dangling.append((rooted, found["target"]))
        else:
            result.problems.append(rooted)
    _check_keys(Path(root), path, result)
    return result


def _digest(row: dict[str, Any]) -> str:
    rest = {k: v for k, v in row.items() if k != "mentions"}
    text = json.dumps(rest, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def id_rows(root: str, path: str) -> Any:
    """The id columns of one partition (:data:`ID_COLUMNS`) as an Arrow table, read from its
    Parquet files: the id, table and row of every record (1-based) and the partition."""
    tables = []
    folder = Path(root) / path
    for table in TABLES:
        data = _table(folder, table, ["id"])
        if data is None:
            continue
        ids = data.column("id").cast(pa.string())
        n = len(ids)
        tables.append(
            pa.table(
                {
                    "id": ids,
                    "table": pa.repeat(pa.scalar(table, pa.string()), n),
                    "partition": pa.repeat(pa.scalar(path, pa.string()), n),
                    "line": pa.array(np.arange(1, n + 1, dtype=np.int64)),
                }
            )
        )
    if not tables:
        return no_ids()
    return pa.concat_tables(tables).combine_chunks()


def no_ids() -> Any:
    """The id columns of no record."""
    return pa.table(
        {
            "id": pa.array([], pa.string()),
            "table": pa.array([], pa.string()),
            "partition": pa.array([], pa.string()),
            "line": pa.array([], pa.int64()),
        }
    )


def with_digests(root: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The id rows of ids found in more than one partition, each entity's with ``digest``: the
    sha256 of its record without its mentions (copies of an entity must agree on the rest).
    Only the copies are read again, a partition's entities file once."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        if row["table"] == "entities":
            wanted.setdefault(row["partition"], set()).add(row["id"])
    digests: dict[tuple[str, str], str] = {}
    for path, ids in wanted.items():
        folder = Path(root) / path
        if _table(folder, "entities", ["id"]) is None:
            continue  # unreadable: the partition's own check reports it
        full = read_parquet_table(folder / "entities.parquet").drop_columns(["mentions"])
        some = full.filter(pc.is_in(full["id"], value_set=pa.array(sorted(ids), pa.string())))
        for record in some.to_pylist():
            digests[(path, record["id"])] = _digest(record)
    return [{**row, "digest": digests.get((row["partition"], row["id"]), "")} for row in rows]
