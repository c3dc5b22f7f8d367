"""Validate an archive on Spark (``newsfacts[spark]``, with a Java runtime): the partitions mapped
over the executors with ``mapInArrow``, the checks across partitions as Spark's own group-by
and joins of the id columns.

Each partition is one task on an executor (``mapInArrow`` over a DataFrame of the partitions'
paths, a slice each): the validator of a release checks it
(:func:`newsfacts.engines.partition.check_partition`) and its id columns are read, both handed
to Spark as Arrow rows and cached there. Spark groups the ids (a shuffle) to find those in more
than one partition, and joins the ids with those and with the ids a partition could not
resolve (broadcast); only those rows come back. The findings become the report through
:mod:`newsfacts.engines.cross`, as on one machine and on Dask. The archive must be at the same
path on every executor (a shared file system), and newsfacts installed in the Python the
executors run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsfacts.engines.cross import gathered_report, unresolved
from newsfacts.engines.errors import EngineError
from newsfacts.engines.partition import ID_COLUMNS, check_partition, id_rows, no_ids
from newsfacts.validation.report import Problem, Report

__all__ = ["local_cluster_master", "spark_session", "validate_on_spark"]

#: The memory of each worker of a local cluster, and of its executor (MiB): the checks run
#: in the executor's Python worker, beside it.
_WORKER_MB = 1024

_MISSING = "the spark engine needs pyspark and a Java runtime: pip install 'newsfacts[spark]'"


def local_cluster_master(workers: int = 2, memory_mb: int = 1024) -> str:
    """The master URL of a local cluster of ``workers`` executor processes (one core and
    ``memory_mb`` each), started by the session and stopped with it."""
    return f"local-cluster[{workers},1,{memory_mb}]"


#: Spark's own log, quiet but for warnings of Spark's own (without it, Spark prints its
#: defaults on start); warn, not error, at the root: the level a shell's session starts at.
_LOG4J = """rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
"""


@contextmanager
def spark_session(master: str | None = None, workers: int = 2) -> Iterator[Any]:
    """The Spark session (or context) already running in this process (a notebook's, a
    test's: used as it is, and left running), or one started on ``master`` (``spark://host:7077``,
    ``local[2]``, ...) or on a local cluster of ``workers`` executor processes, stopped
    after. Its executors run this Python; the environment it changes while starting is put
    back."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(_MISSING) from None
    from pyspark import SparkContext

    running = SparkSession.getActiveSession()
    if running is None and SparkContext._active_spark_context is not None:
        running = SparkSession.builder.getOrCreate()  # the process's context, in a session
    if running is not None:
        yield running
        return
    before = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="newsfacts-spark-") as folder:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if not (_spark_home() / "conf").is_dir():  # no configuration of the user's: a quiet log
            (Path(folder) / "log4j2.properties").write_text(_LOG4J, encoding="utf-8")
            os.environ.setdefault("SPARK_CONF_DIR", folder)
        if master is None:  # a local cluster, on this machine's loopback
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            SparkSession.builder.master(master or local_cluster_master(workers, _WORKER_MB))
            .appName("newsfacts validate")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(max(2, 2 * workers)))
        )
        if master is None:  # an executor takes its worker's memory
            builder = builder.config("spark.executor.memory", f"{_WORKER_MB}m")
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # no Java, a master that cannot be reached: pyspark's errors
            where = master or "a local cluster"
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]  # not Java's trace
            raise EngineError(f"cannot start Spark on {where}: {first}") from None
        finally:
            for name in set(os.environ) - set(before):
                del os.environ[name]
            os.environ.update(before)
        app = spark.sparkContext.applicationId
        try:
            yield spark
        finally:
            spark.stop()
            if master is None:
                _remove_work(app)


def _spark_home() -> Path:
    import pyspark

    return Path(os.environ.get("SPARK_HOME") or Path(pyspark.__file__).parent)


def _remove_work(app: str) -> None:
    """The folder a local cluster's workers wrote for the application (its executors' logs,
    in Spark's home: they take no other folder), removed with the work folder if that is left
    empty."""
    work = _spark_home() / "work"
    shutil.rmtree(work / app, ignore_errors=True)
    with contextlib.suppress(OSError):
        work.rmdir()  # only if empty: another application's folders stay


def _task(root: str) -> Any:
    """The task of each partition, in one pass: its check (a row holding the pickled
    :class:`PartitionResult`), then its id columns (a row each, without a result)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        schema = _arrow_schema()
        for batch in batches:
            for path in batch.column(0).to_pylist():
                result = pickle.dumps(check_partition(root, path))
                yield pa.RecordBatch.from_pydict(
                    {**{name: [None] for name in ID_COLUMNS}, "result": [result]}, schema=schema
                )
                for ids in id_rows(root, path).to_batches():
                    empty = pa.nulls(len(ids), pa.binary())
                    yield pa.RecordBatch.from_arrays([*ids.columns, empty], schema=schema)

    return run


def _arrow_schema() -> pa.Schema:
    return no_ids().schema.append(pa.field("result", pa.binary()))


def _spark_schema() -> Any:
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    types = {"string": StringType(), "int64": LongType(), "binary": BinaryType()}
    return StructType([StructField(f.name, types[str(f.type)], True) for f in _arrow_schema()])


def validate_on_spark(
    root: Path,
    manifest: Any,
    paths: list[str],
    problems: list[Problem],
    *,
    master: str | None = None,
    workers: int = 2,
) -> Report:
    """The report of the archive at ``root`` (its partitions ``paths``, the problems of its
    manifest already found), checked on Spark."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark on pandas 3: not used here
        return _on_spark(root, manifest, paths, problems, master, workers)


def _on_spark(
    root: Path,
    manifest: Any,
    paths: list[str],
    problems: list[Problem],
    master: str | None,
    workers: int,
) -> Report:
    with spark_session(master, workers) as spark:
        from pyspark.sql import functions as F

        results = []
        occurrences: list[dict[str, Any]] = []
        held: list[tuple[str, str]] = []
        if paths:
            # a task per partition (a hash partitioning would put some together)
            spread = spark.sparkContext.parallelize([(p,) for p in paths], len(paths))
            tasks = spark.createDataFrame(spread, "path string")
            done = tasks.mapInArrow(_task(str(root)), _spark_schema()).cache()
            found = done.where(F.col("result").isNotNull()).select("result").collect()
            by_path = {r.path: r for r in (pickle.loads(row.result) for row in found)}
            results = [by_path[p] for p in paths]
            ids = done.where(F.col("result").isNull()).select(*ID_COLUMNS)
            counts = ids.groupBy("id").agg(F.countDistinct("partition").alias("partitions"))
            twice = counts.where("partitions > 1").select("id")  # the shuffle: usually few ids
            rows = ids.join(F.broadcast(twice), "id").select(*ID_COLUMNS).collect()
            occurrences = [r.asDict() for r in rows]
            targets = unresolved(results)
            if targets:
                wanted = spark.createDataFrame([(i,) for i in targets], "id string")
                pairs = ids.join(F.broadcast(wanted), "id").select("id", "partition").collect()
                held = [(r.id, r.partition) for r in pairs]
            done.unpersist()
    return gathered_report(root, manifest, results, problems, occurrences, held)
