"""The page cut into articles, and the build's refusals. Expected values are read off the page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import get_args

import pytest

from newsfacts.curation.build import BuildError, build, build_tables
from newsfacts.models import Tables, Unit
from newsfacts.release.loader import load
from newsfacts.release.stats import summarise

from ...conftest import RELEASE


def article(tables: Tables, number: int):  # type: ignore[no-untyped-def]
    return next(a for a in tables.articles if a.id == f"a-bcfbe062-{number:02d}")


def test_source_is_the_page_verbatim(tables: Tables, page: str) -> None:
    source = next(s for s in tables.sources if s.id == "s-bcfbe062")
    assert source.text == page
    assert source.sha256 == hashlib.sha256(page.encode("utf-8")).hexdigest()
    assert {i.field for i in source.inferred} >= {"publisher", "date"}


def test_every_item_of_the_page_is_an_article(tables: Tables) -> None:
    titles = [a.title for a in tables.articles if a.source_id == "s-bcfbe062"]
    assert titles == [
        "山西新型工业化迈出坚实步伐",
        "多项措施推动中小企业专精特新发展",
        "消防创新应用大赛 太原支队获得佳绩",
        "举办主题知识竞赛 提升河湖管理能力",
        "杏花岭区中涧河卫生院举行“糖尿病与幸福感”主题义诊",
        "聚焦银龄需求 优化为老服务",
        "国家级非遗“太原锣鼓”原创音乐剧《开心农场》上演",
        "少儿诵读经典 文脉浸润童心",
        "延伸服务触角 化解群众烦忧",
        "西山示范区与中合盛资本管理有限公司签署战略合作框架协议",
    ]


def test_lost_headlines_are_null_with_a_flagged_editorial_title(tables: Tables) -> None:
    lost = [a for a in tables.articles if a.headline is None]
    assert [a.id[-2:] for a in lost] == ["05", "07", "10"]
    for a in lost:
        assert a.title_editorial
        assert "headline_missing" in {f.type for f in a.flags}


def test_jumped_feature_is_one_article_of_two_segments(tables: Tables, page: str) -> None:
    feature = article(tables, 6)
    assert len(feature.segments) == 2
    assert feature.text.startswith("“大字版填单范例")
    assert feature.text.endswith("扎实践行“金融为民”的责任担当。")
    assert [s.heading for s in feature.sections] == ["老年友好氛围可感可触", "助力老人跨越数字鸿沟"]
    # none of the three stories printed between the two parts is inside
    for marker in ("开心农场", "少儿国学经典", "综治中心", "本报讯"):
        assert marker not in feature.text
    assert feature.series == "全国“敬老文明号”并州风采系列报道"
    assert feature.series_number == 4
    assert feature.genre == "feature"


def test_press_conference_furniture_and_sections(tables: Tables) -> None:
    a = article(tables, 1)
    assert (a.kicker, a.overline, a.headline, a.dateline) == (
        "省政府新闻办发布会",
        "传统产业焕新 新兴产业崛起 未来产业布局",
        "山西新型工业化迈出坚实步伐",
        "本报讯",
    )
    assert [s.heading for s in a.sections] == [
        "工业经济稳中有进",
        "产业基础持续夯实",
        "创新动能持续增强",
        "数实融合纵深推进",
        "绿色转型成效显著",
    ]
    assert "\n\n工业经济稳中有进\n\n" in a.text
    assert "##" not in a.text and "**" not in a.text


def test_four_column_breaks_are_joined(tables: Tables) -> None:
    joins = [e for a in tables.articles for e in a.edits if e.kind == "column_break"]
    assert len(joins) == 4
    assert all(e.before == "\n\n" and e.after == "" for e in joins)
    texts = "".join(a.text for a in tables.articles)
    for joined in (
        "全省机焦炉全部升级",
        "全省有效期内的创新型",
        "1.75万亿元,占全省",
        "创新“金融+文化”",
    ):
        assert joined in texts


def test_misprints_are_edits_with_confidence_and_reason(tables: Tables) -> None:
    fixes = {
        (e.before, e.after, e.confidence)
        for a in tables.articles
        for e in a.edits
        if e.kind == "misprint"
    }
    assert fixes == {("家", "米", "probable"), ("官", "宫", "certain")}
    assert "关停4.3米焦炉" in article(tables, 1).text
    assert "太原市青少年宫承办" in article(tables, 8).text


def test_bylines_without_padding_keep_the_printed_form(tables: Tables) -> None:
    names = {(b.name, b.printed, b.role) for a in tables.articles for b in a.bylines}
    assert ("申波", "申 波", "reporter") in names
    assert ("魏杨", "魏 杨", "reporter") in names
    assert ("王丹", "王 丹", "reporter") in names
    assert ("李学军", "李学军", "photographer") in names
    assert ("弓风飞", "弓风飞", "reporter") in names


def test_sme_block_is_its_own_article_flagged_as_starting_mid_thought(tables: Tables) -> None:
    sme = article(tables, 2)
    assert sme.text.startswith("已有超2500家企业享受该项政策。")
    assert "truncated_start" in {f.type for f in sme.flags}
    assert sme.related == ["a-bcfbe062-01"]
    assert sme.notes and "Its own article" in sme.notes


def test_every_page_body_character_is_in_exactly_one_article(tables: Tables) -> None:
    for source in tables.sources:
        covered = [0] * len(source.text)
        for a in tables.articles:
            if a.source_id == source.id:
                for seg in a.segments:
                    for i in range(seg.start, seg.end):
                        covered[i] += 1
        assert max(covered) == 1, source.id


def _edit_file(root: Path, name: str, old: str, new: str) -> Path:
    path = root / "curated" / "s-bcfbe062" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_ambiguous_quote_stops_the_build_naming_file_quote_and_places(dataset_copy: Path) -> None:
    _edit_file(
        dataset_copy, "a09.toml", 'end = "把综治服务理念融入群众日常生活。"', 'end = "综治中心"'
    )
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    (problem,) = info.value.problems
    assert problem.startswith("curated/s-bcfbe062/a09.toml $.segments[0].end: quote '综治中心'")
    assert "matches 10 times (line 114, column 35; line 114, column 48;" in problem


def test_missing_quote_stops_the_build(dataset_copy: Path) -> None:
    _edit_file(dataset_copy, "a01.toml", 'evidence = "年均增长343家"', 'evidence = "年均增长344家"')
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        "curated/s-bcfbe062/a01.toml $.facts[5].evidence: quote '年均增长344家': "
        "the quote is not in the text"
    ]


def test_failed_build_writes_nothing(dataset_copy: Path, tmp_path: Path) -> None:
    _edit_file(dataset_copy, "a05.toml", 'end = "心理疏导等。"', 'end = "不存在的话"')
    out = tmp_path / "out"
    with pytest.raises(BuildError):
        build(dataset_copy, out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_two_builds_are_byte_identical(dataset_copy: Path, tmp_path: Path) -> None:
    first = build(dataset_copy, tmp_path / "one")
    second = build(dataset_copy, tmp_path / "two")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_release_without_entities_is_refused(dataset_copy: Path) -> None:
    for path in (dataset_copy / "curated" / "entities").glob("*.toml"):
        path.unlink()
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        "curated: no entities; a release holds at least one of each table"
    ]


def test_build_runs_every_validate_check_and_names_the_curated_key(
    dataset_copy: Path, tmp_path: Path
) -> None:
    _edit_file(
        dataset_copy,
        "a03.toml",
        'subject_entity = "e-china-fire-and-rescue-institute"',
        'subject_entity = "e-foo"',
    )
    out = tmp_path / "out"
    with pytest.raises(BuildError) as info:
        build(dataset_copy, out)
    assert info.value.problems == [
        "curated/s-bcfbe062/a03.toml f-bcfbe062-03-003 $.facts[2].subject_entity: "
        "no entity has the id 'e-foo'"
    ]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def _article_text(article_id: str) -> str:
    """An article's text as the committed release holds it."""
    for line in (RELEASE / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == article_id:
            return str(record["text"])
    raise LookupError(article_id)


def test_a_mention_given_twice_is_named_at_its_curated_key(dataset_copy: Path) -> None:
    path = dataset_copy / "curated" / "entities" / "local.toml"
    first = '  { article = "a-bcfbe062-02", quote = "指导[[太原]]、长治" },\n'
    text = path.read_text(encoding="utf-8")
    table = text.index("\n[[entities]]\n")
    assert table < text.index(first) < text.index("\n[[entities]]\n", table + 1)
    again = '  { article = "a-bcfbe062-02", quote = "[[太原]]、长治" },\n'
    path.write_text(text.replace(first, first + again, 1), encoding="utf-8")
    start = _article_text("a-bcfbe062-02").index("指导太原、长治") + 2
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        f"curated/entities/local.toml $.entities[0].mentions[1]: names the mention '太原' of "
        f"a-bcfbe062-02 at {start}-{start + 2} that $.entities[0].mentions[0] names already"
    ]


