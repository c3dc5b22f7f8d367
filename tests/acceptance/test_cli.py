"""The command line, end to end: exit codes, output, and the JSON that equals the API's report."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts import __version__
from newsfacts.cli import main
from newsfacts.release.resources import release_dir

from ..conftest import RELEASE
from ..helpers import mutate

FACT = "f-bcfbe062-01-003"


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_validate_the_packaged_release(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate")
    assert result.exit_code == 0, result.output
    header, summary = result.output.splitlines()
    assert header == (
        f"checked {release_dir()}: version {newsfacts.__version__}, "
        "JSONL and Parquet copies compared"
    )
    assert summary.startswith("valid: ")


def test_validate_json_equals_the_api_report(run, release_copy: Path) -> None:  # type: ignore[no-untyped-def]
    mutate(release_copy, "facts", FACT, lambda r: r.update(article_id="a-bcfbe062-99"))
    result = run("validate", str(release_copy), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == newsfacts.validate(release_copy).to_dict()


def test_validate_text_lists_location_and_summary(run, release_copy: Path) -> None:  # type: ignore[no-untyped-def]
    line = mutate(release_copy, "facts", FACT, lambda r: r.update(article_id="a-bcfbe062-99"))
    result = run("validate", str(release_copy))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"checked {release_copy}: version {__version__}, JSONL and Parquet copies compared",
        "1 problem in 1 record (1 dangling-reference)",
        f"facts.jsonl:{line} {FACT} $.article_id: $.article_id names a-bcfbe062-99, "
        "which does not exist [dangling-reference]",
    ]


def test_validate_a_path_that_does_not_exist(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert "does not exist [path-missing]" in result.output


def test_usage_error_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    assert run("validate", "--format", "yaml").exit_code == 2
    assert run("no-such-command").exit_code == 2


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_export_writes_every_table(run, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = run("export", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    ds = newsfacts.load()
    for table in ("sources", "articles", "facts", "entities"):
        path = out / f"{table}.{fmt}"
        if fmt == "parquet":
            rows = pq.read_table(path).num_rows
        elif fmt == "csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows = sum(1 for _ in csv.DictReader(handle))
        else:
            rows = len(path.read_text(encoding="utf-8").splitlines())
        assert rows == len(getattr(ds, table)), table
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left behind


def test_csv_export_keeps_nested_fields_as_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "facts.csv").open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == FACT)
    assert json.loads(row["evidence"])["exact"].endswith("6.2%")
    assert row["value"] == "6.2"
    assert row["date"] == ""


def test_show_and_stats_and_schema(run) -> None:  # type: ignore[no-untyped-def]
    shown = run("show", FACT)
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["value_text"] == "6.2%"
    read = f"newsfacts: read {release_dir()}, version {newsfacts.__version__}\n"
    assert shown.stderr == read  # which release was read, never mixed into the JSON
    missing = run("show", "f-0")
    assert missing.exit_code == 1
    assert missing.stderr == read + "newsfacts: no record has the id 'f-0'\n"
    stats = json.loads(run("stats", "--format", "json").stdout)
    ds = newsfacts.load()
    assert stats["records"]["articles"] == len(ds.articles)
    genres: dict[str, int] = {}
    for article in ds.articles:
        genres[article.genre] = genres.get(article.genre, 0) + 1
    assert stats["articles"]["by_genre"] == genres
    schema = json.loads(run("schema", "fact").output)
    assert schema["$id"] == "urn:newsfacts:schema:fact"


def test_build_reports_curated_problems_and_writes_nothing(run, dataset_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = dataset_copy / "curated" / "s-bcfbe062" / "a05.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("心理疏导等。", "不存在"), encoding="utf-8"
    )
    out = dataset_copy / "out"
    result = CliRunner().invoke(main, ["build", "--dataset", str(dataset_copy), "--out", str(out)])
    assert result.exit_code == 1
    assert "curated/s-bcfbe062/a05.toml $.segments[0].end: quote '不存在'" in result.output
    assert not out.exists()


def test_installed_command_runs_in_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsfacts", "validate", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_max_errors_limits_the_list_not_the_count(run, release_copy: Path) -> None:  # type: ignore[no-untyped-def]
    for fact in ("f-bcfbe062-01-003", "f-bcfbe062-01-010", "f-bcfbe062-01-011"):
        mutate(release_copy, "facts", fact, lambda r: r.update(article_id="a-bcfbe062-99"))
    lines = run("validate", str(release_copy), "--max-errors", "1").output.splitlines()
    assert lines[1] == "3 problems in 3 records (3 dangling-reference)"
    assert len(lines) == 4
    assert lines[3] == "... 2 more (raise --max-errors)"


def test_validate_never_writes_into_the_checked_directory(run, release_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from ..helpers import snapshot

    (release_copy / "facts.jsonl").write_bytes(b"\xff\xfe\x00 not json\n")
    before = snapshot(release_copy)
    for fmt in ("text", "json"):
        assert run("validate", str(release_copy), "--format", fmt).exit_code == 1
    assert snapshot(release_copy) == before


def test_export_and_build_never_replace_a_folder_that_is_not_a_release(tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("precious", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "jsonl", "--out", str(keep)])
    assert result.exit_code == 2
    assert "cannot be replaced: it holds no manifest.json" in result.output
    assert "nothing was deleted" in result.output
    assert (keep / "notes.txt").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"]


def test_build_into_its_own_dataset_folder_is_refused(dataset_copy: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--dataset", str(dataset_copy), "--out", str(dataset_copy)]
    )
    assert result.exit_code == 2
    assert (dataset_copy / "curated").is_dir() and (dataset_copy / "sources").is_dir()


def test_badly_shaped_curated_files_are_reported_by_file_and_field(dataset_copy: Path) -> None:
    folder = dataset_copy / "curated" / "s-bcfbe062"
    a02 = folder / "a02.toml"
    a02.write_text(
        a02.read_text(encoding="utf-8").replace("number = 2\n", 'number = "two"\n'),
        encoding="utf-8",
    )
    a04 = folder / "a04.toml"
    a04.write_text('kiker = "typo"\n' + a04.read_text(encoding="utf-8"), encoding="utf-8")
    (dataset_copy / "curated" / "entities" / "zz.toml").write_text(
        "entities = 5\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "--dataset", str(dataset_copy), "--out", str(dataset_copy / "out")]
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "curated/s-bcfbe062/a02.toml $.number: Input should be a valid integer; given 'two'",
        "curated/s-bcfbe062/a04.toml $.kiker: unknown key 'kiker'; did you mean 'kicker'?",
        "curated/entities/zz.toml $.entities: Input should be a valid list; given 5",
        "newsfacts: build failed: 3 problems; nothing was written",
    ]


def test_diff_of_a_folder_that_is_not_a_release(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 1
    assert "is not a release: it has no sources.jsonl" in result.output


def test_a_missing_parquet_table_is_a_load_error(release_copy: Path) -> None:
    (release_copy / "facts.parquet").unlink()
    ds = newsfacts.load(release_copy)
    with pytest.raises(newsfacts.LoadError, match=r"facts\.parquet: cannot be read: no such file"):
        ds.table("facts")


def test_a_build_that_does_not_validate_fails_at_the_curated_key(dataset_copy: Path) -> None:
    """`build` runs every validate check on what it wrote: it never says "built" for a
    release that validate would reject, and the CLI names the curated file, fact and key."""
    path = dataset_copy / "curated" / "s-bcfbe062" / "a03.toml"
    text = path.read_text(encoding="utf-8")
    before = 'subject_entity = "e-china-fire-and-rescue-institute"'
    assert before in text
    path.write_text(text.replace(before, 'subject_entity = "e-foo"', 1), encoding="utf-8")
    out = dataset_copy / "out"
    result = CliRunner().invoke(main, ["build", "--dataset", str(dataset_copy), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "curated/s-bcfbe062/a03.toml f-bcfbe062-03-003 $.facts[2].subject_entity: "
        "no entity has the id 'e-foo'",
        "newsfacts: build failed: 1 problem; nothing was written",
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "{missing}"], None),
        (["stats", "{missing}"], "newsfacts: {missing}: no such release directory\n"),
        (
            ["show", "x", "--release", "{missing}"],
            "newsfacts: {missing}: no such release directory\n",
        ),
        (
            ["export", "--format", "csv", "--out", "{out}", "--release", "{missing}"],
            "newsfacts: {missing}: no such release directory\n",
        ),
        (["diff", "{missing}", "{missing}"], "newsfacts: {missing} does not exist\n"),
        (
            ["build", "--dataset", "{missing}", "--out", "{out}"],
            "{missing}/curated: no curated folder\n"
            "newsfacts: build failed: 1 problem; nothing was written\n",
        ),
    ],
)
def test_a_missing_path_is_exit_1_for_every_command(
    args: list[str], message: str | None, tmp_path: Path
) -> None:
    where = {"missing": str(tmp_path / "missing"), "out": str(tmp_path / "out")}
    result = CliRunner().invoke(main, [a.format(**where) for a in args])
    assert result.exit_code == 1
    if message is not None:
        assert result.stderr == message.format(**where)
    else:
        assert f"{where['missing']} does not exist [path-missing]" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_usage_error_is_exit_2_and_every_command_says_what_it_writes() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["stats", "--nope"]).exit_code == 2
    for name, command in main.commands.items():
        assert command.epilog, f"newsfacts {name} does not say what it writes"
        assert command.epilog.startswith(("Writes nothing.", "Writes atomically")), name


def test_build_names_what_it_built(dataset_copy: Path) -> None:
    out = dataset_copy / "out"
    result = CliRunner().invoke(main, ["build", "--dataset", str(dataset_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    committed = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    rows = {f["table"]: f["rows"] for f in committed["files"] if f["format"] == "jsonl"}
    assert result.output == (
        f"built {out}: version {committed['version']}, {rows['sources']} sources, "
        f"{rows['articles']} articles, {rows['facts']} facts, {rows['entities']} entities; "
        "it validates\n"
    )


def test_draft_proposes_files_and_says_what_it_wrote(tmp_path: Path, dataset_copy: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "# 广西实施金融惠企三年行动\n\n> 本报记者  张  三《人民日报》（2025年11月06日第 07 版）\n\n"
        "本报南宁11月5日电  广西计划新增贷款500亿元。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["draft", str(page), "--dataset", str(dataset_copy)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    sha8 = hashlib.sha256(page.read_bytes()).hexdigest()[:8]
    folder = dataset_copy / "curated" / f"s-{sha8}"
    entities = dataset_copy / "curated" / "entities" / f"draft-s-{sha8}.toml"
    text = entities.read_text(encoding="utf-8")
    count = text.count("\n[[entities]]\n")  # names no accepted entity has
    listed = [line for line in text.splitlines() if line.startswith("#   e-")]  # 广西, 南宁
    assert count + len(listed) >= 1
    assert lines == [
        f"wrote {dataset_copy / 'sources' / 'page.txt'}",
        f"wrote {folder / 'source.toml'}",
        f"wrote {folder / 'a01.toml'}",
        f"wrote {entities}",
        f"drafted {folder}: 1 articles, 1 facts, {count} entities, every one a draft; "
        "review them, then "
        f"'newsfacts build --dataset {dataset_copy}'",
    ]
    again = CliRunner().invoke(main, ["draft", str(page), "--dataset", str(dataset_copy)])
    assert again.exit_code == 0
    assert again.output.splitlines()[0] == (
        f"kept {folder / 'source.toml'} (it exists: nothing in it was changed)"
    )


def test_draft_refuses_a_bad_date_and_a_missing_page(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(page), "--date", "2025-13-01"])
    assert (result.exit_code, result.stderr) == (
        2,
        "newsfacts: --date '2025-13-01' is not a date (YYYY-MM-DD)\n",
    )
    result = CliRunner().invoke(main, ["draft", str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert result.stderr == f"newsfacts: {tmp_path / 'none.txt'} does not exist\n"
