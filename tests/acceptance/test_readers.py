"""The packaged release opens in every reader users work with, nested fields keeping their types."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest

import newsfacts
from newsfacts.release.resources import release_dir

FACT = "f-bcfbe062-01-003"  # 2021-2024 average growth of industrial value added: 6.2%


@pytest.fixture(scope="module")
def ds() -> newsfacts.Dataset:
    return newsfacts.load()


def test_pyarrow_dataset_reads_every_table_with_nested_types(ds: newsfacts.Dataset) -> None:
    for name in ("sources", "articles", "facts", "entities"):
        table = pads.dataset(release_dir() / f"{name}.parquet").to_table()
        assert table.num_rows == len(getattr(ds, name))
    facts = ds.table("facts")
    assert pa.types.is_struct(facts.schema.field("evidence").type)
    articles = ds.table("articles")
    bylines = articles.schema.field("bylines").type
    assert pa.types.is_list(bylines) and pa.types.is_struct(bylines.value_type)


def test_pandas(ds: newsfacts.Dataset) -> None:
    df = ds.to_pandas("facts").set_index("id")
    assert df.loc[FACT, "value"] == 6.2
    assert df.loc[FACT, "evidence"]["exact"].endswith("6.2%")
    mentions = ds.to_pandas("entities").set_index("id").loc["e-pan-haiyan", "mentions"]
    assert mentions[0]["exact"] == "潘海燕"


def test_polars(ds: newsfacts.Dataset) -> None:
    import polars as pl

    df = ds.to_polars("facts")
    assert isinstance(df.schema["evidence"], pl.Struct)
    row = df.filter(pl.col("id") == FACT)
    assert row["value"].item() == 6.2
    assert row["evidence"].struct.field("exact").item().endswith("6.2%")
    quantities = df.filter(pl.col("kind") == "quantity").height
    assert quantities == sum(1 for f in ds.facts if f.kind == "quantity")


def test_duckdb_sql_over_the_parquet_files(ds: newsfacts.Dataset) -> None:
    import duckdb

    root = release_dir()
    con = duckdb.connect()
    rows = con.execute(
        f"""
        SELECT a.id, count(*) AS n, max(f.evidence.exact) IS NOT NULL
        FROM read_parquet('{root / "facts.parquet"}') f
        JOIN read_parquet('{root / "articles.parquet"}') a ON f.article_id = a.id
        WHERE f.kind = 'quantity'
        GROUP BY a.id ORDER BY a.id
        """
    ).fetchall()
    counts = {}
    for fact in ds.facts:
        if fact.kind == "quantity":
            counts[fact.article_id] = counts.get(fact.article_id, 0) + 1
    assert [(r[0], r[1]) for r in rows] == sorted(counts.items())
    value = con.execute(
        f"SELECT value FROM read_parquet('{root / 'facts.parquet'}') WHERE id = '{FACT}'"
    ).fetchone()
    assert value == (6.2,)


def test_hugging_face_datasets_offline(
    ds: newsfacts.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import Value, load_dataset

    facts = load_dataset(
        "parquet",
        data_files=str(release_dir() / "facts.parquet"),
        split="train",
        cache_dir=str(tmp_path),
    )
    assert facts.num_rows == len(ds.facts)
    features = facts.features
    assert features["value"] == Value("float64")
    assert features["evidence"]["start"] == Value("int64")
    assert features["evidence"]["exact"] == Value("string")
    row = facts.filter(lambda r: r["id"] == FACT)[0]
    assert row["evidence"]["exact"].endswith("6.2%")


@pytest.mark.parametrize("table", ["sources", "articles", "facts", "entities"])
def test_the_dataset_card_loads_each_table_by_name_offline(
    ds: newsfacts.Dataset, table: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``datasets.load_dataset(RELEASE, "facts")``: the release's README.md names a config per
    table."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import load_dataset

    loaded = load_dataset(str(release_dir()), table, split="train", cache_dir=str(tmp_path))
    assert loaded.num_rows == len(getattr(ds, table))
    assert sorted(loaded["id"]) == sorted(r.id for r in getattr(ds, table))


def test_frictionless_validates_the_data_package() -> None:
    from frictionless import Package

    package = Package(str(release_dir() / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    descriptor = json.loads((release_dir() / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    assert facts["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["id"]}} in (
        facts["schema"]["foreignKeys"]
    )


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    import hashlib
    import shutil

    from frictionless import Package

    release = tmp_path / "release"
    shutil.copytree(release_dir(), release)
    path = release / "facts.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '"article_id":"a-bcfbe062-01"', '"article_id":"a-bcfbe062-77"', 1
        ),
        encoding="utf-8",
    )
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        data = (release / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
        resource["bytes"] = len(data)
    (release / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = Package(str(release / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {e.type for task in report.tasks for e in task.errors}


def test_croissant_validates_and_loads_records(ds: newsfacts.Dataset) -> None:
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(release_dir() / "croissant.json"))
    records = list(dataset.records("facts"))
    assert len(records) == len(ds.facts)
    first = next(r for r in records if r["facts/id"] == FACT.encode())
    assert first["facts/value"] == 6.2
    assert first["facts/evidence"]["facts/evidence/exact"].decode().endswith("6.2%")
    entities = list(dataset.records("entities"))
    assert len(entities) == len(ds.entities)
