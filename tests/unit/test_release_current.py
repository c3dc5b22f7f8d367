"""The committed release and schemas are what the build and the models make now."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from newsfacts import __version__
from newsfacts.build import build
from newsfacts.schemas import SCHEMA_MODELS, schema_text

from ..conftest import RELEASE, ROOT


def test_committed_release_is_current(dataset_copy: Path, tmp_path: Path) -> None:
    fresh = build(dataset_copy, tmp_path / "fresh")
    names = sorted(p.name for p in fresh.iterdir())
    assert names == sorted(p.name for p in RELEASE.iterdir()), "files differ: run 'newsfacts build'"
    for name in names:
        if name.endswith(".jsonl"):
            assert (fresh / name).read_bytes() == (RELEASE / name).read_bytes(), (
                f"{name} is stale: run 'newsfacts build'"
            )
        elif name in ("datapackage.json", "croissant.json"):
            assert (fresh / name).read_bytes() == (RELEASE / name).read_bytes(), name
        elif name.endswith(".parquet"):
            # Parquet bytes depend on the pyarrow version that wrote them: compare content.
            assert pq.read_table(fresh / name).equals(pq.read_table(RELEASE / name)), name
    committed = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    rebuilt = json.loads((fresh / "manifest.json").read_text(encoding="utf-8"))
    assert committed["version"] == __version__

    def stable(manifest: dict) -> list:  # type: ignore[type-arg]
        return [
            {k: v for k, v in f.items() if f["format"] == "jsonl" or k not in ("bytes", "sha256")}
            for f in manifest["files"]
        ]

    assert stable(committed) == stable(rebuilt)


def test_committed_schemas_are_current() -> None:
    for name in SCHEMA_MODELS:
        path = ROOT / "schemas" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_text(name), (
            f"{path.name} is stale: run 'python scripts/generate_schemas.py'"
        )
