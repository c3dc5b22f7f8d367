"""Quotes resolve to exactly one place, and article text is its segments with edits applied."""

from __future__ import annotations

import pytest

from newsfacts.models import Edit, Segment
from newsfacts.text.spans import AssemblyError, QuoteError, assemble, find_quote, make_span

TEXT = "甲乙丙。甲乙丁。\n\n戊己"


def test_unique_quote_resolves_to_its_offsets() -> None:
    assert find_quote(TEXT, "乙丁") == [(5, 7)]


def test_marked_part_of_a_quote_is_the_span_and_the_rest_is_context() -> None:
    assert find_quote(TEXT, "甲[[乙]]丁") == [(5, 6)]


def test_ambiguous_quote_names_every_place() -> None:
    with pytest.raises(QuoteError) as info:
        find_quote(TEXT, "甲乙")
    assert info.value.places == [0, 4]
    assert "matches 2 times" in str(info.value)
    assert "line 1, column 1; line 1, column 5" in str(info.value)


def test_missing_quote_is_refused() -> None:
    with pytest.raises(QuoteError, match="not in the text"):
        find_quote(TEXT, "庚")


def test_every_takes_all_places() -> None:
    assert find_quote(TEXT, "甲", every=True) == [(0, 1), (4, 5)]


def test_make_span_fills_both_selectors() -> None:
    span = make_span(TEXT, 5, 7)
    assert (span.exact, span.prefix, span.suffix) == ("乙丁", "甲乙丙。甲", "。\n\n戊己")


def _edit(start: int, end: int, before: str, after: str) -> Edit:
    return Edit(
        kind="column_break",
        start=start,
        end=end,
        before=before,
        after=after,
        confidence="certain",
        rationale="test",
        reference=None,
    )


def test_assemble_joins_segments_and_applies_edits() -> None:
    source = "头。正文一\n\n二。插入。续篇。"
    segments = [Segment(start=2, end=9), Segment(start=12, end=15)]
    result = assemble(source, segments, [_edit(5, 7, "\n\n", "")])
    assert result.text == "正文一二。\n\n续篇。"
    # every article offset maps back to where its character stands in the source
    for offset, char in enumerate(result.text):
        if char != "\n":
            assert source[result.source_offset(offset)] == char


def test_assemble_refuses_an_edit_whose_before_is_not_the_source() -> None:
    with pytest.raises(AssemblyError, match="holds '一'"):
        assemble("零一二", [Segment(start=0, end=3)], [_edit(1, 2, "X", "Y")])


def test_assemble_refuses_overlapping_edits() -> None:
    edits = [_edit(0, 2, "零一", ""), _edit(1, 3, "一二", "")]
    with pytest.raises(AssemblyError, match="overlap"):
        assemble("零一二", [Segment(start=0, end=3)], edits)


def test_assemble_refuses_an_edit_outside_the_segments() -> None:
    with pytest.raises(AssemblyError, match="outside"):
        assemble("零一二三", [Segment(start=0, end=2)], [_edit(3, 4, "三", "")])
