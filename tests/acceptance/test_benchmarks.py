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
