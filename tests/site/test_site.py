"""The review site without a browser: every fact highlighted with exactly its text, overlapping
spans, escaping, links that resolve, stable addresses, and folders it refuses to replace."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import newsfacts
from newsfacts.cli import main
from newsfacts.release.atomic import TargetError
from newsfacts.release.resources import release_dir
from newsfacts.site.article import article_page, highlighted_text
from newsfacts.site.chart import groups
from newsfacts.site.render import build_site, render_site
from newsfacts.site.shell import fmt_value
from newsfacts.site.spans import Piece, assign_layers, render_layers
from newsfacts.site.write import SITE_MANIFEST, write_site

from ..conftest import RELEASE
from .htmlscan import scan, scan_file


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(RELEASE, out)
    return out


def test_spans_in_one_layer_are_disjoint_and_layers_are_as_few_as_the_deepest_overlap() -> None:
    spans = [(0, 10), (2, 4), (3, 12), (10, 11), (11, 20), (5, 6)]
    layers = assign_layers(spans)
    for layer in set(layers):
        chosen = sorted(s for s, n in zip(spans, layers) if n == layer)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(chosen)), chosen
    # at 3: (0,10), (2,4), (3,12) overlap, so three layers and no more
    assert max(layers) + 1 == 3


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 5), (3, 8)],  # crossing
        [(0, 10), (2, 4), (2, 4), (4, 9)],  # nested, equal, adjacent
        [(1, 6), (2, 7), (3, 8), (0, 9)],  # a staircase inside a span
        [(0, 12)],  # the whole text
    ],
)
def test_every_span_gets_one_element_whose_text_is_exactly_its_characters(
    spans: list[tuple[int, int]],
) -> None:
    text = "甲<乙&丙\n\n丁戊己庚辛"
    pieces = [Piece(s, e, f'<mark data-fact="f{i}">', "</mark>") for i, (s, e) in enumerate(spans)]
    layers = render_layers(text, [pieces])
    found: dict[str, str] = {}
    for layer in layers:
        page = scan(f"<div>{layer}</div>")
        found.update(page.marked["data-fact"])
        plain = scan(f"<div data-fact='all'>{layer}</div>").marked["data-fact"][-1][1]
        assert plain == text  # every layer is the whole text again, escaped and unchanged
    assert found == {f"f{i}": text[s:e] for i, (s, e) in enumerate(spans)}


def test_every_fact_of_the_release_is_highlighted_once_with_its_exact_text(site: Path) -> None:
    ds = newsfacts.load(RELEASE)
    highlights: dict[str, list[str]] = {}
    mentions: list[tuple[str, str]] = []
    for article in ds.articles:
        page = scan_file(site / "articles" / f"{article.id}.html")
        for fact_id, text in page.marked["data-fact"]:
            highlights.setdefault(fact_id, []).append(text)
        mentions += page.marked["data-entity"]
    assert {f.id: [f.evidence.exact] for f in ds.facts} == highlights
    expected = sorted((e.id, m.exact) for e in ds.entities for m in e.mentions)
    assert sorted(mentions) == expected


def test_the_release_has_crossing_evidence_and_it_is_drawn_in_layers(site: Path) -> None:
    ds = newsfacts.load(RELEASE)
    crossing = [
        (a, b)
        for a in ds.facts
        for b in ds.facts
        if a.article_id == b.article_id
        and a.evidence.start < b.evidence.start < a.evidence.end < b.evidence.end
    ]
    assert crossing, "the release no longer has crossing spans: add a synthetic case"
    html = (site / "articles" / f"{crossing[0][0].article_id}.html").read_text(encoding="utf-8")
    assert html.count('class="layer over"') >= 2


def test_pages_are_at_stable_addresses_and_every_link_resolves(site: Path) -> None:
    ds = newsfacts.load(RELEASE)
    pages = sorted(site.rglob("*.html"))
    expected = {"index.html", "facts.html", "entities.html"}
    expected |= {f"articles/{a.id}.html" for a in ds.articles}
    expected |= {f"entities/{e.id}.html" for e in ds.entities}
    assert {p.relative_to(site).as_posix() for p in pages} == expected
    scans = {p: scan_file(p) for p in pages}
    checked = 0
    for page, found in scans.items():
        assert found.lang == "zh-Hans"
        for link in found.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: {link} leaves the site"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {link} does not resolve"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in scans[target].ids, f"{page}: {link}: no such anchor"
            checked += 1
    assert checked > 1000


def test_the_index_counts_and_the_facts_table_lists_everything(site: Path) -> None:
    ds = newsfacts.load(RELEASE)
    index = (site / "index.html").read_text(encoding="utf-8")
    for article in ds.articles:
        assert f'href="articles/{article.id}.html"' in index
    assert index.count('data-review="accepted"') == len(ds.articles)
    facts = scan((site / "facts.html").read_text(encoding="utf-8"), ("data-id",))
    assert sorted(i for i, _ in facts.marked["data-id"]) == sorted(f.id for f in ds.facts)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (6859.0, "6,859"),
        (8.1, "8.1"),
        (1_200_000.0, "1,200,000"),
        (0.5, "0.5"),
        (1e-7, "1e-07"),
        (-2.25, "-2.25"),
        (None, ""),
    ],
)
def test_values_are_shown_as_a_reader_writes_them(value: float | None, shown: str) -> None:
    assert fmt_value(value) == shown


def test_text_from_the_release_is_escaped() -> None:
    ds = newsfacts.load(RELEASE)
    article = ds.articles[0].model_copy(update={"title": '<script>alert("x")</script>&'})
    facts = [f for f in ds.facts if f.article_id == article.id]
    html = article_page(article, ds.sources[0], facts, [], {}, "0.1.0")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
    text = "a<b>&c"
    fact = facts[0].model_copy(
        update={"evidence": facts[0].evidence.model_copy(update={"start": 1, "end": 4})}
    )
    drawn = highlighted_text(text, [fact], [])
    assert "&lt;b&gt;" in drawn and "<b>" not in drawn
    assert scan(drawn).marked["data-fact"] == [(fact.id, "<b>")]


def test_a_chart_is_drawn_for_figures_of_one_measure(site: Path) -> None:
    ds = newsfacts.load(RELEASE)
    facts = [f for f in ds.facts if f.article_id == "a-bcfbe062-01"]
    chosen = groups(facts)
    assert any({f.as_of for f in g} == {"2021", "2024"} for g in chosen)
    html = (site / "articles" / "a-bcfbe062-01.html").read_text(encoding="utf-8")
    assert html.count('<figure class="chart">') == len(chosen)
    assert "<svg" in html and "<script" not in html.split("</head>", 1)[1]


def test_the_site_is_rewritten_over_its_own_output_only(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(RELEASE, out)
    listing = json.loads((out / SITE_MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"] for f in listing["files"]}
    assert listed == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {
        SITE_MANIFEST
    }
    build_site(RELEASE, out)  # its own output: replaced

    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TargetError, match=r"'notes.txt' is not a file newsfacts wrote"):
        build_site(RELEASE, out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    (out / "notes.txt").unlink()

    page = out / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    with pytest.raises(TargetError, match=r"'index.html' is not a file newsfacts wrote"):
        build_site(RELEASE, out)
    assert page.read_text(encoding="utf-8").endswith("<!-- edited -->")


def test_a_release_or_any_other_folder_is_never_replaced(tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(RELEASE, release)
    with pytest.raises(TargetError, match=r"holds no newsfacts-site\.json"):
        write_site({"index.html": b""}, release, version=None)
    assert sorted(p.name for p in release.iterdir()) == sorted(p.name for p in RELEASE.iterdir())
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(TargetError, match="is not a folder"):
        write_site({"index.html": b""}, tmp_path / "file", version=None)
    empty = tmp_path / "empty"
    empty.mkdir()
    write_site({"a/b.html": b"<p>"}, empty, version=None)
    assert (empty / "a" / "b.html").read_bytes() == b"<p>"


def test_render_site_shows_the_problems_validate_finds_on_their_record() -> None:
    ds = newsfacts.load(RELEASE)
    report = newsfacts.validate(RELEASE)
    fact = ds.facts[0]
    report.add("value-mismatch", "planted <problem>", record_id=fact.id, field="$.value")
    report.add("manifest-error", "a problem of the whole release")
    files = render_site(ds, report)
    page = files[f"articles/{fact.article_id}.html"].decode("utf-8")
    assert "value-mismatch" in page and "planted &lt;problem&gt;" in page
    assert "Problems validate finds (1)" in page
    index = files["index.html"].decode("utf-8")
    assert "Problems of the release (1)" in index and "a problem of the whole release" in index


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_review_writes_the_site_of_the_packaged_release(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    result = run("review", "--out", str(out))
    assert result.exit_code == 0, result.output
    ds = newsfacts.load()  # the installed copy (the checkout's, in an editable install)
    pages = 3 + len(ds.articles) + len(ds.entities)  # index, facts, entities, one each
    assert result.output == (
        f"wrote {out}: {pages} pages for {release_dir()}, version {ds.version} "
        f"({len(ds.articles)} articles, {len(ds.facts)} facts, {len(ds.entities)} entities; "
        f"validate finds no problem); open {out / 'index.html'}\n"
    )
    assert (out / "articles" / "a-bcfbe062-01.html").is_file()


def test_review_refuses_bad_input_with_one_message_and_no_traceback(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    result = run("review", str(tmp_path / "nothing"), "--out", str(out))
    assert (result.exit_code, result.output) == (
        1,
        f"newsfacts: {tmp_path / 'nothing'}: no such release directory\n",
    )
    result = run("review", str(RELEASE), "--out", str(RELEASE))
    assert result.exit_code == 2
    assert result.output == (
        f"newsfacts: {RELEASE} is or is inside the release it reviews: the release would then "
        "hold a folder its manifest does not list; nothing was written. Choose a folder "
        "outside it.\n"
    )
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("review", "--out", str(tmp_path / "file" / "site"))
    assert result.exit_code == 1
    assert result.output.startswith(f"newsfacts: cannot write {tmp_path / 'file'}")
    assert "Traceback" not in result.output and not out.exists()


def test_review_shows_draft_and_accepted_records_of_a_release_built_with_drafts(
    tmp_path: Path, dataset_copy: Path
) -> None:
    from newsfacts.curation.build import build
    from newsfacts.curation.draft import draft_page

    from ..unit.curation.test_draft import PAGE

    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = draft_page(page, dataset_copy)
    release = build(dataset_copy, tmp_path / "release", drafts=True)
    ds = newsfacts.load(release)
    drafts = [a for a in ds.articles if a.review == "draft"]
    assert len(drafts) == done.articles == 2
    out = tmp_path / "site"
    summary = build_site(release, out)
    assert summary.problems == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('data-review="draft"') == 2
    assert index.count('data-review="accepted"') == len(ds.articles) - 2
    draft_facts = sum(f.review == "draft" for f in ds.facts)
    accepted_facts = len(ds.facts) - draft_facts
    assert (
        f'<th scope="row">facts</th><td>{len(ds.facts)}</td><td>{accepted_facts}</td>'
        f"<td>{draft_facts}</td>"
    ) in index
    assert len({a.source_id for a in ds.articles}) == len(ds.sources)  # the drafted page too
    assert 'data-source-section="' in index
    for article in drafts:
        found = scan_file(out / "articles" / f"{article.id}.html")
        facts = {f.id: f.evidence.exact for f in ds.facts if f.article_id == article.id}
        assert dict(found.marked["data-fact"]) == facts
        assert 'class="badge review-draft"' in (out / "articles" / f"{article.id}.html").read_text(
            encoding="utf-8"
        )


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="甲乙丙<&>\n 丁", min_size=1, max_size=30),
    cuts=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 30)), max_size=8),
)
def test_any_spans_over_any_text_each_get_exactly_their_characters(
    text: str, cuts: list[tuple[int, int]]
) -> None:
    spans = [(s, min(s + n, len(text))) for s, n in cuts if s < len(text)]
    pieces = [Piece(s, e, f'<mark data-fact="f{i}">', "</mark>") for i, (s, e) in enumerate(spans)]
    found: dict[str, str] = {}
    for layer in render_layers(text, [pieces]):
        found.update(scan(f"<div>{layer}</div>").marked["data-fact"])
    assert found == {f"f{i}": text[s:e] for i, (s, e) in enumerate(spans)}


def test_the_site_of_a_synthetic_release_highlights_every_fact(tmp_path: Path) -> None:
    from newsfacts.synth import write_synth

    write_synth(12, 3, tmp_path / "release", per_page=4)
    ds = newsfacts.load(tmp_path / "release")
    summary = build_site(tmp_path / "release", tmp_path / "site")
    assert summary.problems == 0 and summary.facts == len(ds.facts) > 0
    found: dict[str, str] = {}
    for article in ds.articles:
        found.update(
            scan_file(tmp_path / "site" / "articles" / f"{article.id}.html").marked["data-fact"]
        )
    assert found == {f.id: f.evidence.exact for f in ds.facts}


def test_a_release_with_a_problem_is_shown_with_it(release_copy: Path, tmp_path: Path) -> None:
    from ..helpers import mutate

    fact = "f-bcfbe062-01-003"
    wrong = "错" * 31  # as long as the span, so that the record loads and validate tells
    mutate(release_copy, "facts", fact, lambda r: r["evidence"].update(exact=wrong))
    summary = build_site(release_copy, tmp_path / "site")
    assert summary.problems >= 1
    page = (tmp_path / "site" / "articles" / "a-bcfbe062-01.html").read_text(encoding="utf-8")
    assert "span-mismatch" in page and wrong in page
    found = dict(scan(page).marked["data-fact"])
    assert found[fact] != wrong  # the highlight holds the text's characters, the card the quote


def test_the_site_of_an_archive_says_what_validate_says(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    runner = CliRunner()
    assert runner.invoke(main, ["export", "--archive", "--out", str(archive)]).exit_code == 0
    result = runner.invoke(main, ["review", str(archive), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "validate finds no problem" in result.stdout


def test_a_site_inside_the_release_it_reviews_is_refused(release_copy: Path) -> None:
    before = sorted(p.name for p in release_copy.iterdir())
    result = CliRunner().invoke(
        main, ["review", str(release_copy), "--out", str(release_copy / "site")]
    )
    assert result.exit_code == 2
    assert "is or is inside the release it reviews" in result.stderr
    assert sorted(p.name for p in release_copy.iterdir()) == before
    with pytest.raises(TargetError):
        build_site(release_copy, release_copy)
