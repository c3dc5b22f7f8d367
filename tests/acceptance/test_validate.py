"""validate on broken releases: each fault is reported with its exact type and location."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsfacts import validate
from newsfacts.cli import main
from newsfacts.models import Unit

from ..conftest import RELEASE
from ..helpers import line_of, mutate, reseal, snapshot, write_raw

UNITS = len(get_args(Unit))

FACT = "f-bcfbe062-01-003"
ARTICLE = "a-bcfbe062-05"


def located(report):  # type: ignore[no-untyped-def]
    return [(p.type, p.file, p.line, p.record_id, p.field) for p in report.problems]


def test_the_committed_release_is_valid(release_copy: Path) -> None:
    report = validate(release_copy)
    assert report.problems == []
    assert report.records == sum(1 for p in release_copy.glob("*.jsonl") for _ in p.open())


def test_span_whose_exact_is_not_the_text(release_copy: Path) -> None:
    line = mutate(
        release_copy,
        "facts",
        FACT,
        lambda r: r["evidence"].update(exact="3" + r["evidence"]["exact"][1:]),
    )
    assert located(validate(release_copy)) == [
        ("span-mismatch", "facts.jsonl", line, FACT, "$.evidence.exact")
    ]


def test_dangling_article_reference(release_copy: Path) -> None:
    line = mutate(release_copy, "facts", FACT, lambda r: r.update(article_id="a-bcfbe062-99"))
    assert located(validate(release_copy)) == [
        ("dangling-reference", "facts.jsonl", line, FACT, "$.article_id")
    ]


def test_duplicate_id(release_copy: Path) -> None:
    other = "f-bcfbe062-01-010"  # a fact no other record refers to
    line = mutate(release_copy, "facts", other, lambda r: r.update(id=FACT))
    first = line_of(release_copy, "facts", FACT)
    report = validate(release_copy)
    assert located(report) == [("duplicate-id", "facts.jsonl", line, FACT, "$.id")]
    assert f"first at facts.jsonl:{first}" in report.problems[0].message


def test_missing_required_field(release_copy: Path) -> None:
    line = mutate(release_copy, "facts", FACT, lambda r: r.pop("subject"), parquet=False)
    report = validate(release_copy)
    assert ("missing-field", "facts.jsonl", line, FACT, "$.subject") in located(report)


def _uncovered_offset(release: Path, article_id: str, text: str) -> int:
    """An offset of an article's text that no span (with its context) touches."""
    covered: set[int] = set()

    def cover(span: dict, pad: int = 12) -> None:  # type: ignore[type-arg]
        covered.update(range(span["start"] - pad, span["end"] + pad))

    for line in (release / "facts.jsonl").open(encoding="utf-8"):
        fact = json.loads(line)
        if fact["article_id"] == article_id:
            cover(fact["evidence"])
    for line in (release / "entities.jsonl").open(encoding="utf-8"):
        for mention in json.loads(line)["mentions"]:
            if mention["article_id"] == article_id:
                cover(mention)
    for line in (release / "articles.jsonl").open(encoding="utf-8"):
        article = json.loads(line)
        if article["id"] == article_id:
            for flag in article["flags"]:
                if flag["span"]:
                    cover(flag["span"])
            for section in article["sections"]:
                cover(section, 0)
    return next(i for i, c in enumerate(text) if c not in "\n" and i not in covered)


def test_article_text_that_its_segments_do_not_give(release_copy: Path) -> None:
    article = "a-bcfbe062-09"
    record = next(
        json.loads(line)
        for line in (release_copy / "articles.jsonl").open(encoding="utf-8")
        if json.loads(line)["id"] == article
    )
    at = _uncovered_offset(release_copy, article, record["text"])
    line = mutate(
        release_copy,
        "articles",
        article,
        lambda r: r.update(text=r["text"][:at] + "X" + r["text"][at + 1 :]),
    )
    report = validate(release_copy)
    assert located(report) == [("text-mismatch", "articles.jsonl", line, article, "$.text")]
    assert f"at offset {at}: 'X" in report.problems[0].message


