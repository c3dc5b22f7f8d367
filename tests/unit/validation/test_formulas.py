"""Formulas of derived facts: plain arithmetic over the inputs, nothing else."""

from __future__ import annotations

import math

import pytest

from newsfacts.validation.formulas import FormulaError, evaluate


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
