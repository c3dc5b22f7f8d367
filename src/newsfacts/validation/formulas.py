"""Arithmetic of derived facts: a formula over the values of its inputs, evaluated safely.

A derived fact names its inputs (``inputs``) and how its value follows from them (``formula``):
the inputs' values are bound in order to ``a``, ``b``, ``c`` ..., and the formula may use
numbers, ``+ - * /``, unary minus and parentheses; nothing else is evaluated.

>>> evaluate("(b - a) / 3", [6859, 8231])
457.3333333333333
"""

from __future__ import annotations

import ast
import functools
import operator
import string
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["FormulaError", "evaluate", "evaluate_many", "variables"]

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over its inputs."""


def variables(count: int) -> list[str]:
    """The names bound to ``count`` inputs: a, b, c, ..."""
    if count > len(string.ascii_lowercase):
        raise FormulaError(f"at most {len(string.ascii_lowercase)} inputs")
    return list(string.ascii_lowercase[:count])


#: A formula longer than this is refused before it is parsed (a derived fact's formula is a few
#: characters: a/b*100); so is one nested deeper than the parser goes.
MAX_FORMULA = 200


def _shown(formula: str) -> str:
    return repr(formula) if len(formula) <= 60 else repr(formula[:57] + "...")


@functools.lru_cache(maxsize=4096)
def _parse(formula: str) -> ast.Expression:
    if len(formula) > MAX_FORMULA:
        raise FormulaError(
            f"{_shown(formula)} is not a formula: it is {len(formula)} characters long, "
            f"over the limit of {MAX_FORMULA}"
        )
    try:
        return ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"{_shown(formula)} is not a formula: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise FormulaError(f"{_shown(formula)} is not a formula: it is nested too deeply") from None


def evaluate(formula: str, values: Sequence[float]) -> float:
    """The value of ``formula`` with ``a, b, ...`` bound to ``values``."""
    return float(_evaluate(formula, [float(v) for v in values]))


def evaluate_many(formula: str, columns: Sequence[np.ndarray], rows: int) -> np.ndarray:
    """The value of ``formula`` for each of ``rows`` rows of ``columns`` (the values bound
    to ``a, b, ...``), as :func:`evaluate` gives it row by row: the same operations on the
    same doubles. Where :func:`evaluate` raises for a row (a division by zero), the value here
    is not finite; a formula that is not plain arithmetic raises, as there."""
    with np.errstate(all="ignore"):
        found = _evaluate(formula, [np.asarray(c, dtype=np.float64) for c in columns])
    return np.broadcast_to(np.asarray(found, dtype=np.float64), (rows,))


def _evaluate(formula: str, values: Sequence[Any]) -> Any:
    """``formula`` over ``values``: floats (a division by zero raises) or arrays of them."""
    names = dict(zip(variables(len(values)), values))
    tree = _parse(formula)

    def walk(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            if isinstance(node.value, bool):
                raise FormulaError(f"{_shown(formula)}: {node.value} is not a number")
            try:
                return float(node.value)
            except OverflowError:
                raise FormulaError(f"{_shown(formula)}: a number is too large") from None
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise FormulaError(f"{node.id!r} names no input (inputs: {', '.join(names)})")
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            try:
                return _BINARY[type(node.op)](walk(node.left), walk(node.right))
            except ZeroDivisionError:
                raise FormulaError(f"{_shown(formula)} divides by zero") from None
            except OverflowError:
                raise FormulaError(f"{_shown(formula)}: the result is too large") from None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise FormulaError(f"{_shown(formula)}: only numbers, inputs, + - * / and parentheses")

    try:
        return walk(tree)
    except RecursionError:
        raise FormulaError(f"{_shown(formula)} is not a formula: it is nested too deeply") from None
