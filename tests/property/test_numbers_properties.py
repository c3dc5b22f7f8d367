"""Round trips: write a number in a form Chinese news uses, read it back."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from newsfacts.text.quantity import QUALIFIERS, UNITS, Quantity, read_quantity
from tests.strategies import (
    WrittenQuantity,
    arabic_numbers,
    chinese_integers,
    colloquial_integers,
    currencies,
    financial_integers,
    mixed_numbers,
    money,
    percentages,
    quantities_with_unit,
    ranges,
    shared_magnitude_ranges,
    vague_numbers,
)


def _close(got: float | None, expected: float | None) -> bool:
    if got is None or expected is None:
        return got is expected
    return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)


def assert_reads_back(written: WrittenQuantity) -> Quantity:
    quantity = read_quantity(written.text)
    assert quantity is not None, written
    assert _close(quantity.value, written.value), (written, quantity)
    assert _close(quantity.low, written.low), (written, quantity)
    assert _close(quantity.high, written.high), (written, quantity)
    assert quantity.unit == written.unit, (written, quantity)
    assert quantity.qualifier == written.qualifier, (written, quantity)
    assert quantity.text == written.text.strip()
    assert quantity.unit in UNITS and quantity.qualifier in QUALIFIERS
    return quantity


@given(chinese_integers())
def test_chinese_integers_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(financial_integers())
def test_financial_capitals_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(colloquial_integers())
def test_colloquial_tails_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(arabic_numbers())
def test_arabic_numbers_with_multipliers_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(percentages())
def test_percentages_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(quantities_with_unit())
def test_units_and_qualifiers_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(ranges())
def test_ranges_read_back(written: WrittenQuantity) -> None:
    quantity = assert_reads_back(written)
    assert quantity.value is None


@given(vague_numbers())
def test_vague_numbers_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(quantities_with_unit())
def test_reading_inside_a_sentence_finds_the_same_quantity(written: WrittenQuantity) -> None:
    # A bare Chinese numeral (一, 十三) is only a quantity when it is the whole text.
    assume(written.unit != "dimensionless" or written.qualifier != "exact")
    alone = read_quantity(written.text)
    inside = read_quantity("据统计，" + written.text + "。")
    assert alone is not None and inside is not None
    assert (inside.value, inside.unit, inside.qualifier) == (
        alone.value,
        alone.unit,
        alone.qualifier,
    )
    assert inside.start == alone.start + len("据统计，")


_ALPHABET = (
    "0123456789.,-%~ 零〇一二两三四五六七八九十百千万亿壹贰佰仟廿点负"
    "第数几余多约近超不到足以上下及左右元美个年月岁百分之成度EPk的是，。"
)


@given(st.text(alphabet=_ALPHABET, max_size=20))
def test_any_text_reads_or_gives_none(text: str) -> None:
    quantity = read_quantity(text)
    if quantity is not None:
        assert quantity.text == text[quantity.start : quantity.end]
        assert quantity.number_text and quantity.number_text in quantity.text
        assert quantity.unit in UNITS and quantity.qualifier in QUALIFIERS
        if quantity.value is None:  # a range or a vague number
            assert quantity.low is not None and quantity.high is not None
        elif quantity.low is not None:  # the range a 多 or 余 implies
            assert quantity.qualifier == "more_than" and any(c in quantity.text for c in "多余")
            assert quantity.high is not None and quantity.low == quantity.value < quantity.high


@given(mixed_numbers())
def test_mixed_and_colloquial_numbers_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(money())
def test_money_with_jiao_and_fen_reads_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(shared_magnitude_ranges())
def test_a_magnitude_written_once_covers_both_ends(written: WrittenQuantity) -> None:
    assert_reads_back(written)


@given(currencies())
def test_currencies_read_back(written: WrittenQuantity) -> None:
    assert_reads_back(written)
