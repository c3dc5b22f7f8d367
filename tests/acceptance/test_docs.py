"""What the docs say is what the package does: examples run, counts and versions agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import newsfacts

from ..conftest import RELEASE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


EXAMPLES = [
    pytest.param(block, id=f"{name}-{i}")
    for name in ("README.md", "docs/loading.md", "docs/numbers.md", "docs/archive.md")
    for i, block in enumerate(
        re.findall(r"```python\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S)
    )
]


@pytest.mark.parametrize("block", EXAMPLES)
def test_python_examples_in_the_docs_run(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    exec(compile(block, "docs", "exec"), {})


def test_readme_names_the_two_commands() -> None:
    for name in ("run", "test"):
        assert f"<!-- command: {name} -->\n```\n" in README


def test_changelog_has_this_version_with_the_release_counts() -> None:
    version = newsfacts.__version__
    section = CHANGELOG.split(f"## [{version}]", 1)[1].split("\n## [", 1)[0]
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    counts = {f["table"]: f["rows"] for f in manifest["files"]}
    stated = dict(
        re.findall(
            r"(sources|articles|facts|entities) (\d+)", section.split("Tables:")[1].split("\n- ")[0]
        )
    )
    assert {k: int(v) for k, v in stated.items()} == counts


def test_one_version_everywhere() -> None:
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == newsfacts.__version__
    assert newsfacts.load().version == newsfacts.__version__


def _make_docs():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["datasheet.md", "fields.md", "cli.md", "curation-log.md"])
def test_generated_document_is_current(name: str) -> None:
    module = _make_docs()
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == module.DOCUMENTS[name](), f"docs/{name} is stale: run scripts/make_docs.py"


def test_field_reference_lists_every_field_of_every_model() -> None:
    from newsfacts.release.schemas import SCHEMA_MODELS

    text = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    for name, model in SCHEMA_MODELS.items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for field in model.model_fields:
            assert f"| `{field}` |" in section, (name, field)


def test_citation_names_this_version_and_its_release_date() -> None:
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = newsfacts.__version__
    assert f"\nversion: {version}\n" in citation
    date = re.search(rf"## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})", CHANGELOG)
    assert date is not None
    assert f"\ndate-released: {date.group(1)}\n" in citation
