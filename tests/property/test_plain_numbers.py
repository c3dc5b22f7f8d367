"""validate reads the plainest printed quantities without the full reader: it must agree."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.text.quantity import read_quantity
from newsfacts.validation.values import PLAIN, cached_reading

UNITS = [
    "%",
    "个百分点",
    "元",
    "家",
    "个",
    "户",
    "支",
    "场",
    "人次",
    "人",
    "平方公里",
    "件",
    "所",
    "名",
    "条",
    "项",
    "次",
]


@given(
    integer=st.integers(min_value=0, max_value=10**9),
    decimals=st.one_of(st.none(), st.integers(min_value=0, max_value=999)),
    scale=st.sampled_from(["", "万", "亿", "万亿"]),
    unit=st.sampled_from(UNITS),
)
def test_plain_forms_read_as_the_full_reader_reads_them(
    integer: int, decimals: int | None, scale: str, unit: str
) -> None:
    text = f"{integer}{'' if decimals is None else f'.{decimals}'}{scale}{unit}"
    assert PLAIN.fullmatch(text)
    fast = cached_reading.__wrapped__(text)  # type: ignore[attr-defined]
    full = read_quantity(text)
    assert fast is not None and full is not None
    assert full.value is not None and fast.value is not None
    assert math.isclose(fast.value, full.value, rel_tol=1e-12)
    assert fast.qualifier == full.qualifier


def _column_readings(texts: list[str]) -> list[tuple[float, str | None]]:
    import pyarrow as pa

    from newsfacts.validation.fast.cross import readings

    found, qualifier = readings(pa.array(texts, pa.string()))
    return list(zip(found.tolist(), qualifier.to_pylist()))


def _same_reading(text: str, column: tuple[float, str | None]) -> bool:
    row = cached_reading.__wrapped__(text)  # type: ignore[attr-defined]
    value, qualifier = column
    if row is None or row.value is None:
        return math.isnan(value)
    return math.isclose(value, row.value, rel_tol=1e-12) and qualifier == row.qualifier


@settings(deadline=None)  # the first reading imports the full reader
@given(
    st.lists(
        st.one_of(
            st.builds(
                lambda i, d, s, u: f"{i}{'' if d is None else f'.{d}'}{s}{u}",
                st.integers(min_value=0, max_value=10**9),
                st.one_of(st.none(), st.integers(min_value=0, max_value=999)),
                st.sampled_from(["", "万", "亿", "万亿"]),
                st.sampled_from(UNITS),
            ),
            st.sampled_from(["近百家", "3.23万亿元", "超过5000人", "两成", "百分之十", "三", "x"]),
            st.text(max_size=6),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_column_reading_of_validate_agrees_with_the_row_reading(texts: list[str]) -> None:
    """The fast path reads a block's value_texts as columns (plain forms by a regular
    expression in Arrow, the rest once per distinct text): the same as one by one."""
    for text, column in zip(texts, _column_readings(texts)):
        assert _same_reading(text, column), (text, column)


def test_the_column_reading_agrees_on_every_value_text_of_the_release() -> None:
    from newsfacts import load

    texts = [f.value_text for f in load().facts if f.value_text is not None]
    assert len(texts) > 50
    for text, column in zip(texts, _column_readings(texts)):
        assert _same_reading(text, column), (text, column)
