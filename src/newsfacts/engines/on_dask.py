"""Validate an archive on Dask (``newsfacts[dask]``): the partitions mapped over the workers of
a cluster, the checks across partitions as a dask dataframe group-by of the id columns.

Each partition is checked on a worker by the validator of a release
(:func:`newsfacts.engines.partition.check_partition`, through ``client.map``); the id columns
of every partition are read on the workers into one dask dataframe (``dd.from_map``), kept
there, grouped by id (a shuffle) to find the ids in more than one partition, and filtered to
the ids that a partition could not resolve; only those rows come back. The findings become the
report through :mod:`newsfacts.engines.cross`, as on one machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsfacts.engines.cross import gathered_report, unresolved
from newsfacts.engines.errors import EngineError
from newsfacts.engines.partition import ID_COLUMNS, check_partition, id_rows, no_ids
from newsfacts.validation.report import Problem, Report

__all__ = ["id_frame", "local_cluster", "validate_on_dask"]

_TYPES = {"id": "string", "table": "string", "partition": "string", "line": "int64"}


def id_frame(path: str, root: str) -> Any:
    """The id columns of one partition as a pandas DataFrame (runs on a worker)."""
    return id_rows(root, path).to_pandas().astype(_TYPES)


def _empty() -> Any:
    return no_ids().to_pandas().astype(_TYPES)


@contextmanager
def _environment_kept() -> Iterator[None]:
    """Puts back the environment a local cluster changes while it starts its workers
    (``MALLOC_TRIM_THRESHOLD_``, thread counts): this process goes on with its own."""
    before = dict(os.environ)
    try:
        yield
    finally:
        for name in set(os.environ) - set(before):
            del os.environ[name]
        os.environ.update(before)


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    try:
        from distributed import Client
    except ImportError:
        raise EngineError(
            "the dask engine needs dask and distributed: pip install 'newsfacts[dask]'"
        ) from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def local_cluster(workers: int = 2) -> Iterator[Any]:
    """A ``LocalCluster`` of ``workers`` processes of one thread each, closed after; the
    environment it changes while starting its workers is put back."""
    try:
        from distributed import LocalCluster
    except ImportError:
        raise EngineError(
            "the dask engine needs dask and distributed: pip install 'newsfacts[dask]'"
        ) from None
    with (
        _environment_kept(),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster


def validate_on_dask(
    root: Path,
    manifest: Any,
    paths: list[str],
    problems: list[Problem],
    *,
    scheduler: str | None = None,
    workers: int = 2,
) -> Report:
    """The report of the archive at ``root`` (its partitions ``paths``, the problems of its
    manifest already found), checked on Dask."""
    try:
        import dask.dataframe as dd
    except ImportError:
        raise EngineError(
            "the dask engine needs dask and distributed: pip install 'newsfacts[dask]'"
        ) from None
    with _client(scheduler, workers) as client:
        checked = client.map(check_partition, [str(root)] * len(paths), paths, pure=False)
        if paths:
            ids = dd.from_map(id_frame, paths, root=str(root), meta=_empty())
            ids = client.persist(ids)  # read once, kept on the workers
            counts = ids.groupby("id")["partition"].nunique()
            again = client.compute(counts[counts > 1])  # the one shuffle: usually few ids
        results = client.gather(checked)
        occurrences: list[dict[str, Any]] = []
        held: list[tuple[str, str]] = []
        if paths:
            twice = sorted(client.gather(again).index)
            # the rows of those ids, and of the ids some partition could not resolve: a
            # filter of each partition where it is kept, no second shuffle
            found = client.compute(ids[ids["id"].isin(twice)])
            where = client.compute(ids[ids["id"].isin(unresolved(results))][["id", "partition"]])
            rows, where_frame = client.gather([found, where])
            occurrences = rows[list(ID_COLUMNS)].to_dict("records")
            held = list(zip(where_frame["id"], where_frame["partition"]))
    return gathered_report(root, manifest, results, problems, occurrences, held)
