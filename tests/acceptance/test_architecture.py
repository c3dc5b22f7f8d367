"""The tree shows the architecture: rooms with a stated purpose, small modules, and no private
name used outside the module that defines it. (The layers themselves are a contract that
``lint-imports`` checks in CI: see ``[tool.importlinter]`` in pyproject.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "newsfacts"
MODULES = sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)
ROOMS = sorted(p.parent for p in SRC.rglob("__init__.py") if p.parent != SRC)
#: About 400 lines: past this, a module holds more than one reader keeps in mind.
MAX_LINES = 450


def _name(path: Path) -> str:
    return path.relative_to(SRC.parent).with_suffix("").as_posix().replace("/", ".")


def test_the_rooms_are_the_documented_ones() -> None:
    assert [_name(room) for room in ROOMS] == [
        "newsfacts.curation",
        "newsfacts.engines",
        "newsfacts.models",
        "newsfacts.release",
        "newsfacts.site",
        "newsfacts.text",
        "newsfacts.validation",
        "newsfacts.validation.fast",
    ]


@pytest.mark.parametrize("room", ROOMS, ids=_name)
def test_each_room_says_what_it_is_for_may_import_and_offers(room: Path) -> None:
    doc = ast.get_docstring(ast.parse((room / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{_name(room)} has no docstring"
    for part in ("What it is for", "What it may import", "What it offers"):
        assert part in doc, f"{_name(room)}: its docstring does not say {part.lower()!r}"


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_no_module_is_over_about_400_lines(module: Path) -> None:
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{_name(module)} has {lines} lines: split it by concern"


def _private_imports(source: str) -> list[str]:
    """The private names ``source`` imports from a newsfacts module."""
    return [
        f"{node.module}.{alias.name} (line {node.lineno})"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsfacts")
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    ]


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_no_private_name_is_imported_from_another_module(module: Path) -> None:
    assert _private_imports(module.read_text(encoding="utf-8")) == []


def test_a_private_import_is_caught_even_inside_a_function() -> None:
    source = "import os\n\ndef f():\n    from newsfacts.validation.rows import Row, _secret\n"
    assert _private_imports(source) == ["newsfacts.validation.rows._secret (line 4)"]
    assert _private_imports("from newsfacts._version import __version__\n") == []
