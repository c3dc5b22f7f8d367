"""The packaged release is found in a wheel and in an editable install of a checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import newsfacts.release.resources as resources


def _checkout(tmp_path: Path, *, pyproject: bool = True) -> Path:
    """A checkout's shape: src/newsfacts/release/resources.py, dataset/release, schemas/."""
    root = tmp_path / "checkout"
    (root / "src" / "newsfacts" / "release").mkdir(parents=True)
    shutil.copy(resources.__file__, root / "src" / "newsfacts" / "release" / "resources.py")
    (root / "dataset" / "release").mkdir(parents=True)
    (root / "schemas").mkdir()
    if pyproject:
        (root / "pyproject.toml").write_text("[project]\nname = 'newsfacts'\n", encoding="utf-8")
    return root


def _as_editable(monkeypatch: pytest.MonkeyPatch, root: Path, tmp_path: Path) -> None:
    """Import as from that checkout, with a package that carries no _data (as an editable
    install's)."""
    module = root / "src" / "newsfacts" / "release" / "resources.py"
    monkeypatch.setattr(resources, "__file__", str(module))
    monkeypatch.setattr(resources, "files", lambda _package: tmp_path / "no-data")


def test_an_editable_install_reads_the_checkouts_release(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _checkout(tmp_path)
    _as_editable(monkeypatch, root, tmp_path)
    assert resources.release_dir() == root / "dataset" / "release"
    assert resources.schema_dir() == root / "schemas"


def test_a_package_without_data_outside_a_checkout_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _checkout(tmp_path, pyproject=False)
    _as_editable(monkeypatch, root, tmp_path)
    with pytest.raises(FileNotFoundError, match="the packaged release is missing"):
        resources.release_dir()


def test_the_packaged_data_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    (tmp_path / "wheel" / "_data" / "release").mkdir(parents=True)
    module = root / "src" / "newsfacts" / "release" / "resources.py"
    monkeypatch.setattr(resources, "__file__", str(module))
    monkeypatch.setattr(resources, "files", lambda _package: tmp_path / "wheel")
    assert resources.release_dir() == tmp_path / "wheel" / "_data" / "release"
