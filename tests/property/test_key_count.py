"""The fast path counts the keys of JSON lines in their bytes: the count is exact for the
compact JSON a release holds, whatever the strings contain, so a key given twice shows."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.validation.fast.blocks import _key_counts, _lines

names = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ['":', '":null', "\\", ':"', '\\":', ",", "[", '"', ":"]
)
values = st.recursive(
    st.none() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(names, inner, max_size=3),
    max_leaves=12,
)
records = st.dictionaries(names, values, min_size=1, max_size=6)


def _keys(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys(v) for v in value)
    return 0


def _nulls(value: Any) -> int:
    if isinstance(value, dict):
        return sum(v is None for v in value.values()) + sum(_nulls(v) for v in value.values())
    if isinstance(value, list):
        return sum(_nulls(v) for v in value)
    return 0


def _line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


@given(st.lists(records, min_size=1, max_size=4))
def test_the_counts_in_the_bytes_are_the_counts_of_the_records(lines: list[dict[str, Any]]) -> None:
    block = bytearray(b"".join(_line(r) for r in lines))
    assert _lines(block) == len(lines)
    assert _key_counts(block) == (sum(map(_nulls, lines)), sum(map(_keys, lines)))


@given(records, names, values)
def test_a_key_given_twice_raises_the_count(record: dict[str, Any], name: str, value: Any) -> None:
    line = _line(record)
    twice = line[:-2] + b"," + json.dumps(name).encode() + b":" + _line(value)[:-1] + b"}\n"
    assert _key_counts(bytearray(twice))[1] == _key_counts(bytearray(line))[1] + 1 + _keys(value)


@given(st.lists(records, min_size=1, max_size=4))
def test_json_with_blanks_is_never_counted_high(lines: list[dict[str, Any]]) -> None:
    """Where the JSON is not compact (``"notes": ":null"``), a count may fall short (the block
    goes to the row path) but never run over: a string cannot stand in for a missing key."""
    spaced = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in lines]
    nulls, keys = _key_counts(bytearray("\n".join(spaced).encode() + b"\n"))
    assert nulls <= sum(map(_nulls, lines))
    assert keys <= sum(map(_keys, lines))
