"""The benchmark scripts run (their figures are reported, never asserted)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from types import ModuleType

from ..conftest import ROOT


def _bench_scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_scale", ROOT / "benchmarks" / "bench_scale.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_of_the_slow_tools_has_the_mix_of_the_release() -> None:
    sample_sizes = _bench_scale().sample_sizes
    rows = {"sources": 10_000, "articles": 100_000, "facts": 1_000_000, "entities": 250_000}
    sample = sample_sizes(rows, 13_600)
    assert sample == {"sources": 100, "articles": 1_000, "facts": 10_000, "entities": 2_500}
    # never more than a table holds, never none of a table
    assert sample_sizes({"sources": 1, "facts": 10_000}, 500) == {
        "sources": 1,
        "facts": 500,
    }


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
        "pyarrow read + sha256 of every file",
        "DuckDB basic checks (JSONL + Parquet)",
        "jsonschema-rs (our schemas, JSONL)",
        "jsonschema (Draft 2020-12, sample)",
        "frictionless (CSV export, sample)",
    ]
    assert "x the records per second" in result.stdout
    assert "pyarrow read (JSONL + Parquet) / frictionless" in result.stdout
    sampled = re.search(r"sample for the slow tools: (.*)", result.stdout)
    assert sampled is not None
    counts = [int(part.split()[0]) for part in sampled.group(1).split(", ")]
    assert len(counts) == 4 and all(counts)
    records = {row.split("|")[1].strip(): int(row.split("|")[2]) for row in rows[1:]}
    assert records["jsonschema (Draft 2020-12, sample)"] == sum(counts)
    # the peers that read everything count every record, as validate does
    every = records["newsfacts validate"]
    assert records["DuckDB basic checks (JSONL + Parquet)"] == every > sum(counts)
    assert records["jsonschema-rs (our schemas, JSONL)"] == every
    assert re.search(r"versions: python [0-9.]+, newsfacts [0-9.]+, pyarrow [0-9.]+", result.stdout)
    assert re.search(r"duckdb [0-9.]+, jsonschema-rs [0-9.]+", result.stdout)
    assert "the fastest of 2 rounds" in result.stdout
    assert re.search(r"x the records per second \(round by round: median [0-9.]+x", result.stdout)
    seconds = [row.split("|")[3] for row in rows[1:]]
    assert all("median" in cell for cell in seconds), seconds


def test_text_benchmark_runs_and_reports_recall_precision_and_speed() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_text.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [line.strip().split("  ")[0] for line in result.stdout.splitlines() if line[:2] == "  "]
    for name in ("recall", "precision", "time right", "value texts read right", "chars per second"):
        assert name in names, result.stdout
    recall = float(re.search(r"recall\s+([\d.]+)", result.stdout)[1])  # type: ignore[index]
    assert 0 < recall <= 1


def test_draft_benchmark_runs_and_reports_each_kind() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_draft.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [line.strip().split("  ")[0] for line in result.stdout.splitlines() if line[:2] == "  "]
    for name in ("articles found", "headlines right", "quantity recall", "pages per minute"):
        assert name in names, result.stdout
    assert "derived facts proposed" in names, result.stdout
    assert "\nall sources (micro-averaged)\n" in result.stdout
    assert "\ntest split (micro-averaged)\n" in result.stdout


def test_site_benchmark_runs_and_reports_each_step() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_site.py"), "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert re.search(r": \d+ pages \(\d+ articles, \d+ facts, \d+ entities\)", lines[0])
    assert [line.split()[0] for line in lines[1:]] == [
        "load",
        "validate",
        "pages",
        "review",
        "size",
    ]


def test_archive_benchmark_runs_at_a_tiny_size_and_reports_every_engine(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_archive.py"),
            "--articles",
            "24",
            "--per-page",
            "2",
            "--workdir",
            str(tmp_path),
            "--engines",
            "dask",  # Spark's engine has tests of its own; two clusters here would take a minute
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("archive: 24 articles, 12 partitions, 12 sources, 24 articles")
    assert [line[:16].strip() for line in lines[1:4]] == [
        "one machine",
        "dask, 1 worker",
        "dask, 2 workers",
    ]
    assert all("records/worker-s" in line and " 0 problems" in line for line in lines[1:4])
    assert lines[4].startswith("speed-up 1 -> 2 workers on dask: ")
    assert "bytes per record" in lines[5] and "workers to validate them" in lines[6]
    assert list(tmp_path.iterdir()) == []  # the archive is removed after
