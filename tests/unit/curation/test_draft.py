"""newsfacts draft: a page's raw text to curated files that build with --drafts, every record a
draft; nothing that exists is overwritten."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsfacts.curation.build import BuildError, build, build_tables
from newsfacts.curation.draft import DraftError, dispatched, draft_page
from newsfacts.curation.proposals import byline_names
from newsfacts.release.loader import load

from ...conftest import SOURCE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: A page as a web edition prints it (kicker, headline, subheadline, byline line), two items.
PAGE = """### 临近立冬，探访一个村庄

# 小村“织”出大产业（神州看点）

## ——秋裤产业带动就业

> 本报记者  王  沛、李  刚《人民日报》（2025年11月06日第 07 版）

全村380户村民，有160多户从事针织产业，年产秋裤达8000万条。

截至10月底，今年已接待游客12万人次，同比增长6.5%。

# 广西实施金融惠企三年行动

> 本报记者  张  三《人民日报》（2025年11月06日第 07 版）

本报南宁11月5日电  广西计划3年内新增贷款500亿元，惠及企业2000家。
"""


def _page(tmp_path: Path, text: str = PAGE, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_web_page_is_drafted_as_articles_with_their_lines_and_quantities(
    tmp_path: Path, dataset_copy: Path
) -> None:
    done = draft_page(_page(tmp_path), dataset_copy)
    assert done.articles == 2
    assert (dataset_copy / "sources" / "page.txt").read_text(encoding="utf-8") == PAGE
    source = tomllib.loads((done.folder / "source.toml").read_text(encoding="utf-8"))
    assert (source["date"], source["publisher"]) == ("2025-11-06", "人民日报")
    assert source["inferred"][0]["field"] == "date"
    assert "2025年11月06日第 07 版" in source["inferred"][0]["reason"]
    first = tomllib.loads((done.folder / "a01.toml").read_text(encoding="utf-8"))
    assert first["status"] == "draft"
    assert first["overline"] == "临近立冬，探访一个村庄"  # a web edition's ### line (引题)
    # the column printed after the headline is its series
    assert first["headline"] == ["小村“织”出大产业"]
    assert (first["series"], first["series_printed"]) == ("神州看点", "（神州看点）")
    assert first["subheadline"] == "——秋裤产业带动就业"
    assert first["bylines"] == [
        {"printed": "王  沛", "role": "reporter", "role_printed": "本报记者"},
        {"printed": "李  刚", "role": "reporter", "role_printed": "本报记者"},
    ]
    facts = {f["value_text"]: f for f in first["facts"] if f["kind"] == "quantity"}
    assert set(facts) == {"380户", "160多户", "8000万条", "12万人次", "6.5%"}
    [derived] = [f for f in first["facts"] if f["kind"] == "derived"]  # 12万人次 grew 6.5%
    assert derived["inputs"] == [facts["12万人次"]["id"], facts["6.5%"]["id"]]
    assert derived["value"] == pytest.approx(120_000 / 1.065)
    assert facts["8000万条"]["value"] == 80_000_000
    assert facts["12万人次"]["as_of"] == "2025-10-31"
    assert facts["6.5%"]["predicate_en"] == "change"
    second = tomllib.loads((done.folder / "a02.toml").read_text(encoding="utf-8"))
    assert second["dateline"] == "本报南宁11月5日电"
    assert {f["value_text"] for f in second["facts"]} == {"3年", "500亿元", "2000家"}


@pytest.mark.parametrize(
    ("dateline", "page", "now"),
    [
        ("本报南宁7月14日电", "2025-07-15", "2025-07-14"),
        ("新华社北京12月31日电", "2026-01-02", "2025-12-31"),  # the year before the page's
        ("本报讯", "2025-07-15", "2025-07-15"),
        ("本报北京电", "2025-07-15", "2025-07-15"),
        (None, "2025-07-15", "2025-07-15"),
        ("本报南宁7月14日电", None, None),
    ],
)
def test_the_day_a_dispatch_was_filed(dateline: str | None, page: str | None, now: str) -> None:
    assert dispatched(dateline, page) == now


def test_now_in_a_dated_dispatch_is_the_day_it_was_filed(
    tmp_path: Path, dataset_copy: Path
) -> None:
    page = PAGE.replace("广西计划3年内", "目前广西已有企业1200家。广西计划3年内").replace(
        "全村380户村民", "目前全村380户村民"
    )
    done = draft_page(_page(tmp_path, page), dataset_copy)
    first = tomllib.loads((done.folder / "a01.toml").read_text(encoding="utf-8"))
    second = tomllib.loads((done.folder / "a02.toml").read_text(encoding="utf-8"))
    assert {f.get("value_text"): f.get("as_of") for f in first["facts"]}["380户"] == "2025-11-06"
    assert {f.get("value_text"): f.get("as_of") for f in second["facts"]}["1200家"] == "2025-11-05"


def test_drafts_build_with_drafts_and_a_plain_build_refuses_them(
    tmp_path: Path, dataset_copy: Path
) -> None:
    done = draft_page(_page(tmp_path), dataset_copy)
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert len(info.value.problems) == 2 + done.facts + done.entities
    assert all(" is a draft nobody has reviewed" in p for p in info.value.problems)
    release = build(dataset_copy, tmp_path / "release", drafts=True)
    ds = load(release)
    drafted = [a for a in ds.articles if a.review == "draft"]
    assert len(drafted) == 2
    assert drafted[0].text.startswith("全村380户村民")
    assert drafted[1].text.endswith("惠及企业2000家。")


def test_drafting_again_keeps_every_file(tmp_path: Path, dataset_copy: Path) -> None:
    page = _page(tmp_path)
    first = draft_page(page, dataset_copy)
    article = first.folder / "a01.toml"
    article.write_text(article.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    again = draft_page(page, dataset_copy)
    assert again.written == []
    assert sorted(p.name for p in again.kept) == [
        "a01.toml",
        "a02.toml",
        f"draft-{first.folder.name}.toml",
        "source.toml",
    ]
    assert article.read_text(encoding="utf-8").endswith("# reviewed\n")


def test_a_page_whose_name_is_taken_or_that_is_not_utf8_is_refused(
    tmp_path: Path, dataset_copy: Path
) -> None:
    taken = dataset_copy / "sources" / "page.txt"
    taken.write_text("another text\n", encoding="utf-8")
    with pytest.raises(DraftError, match="exists and holds another text: nothing was written"):
        draft_page(_page(tmp_path), dataset_copy)
    assert taken.read_text(encoding="utf-8") == "another text\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(DraftError, match="not UTF-8 text"):
        draft_page(bad, dataset_copy)
    assert not (dataset_copy / "sources" / "bad.txt").exists()


def test_every_article_drafted_from_the_seed_page_begins_where_a_curated_one_does(
    tmp_path: Path,
) -> None:
    seed = SOURCE
    text = seed.read_text(encoding="utf-8")
    done = draft_page(seed, tmp_path / "dataset", date="2025-11-15")
    starts = []
    for path in sorted(done.folder.glob("a*.toml")):
        article = tomllib.loads(path.read_text(encoding="utf-8"))
        starts.append(text.index(article["segments"][0]["start"]))
    articles = [a for a in load().articles if a.source_id == "s-bcfbe062"]
    # every curated article, the one whose heading follows another's sections (a02) and the
    # feature whose second part is printed after three other stories (a06) among them
    assert starts == [a.segments[0].start for a in articles]
    feature = tomllib.loads((done.folder / "a06.toml").read_text(encoding="utf-8"))
    segments = [
        (text.index(seg["start"]), text.index(seg["end"]) + len(seg["end"]))
        for seg in feature["segments"]
    ]
    assert segments == [(seg.start, seg.end) for seg in articles[5].segments]
    assert [f["type"] for f in feature["flags"]] == ["continued"]
    assert (feature["series"], feature["series_number"]) == ("全国“敬老文明号”并州风采系列报道", 4)
    assert feature["genre"] == "feature" and "subheadline" not in feature
    assert feature["bylines"] == [{"printed": "弓风飞", "role": "reporter", "role_printed": "记者"}]
    photo = tomllib.loads((done.folder / "a05.toml").read_text(encoding="utf-8"))
    assert (photo["genre"], photo["bylines"]) == (
        "photo",
        [
            {"printed": "李学军", "role": "photographer", "role_printed": "摄影报道"},
            {"printed": "杨晓勇", "role": "photographer", "role_printed": "摄影报道"},
        ],
    )
    first = tomllib.loads((done.folder / "a01.toml").read_text(encoding="utf-8"))
    assert (first["kicker"], first["overline"], first["headline"]) == (
        "省政府新闻办发布会",
        "传统产业焕新 新兴产业崛起 未来产业布局",
        ["山西新型工业化迈出坚实步伐"],
    )


def test_column_breaks_of_a_printed_page_are_proposed_as_edits(tmp_path: Path) -> None:
    seed = SOURCE
    text = seed.read_text(encoding="utf-8")
    done = draft_page(seed, tmp_path / "dataset", date="2025-11-15")
    proposed = set()
    for path in done.folder.glob("a*.toml"):
        for change in tomllib.loads(path.read_text(encoding="utf-8")).get("edits", []):
            assert (change["kind"], change["after"]) == ("column_break", "")
            left, _, right = change["quote"].partition("[[\n\n]]")
            proposed.add(text.index(left + "\n\n" + right) + len(left))
    seed_articles = [a for a in load().articles if a.source_id == "s-bcfbe062"]
    curated = {e.start for a in seed_articles for e in a.edits if e.kind == "column_break"}
    assert proposed == curated


def test_a_web_page_has_no_column_breaks(tmp_path: Path, dataset_copy: Path) -> None:
    done = draft_page(_page(tmp_path), dataset_copy)
    for path in done.folder.glob("a*.toml"):
        assert "edits" not in tomllib.loads(path.read_text(encoding="utf-8"))


def test_an_item_without_a_headline_is_flagged(tmp_path: Path) -> None:
    seed = SOURCE
    done = draft_page(seed, tmp_path / "dataset", date="2025-11-15")
    articles = [tomllib.loads(p.read_text(encoding="utf-8")) for p in done.folder.glob("a*.toml")]
    untitled = [a for a in articles if "headline" not in a]
    assert untitled, "the seed page prints items without a headline"
    for article in untitled:
        assert [f["type"] for f in article["flags"]] == ["headline_missing"]
        assert article["title"]
    titled = [f["type"] for a in articles if "headline" in a for f in a.get("flags", [])]
    assert "headline_missing" not in titled
    # the report whose byline closes the next item (a01) prints none of its own
    assert titled.count("byline_missing") == 1


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        ("本报记者  王伟健  郁静娴", [("王伟健", "reporter"), ("郁静娴", "reporter")]),
        ("本报记者  王  沛", [("王  沛", "reporter")]),
        ("(申 波、闫男男)", [("申 波", "reporter"), ("闫男男", "reporter")]),
        ("李学军 杨晓勇 摄影报道", [("李学军", "photographer"), ("杨晓勇", "photographer")]),
        ("本报评论员", []),
        ("何  常", [("何  常", "author")]),
    ],
)
def test_the_people_of_a_byline(printed: str, names: list[tuple[str, str]]) -> None:
    assert [(b["printed"], b["role"]) for b in byline_names(printed)] == names


#: Credits a web edition prints inside the text: after the dateline, under a photo, at the end.
CREDITS = """# 广西实施改革