def test_flipped_source_character(release_copy: Path) -> None:
    source = "s-bcfbe062"
    line = mutate(
        release_copy,
        "sources",
        source,
        lambda r: r.update(text=r["text"].replace("潘海燕", "潘海雁")),
    )
    found = located(validate(release_copy))
    assert ("source-hash-mismatch", "sources.jsonl", line, source, "$.text") in found
    # the article whose text came from there no longer matches its source either
    articles = (release_copy / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    at = next(i for i, row in enumerate(articles, 1) if '"a-bcfbe062-01"' in row)
    assert ("text-mismatch", "articles.jsonl", at, "a-bcfbe062-01", "$.text") in found


def test_manifest_that_disagrees_with_a_file(release_copy: Path) -> None:
    path = release_copy / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, f in enumerate(manifest["files"]) if f["path"] == "facts.jsonl")
    manifest["files"][index]["rows"] += 1
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert located(validate(release_copy)) == [
        ("manifest-error", "manifest.json", None, "facts.jsonl", f"$.files[{index}].rows")
    ]


def test_parquet_and_jsonl_that_disagree(release_copy: Path) -> None:
    table = pq.read_table(release_copy / "facts.parquet").to_pylist()
    row = next(i for i, r in enumerate(table) if r["id"] == FACT)
    table[row]["value"] = 62.0
    import pyarrow as pa

    from newsfacts.models import Fact
    from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema

    pq.write_table(
        pa.Table.from_pylist(table, schema=arrow_schema(Fact)),
        release_copy / "facts.parquet",
        **PARQUET_OPTIONS,
    )
    reseal(release_copy, parquet=False)
    assert located(validate(release_copy)) == [
        ("format-mismatch", "facts.parquet", row + 1, FACT, "$.value")
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf", ("byte-order-mark", 1)),
        (b"\xff\xfe garbage\n", ("encoding-error", 1)),
        (b'{"id": "f-1"', ("json-error", 1)),
        (b"[1, 2]\n", ("not-an-object", 1)),
        (b'{"value": NaN}\n', ("json-error", 1)),
    ],
    ids=["bom", "invalid-utf8", "truncated", "array", "nan"],
)
def test_unreadable_lines_are_reported_not_raised(
    release_copy: Path, data: bytes, expected: tuple[str, int]
) -> None:
    good = (release_copy / "entities.jsonl").read_bytes()
    write_raw(
        release_copy, "entities.jsonl", data + (good if expected[0] == "byte-order-mark" else b"")
    )
    found = [
        (p.type, p.line) for p in validate(release_copy).problems if p.file == "entities.jsonl"
    ]
    assert found[0] == expected


def test_crlf_line_ends_are_reported(release_copy: Path) -> None:
    good = (release_copy / "entities.jsonl").read_bytes()
    write_raw(release_copy, "entities.jsonl", good.replace(b"\n", b"\r\n"))
    found = {(p.type, p.file) for p in validate(release_copy).problems}
    assert ("line-ending", "entities.jsonl") in found


def test_bad_paths(tmp_path: Path) -> None:
    assert located(validate(tmp_path / "nope")) == [("path-missing", None, None, None, None)]
    assert located(validate(tmp_path)) == [("not-a-release", None, None, None, None)]


def test_validate_writes_nothing_into_the_directory(release_copy: Path) -> None:
    mutate(release_copy, "facts", FACT, lambda r: r.update(article_id="a-bcfbe062-99"))
    before = snapshot(release_copy)
    assert not validate(release_copy).valid
    assert snapshot(release_copy) == before


def test_value_that_its_value_text_does_not_read_as(release_copy: Path) -> None:
    line = mutate(release_copy, "facts", FACT, lambda r: r.update(value=62.0))
    report = validate(release_copy)
    assert located(report) == [("value-mismatch", "facts.jsonl", line, FACT, "$.value")]
    assert report.problems[0].message == "$.value is 62 but $.value_text '6.2%' reads as 6.2"


def test_derived_value_that_its_formula_does_not_give(release_copy: Path) -> None:
    derived = "f-bcfbe062-01-007"
    line = mutate(release_copy, "facts", derived, lambda r: r.update(value=343.0))
    report = validate(release_copy)
    assert located(report) == [("value-mismatch", "facts.jsonl", line, derived, "$.value")]
    assert "(b - a) / 3 over the inputs gives 457.333" in report.problems[0].message


def test_value_text_missing_from_the_evidence(release_copy: Path) -> None:
    line = mutate(release_copy, "facts", FACT, lambda r: r.update(value_text="6.3%"))
    assert located(validate(release_copy)) == [
        ("value-mismatch", "facts.jsonl", line, FACT, "$.value_text")
    ]


