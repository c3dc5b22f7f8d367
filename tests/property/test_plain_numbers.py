"""validate reads the plainest printed quantities without the full reader: it must agree."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.checks import _PLAIN, _read_quantity
from newsfacts.numbers import read_quantity

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
    assert _PLAIN.fullmatch(text)
    fast = _read_quantity.__wrapped__(text)  # type: ignore[attr-defined]
    full = read_quantity(text)
    assert fast is not None and full is not None
    assert full.value is not None and fast.value is not None
    assert math.isclose(fast.value, full.value, rel_tol=1e-12)
    assert fast.qualifier == full.qualifier
