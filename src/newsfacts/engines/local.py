"""Validate an archive: the partitions one after another on this machine, or on an engine.

:func:`validate_archive` is the entry point. Every engine runs the same three steps: the
archive manifest against its folders (:func:`newsfacts.engines.cross.plan`), each partition by
the validator of a release (:func:`newsfacts.engines.partition.check_partition`, mapped over
the partitions) and the checks across partitions on the id columns (grouped by id: here with
pyarrow, on Dask with a dask dataframe; :mod:`newsfacts.engines.on_dask`). The findings become
one report through the same functions (:mod:`newsfacts.engines.cross`), so every engine
reports the same problems in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsfacts.engines.cross import gathered_report, plan, report_of, unresolved
from newsfacts.engines.errors import ENGINES, EngineError, UsageError
from newsfacts.engines.partition import check_partition, id_rows, no_ids
from newsfacts.validation.report import Problem, Report

__all__ = ["ENGINES", "EngineError", "UsageError", "validate_archive", "validate_path"]


def _ids(root: Path, paths: list[str]) -> Any:
    import pyarrow as pa

    tables = [id_rows(str(root), path) for path in paths]
    return pa.concat_tables(tables) if tables else no_ids()


def _local(root: Path, manifest: Any, paths: list[str], problems: list[Problem]) -> Report:
    import pyarrow.compute as pc

    results = [check_partition(str(root), path) for path in paths]
    ids = _ids(root, paths)
    counts = ids.group_by("id").aggregate([("partition", "count_distinct")])
    again = counts.filter(pc.field("partition_count_distinct") > 1).column("id")
    occurrences = ids.filter(pc.is_in(ids["id"], value_set=again.combine_chunks())).to_pylist()
    held = ids.filter(pc.is_in(ids["id"], value_set=_strings(unresolved(results))))
    pairs = zip(held.column("id").to_pylist(), held.column("partition").to_pylist())
    return gathered_report(root, manifest, results, problems, occurrences, pairs)


def _strings(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, pa.string())


def validate_archive(
    path: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    master: str | None = None,
    workers: int = 2,
) -> Report:
    """Check the archive at ``path`` and return everything wrong with it, in one report.

    ``engine="local"`` checks the partitions one after another in this process;
    ``engine="dask"`` maps them over a Dask cluster: the one at ``scheduler``
    (``tcp://host:8786``), or a ``LocalCluster`` of ``workers`` processes started and closed
    here; ``engine="spark"`` maps them over the executors of a Spark cluster: the one at
    ``master`` (``spark://host:7077``), or a local cluster of ``workers`` executor processes.
    Every engine reports the same problems in the same order."""
    root = Path(path)
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose {' or '.join(ENGINES)}")
    manifest, paths, problems = plan(root)
    if manifest is None:
        return report_of(root, None, [], problems)
    if engine == "dask":
        from newsfacts.engines.on_dask import validate_on_dask

        return validate_on_dask(
            root, manifest, paths, problems, scheduler=scheduler, workers=workers
        )
    if engine == "spark":
        from newsfacts.engines.on_spark import validate_on_spark

        return validate_on_spark(root, manifest, paths, problems, master=master, workers=workers)
    return _local(root, manifest, paths, problems)


def validate_path(
    path: str | Path,
    *,
    engine: str | None = None,
    scheduler: str | None = None,
    master: str | None = None,
    schemas: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Check what is at ``path``: an archive on ``engine`` (default ``local``), or a release
    with every check of :func:`newsfacts.validate`. An engine or a scheduler given for a
    release, a scheduler without the dask engine or a master without the spark engine, is an
    :class:`UsageError`."""
    from newsfacts.release.archive import is_archive
    from newsfacts.validation.checks import validate

    root = Path(path)
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if master is not None and engine != "spark":
        raise UsageError("--master needs --engine spark")
    if is_archive(root):
        return validate_archive(root, engine=engine or "local", scheduler=scheduler, master=master)
    if engine is not None:
        raise UsageError(
            f"--engine validates an archive; {root} is not one (its manifest lists no partitions)"
        )
    return validate(root, schemas=schemas, progress=progress)
