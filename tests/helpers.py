"""Ways to break a release copy in exactly one place, keeping everything else consistent."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsfacts.io import MODELS, PARQUET_OPTIONS, arrow_schema


def reseal(release: Path, *, parquet: bool = True) -> None:
    """Rewrite the Parquet copies from the JSONL and the manifest from the files, as a
    careless hand-assembled release would, so that only the planted fault remains."""
    if parquet:
        for table, model in MODELS.items():
            rows = [
                json.loads(line) for line in (release / f"{table}.jsonl").open(encoding="utf-8")
            ]
            pq.write_table(
                pa.Table.from_pylist(rows, schema=arrow_schema(model)),
                release / f"{table}.parquet",
                **PARQUET_OPTIONS,
            )
    manifest_path = release / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (release / entry["path"]).read_bytes()
        entry["bytes"] = len(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        if entry["format"] == "jsonl":
            entry["rows"] = data.count(b"\n")
    manifest_path.write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def line_of(release: Path, table: str, record_id: str) -> int:
    """The 1-based JSONL line of a record."""
    for number, line in enumerate((release / f"{table}.jsonl").open(encoding="utf-8"), 1):
        if json.loads(line)["id"] == record_id:
            return number
    raise KeyError(record_id)


def mutate(
    release: Path, table: str, record_id: str, change: Callable[[dict[str, Any]], Any], **kw: Any
) -> int:
    """Apply ``change`` to one JSONL record, reseal, and return the record's line."""
    path = release / f"{table}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = line_of(release, table, record_id)
    record = json.loads(lines[number - 1])
    change(record)
    lines[number - 1] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reseal(release, **kw)
    return number


def write_raw(release: Path, name: str, data: bytes) -> None:
    """Replace a file's bytes and reseal the manifest only."""
    (release / name).write_bytes(data)
    reseal(release, parquet=False)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }
