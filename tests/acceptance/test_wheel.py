"""The wheel carries the release and the schemas, and reads them from inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import RELEASE, ROOT


@pytest.mark.slow
def test_sdist_and_the_wheel_built_from_it_carry_the_data(tmp_path: Path) -> None:
    # python -m build makes the sdist, then the wheel from the unpacked sdist
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("newsfacts-*.tar.gz")
    import tarfile

    with tarfile.open(sdist) as tar:
        members = {m.split("/", 1)[1] for m in tar.getnames() if "/" in m}
    for path in RELEASE.iterdir():
        assert f"dataset/release/{path.name}" in members
    assert "dataset/sources/000_498095c5033c9e5e.txt" in members
    assert "dataset/curated/s-bcfbe062/a01.toml" in members
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    (wheel,) = tmp_path.glob("newsfacts-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in RELEASE.iterdir():
        assert f"newsfacts/_data/release/{path.name}" in names
    for path in (ROOT / "schemas").iterdir():
        assert f"newsfacts/_data/schemas/{path.name}" in names
    assert "newsfacts/cli.py" in names
    for asset in ("site.css", "site.js"):  # the review site's script and style
        assert f"newsfacts/site/assets/{asset}" in names
    assert not any(n.startswith(("tests/", "dataset/curated", "scripts/")) for n in names)


def test_installed_package_reads_its_own_copy() -> None:
    import newsfacts
    from newsfacts.release.resources import release_dir

    if (ROOT / "src") in Path(newsfacts.__file__).resolve().parents:
        pytest.skip("an editable install reads the checkout's release (see test_resources.py)")

    path = release_dir()
    assert path.parts[-3:] == ("newsfacts", "_data", "release")
    assert (ROOT / "dataset") not in path.resolve().parents  # the installed copy, not the checkout