def test_impossible_date(release_copy: Path) -> None:
    event = "f-bcfbe062-01-001"
    line = mutate(release_copy, "facts", event, lambda r: r.update(date="2025-11-31"))
    assert located(validate(release_copy)) == [
        ("invalid-date", "facts.jsonl", line, event, "$.date"),
        ("invalid-date", "facts.parquet", line, event, "$.date"),  # resealed: both copies hold it
    ]


def test_empty_table_file(release_copy: Path) -> None:
    write_raw(release_copy, "entities.jsonl", b"")
    found = located(validate(release_copy))
    assert ("file-empty", "entities.jsonl", None, None, None) in found


def test_a_50_mb_line_is_reported_not_parsed(release_copy: Path) -> None:
    huge = b'{"id": "' + b"x" * (50 * 1024 * 1024) + b'"}\n'
    write_raw(release_copy, "entities.jsonl", (release_copy / "entities.jsonl").read_bytes() + huge)
    found = [
        (p.type, p.file) for p in validate(release_copy).problems if "bytes, over" in p.message
    ]
    assert found == [("json-error", "entities.jsonl")]


def test_binary_garbage_is_reported_line_by_line(release_copy: Path) -> None:
    import random

    garbage = bytes(random.Random(3).randrange(256) for _ in range(5000))
    write_raw(release_copy, "facts.jsonl", garbage)
    problems = [p for p in validate(release_copy).problems if p.file == "facts.jsonl"]
    assert problems
    assert {p.type for p in problems} <= {
        "encoding-error",
        "json-error",
        "line-ending",
        "not-an-object",
    }


def test_a_file_given_as_the_release(release_copy: Path) -> None:
    report = validate(release_copy / "facts.jsonl")
    assert located(report) == [("not-a-release", None, None, None, None)]
    assert "is a file" in report.problems[0].message


def test_a_directory_without_release_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    report = validate(tmp_path)
    assert located(report) == [("not-a-release", None, None, None, None)]
    assert "holds none of sources.jsonl" in report.problems[0].message


def test_qualifier_that_its_value_text_does_not_state(release_copy: Path) -> None:
    fact = "f-bcfbe062-02-001"  # 超2500家: more than 2500 enterprises
    line = mutate(release_copy, "facts", fact, lambda r: r.update(qualifier="exact"))
    report = validate(release_copy)
    assert located(report) == [("value-mismatch", "facts.jsonl", line, fact, "$.qualifier")]
    assert report.problems[0].message == (
        "$.qualifier is exact but $.value_text '超2500家' reads as more_than"
    )