本报南宁5月19日电  （记者张云河）广西8部门日前印发实施方案。

张  成摄（影像中国）

# 用科技为消费升级筑牢底座（感言）

> 贾少谦《人民日报》（2025年06月12日第 11 版）

科技创新是消费升级的底座。

（作者为海信集团董事长，本报记者王沛整理）

# 为扩大高水平对外开放作出新的示范

> 新华社记者  安  蓓  谢希瑶  王雨萧《人民日报》（2025年07月15日第 10 版）

国家级经开区是对外开放的重要平台。

（新华社北京7月14日电）
"""


def test_credits_printed_inside_a_web_edition(tmp_path: Path, dataset_copy: Path) -> None:
    done = draft_page(_page(tmp_path, CREDITS, "credits.txt"), dataset_copy)
    first, second, third = (
        tomllib.loads((done.folder / f"a0{n}.toml").read_text(encoding="utf-8")) for n in (1, 2, 3)
    )
    assert first["bylines"] == [
        {"printed": "张云河", "role": "reporter", "role_printed": "记者"},
        {"printed": "张  成", "role": "photographer", "role_printed": "摄"},
    ]
    assert second["genre"] == "commentary" and second["series"] == "感言"
    assert second["bylines"] == [
        {"printed": "贾少谦", "role": "author", "role_printed": "作者为海信集团董事长"},
        {"printed": "王沛", "role": "editor", "role_printed": "本报记者…整理"},
    ]
    assert third["dateline"] == "新华社北京7月14日电"
    assert [b["printed"] for b in third["bylines"]] == ["安  蓓", "谢希瑶", "王雨萧"]
    assert {b["role_printed"] for b in third["bylines"]} == {"新华社记者"}


#: A commentary in a column and a numbered series, with a standfirst printed again below.
SERIES = """# 稳企业，全力以赴纾困解难（评论员观察）

