"""newsfacts diff: records added, removed and changed by id, field by field, and the bump."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsfacts.cli import main
from newsfacts.diff import diff_releases

from ..helpers import mutate

FACT = "f-bcfbe062-01-003"


def test_identical_releases_need_no_bump(release_copy: Path) -> None:
    result = diff_releases(release_copy, release_copy)
    assert result.bump == "none"
    assert result.changed == []


def test_a_corrected_value_is_a_patch(release_copy: Path, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(release_copy, old)
    mutate(release_copy, "facts", FACT, lambda r: r.update(value=6.3, value_text="6.3%"))
    result = diff_releases(old, release_copy)
    assert result.bump == "patch"
    assert [(c.id, c.field, c.old, c.new) for c in result.changed] == [
        (FACT, "value", 6.2, 6.3),
        (FACT, "value_text", "6.2%", "6.3%"),
    ]


def test_an_added_record_is_minor_and_a_removed_one_major(
    release_copy: Path, tmp_path: Path
) -> None:
    lines = (release_copy / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    for name in ("sources", "articles", "entities"):
        (smaller / f"{name}.jsonl").write_bytes((release_copy / f"{name}.jsonl").read_bytes())
    (smaller / "facts.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    removed_id = json.loads(lines[0])["id"]
    grown = diff_releases(smaller, release_copy)
    assert grown.bump == "minor"
    assert grown.added["facts"] == [removed_id]
    shrunk = diff_releases(release_copy, smaller)
    assert shrunk.bump == "major"
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
    result = diff_releases(release_copy, new)
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
    assert json.loads(out.output) == diff_releases(old, release_copy).to_dict()
    text = runner.invoke(main, ["diff", str(old), str(release_copy)]).output
    assert f'~ {FACT} subject: "全省规上工业增加值" -> "全省工业"' in text
    assert "patch change" in text.splitlines()[0]
