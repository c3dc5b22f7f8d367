"""The committed release and schemas are what the build and the models make now."""

from __future__ import annotations

import json
from pathlib import Path

from newsfacts import __version__
from newsfacts.curation.build import build
from newsfacts.release.schemas import SCHEMA_MODELS, schema_text

from ...conftest import RELEASE, ROOT
from ...helpers import assert_same_files


def test_committed_release_is_current(dataset_copy: Path, tmp_path: Path) -> None:
    fresh = build(dataset_copy, tmp_path / "fresh")
    assert_same_files(fresh, RELEASE, "run 'newsfacts build'")
    committed = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    assert committed["version"] == __version__


def test_committed_schemas_are_current() -> None:
    for name in SCHEMA_MODELS:
        path = ROOT / "schemas" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_text(name), (
            f"{path.name} is stale: run 'python scripts/generate_schemas.py'"
        )