## ——以高质量发展的确定性应对外部环境急剧变化的不确定性②

> 邹  翔《人民日报》（2025年05月20日第 05 版）

过去的识变应变为今天打下基础，当下的察势驭势也将成为未来的底气

全球贸易形势风云变幻，如何“稳企业”？

过去的识变应变为今天打下基础，当下的察势驭势也将成为未来的底气。
"""


def test_a_column_and_a_numbered_series(tmp_path: Path, dataset_copy: Path) -> None:
    done = draft_page(_page(tmp_path, SERIES, "series.txt"), dataset_copy)
    article = tomllib.loads((done.folder / "a01.toml").read_text(encoding="utf-8"))
    assert article["headline"] == ["稳企业，全力以赴纾困解难"]
    assert (article["series"], article["series_number"]) == (
        "以高质量发展的确定性应对外部环境急剧变化的不确定性",
        2,
    )
    assert article["series_printed"].endswith("②") and "subheadline" not in article
    assert (article["kicker"], article["genre"]) == ("评论员观察", "commentary")
    assert "standfirst" in article["notes"]


def test_names_of_accepted_entities_are_listed_for_their_own_files(
    tmp_path: Path, dataset_copy: Path
) -> None:
    page = "**本报讯** 11月14日,山西省在太原举办了一场招聘会,吸引求职者3000余人。\n\n(王丹)\n"
    done = draft_page(_page(tmp_path, page, "jobs.txt"), dataset_copy, date="2025-11-15")
    entities = dataset_copy / "curated" / "entities" / f"draft-{done.folder.name}.toml"
    lines = entities.read_text(encoding="utf-8").splitlines()
    listed = [line.split() for line in lines if line.startswith("#   e-")]
    article = f"a-{done.folder.name[2:]}-01"
    assert ["#", "e-shanxi", article, '"山西省"'] in listed
    assert ["#", "e-taiyuan", article, '"太原"'] in listed
    assert 'name = "山西省"' not in entities.read_text(encoding="utf-8")


def test_odd_pages_still_draft_into_what_builds(tmp_path: Path, dataset_copy: Path) -> None:
    """Full-width digits, a credit after a print page's dateline, span marks in a headline,
    one reporter credited twice: each drafted, and the drafts build."""
    printed = (
        "## 数字[[乡村]]建设提速\n\n"
        "**本报讯**（记者 张 三）４月１日，全市新增企业１２３家，同比增长１５％。\n"
    )
    web = (
        "# 新能源车走俏\n\n> 本报记者  王  芳《人民日报》（2025年05月20日第 01 版）\n\n"
        "本报北京5月19日电  （记者王芳）今年以来，全市新能源汽车销量增长20%。\n"
    )
    first = draft_page(_page(tmp_path, printed, "print.txt"), dataset_copy, date="2025-05-20")
    second = draft_page(_page(tmp_path, web, "web.txt"), dataset_copy)
    a = tomllib.loads((first.folder / "a01.toml").read_text(encoding="utf-8"))
    assert [f["value_text"] for f in a["facts"] if f["kind"] == "quantity"] == [
        "１２３家",
        "１５％",
    ]
    assert a["bylines"] == [{"printed": "张 三", "role": "reporter", "role_printed": "记者"}]
    assert "headline" not in a  # a headline holding [[ ]] cannot be quoted: left to the curator
    b = tomllib.loads((second.folder / "a01.toml").read_text(encoding="utf-8"))
    assert [p["printed"] for p in b["bylines"]] == ["王  芳"]
    build(dataset_copy, tmp_path / "release", drafts=True)


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize(
    ("name", "told"),
    [
        (".page.txt", "may not start with a dot or hold a backslash"),
        ("back\\slash.txt", "may not start with a dot or hold a backslash"),
    ],
)
def test_a_page_name_no_source_may_have_is_refused_before_anything_is_written(
    tmp_path: Path, dataset_copy: Path, name: str, told: str
) -> None:
    before = _listing(dataset_copy)
    with pytest.raises(DraftError, match=told):
        draft_page(_page(tmp_path, name=name), dataset_copy)
    assert _listing(dataset_copy) == before


@pytest.mark.parametrize("date", ["20251106", "2025-W45-4", "0001-01-01", "2025-02-30"])
def test_a_date_not_written_yyyy_mm_dd_is_refused(
    tmp_path: Path, dataset_copy: Path, date: str
) -> None:
    before = _listing(dataset_copy)
    with pytest.raises(DraftError, match="--date"):
        draft_page(_page(tmp_path), dataset_copy, date=date)
    assert _listing(dataset_copy) == before


def test_a_page_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path, dataset_copy: Path) -> None:
    import os

    page = tmp_path / "page.txt"
    os.mkfifo(page)
    with pytest.raises(DraftError, match="not a regular file"):
        draft_page(page, dataset_copy)


def test_nothing_is_written_where_the_dataset_cannot_take_the_draft(
    tmp_path: Path, dataset_copy: Path
) -> None:
    import shutil

    shutil.rmtree(dataset_copy / "curated")
    (dataset_copy / "curated").write_text("not a folder", encoding="utf-8")
    before = _listing(dataset_copy)
    with pytest.raises(DraftError, match="is not a folder"):
        draft_page(_page(tmp_path), dataset_copy)
    assert _listing(dataset_copy) == before
    (dataset_copy / "curated").unlink()
    (dataset_copy / "curated").mkdir()
    (dataset_copy / "sources" / "page.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(DraftError, match="broken symbolic link in the way"):
        draft_page(_page(tmp_path), dataset_copy)


def test_drafted_files_are_readable_by_others(tmp_path: Path, dataset_copy: Path) -> None:
    done = draft_page(_page(tmp_path), dataset_copy)
    assert done.written and all(p.stat().st_mode & 0o777 == 0o644 for p in done.written)