def test_an_id_curated_twice_names_both_places(dataset_copy: Path) -> None:
    path = dataset_copy / "curated" / "entities" / "local.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\n[[entities]]\n")
    entity = text[first : text.index("\n[[entities]]\n", first + 1)]
    assert 'id = "e-taiyuan"' in entity
    count = text.count("\n[[entities]]\n")
    path.write_text(text + "\n" + entity, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        f"curated/entities/local.toml $.entities[{count}].id: id e-taiyuan is used twice "
        "(first at curated/entities/local.toml $.entities[0])"
    ]


def test_a_vocabulary_error_names_the_value_and_the_closest_code(dataset_copy: Path) -> None:
    path = _edit_file(dataset_copy, "a01.toml", 'unit = "percent"', 'unit = "percnet"')
    text = path.read_text(encoding="utf-8")
    index = text[: text.index('unit = "percnet"')].count("[[facts]]") - 1
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        f"curated/s-bcfbe062/a01.toml $.facts[{index}].unit: 'percnet' is not one of the "
        f"{len(get_args(Unit))} codes of its vocabulary; did you mean 'percent'?"
    ]


def test_a_plain_build_refuses_drafts_and_names_each(dataset_copy: Path, tmp_path: Path) -> None:
    path = _edit_file(dataset_copy, "a03.toml", "number = 3\n", 'number = 3\nstatus = "draft"\n')
    text = path.read_text(encoding="utf-8")
    facts = text.count("\n[[facts]]\n")
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    problems = info.value.problems
    assert problems[0] == (
        "curated/s-bcfbe062/a03.toml $.status: a-bcfbe062-03 is a draft nobody has reviewed: "
        'read it against the page and set status = "accepted" (or correct or delete it), or '
        "build with --drafts"
    )
    assert len(problems) == 1 + facts  # its facts are drafts too
    assert problems[1].startswith("curated/s-bcfbe062/a03.toml $.facts[0].status: f-bcfbe062-03-")
    out = build(dataset_copy, tmp_path / "drafts", drafts=True)
    ds = load(out)
    article = next(a for a in ds.articles if a.id == "a-bcfbe062-03")
    assert article.review == "draft"
    assert {f.review for f in ds.facts if f.article_id == article.id} == {"draft"}
    assert {f.review for f in ds.facts if f.article_id != article.id} == {"accepted"}
    assert summarise(ds)["review"]["facts"] == {"accepted": len(ds.facts) - facts, "draft": facts}


