"""The wheel carries the release and the schemas, and reads them from inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import RELEASE, ROOT


@pytest.mark.slow
def test_wheel_carries_release_and_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("newsfacts-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in RELEASE.iterdir():
        assert f"newsfacts/_data/release/{path.name}" in names
    for path in (ROOT / "schemas").iterdir():
        assert f"newsfacts/_data/schemas/{path.name}" in names
    assert "newsfacts/cli.py" in names
    assert not any(n.startswith(("tests/", "dataset/curated", "scripts/")) for n in names)


def test_installed_package_reads_its_own_copy() -> None:
    from newsfacts.resources import release_dir

    path = release_dir()
    assert path.parts[-3:] == ("newsfacts", "_data", "release")
    assert (ROOT / "dataset") not in path.resolve().parents  # the installed copy, not the checkout
