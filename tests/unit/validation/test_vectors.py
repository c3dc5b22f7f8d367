"""Texts end to end, with the offsets in code points that a span's offsets count."""

from __future__ import annotations

import pyarrow as pa
import pytest

from newsfacts.validation.fast.vectors import Texts


@pytest.mark.parametrize(
    "texts",
    [
        ["太原市", "", "ab"],  # every code point in the Basic Multilingual Plane
        ["𠀀甲", "乙𪚥", "c"],  # CJK Extension B: beyond it, two UTF-16 units each
        [],
    ],
)
def test_code_points_and_offsets(texts: list[str]) -> None:
    found = Texts(pa.array(texts, pa.string()))
    assert found.offsets.tolist() == [sum(len(t) for t in texts[:i]) for i in range(len(texts) + 1)]
    assert found.joined == "".join(texts)


def test_a_slice_of_a_column_and_nulls() -> None:
    column = pa.array(["skip", "太原", None, "𠀀x"], pa.string()).slice(1)
    found = Texts(column)
    assert found.joined == "太原𠀀x"
    assert found.offsets.tolist() == [0, 2, 2, 4]


def test_large_strings() -> None:
    found = Texts(pa.array(["甲", "乙丙"], pa.large_string()))
    assert found.joined == "甲乙丙"
    assert found.offsets.tolist() == [0, 1, 3]
