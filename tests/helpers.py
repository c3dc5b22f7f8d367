"""Ways to break a release copy in exactly one place, keeping everything else consistent."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsfacts.models import MODELS, Manifest
from newsfacts.release.card import CARD, dataset_card
from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema
from newsfacts.release.metadata import metadata_json
from newsfacts.validation.descriptors import DESCRIPTORS


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
    sealed = Manifest.model_validate(manifest)
    for name, derive in DESCRIPTORS.items():
        if (release / name).exists():
            (release / name).write_text(metadata_json(derive(sealed)), encoding="utf-8")
    if (release / CARD).exists():
        (release / CARD).write_text(dataset_card(sealed), encoding="utf-8")


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


def assert_same_files(fresh: Path, committed: Path, hint: str) -> None:
    """Two folders of generated files hold the same files with the same content: JSONL, JSON
    and metadata byte for byte, Parquet by content (its bytes depend on the pyarrow version
    that wrote it), manifests but for the sizes and hashes of Parquet files."""
    names = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    found = sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file())
    assert names == found, f"files differ: {hint}"
    for name in names:
        new, old = fresh / name, committed / name
        if name.endswith(".parquet"):
            assert _parquet_content(new) == _parquet_content(old), f"{name} is stale: {hint}"
        elif name.endswith("manifest.json"):
            assert _stable(new) == _stable(old), f"{name} is stale: {hint}"
        else:
            assert new.read_bytes() == old.read_bytes(), f"{name} is stale: {hint}"


def _parquet_content(path: Path) -> tuple[pa.Schema, str]:
    """A Parquet file's schema and rows (as JSON, where NaN equals NaN)."""
    table = pq.read_table(path)
    return table.schema, json.dumps(table.to_pylist(), ensure_ascii=False)


def _stable(manifest_path: Path) -> Any:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest.get("files", []):
        if entry.get("format") == "parquet":
            entry.pop("bytes", None)
            entry.pop("sha256", None)
    return manifest


def script_module(path: Path) -> Any:
    """The module of a script outside the package (``scripts/``, ``benchmarks/``), imported by
    its file name as the scripts import each other, so that they share one copy."""
    import importlib.util
    import sys

    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
