"""newsfacts diff: records added, removed and changed by id, field by field, and the bump."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts import __version__
from newsfacts.cli import main
from newsfacts.diff import DiffError, diff_releases

from ..helpers import mutate, reseal

FACT = "f-bcfbe062-01-003"


def test_identical_releases_need_no_bump(release_copy: Path) -> None:
    result = diff_releases(release_copy, release_copy)
    assert result.bump == "none"
    assert result.changed == []


def test_a_corrected_value_is_a_patch(release_copy: Path, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(release_copy, old)
    mutate(release_copy, "facts", FACT, lambda r: r.update(subject="全省工业", notes="n"))
    result = diff_releases(old, release_copy)
    assert result.bump == "patch"
    assert [(c.id, c.field, c.old, c.new) for c in result.changed] == [
        (FACT, "notes", None, "n"),
        (FACT, "subject", "全省规上工业增加值", "全省工业"),
    ]
    assert (result.old_version, result.new_version) == (__version__, __version__)


def test_an_added_record_is_minor_and_a_retired_one_a_correction(
    release_copy: Path, tmp_path: Path
) -> None:
    lines = (release_copy / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    for name in ("sources", "articles", "entities"):
        (smaller / f"{name}.jsonl").write_bytes((release_copy / f"{name}.jsonl").read_bytes())
    (smaller / "facts.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    removed_id = json.loads(lines[0])["id"]
    # a hand-made folder of JSONL alone, without a manifest, does not validate
    grown = diff_releases(smaller, release_copy, check=False)
    assert grown.bump == "minor"
    assert grown.added["facts"] == [removed_id]
    shrunk = diff_releases(release_copy, smaller, check=False)
    assert shrunk.bump == "patch"  # a record retired is a correction, not a schema change
    assert shrunk.removed["facts"] == [removed_id]


def test_a_new_field_is_minor(release_copy: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    for name in ("sources", "articles", "facts"):
        (new / f"{name}.jsonl").write_bytes((release_copy / f"{name}.jsonl").read_bytes())
    with (
        (release_copy / "entities.jsonl").open(encoding="utf-8") as src,
        (new / "entities.jsonl").open("w", encoding="utf-8") as out,
    ):
        for line in src:
            record = json.loads(line)
            record["wikidata"] = None
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = diff_releases(release_copy, new, check=False)
    assert result.fields_added["entities"] == ["wikidata"]
    assert result.bump == "minor"


def test_cli_json_equals_the_api(release_copy: Path, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(release_copy, old)
    mutate(release_copy, "facts", FACT, lambda r: r.update(subject="全省工业"))
    runner = CliRunner()
    out = runner.invoke(main, ["diff", str(old), str(release_copy), "--format", "json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout) == diff_releases(old, release_copy).to_dict()
    text = runner.invoke(main, ["diff", str(old), str(release_copy)]).output
    assert f'~ {FACT} subject: "全省规上工业增加值" -> "全省工业"' in text
    assert "patch change" in text.splitlines()[0]


def _twice(release: Path, table: str) -> None:
    path = release / f"{table}.jsonl"
    path.write_bytes(path.read_bytes() * 2)
    reseal(release)


def test_a_release_that_does_not_validate_is_refused(release_copy: Path, tmp_path: Path) -> None:
    """Every fact twice, or one table's records in another's file, is no "no change"."""
    import shutil

    old = tmp_path / "old"
    shutil.copytree(release_copy, old)
    facts = len((release_copy / "facts.jsonl").read_text(encoding="utf-8").splitlines())
    _twice(release_copy, "facts")
    runner = CliRunner()
    out = runner.invoke(main, ["diff", str(old), str(release_copy)])
    assert out.exit_code == 1
    assert out.output == (
        f"newsfacts: {release_copy} does not validate: {facts + 1} problems "
        f"({facts} duplicate-id, 1 manifest-error); "
        f"run 'newsfacts validate {release_copy}', or compare anyway with --unchecked\n"
    )
    forced = runner.invoke(main, ["diff", "--unchecked", str(old), str(release_copy)])
    assert forced.exit_code == 0
    assert forced.output.splitlines()[0].endswith(": no change")

    swapped = tmp_path / "swapped"
    shutil.copytree(old, swapped)
    entities = (swapped / "entities.jsonl").read_bytes()
    (swapped / "entities.jsonl").write_bytes((swapped / "sources.jsonl").read_bytes())
    (swapped / "sources.jsonl").write_bytes(entities)
    reseal(swapped, parquet=False)
    with pytest.raises(DiffError, match=rf"^{re.escape(str(swapped))} does not validate: "):
        diff_releases(old, swapped)


def test_a_missing_release_is_exit_1(release_copy: Path, tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["diff", str(release_copy), str(tmp_path / "nope")])
    assert out.exit_code == 1
    assert out.output == f"newsfacts: {tmp_path / 'nope'} does not exist\n"


def test_a_parquet_only_export_compares_with_its_release(
    release_copy: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "pq"
    assert (
        runner.invoke(
            main,
            ["export", "--format", "parquet", "--release", str(release_copy), "--out", str(out)],
        ).exit_code
        == 0
    )
    result = diff_releases(release_copy, out)
    assert result.bump == "none"
    mutate(release_copy, "facts", FACT, lambda r: r.update(subject="全省工业"))
    changed = diff_releases(out, release_copy)
    assert [(c.id, c.field) for c in changed.changed] == [(FACT, "subject")]
