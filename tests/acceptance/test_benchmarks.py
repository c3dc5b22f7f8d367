"""The benchmark scripts run (their figures are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT


def test_release_benchmark_runs_and_reports_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_release.py"), "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["load", "validate"]
    assert all("records/s" in line for line in lines[1:])


def test_scale_benchmark_runs_at_a_tiny_size_and_reports_every_tool(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_scale.py"),
            "--articles",
            "20",
            "--sample",
            "20",
            "--workdir",
            str(tmp_path),
            "--repeat",
            "2",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [
        line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line
    ]
    tools = [row.split("|")[1].strip() for row in rows[1:]]
    assert tools == [
        "newsfacts validate",
        "pyarrow read (JSONL + Parquet)",
        "jsonschema (Draft 2020-12, sample)",
        "frictionless (CSV export, sample)",
    ]
    assert "x the records per second" in result.stdout
    assert "the fastest of 2 rounds" in result.stdout
    seconds = [row.split("|")[3] for row in rows[1:]]
    assert all("median" in cell for cell in seconds), seconds
