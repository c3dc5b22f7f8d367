"""Every invalid fixture case as the one partition of an archive: on one machine and on Dask
(one LocalCluster of two worker processes for all cases), each reports the case's expected
problems at the partition's paths, and both engines the same report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfacts.engines.local import validate_archive
from newsfacts.release.archive import partition_path

from .test_fixtures import CASES, _assemble

PART = partition_path("newsfacts synth", None)  # the fixture's sources: undated, of synth


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from newsfacts.engines.on_dask import local_cluster

    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def _archive(case: str, tmp_path: Path) -> tuple[Path, list[list[Any]]]:
    """The case's release as the partition of an archive, and the problems expected there."""
    release, expected = _assemble(case, tmp_path)
    archive = tmp_path / "archive"
    (archive / PART).parent.mkdir(parents=True)
    release.rename(archive / PART)
    inner = archive / PART / "manifest.json"
    data = inner.read_bytes() if inner.is_file() else b""
    try:  # the rows its manifest lists, as an archive's writer records them
        rows = {f["table"]: f["rows"] for f in json.loads(data)["files"]}
    except (ValueError, KeyError, TypeError):
        rows = {}
    entry = {
        "path": PART,
        "publisher": "newsfacts synth",
        "year": None,
        "rows": rows,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    manifest = {
        "name": "newsfacts",
        "version": "0.1.0",
        "layout": "hive",
        "partitioning": ["publisher", "year"],
        "partitions": [entry],
    }
    (archive / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = [
        [kind, f"{PART}/{file}" if file else PART, line, record, field]
        for kind, file, line, record, field in expected["problems"]
        if kind != "file-empty"  # a partition may hold none of a table
    ]
    if not inner.is_file():
        problems.append(["manifest-error", "manifest.json", None, PART, "$.partitions[0]"])
    return archive, problems


def _found(report: Any) -> list[list[Any]]:
    return [[p.type, p.file, p.line, p.record_id, p.field] for p in report.problems]


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_in_a_partition(case: str, tmp_path: Path, scheduler: str) -> None:
    archive, expected = _archive(case, tmp_path)
    local = validate_archive(archive)
    assert sorted(_found(local), key=str) == sorted(expected, key=str)
    on_dask = validate_archive(archive, engine="dask", scheduler=scheduler)
    assert on_dask.to_dict() == local.to_dict()
