"""An archive validated on one machine and on Dask (a real LocalCluster of two worker
processes): defects planted in some partitions are each reported exactly, and both engines give
the same report, problem for problem."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsfacts.cli import main
from newsfacts.engines.local import validate_archive
from newsfacts.models import MODELS
from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema
from newsfacts.synth import write_synth_archive

#: 12 pages of 4 articles, one page in each of the 12 partitions, in path order
PAPERS = ("人民日报", "太原日报", "山西日报")
PARTS = [f"publisher={p}/year={y}" for p in PAPERS for y in (2021, 2022, 2023, 2024)]


def _rows(archive: Path, part: str, table: str) -> list[dict[str, Any]]:
    return pq.read_table(archive / part / f"{table}.parquet").to_pylist()  # type: ignore[no-any-return]


def _sha(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def _write(archive: Path, part: str, table: str, rows: list[dict[str, Any]]) -> None:
    schema = arrow_schema(MODELS[table])
    pq.write_table(
        pa.Table.from_pylist(rows, schema=schema),
        archive / part / f"{table}.parquet",
        **PARQUET_OPTIONS,
    )


def _reseal(archive: Path, part: str, *, archive_manifest: bool = True) -> None:
    """The partition's manifest from its files and, unless told otherwise, the archive's."""
    folder = archive / part
    inner = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in inner["files"]:
        entry["bytes"], entry["sha256"] = _sha(folder / entry["path"])
        entry["rows"] = pq.ParquetFile(folder / entry["path"]).metadata.num_rows
    (folder / "manifest.json").write_text(json.dumps(inner, ensure_ascii=False), encoding="utf-8")
    if archive_manifest:
        outer = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
        for entry in outer["partitions"]:
            if entry["path"] == part:
                entry["bytes"], entry["sha256"] = _sha(folder / "manifest.json")
                entry["rows"] = {f["table"]: f["rows"] for f in inner["files"]}
        (archive / "manifest.json").write_text(json.dumps(outer, ensure_ascii=False), "utf-8")


def _edit(
    archive: Path, part: str, table: str, change: Callable[[list[dict[str, Any]]], None]
) -> None:
    rows = _rows(archive, part, table)
    change(rows)
    _write(archive, part, table, rows)
    _reseal(archive, part)


def _quantity(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return next(r for r in rows if r["kind"] == "quantity")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[Any]]]:
    """A small archive with defects in eleven of its twelve partitions, and what each must
    report: [type, file, line, record id, field]."""
    archive = tmp_path_factory.mktemp("engines") / "archive"
    write_synth_archive(48, 3, archive, per_page=4)
    p = PARTS
    expected: list[list[Any]] = []

    # 1. a fact of p[0] again in p[1]: its id twice, and its article in another partition
    copied = _quantity(_rows(archive, p[0], "facts"))
    facts1 = _rows(archive, p[1], "facts")
    _edit(archive, p[1], "facts", lambda rows: rows.append(dict(copied)))
    line = len(facts1) + 1
    expected += [
        ["duplicate-id", f"{p[1]}/facts.parquet", line, copied["id"], "$.id"],
        ["partition-mismatch", f"{p[1]}/facts.parquet", line, copied["id"], "$.article_id"],
    ]

    # 2. a fact of p[2] that names an article of p[3]
    elsewhere = _rows(archive, p[3], "articles")[0]["id"]
    facts2 = _rows(archive, p[2], "facts")
    moved = _quantity(facts2)
    _edit(archive, p[2], "facts", lambda rows: _quantity(rows).update(article_id=elsewhere))
    expected.append(
        [
            "partition-mismatch",
            f"{p[2]}/facts.parquet",
            facts2.index(moved) + 1,
            moved["id"],
            "$.article_id",
        ]
    )

    # 3. an evidence span of p[4] moved by one character: it spans other text
    facts4 = _rows(archive, p[4], "facts")
    broken = _quantity(facts4)
    _edit(
        archive,
        p[4],
        "facts",
        lambda rows: _quantity(rows)["evidence"].update(
            start=broken["evidence"]["start"] + 1, end=broken["evidence"]["end"] + 1
        ),
    )
    at = facts4.index(broken) + 1
    expected.append(
        ["span-mismatch", f"{p[4]}/facts.parquet", at, broken["id"], "$.evidence.exact"]
    )

    # 4. a wrong value in p[5]
    facts5 = _rows(archive, p[5], "facts")
    wrong = _quantity(facts5)
    _edit(archive, p[5], "facts", lambda rows: _quantity(rows).update(value=wrong["value"] + 1))
    at = facts5.index(wrong) + 1
    expected.append(["value-mismatch", f"{p[5]}/facts.parquet", at, wrong["id"], "$.value"])

    # 5. a table of p[6] whose bytes are not the ones its manifest lists
    facts6 = _rows(archive, p[6], "facts")
    pq.write_table(
        pa.Table.from_pylist(facts6, schema=arrow_schema(MODELS["facts"])),
        archive / p[6] / "facts.parquet",
        compression="none",
    )
    inner = json.loads((archive / p[6] / "manifest.json").read_text(encoding="utf-8"))
    i = [f["path"] for f in inner["files"]].index("facts.parquet")
    for key in ("bytes", "sha256"):
        expected.append(
            [
                "manifest-error",
                f"{p[6]}/manifest.json",
                None,
                "facts.parquet",
                f"$.files[{i}].{key}",
            ]
        )

    # 6. a partition manifest of p[7] that is not the one the archive manifest lists, and
    # the records of p[3] miscounted in the archive manifest
    _reseal(archive, p[7], archive_manifest=False)  # rewritten: other bytes, other sha256
    for key in ("bytes", "sha256"):
        expected.append(["manifest-error", "manifest.json", None, p[7], f"$.partitions[7].{key}"])
    outer = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    outer["partitions"][3]["rows"]["facts"] += 1
    (archive / "manifest.json").write_text(json.dumps(outer, ensure_ascii=False), "utf-8")
    expected.append(["manifest-error", "manifest.json", None, p[3], "$.partitions[3].rows"])

    # 7. a copy in p[9] of an entity of p[8] that disagrees with it
    entity = _rows(archive, p[8], "entities")[0]
    entities9 = _rows(archive, p[9], "entities")
    copy = {**entity, "name": entity["name"] + "局", "mentions": []}
    _edit(archive, p[9], "entities", lambda rows: rows.append(copy))
    at = len(entities9) + 1
    expected.append(["copy-mismatch", f"{p[9]}/entities.parquet", at, entity["id"], None])

    # 8. a fact of p[10] naming an article that is in no partition
    facts10 = _rows(archive, p[10], "facts")
    lost = _quantity(facts10)
    _edit(archive, p[10], "facts", lambda rows: _quantity(rows).update(article_id="a-00000000-99"))
    at = facts10.index(lost) + 1
    expected.append(
        ["dangling-reference", f"{p[10]}/facts.parquet", at, lost["id"], "$.article_id"]
    )

    # 9. an article of p[11] related to one of p[0]: that resolves, and is no problem
    related = _rows(archive, p[0], "articles")[0]["id"]
    _edit(archive, p[11], "articles", lambda rows: rows[0].update(related=[related]))

    # 10. a mention in p[11] of an article of p[0]: its span cannot be checked where it is
    entity11 = _rows(archive, p[11], "entities")[0]
    _edit(
        archive, p[11], "entities", lambda rows: rows[0]["mentions"][0].update(article_id=related)
    )
    expected.append(
        [
            "partition-mismatch",
            f"{p[11]}/entities.parquet",
            1,
            entity11["id"],
            "$.mentions[0].article_id",
        ]
    )
    return archive, expected


def _found(report: Any) -> list[list[Any]]:
    return [[p.type, p.file, p.line, p.record_id, p.field] for p in report.problems]


def test_a_clean_archive_is_valid_on_both_engines(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_synth_archive(8, 1, archive, per_page=2)
    local = validate_archive(archive)
    assert local.problems == [] and local.records > 0
    assert validate_archive(archive, engine="dask").to_dict() == local.to_dict()


def test_each_planted_defect_is_reported_the_same_on_one_machine_and_on_dask(
    planted: tuple[Path, list[list[Any]]],
) -> None:
    archive, expected = planted
    local = validate_archive(archive)
    assert sorted(_found(local), key=str) == sorted(expected, key=str)
    on_dask = validate_archive(archive, engine="dask")
    assert on_dask.problems == local.problems  # the same problems, in the same order
    assert on_dask.to_dict() == local.to_dict()
    assert local.version == "0.0.0" and local.records == on_dask.records > 0


def test_the_cli_validates_an_archive_with_or_without_an_engine(
    planted: tuple[Path, list[list[Any]]],
) -> None:
    archive, _ = planted
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(archive), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == validate_archive(archive).to_dict()
    result = runner.invoke(main, ["validate", str(archive), "--engine", "local"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"checked {archive}: version 0.0.0, an archive of 12 partitions",
        "13 problems in 10 records (1 copy-mismatch, 1 dangling-reference, 1 duplicate-id, "
        "5 manifest-error, 3 partition-mismatch, 1 span-mismatch, 1 value-mismatch)",
    ]
    result = runner.invoke(main, ["validate", str(archive), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.stderr == "newsfacts: --scheduler needs --engine dask\n"


@pytest.mark.parametrize(
    ("engine", "modules", "told"),
    [
        ("dask", ["dask", "distributed"], "dask and distributed: pip install 'newsfacts[dask]'"),
        ("spark", ["pyspark"], "pyspark and a Java runtime: pip install 'newsfacts[spark]'"),
    ],
)
def test_an_engine_is_imported_only_by_itself_and_its_absence_is_told(
    engine: str, modules: list[str], told: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    archive = tmp_path / "archive"
    write_synth_archive(2, 1, archive, per_page=2)
    code = (
        "import sys\n"
        "import newsfacts.cli, newsfacts.engines.local as local\n"
        "local.validate_archive(sys.argv[1])\n"
        f"assert not {set(modules)!r} & set(sys.modules), 'imported'\n"
        f"for name in {modules!r}:\n"
        f"    sys.modules[name] = None  # as if newsfacts[{engine}] were not installed\n"
        "from newsfacts.cli import main\n"
        f"main(['validate', sys.argv[1], '--engine', {engine!r}])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(archive)], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"newsfacts: the {engine} engine needs {told}\n"


def test_partitions_take_the_column_path_and_report_what_the_row_path_reports(
    planted: tuple[Path, list[list[Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partition is a release held in Parquet alone: the column path reads it a row group at
    a time and the row path explains what it flags; with the column path switched off, every
    record goes row by row. Both give the same report."""
    import newsfacts.validation.fast.scan

    archive, expected = planted
    taken: list[bool] = []
    scan = newsfacts.validation.fast.scan.scan

    def counted(root: Path, **options: Any) -> Any:
        found = scan(root, **options)
        taken.append(found is not None and found.parquet_only)
        return found

    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", counted)
    fast = validate_archive(archive)
    assert taken == [True] * len(PARTS)
    monkeypatch.setattr(newsfacts.validation.fast.scan, "scan", lambda root, **options: None)
    slow = validate_archive(archive)
    assert sorted(_found(fast), key=str) == sorted(expected, key=str)
    assert fast.to_dict() == slow.to_dict()


def test_a_partition_whose_dates_are_numbers_is_reported_not_raised(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_synth_archive(8, 1, archive, per_page=2)
    part = min(p.parent.relative_to(archive).as_posix() for p in archive.glob("*/*/*.parquet"))
    table = pq.read_table(archive / part / "sources.parquet")
    at = table.schema.get_field_index("date")
    numbers = pa.array([20250101] * table.num_rows, pa.int64())
    pq.write_table(table.set_column(at, "date", numbers), archive / part / "sources.parquet")
    _reseal(archive, part)
    report = validate_archive(archive)
    found = {(p.type, p.file, p.field) for p in report.problems}
    assert ("type-error", f"{part}/sources.parquet", "$.date") in found, report.to_text(5)
    assert validate_archive(archive, engine="dask").to_dict() == report.to_dict()
