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

__all__ = ["FormulaError", "evaluate", "variables"]

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
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


@functools.lru_cache(maxsize=4096)
def _parse(formula: str) -> ast.Expression:
    try:
        return ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"{formula!r} is not a formula: {exc.msg}") from None


def evaluate(formula: str, values: Sequence[float]) -> float:
    """The value of ``formula`` with ``a, b, ...`` bound to ``values``."""
    names = dict(zip(variables(len(values)), values))
    tree = _parse(formula)

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            if isinstance(node.value, bool):
                raise FormulaError(f"{formula!r}: {node.value} is not a number")
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise FormulaError(f"{node.id!r} names no input (inputs: {', '.join(names)})")
            return float(names[node.id])
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            try:
                return _BINARY[type(node.op)](walk(node.left), walk(node.right))
            except ZeroDivisionError:
                raise FormulaError(f"{formula!r} divides by zero") from None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise FormulaError(f"{formula!r}: only numbers, inputs, + - * / and parentheses")

    return walk(tree)
