"""An archive validated on Spark (a real local cluster of two executor processes, started once
for these tests): the planted defects and every invalid fixture case are reported exactly as on
one machine, problem for problem. Spark needs a Java runtime: without one these tests are
skipped, unless ``NEWSFACTS_REQUIRE_SPARK=1`` (as in CI), where they fail."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsfacts.cli import main
from newsfacts.engines.local import validate_archive
from newsfacts.synth import write_synth_archive

from .test_engines import planted  # noqa: F401 (a fixture)
from .test_engines_fixtures import CASES, _archive, _found


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local cluster of two executor processes for the module: the engine uses the session
    running in the process, as it would a notebook's."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("NEWSFACTS_REQUIRE_SPARK") == "1":
            pytest.fail("NEWSFACTS_REQUIRE_SPARK=1 but no Java runtime is installed")
        pytest.skip("no Java runtime (apt-get install openjdk-17-jre-headless)")
    from newsfacts.engines.on_spark import spark_session

    with spark_session(workers=2) as session:
        yield session


def test_the_cluster_has_two_executor_processes(spark: Any) -> None:
    import pyarrow as pa

    def pids(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield pa.RecordBatch.from_pydict({"pid": [os.getpid()] * len(batch)})

    tasks = spark.createDataFrame([(i,) for i in range(8)], "i long").repartition(8)
    found = {row.pid for row in tasks.mapInArrow(pids, "pid long").collect()}
    assert len(found) == 2 and os.getpid() not in found
    # the driver and two executors
    assert spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() == 3


def test_each_planted_defect_is_reported_the_same_on_one_machine_and_on_spark(
    spark: Any,
    planted: tuple[Path, list[list[Any]]],  # noqa: F811
) -> None:
    archive, _ = planted
    local = validate_archive(archive)
    on_spark = validate_archive(archive, engine="spark")
    assert len(local.problems) == 13
    assert on_spark.problems == local.problems  # the same problems, in the same order
    assert on_spark.to_dict() == local.to_dict()


def test_every_invalid_fixture_case_in_a_partition_as_on_one_machine(
    spark: Any, tmp_path: Path
) -> None:
    for case in CASES:
        archive, expected = _archive(case, tmp_path / case)
        local = validate_archive(archive)
        assert sorted(_found(local), key=str) == sorted(expected, key=str), case
        assert validate_archive(archive, engine="spark").to_dict() == local.to_dict(), case


def test_the_cli_validates_an_archive_on_spark(spark: Any, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_synth_archive(8, 1, archive, per_page=2)
    runner = CliRunner()
    options = ["--engine", "spark", "--format", "json"]
    result = runner.invoke(main, ["validate", str(archive), *options])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == validate_archive(archive).to_dict()
    result = runner.invoke(main, ["validate", str(archive), "--master", "local[2]"])
    assert result.exit_code == 2
    assert result.stderr == "newsfacts: --master needs --engine spark\n"


def test_a_missing_java_runtime_is_told_not_raised(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_synth_archive(2, 1, archive, per_page=2)
    code = (
        "import sys\n"
        "from newsfacts.cli import main\n"
        "main(['validate', sys.argv[1], '--engine', 'spark'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(archive)],
        capture_output=True,
        text=True,
        env={**os.environ, "JAVA_HOME": str(tmp_path / "no-java")},
        timeout=300,
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("newsfacts: cannot start Spark on a local cluster: "), result.stderr
    assert "Traceback" not in result.stderr
