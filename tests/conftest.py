"""Shared fixtures: the checkout's dataset, a fresh build of it, and throwaway copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsfacts.curation.build import build_tables
from newsfacts.models import Tables

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "dataset"
RELEASE = DATASET / "release"
SOURCE = DATASET / "sources" / "000_498095c5033c9e5e.txt"


@pytest.fixture(scope="session")
def tables() -> Tables:
    """The records built from the checkout's sources and curated files."""
    return build_tables(DATASET)


@pytest.fixture(scope="session")
def page() -> str:
    """The raw page, read independently of the package."""
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    """A writable copy of sources/ and curated/ to break."""
    target = tmp_path / "dataset"
    for name in ("sources", "curated"):
        shutil.copytree(DATASET / name, target / name)
    return target


@pytest.fixture
def release_copy(tmp_path: Path) -> Path:
    """A writable copy of the committed release to break."""
    target = tmp_path / "release"
    shutil.copytree(RELEASE, target)
    return target


@pytest.fixture(autouse=True)
def fast_path_for_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """validate takes its whole-column path only for large releases; the tests' releases are
    small, so they lower the threshold to check that path (the row path is checked by
    switching the fast one off, in test_fixtures.py)."""
    import newsfacts.validation.checks

    monkeypatch.setattr(newsfacts.validation.checks, "FAST_PATH_BYTES", 0)
    monkeypatch.setattr(newsfacts.validation.checks, "FAST_PATH_ROWS", 0)
