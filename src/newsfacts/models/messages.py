"""How a model's complaint is told to a person: one location style and one wording, used by
``validate`` (for release records) and by ``build`` (for curated files).

Locations are JSON paths, 0-based (``$.facts[2].unit``). A value outside a vocabulary is named
with the closest valid codes, not with the whole list; a key that no model knows is named as
unknown, with the closest known key.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

__all__ = ["closest", "describe", "json_path", "known_keys"]

#: A vocabulary at most this long is listed whole in a message.
LISTED = 6
#: A value given in place of another type is quoted in the message up to this length.
GIVEN = 60


def json_path(loc: Sequence[int | str], root: str = "$") -> str:
    """``("facts", 2, "unit")`` as ``$.facts[2].unit``."""
    path = root
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def closest(value: str, choices: Sequence[str], n: int = 3) -> list[str]:
    """The choices most like ``value``, best first (none if nothing is alike)."""
    exact = [c for c in choices if c.lower() == value.lower()]
    return exact or difflib.get_close_matches(value, list(choices), n=n, cutoff=0.6)


def _models_in(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
        return
    if get_origin(tp) in (typing.Union, types.UnionType, list, tuple, dict, typing.Annotated):
        for arg in get_args(tp):
            yield from _models_in(arg)


def known_keys(model: type[BaseModel]) -> list[str]:
    """Every field name of ``model`` and of the models nested in it."""
    seen: dict[type[BaseModel], None] = {}
    todo = [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen[current] = None
        for info in current.model_fields.values():
            todo.extend(_models_in(info.annotation))
    return sorted({name for m in seen for name in m.model_fields})


def _expected(ctx: dict[str, Any]) -> list[str]:
    """The codes of a literal error's ``expected`` (``"'a', 'b' or 'c'"``)."""
    return re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))


def _did_you_mean(near: Sequence[str]) -> str:
    if not near:
        return ""
    names = [repr(n) for n in near]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"; did you mean {listed}?"


def describe(err: Any, model: type[BaseModel] | None = None) -> str:
    """The message for one pydantic error (an item of ``ValidationError.errors()``), without
    its location. ``model`` is the model that was validated: its keys name the closest key to
    an unknown one."""
    kind = err["type"]
    value = err.get("input")
    if kind == "literal_error":
        codes = _expected(err.get("ctx") or {})
        given = repr(value)
        if len(codes) <= LISTED:
            return f"{given} is not one of {', '.join(map(repr, codes))}"
        hint = _did_you_mean(closest(str(value), codes))
        return f"{given} is not one of the {len(codes)} codes of its vocabulary{hint}"
    if kind == "extra_forbidden":
        name = str(err["loc"][-1]) if err["loc"] else ""
        near = closest(name, known_keys(model)) if model is not None else []
        return f"unknown key {name!r}{_did_you_mean(near[:1])}"
    if kind == "missing":
        return "required, but missing"
    message = str(err["msg"])
    if kind.endswith(("_type", "_parsing")) and isinstance(value, (str, int, float, bool)):
        given = repr(value)
        if len(given) <= GIVEN:
            message += f"; given {given}"
    return message