def test_schemas_option_reports_what_the_published_schema_rejects(
    release_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Models and schemas agree (see the property tests), so plant a drift: a published fact
    # schema stricter than the model, as a stale schemas/ folder would be.
    from jsonschema import Draft202012Validator

    import newsfacts.validation.rows as rows
    from newsfacts.release.schemas import json_schema

    strict = json_schema("fact")
    strict["properties"]["subject"]["maxLength"] = 3
    real = rows.schema_validator

    def validator(name: str) -> Draft202012Validator:
        return Draft202012Validator(strict) if name == "fact" else real(name)

    monkeypatch.setattr(rows, "schema_validator", validator)
    assert validate(release_copy).problems == []  # off by default
    found = located(validate(release_copy, schemas=True))
    line = line_of(release_copy, "facts", FACT)
    assert ("schema-rejected", "facts.jsonl", line, FACT, "$.subject") in found
    assert {p[0] for p in found} == {"schema-rejected"}


def test_a_stray_file_in_the_release_is_reported(release_copy: Path) -> None:
    (release_copy / "notes.txt").write_text("left here", encoding="utf-8")
    assert located(validate(release_copy)) == [
        ("manifest-error", "manifest.json", None, "notes.txt", "$.files")
    ]


def test_progress_is_told_each_step(release_copy: Path) -> None:
    steps: list[str] = []
    assert validate(release_copy, progress=steps.append).valid
    passes = ("sources", "articles", "facts and entities")  # the last two side by side
    assert [s for s in steps if s.startswith("checking ") and ":" not in s][:3] == [
        f"checking {p}" for p in passes
    ]
    for tables in passes:  # each pass's share read, up to all of it
        shares = [s for s in steps if s.startswith(f"checking {tables}: ")]
        assert shares[-1] == f"checking {tables}: 100%"
    assert steps[-1] == "checking the manifest"


def test_a_vocabulary_error_and_an_unknown_key_name_what_was_given(release_copy: Path) -> None:
    def spoil(record: dict) -> None:  # type: ignore[type-arg]
        record["unit"] = "teams"
        record["evidnce"] = record["evidence"]

    line = mutate(release_copy, "facts", FACT, spoil)
    report = validate(release_copy)
    messages = {
        (p.type, p.line, p.field): p.message for p in report.problems if p.file == "facts.jsonl"
    }
    assert messages == {
        ("vocabulary-error", line, "$.unit"): f"$.unit 'teams' is not one of the {UNITS} codes "
        "of its vocabulary; did you mean 'times'?",
        ("unknown-field", line, "$.evidnce"): "$.evidnce is not in the schema: unknown key "
        "'evidnce'; did you mean 'evidence'?",
    }


def test_a_mention_given_twice_is_reported(release_copy: Path) -> None:
    entity = "e-taiyuan"

    def twice(record: dict) -> None:  # type: ignore[type-arg]
        record["mentions"].insert(1, dict(record["mentions"][0]))

    line = mutate(release_copy, "entities", entity, twice)
    report = validate(release_copy)
    first = json.loads((release_copy / "entities.jsonl").read_text().splitlines()[line - 1])
    place = first["mentions"][0]
    assert [(p.type, p.file, p.line, p.record_id, p.field, p.message) for p in report.problems] == [
        (
            "duplicate-mention",
            "entities.jsonl",
            line,
            entity,
            "$.mentions[1]",
            f"$.mentions[1] is the mention at {place['start']}-{place['end']} of "
            f"{place['article_id']} again (first at $.mentions[0])",
        )
    ]


def test_descriptors_are_checked_against_the_files(release_copy: Path) -> None:
    package = json.loads((release_copy / "datapackage.json").read_text(encoding="utf-8"))
    index = [r["name"] for r in package["resources"]].index("facts")
    package["resources"][index]["bytes"] = 7
    fields = len(package["resources"][index]["schema"]["fields"])
    del package["resources"][index]["schema"]["fields"][0]
    (release_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (release_copy / "croissant.json").write_text("", encoding="utf-8")
    facts = (release_copy / "facts.jsonl").stat().st_size
    report = validate(release_copy)
    where = f"$.resources[{index}]"
    assert [(p.type, p.file, p.field, p.message) for p in report.problems] == [
        (
            "metadata-error",
            "datapackage.json",
            f"{where}.bytes",
            f"{where}.bytes is 7; the release gives {facts}",
        ),
        (
            "metadata-error",
            "datapackage.json",
            f"{where}.schema.fields",
            f"{where}.schema.fields has {fields - 1} items; the release gives {fields}",
        ),
        (
            "metadata-error",
            "croissant.json",
            None,
            "croissant.json:1: not valid JSON: Expecting value: line 1 column 1 (char 0)",
        ),
    ]


def test_a_full_release_needs_its_descriptors_and_an_export_may_go_without(
    release_copy: Path, tmp_path: Path
) -> None:
    (release_copy / "croissant.json").unlink()
    assert [(p.type, p.file, p.message) for p in validate(release_copy).problems] == [
        ("metadata-error", "croissant.json", "the release has no croissant.json")
    ]
    for fmt, written in (("jsonl", True), ("parquet", False)):
        out = tmp_path / fmt
        args = ["export", "--format", fmt, "--out", str(out), "--release", str(RELEASE)]
        assert CliRunner().invoke(main, args).exit_code == 0
        assert (out / "datapackage.json").exists() is written
        assert (out / "croissant.json").exists() is written
        assert validate(out).problems == [], fmt
    (tmp_path / "parquet" / "datapackage.json").write_bytes(
        (tmp_path / "jsonl" / "datapackage.json").read_bytes()
    )
    assert [(p.type, p.file, p.message) for p in validate(tmp_path / "parquet").problems] == [
        (
            "metadata-error",
            "datapackage.json",
            "datapackage.json describes JSONL files, and this release holds none",
        )
    ]


def test_descriptors_worded_by_another_version_still_validate(release_copy: Path) -> None:
    package = json.loads((release_copy / "datapackage.json").read_text(encoding="utf-8"))
    package["title"] = "as an older newsfacts titled it"
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if "enum" in field.get("constraints", {}):
                field["constraints"]["enum"] = field["constraints"]["enum"][:3]
    (release_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert validate(release_copy).problems == []


def test_a_dataset_card_that_is_not_the_manifests(release_copy: Path) -> None:
    card = release_copy / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("config_name: facts", "x"), "utf-8")
    report = validate(release_copy)
    assert [(p.type, p.file) for p in report.problems] == [("metadata-error", "README.md")]
    assert "is not the dataset card" in report.problems[0].message


def _rewrite_parquet(release: Path, table: str, change) -> None:  # type: ignore[no-untyped-def]
    """The Parquet copy of ``table`` changed (an Arrow table in, one out), and resealed."""
    from newsfacts.release.formats import PARQUET_OPTIONS

    changed = change(pq.read_table(release / f"{table}.parquet"))
    pq.write_table(changed, release / f"{table}.parquet", **PARQUET_OPTIONS)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == f"{table}.parquet":
            entry["rows"] = changed.num_rows
    (release / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    reseal(release, parquet=False)


def test_a_parquet_column_of_another_type_is_reported(release_copy: Path) -> None:
    """Numbers stored as strings cast back to the same numbers: still the wrong type."""
    import pyarrow as pa

    def as_text(table: pa.Table) -> pa.Table:
        at = table.schema.get_field_index("value")
        return table.set_column(at, "value", table.column("value").cast(pa.string()))

    _rewrite_parquet(release_copy, "facts", as_text)
    report = validate(release_copy)
    found = located(report)
    # the column once, then each record whose value is a string, as its model reads it
    assert found[0] == ("type-error", "facts.parquet", None, None, "$.value")
    assert "holds string, the schema gives double" in report.problems[0].message
    assert {(t, f, field) for t, f, _, _, field in found[1:]} == {
        ("type-error", "facts.parquet", "$.value")
    }


def test_a_parquet_copy_in_other_widths_and_encodings_is_valid(release_copy: Path) -> None:
    """Large strings, dictionary-encoded strings: the same values as JSON has them."""
    import pyarrow as pa

    def widened(table: pa.Table) -> pa.Table:
        subject = table.column("subject").cast(pa.large_string())
        table = table.set_column(table.schema.get_field_index("subject"), "subject", subject)
        kind = table.column("kind").dictionary_encode()
        return table.set_column(table.schema.get_field_index("kind"), "kind", kind)

    _rewrite_parquet(release_copy, "facts", widened)
    assert validate(release_copy).problems == []


def test_a_record_the_parquet_copy_holds_twice_is_reported(release_copy: Path) -> None:
    import pyarrow as pa

    rows = pq.read_table(release_copy / "facts.parquet").num_rows
    _rewrite_parquet(release_copy, "facts", lambda t: pa.concat_tables([t, t.slice(0, 1)]))
    first = pq.read_table(release_copy / "facts.parquet").column("id")[0].as_py()
    report = validate(release_copy)
    assert located(report) == [("duplicate-id", "facts.parquet", rows + 1, first, "$.id")]
    assert "(first at facts.parquet:1)" in report.problems[0].message


def test_a_dataset_card_that_is_no_regular_file_is_reported_without_waiting(
    release_copy: Path,
) -> None:
    """A FIFO would block a read for ever: it is reported, never opened."""
    import os
    import subprocess
    import sys

    card = release_copy / "README.md"
    card.unlink()
    os.mkfifo(card)
    done = subprocess.run(
        [sys.executable, "-m", "newsfacts", "validate", str(release_copy), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert [(p["type"], p["file"]) for p in problems] == [("metadata-error", "README.md")]
    assert "it is not a regular file" in problems[0]["message"]


def test_a_file_the_manifest_lists_twice_is_reported(release_copy: Path) -> None:
    path = release_copy / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["files"].append(dict(manifest["files"][0]))
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    last = len(manifest["files"]) - 1
    listed = manifest["files"][0]["path"]
    problems = [
        (p.type, p.file, p.record_id, p.field, p.message)
        for p in validate(release_copy).problems
        if p.file == "manifest.json"
    ]
    assert (
        "manifest-error",
        "manifest.json",
        listed,
        f"$.files[{last}].path",
        f"{listed} is listed again (first at $.files[0])",
    ) in problems