def test_a_fact_accepted_in_a_draft_article_stays_accepted(dataset_copy: Path) -> None:
    path = _edit_file(dataset_copy, "a03.toml", "number = 3\n", 'number = 3\nstatus = "draft"\n')
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[facts]]\nid = 1\n", '[[facts]]\nid = 1\nstatus = "accepted"\n'))
    tables = build_tables(dataset_copy, drafts=True)
    reviews = {f.id: f.review for f in tables.facts if f.article_id == "a-bcfbe062-03"}
    assert reviews["f-bcfbe062-03-001"] == "accepted"
    assert set(reviews.values()) == {"accepted", "draft"}


@pytest.mark.parametrize("content", ["", "# to do: curate this article\n"])
def test_an_article_file_emptied_stops_the_build(dataset_copy: Path, content: str) -> None:
    """An article must not drop out of the release without a word (nor its facts)."""
    (dataset_copy / "curated" / "s-bcfbe062" / "a10.toml").write_text(content, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        "curated/s-bcfbe062/a10.toml: the file holds nothing (no key, no table): "
        "fill it or delete it"
    ]


def test_a_source_file_emptied_stops_the_build(dataset_copy: Path) -> None:
    (dataset_copy / "curated" / "s-bcfbe062" / "source.toml").write_text("# later\n", "utf-8")
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert (
        "curated/s-bcfbe062/source.toml: the file holds nothing (no key, no table): "
        "fill it or delete it"
    ) in info.value.problems


def test_values_nested_too_deeply_are_a_problem_not_a_traceback(dataset_copy: Path) -> None:
    path = dataset_copy / "curated" / "s-bcfbe062" / "a02.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nzz = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8"
    )
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert info.value.problems == [
        "curated/s-bcfbe062/a02.toml: cannot read: its values are nested too deeply"
    ]


def test_a_curated_file_that_is_a_fifo_is_reported_not_waited_on(dataset_copy: Path) -> None:
    import os

    path = dataset_copy / "curated" / "s-bcfbe062" / "a02.toml"
    path.unlink()
    os.mkfifo(path)  # a read would wait for a writer for ever
    with pytest.raises(BuildError) as info:
        build_tables(dataset_copy)
    assert any(
        p.startswith("curated/s-bcfbe062/a02.toml: cannot read:") and "not a regular file" in p
        for p in info.value.problems
    ), info.value.problems
