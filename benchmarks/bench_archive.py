"""Validating an archive on one machine, on Dask and on Spark with 1 and 2 workers.

Synthesises an archive of ``--articles`` articles (``newsfacts synth --archive``), validates
it on one machine (in a fresh process, for its own peak memory), on a Dask LocalCluster of
1 and of 2 worker processes (one thread each; each worker's peak memory asked of it with
``client.run``) and on a Spark local cluster of 1 and of 2 executor processes (one core each;
the peak of each executor's Python worker, where the checks run, asked of it by a task), and
prints seconds, records per worker-second, the speed-up from 1 to 2
workers, the overhead of the engine against one machine, the bytes of id columns that the
cross-partition group-by shuffles per record, and a capacity model: the workers an archive of
100 M facts needs to validate in ten minutes at the rate measured here.

    python benchmarks/bench_archive.py                     # 20 000 articles
    python benchmarks/bench_archive.py --articles 200000   # the full run
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsfacts.synth import write_synth_archive

_LOCAL = """
import json, resource, sys, time
from newsfacts.engines.local import validate_archive
start = time.perf_counter()
report = validate_archive(sys.argv[1])
seconds = time.perf_counter() - start
try:  # the process's own high-water mark (ru_maxrss counts the parent's too)
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    peak = int(status.split()[0]) * 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "records": report.records, "problems": len(report.problems),
                  "peak": peak}))
"""


def _peak() -> int:
    """A worker's own peak resident memory in bytes: the high-water mark of its memory
    (``VmHWM``), where ``ru_maxrss`` would also count the process that started it, which a
    child made by fork or vfork inherits across exec."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def local(archive: Path) -> dict[str, Any]:
    """One machine, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _LOCAL, str(archive)], capture_output=True, text=True, check=True
    )
    found: dict[str, Any] = json.loads(out.stdout)
    found["peaks"] = [found.pop("peak")]
    return found


def on_dask(archive: Path, workers: int) -> dict[str, Any]:
    """A LocalCluster of ``workers`` processes, one thread each, started before the clock."""
    from distributed import Client

    from newsfacts.engines.local import validate_archive
    from newsfacts.engines.on_dask import local_cluster

    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        start = time.perf_counter()
        report = validate_archive(archive, engine="dask", scheduler=cluster.scheduler_address)
        seconds = time.perf_counter() - start
        peaks = sorted(client.run(_peak).values())
    return {
        "seconds": seconds,
        "records": report.records,
        "problems": len(report.problems),
        "peaks": peaks,
    }


def _spark_peaks(spark: Any, workers: int) -> list[int]:
    """The peak memory of the Python worker of each executor (where the checks ran)."""
    import os

    import pyarrow as pa

    def peaks(batches: Any) -> Any:
        for batch in batches:
            yield pa.RecordBatch.from_pydict(
                {"pid": [os.getpid()] * len(batch), "peak": [_peak()] * len(batch)}
            )

    tasks = spark.createDataFrame([(i,) for i in range(8 * workers)], "i long")
    rows = tasks.repartition(8 * workers).mapInArrow(peaks, "pid long, peak long").collect()
    return sorted({row.pid: row.peak for row in rows}.values())


def on_spark(archive: Path, workers: int) -> dict[str, Any]:
    """A Spark local cluster of ``workers`` executor processes, one core each, started and
    warmed (its Python workers running) before the clock."""
    from newsfacts.engines.local import validate_archive
    from newsfacts.engines.on_spark import spark_session

    with spark_session(workers=workers) as spark:
        while spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() < workers + 1:
            time.sleep(0.2)  # every executor registered
        _spark_peaks(spark, workers)  # a job that starts the Python workers
        start = time.perf_counter()
        report = validate_archive(archive, engine="spark")
        seconds = time.perf_counter() - start
        peaks = _spark_peaks(spark, workers)
    return {
        "seconds": seconds,
        "records": report.records,
        "problems": len(report.problems),
        "peaks": peaks,
    }


def shuffled_bytes(archive: Path) -> tuple[int, int]:
    """The bytes of the id columns (as the pandas frames the group-by shuffles) and their
    rows."""
    from newsfacts.engines.on_dask import id_frame
    from newsfacts.release.archive import read_archive_manifest

    size = rows = 0
    for entry in read_archive_manifest(archive).partitions:
        frame = id_frame(entry.path, str(archive))
        size += int(frame.memory_usage(deep=True, index=False).sum())
        rows += len(frame)
    return size, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-page", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--engines", default="dask,spark", help="The engines to run, of dask and spark."
    )
    args = parser.parse_args()
    engines = {"dask": on_dask, "spark": on_spark}
    chosen = [name for name in args.engines.split(",") if name]
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        archive = Path(tmp) / "archive"
        start = time.perf_counter()
        manifest = write_synth_archive(args.articles, args.seed, archive, per_page=args.per_page)
        written = time.perf_counter() - start
        totals = {
            t: sum(p.rows[t] for p in manifest.partitions) for t in manifest.partitions[0].rows
        }
        print(
            f"archive: {args.articles} articles, {len(manifest.partitions)} partitions, "
            + ", ".join(f"{n} {t}" for t, n in totals.items())
            + f"; written in {written:.1f} s"
        )
        runs = {"one machine": (local(archive), 1)}
        for engine in chosen:
            for workers in (1, 2):
                runs[f"{engine}, {workers} worker" + ("s" if workers > 1 else "")] = (
                    engines[engine](archive, workers),
                    workers,
                )
        base = runs["one machine"][0]["seconds"]
        for name, (run, workers) in runs.items():
            rate = run["records"] / (run["seconds"] * workers)
            peaks = ", ".join(f"{p / 2**20:.0f}" for p in run["peaks"])
            print(
                f"{name:<16} {run['seconds']:7.1f} s  {run['records']} records, "
                f"{run['problems']} problems  {rate:8.0f} records/worker-s  "
                f"peak MiB per worker: {peaks}  overhead vs one machine: "
                f"{run['seconds'] / base:.2f}x"
            )
        for engine in chosen:
            one = runs[f"{engine}, 1 worker"][0]["seconds"]
            two = runs[f"{engine}, 2 workers"][0]["seconds"]
            print(f"speed-up 1 -> 2 workers on {engine}: {one / two:.2f}x")
        two = runs[f"{chosen[0]}, 2 workers"][0]["seconds"]
        size, rows = shuffled_bytes(archive)
        records = runs["one machine"][0]["records"]
        print(
            f"shuffled: {size / 2**20:.1f} MiB of id columns for {rows} id rows, "
            f"{size / records:.0f} bytes per record"
        )
        rate = records / (two * 2)
        per_fact = records / totals["facts"]
        target = 100_000_000 * per_fact
        needed = target / (rate * 600)
        print(
            f"capacity: {rate:.0f} records/worker-s on 2 workers of {chosen[0]}; 100 M facts are "
            f"{target / 1e6:.0f} M records ({per_fact:.2f} per fact), "
            f"{math.ceil(needed)} workers to validate them in ten minutes ({needed:.2f})"
        )


if __name__ == "__main__":
    main()
