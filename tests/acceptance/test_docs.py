"""What the docs say is what the package does: examples run, counts and versions agree."""

from __future__ import annotations

import json
import re

import pytest

import newsfacts

from ..conftest import RELEASE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("block", re.findall(r"```python\n(.*?)```", README, re.S))
def test_readme_python_examples_run(block: str) -> None:
    exec(compile(block, "README.md", "exec"), {})


def test_readme_names_the_two_commands() -> None:
    for name in ("run", "test"):
        assert f"<!-- command: {name} -->\n```\n" in README


def test_changelog_has_this_version_with_the_release_counts() -> None:
    version = newsfacts.__version__
    section = CHANGELOG.split(f"## [{version}]", 1)[1].split("\n## [", 1)[0]
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    counts = {f["table"]: f["rows"] for f in manifest["files"]}
    stated = dict(
        re.findall(r"(sources|articles|facts|entities) (\d+)", section.split("Tables:")[1])
    )
    assert {k: int(v) for k, v in stated.items()} == counts


def test_one_version_everywhere() -> None:
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == newsfacts.__version__
    assert newsfacts.load().version == newsfacts.__version__


def test_datasheet_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_datasheet", ROOT / "scripts" / "make_datasheet.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8")
    assert committed == module.render(), "docs/datasheet.md is stale: run scripts/make_datasheet.py"


def test_citation_names_this_version_and_its_release_date() -> None:
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = newsfacts.__version__
    assert f"\nversion: {version}\n" in citation
    date = re.search(rf"## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})", CHANGELOG)
    assert date is not None
    assert f"\ndate-released: {date.group(1)}\n" in citation
