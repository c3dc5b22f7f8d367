"""The pages curated for the next release build, beside the first page's, into a release that
validates, and every record of them is reviewed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from newsfacts.curation.build import build
from newsfacts.release.loader import load
from newsfacts.validation.checks import validate

from ...conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PENDING = ROOT / "dataset" / "pending"


def test_the_next_release_builds_and_validates(tmp_path: Path) -> None:
    dataset = tmp_path / "next"
    shutil.copytree(ROOT / "dataset" / "sources", dataset / "sources")
    shutil.copytree(ROOT / "dataset" / "curated", dataset / "curated")
    shutil.copytree(PENDING / "sources", dataset / "sources", dirs_exist_ok=True)
    shutil.copytree(PENDING / "curated", dataset / "curated", dirs_exist_ok=True)
    release = build(dataset, tmp_path / "release")  # a plain build: it refuses drafts
    report = validate(release)
    assert report.valid, report.to_text(max_errors=20)
    tables = load(release)
    pages = {p.name for p in (PENDING / "sources").glob("*.txt")}
    assert {Path(s.path).name for s in tables.sources} == pages | {"000_498095c5033c9e5e.txt"}
    assert all(a.review == "accepted" for a in tables.articles)
    assert {f.review for f in tables.facts} == {"accepted"}


def test_every_pending_page_has_its_second_reading_and_reconciliation() -> None:
    for page in (PENDING / "sources").glob("*.txt"):
        assert (PENDING / "second-reading" / f"{page.stem}.md").is_file(), page.name
        assert (PENDING / "reconciliation" / f"reconciliation-{page.stem}.md").is_file()
    for path in (PENDING / "curated").glob("s-*/source.toml"):
        source = tomllib.loads(path.read_text(encoding="utf-8"))
        assert (PENDING / "sources" / source["file"]).is_file(), path
