"""Archives: the Hive layout as written, read back by newsfacts, pyarrow.dataset and DuckDB, and
written atomically without deleting what newsfacts did not write."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts.cli import main
from newsfacts.models import TABLES
from newsfacts.release.archive import split_tables, write_archive
from newsfacts.release.atomic import TargetError
from newsfacts.release.loader import LoadError
from newsfacts.synth import synth_tables, write_synth_archive

PARTS = [
    f"publisher={paper}/year={year}"
    for paper in ("人民日报", "太原日报", "山西日报")
    for year in (2021, 2022, 2023, 2024)
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive") / "archive"
    write_synth_archive(120, 7, out, per_page=5)  # 24 pages over 12 partitions, 2 each
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_layout_is_hive_partitions_with_manifests(archive: Path) -> None:
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["layout"] == "hive" and manifest["partitioning"] == ["publisher", "year"]
    assert sorted(p["path"] for p in manifest["partitions"]) == sorted(PARTS)
    assert sorted(str(p.relative_to(archive)) for p in archive.glob("*/*")) == sorted(PARTS)
    for entry in manifest["partitions"]:
        folder = archive / entry["path"]
        assert sorted(p.name for p in folder.iterdir()) == [
            "articles.parquet",
            "entities.parquet",
            "facts.parquet",
            "manifest.json",
            "sources.parquet",
        ]
        assert entry["sha256"] == _sha(folder / "manifest.json")
        inner = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for file in inner["files"]:
            assert file["sha256"] == _sha(folder / file["path"])
            assert file["rows"] == entry["rows"][file["table"]]
        assert entry["rows"]["sources"] == 2 and entry["rows"]["articles"] == 10


def test_load_reads_a_partition_or_a_filter(archive: Path) -> None:
    one = newsfacts.load(archive, partition="publisher=太原日报/year=2022")
    assert [len(getattr(one, t)) for t in ("sources", "articles")] == [2, 10]
    assert {s.publisher for s in one.sources} == {"太原日报"}
    assert {s.date[:4] for s in one.sources if s.date} == {"2022"}
    recent = newsfacts.load(archive, filters=[("year", ">=", 2023)])
    assert len(recent.sources) == 12 and {s.date[:4] for s in recent.sources} == {"2023", "2024"}
    everything = newsfacts.load(archive)
    assert len(everything.articles) == 120
    assert everything.table("facts").num_rows == len(everything.facts)
    assert newsfacts.load(archive, partition={"year": 2021, "publisher": "人民日报"}).version == (
        "0.0.0"
    )
    with pytest.raises(LoadError, match="no partition key 'month'"):
        newsfacts.load(archive, partition={"month": 1})


def test_pyarrow_dataset_duckdb_and_polars_read_the_archive_as_it_is(archive: Path) -> None:
    import duckdb

    facts = sorted(str(p) for p in archive.glob("*/*/facts.parquet"))
    dataset = ds.dataset(
        facts, format="parquet", partitioning="hive", partition_base_dir=str(archive)
    )
    table = dataset.to_table(filter=ds.field("year") == 2024)
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    rows = {p["path"]: p["rows"]["facts"] for p in manifest["partitions"]}
    assert table.num_rows == sum(n for path, n in rows.items() if path.endswith("2024"))
    found = duckdb.sql(
        f"SELECT publisher, year, count(*) FROM read_parquet('{archive}/*/*/facts.parquet', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    expected = sorted(
        (p["publisher"], p["year"], p["rows"]["facts"]) for p in manifest["partitions"]
    )
    assert found == expected
    import polars as pl

    scanned = pl.scan_parquet(f"{archive}/*/*/facts.parquet", hive_partitioning=True)
    counted = scanned.group_by("publisher", "year").len().sort("publisher", "year").collect()
    assert [tuple(row) for row in counted.iter_rows()] == expected


def test_an_entity_mentioned_in_two_partitions_is_copied_with_its_mentions() -> None:
    tables = synth_tables(4, random.Random(1), per_page=2).as_dict()
    first, second = sorted(tables["sources"], key=lambda s: s.id)
    tables["sources"] = [
        first.model_copy(update={"publisher": "甲报", "date": "2020-01-02"}),
        second.model_copy(update={"publisher": "乙报", "date": None}),
    ]
    home = {a.id: a.source_id for a in tables["articles"]}
    entity = tables["entities"][0]
    others = [
        e
        for e in tables["entities"]
        if home[e.mentions[0].article_id] != home[entity.mentions[0].article_id]
    ]
    merged = entity.model_copy(update={"mentions": [*entity.mentions, *others[0].mentions]})
    tables["entities"] = [merged]
    parts = split_tables(tables)
    assert sorted(parts, key=str) == sorted([("甲报", 2020), ("乙报", None)], key=str)
    copies = {key: part["entities"] for key, part in parts.items()}
    by_key = {key: [m.article_id for e in es for m in e.mentions] for key, es in copies.items()}
    for key, articles in by_key.items():
        assert {home[a] for a in articles} == {s.id for s in parts[key]["sources"]}
    assert sum(len(a) for a in by_key.values()) == len(merged.mentions)


def test_cli_writes_archives_of_a_synthetic_and_of_the_packaged_release(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "synth"
    result = runner.invoke(main, ["synth", "--archive", "--articles", "30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote {out}: 3 partitions, 3 sources, 30 articles, 305 facts, 77 entities\n"
    )
    exported = tmp_path / "export"
    result = runner.invoke(main, ["export", "--archive", "--out", str(exported)])
    assert result.exit_code == 0, result.output
    packaged = newsfacts.load()
    partitions = sorted({(s.publisher, (s.date or "")[:4]) for s in packaged.sources})
    assert result.stdout == "".join(
        f"wrote {exported / f'publisher={p}/year={y}'}\n" for p, y in partitions
    )
    again = newsfacts.load(exported)
    for table in TABLES:  # the same records, in partition order
        assert sorted(getattr(again, table), key=lambda r: r.id) == sorted(
            getattr(packaged, table), key=lambda r: r.id
        )
    result = runner.invoke(main, ["export", "--out", str(exported)])
    assert result.exit_code == 2
    assert result.stderr == "newsfacts: give either --format or --archive\n"


def test_an_archive_is_replaced_only_when_newsfacts_wrote_all_of_it(tmp_path: Path) -> None:
    out = tmp_path / "archive"
    tables = synth_tables(6, random.Random(2), per_page=3).as_dict()
    write_archive(tables, out, version="0.0.0")
    write_archive(tables, out, version="0.0.1")  # its own output: replaced
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["version"] == "0.0.1"
    part = next(out.glob("*/*"))
    (part / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TargetError, match=r"notes\.txt' is not a file newsfacts wrote"):
        write_archive(tables, out, version="0.0.2")
    assert (part / "notes.txt").read_text(encoding="utf-8") == "mine"
    (part / "notes.txt").unlink()
    (out / "publisher=x").mkdir()
    with pytest.raises(TargetError, match="'publisher=x' is not a file newsfacts wrote"):
        write_archive(tables, out, version="0.0.2")
    assert (out / "publisher=x").is_dir()
    assert not list(tmp_path.glob(".archive.*"))  # no temporary folder left behind
