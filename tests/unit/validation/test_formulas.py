"""Formulas of derived facts: plain arithmetic over the inputs, nothing else."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.validation.formulas import FormulaError, evaluate, evaluate_many


@pytest.mark.parametrize(
    ("formula", "values", "expected"),
    [
        ("(b - a) / 3", [6859, 8231], 1372 / 3),
        ("a - b", [8.1, 2.5], 5.6),
        ("a / b * 10000", [115000, 33], 115000 / 33 * 10000),
        ("a / (1 + b / 100)", [1_200_000, 50], 800_000),
        ("-a + 2", [5], -3),
    ],
)
def test_arithmetic(formula: str, values: list[float], expected: float) -> None:
    assert math.isclose(evaluate(formula, values), expected)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("__import__('os')", "only numbers"),
        ("a ** 2", "only numbers"),
        ("c", "'c' names no input"),
        ("a / 0", "divides by zero"),
        ("a +", "is not a formula"),
        ("True + a", "is not a number"),
    ],
)
def test_anything_else_is_refused(formula: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        evaluate(formula, [1.0, 2.0])


FORMULAS = ["(b - a) / 3", "a - b", "a / b * 10000", "a / (1 + b / 100)", "-a + 2", "a + b / a"]
numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False) | st.sampled_from([0.0])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FORMULAS), st.lists(st.tuples(numbers, numbers), min_size=1, max_size=8))
def test_a_formula_over_columns_gives_each_row_what_it_gives_alone(
    formula: str, rows: list[tuple[float, float]]
) -> None:
    columns = [np.array([row[i] for row in rows]) for i in range(2)]
    found = evaluate_many(formula, columns, len(rows))
    for row, got in zip(rows, found.tolist()):
        try:
            expected = evaluate(formula, list(row))
        except FormulaError:  # a division by zero: never a finite value over columns
            assert not math.isfinite(got), (row, got)
        else:
            assert got == expected or (math.isnan(got) and math.isnan(expected)), (row, got)


def test_a_formula_over_columns_refuses_what_it_refuses_alone() -> None:
    with pytest.raises(FormulaError, match="only numbers"):
        evaluate_many("a ** 2", [np.array([1.0, 2.0])], 2)
    assert evaluate_many("1 + 1", [], 3).tolist() == [2.0, 2.0, 2.0]


def test_the_column_path_flags_a_division_by_zero_and_an_overflow_as_the_row_path_does() -> None:
    import pyarrow as pa

    from newsfacts.validation.fast.cross import check_formulas
    from newsfacts.validation.fast.stores import Kept

    kept = Kept()
    kept.values = [pa.array([6.0, 0.0, 2.0], pa.float64())]
    ids = pa.chunked_array([pa.array(["f-a", "f-b", "f-c"])])
    kept.formulas = [
        (10, "a / b", ["f-a", "f-b"], 5.0),  # 6 / 0: the row path says it divides by zero
        (11, "a * 1e308 * 1e308", ["f-a"], 1.0),  # an overflow: inf, close to nothing
        (12, "a + b", ["f-a", "f-c"], 8.0),  # right
        (13, "a + b", ["f-a", "f-c"], 8.5),  # wrong
        (14, "a / b", ["f-a", "f-missing"], 1.0),  # an input not there: told where it stands
    ]
    flagged: set[int] = set()
    check_formulas(kept, ids, flagged)
    assert flagged == {10, 11, 13}
