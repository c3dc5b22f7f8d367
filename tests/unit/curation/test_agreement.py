"""The reconciliation's agreement file states exactly what the comparisons state, and the
curation log's table is written from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import newsfacts

from ...conftest import ROOT
from ...helpers import script_module

P01 = "reconciliation-rmrb-20250520-p01-news.md"


agreement = script_module(ROOT / "scripts" / "agreement.py")


@pytest.fixture(scope="module")
def ds() -> newsfacts.Dataset:
    return newsfacts.load()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of dataset/reconciliation with its agreement file."""
    target = tmp_path / "reconciliation"
    shutil.copytree(ROOT / "dataset" / "reconciliation", target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_agreement_file_states_what_the_comparisons_and_the_release_say(ds) -> None:  # type: ignore[no-untyped-def]
    pages = agreement.load()
    assert agreement.problems(pages, ds) == []
    compared = sorted(p.name for p in (ROOT / "dataset/reconciliation/compared").glob("*.md"))
    assert sorted(p.compared for p in pages) == compared
    # the first page had no second reader (an independent audit instead): no figures
    assert "s-bcfbe062" not in {p.source for p in pages}


def test_a_count_the_comparison_does_not_state_is_refused(copy: Path, ds) -> None:  # type: ignore[no-untyped-def]
    _replace(
        copy / "agreement.toml", "numbers.agreed = { count = 25,", "numbers.agreed = { count = 26,"
    )
    assert agreement.problems(agreement.load(copy / "agreement.toml"), ds, copy) == [
        f"s-5d05924e numbers.agreed: 26 here, but {P01} says 25"
    ]
    with pytest.raises(ValueError, match=r"agreement\.toml disagrees:\ns-5d05924e numbers\.agreed"):
        agreement.checked(ds, copy / "agreement.toml")


def test_a_comparison_changed_under_the_file_is_found(copy: Path, ds) -> None:  # type: ignore[no-untyped-def]
    _replace(copy / "compared" / P01, "46 (item 1: 6, item 2: 40)", "47 (item 1: 7, item 2: 40)")
    assert agreement.problems(agreement.load(copy / "agreement.toml"), ds, copy) == [
        f"s-5d05924e numbers.reader: '46 (item 1: 6, item 2: 40)' is not in {P01}"
    ]


def test_a_curated_count_off_the_release_is_found(copy: Path, ds) -> None:  # type: ignore[no-untyped-def]
    _replace(
        copy / "agreement.toml",
        'names.curated = { count = 42, says = ["41 entities with mentions on the page", '
        '"1 first-release entity reused"] }',
        'names.curated = { count = 41, says = ["41 entities with mentions on the page"] }',
    )
    assert agreement.problems(agreement.load(copy / "agreement.toml"), ds, copy) == [
        "s-5d05924e names.curated: 41 here, 42 in the release"
    ]


def test_the_curation_log_table_is_the_agreement_file() -> None:
    log = (ROOT / "docs" / "curation-log.md").read_text(encoding="utf-8")
    table = agreement.log_table(agreement.load())
    assert table in log
    assert "| 2025-05-20 p01 要闻 | s-5d05924e | 46 / 25 / 25 | 58 / 42 / 42 | 31 / 21 |" in table
