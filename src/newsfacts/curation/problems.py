"""How a build tells its problems: each as ``FILE $.path: message``, the curated file and the
JSON path of the key, 0-based, the style ``newsfacts validate`` prints; a problem that
``validate`` finds in the release written is told at the curated file, record and key it
comes from.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from newsfacts.curation.curated import shape_errors
from newsfacts.models.messages import describe, json_path
from newsfacts.text.spans import (
    QuoteError,
    find_quote,
)
from newsfacts.validation.report import Problem, Report

__all__ = ["BuildError", "Problems", "curated_key", "release_problems"]

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


M = TypeVar("M", bound=BaseModel)


class BuildError(Exception):
    """The curated files do not build; ``problems`` lists every one as 'file: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


#: Record fields the build derives from one curated key: a problem of the field is told at
#: that key (``evidence.start`` comes from the ``evidence`` quote).
_DERIVED_FROM = {
    "evidence": "evidence",
    "mentions": "mentions",
    "sha256": "file",
    "text": "file",
    "path": "file",
}


def curated_key(at: str, loc: tuple[int | str, ...]) -> str:
    """The JSON path in a curated file of a record field: ``at`` is where the record is curated
    (``$.facts[5]``), ``loc`` the field's place in the record (``("evidence", "start")``)."""
    if loc and loc[0] in _DERIVED_FROM:
        loc = (_DERIVED_FROM[str(loc[0])],)
    return json_path(loc, root=at)


class Problems:
    """Collects problems so that one build run reports all of them, each as
    ``FILE $.path: message``: the curated file and the JSON path of the key, 0-based, the
    style ``newsfacts validate`` prints."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[str] = []

    def name(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path, at: str | None, message: str) -> None:
        """A problem at the key ``at`` of the file (None: of the file as a whole)."""
        where = self.name(path) + (f" {at}" if at else "")
        self.items.append(f"{where}: {message}")

    def model(self, path: Path, at: str, cls: type[M], data: dict[str, Any]) -> M | None:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self.add(path, curated_key(at, tuple(err["loc"])), describe(err, cls))
            return None

    def shape(self, path: Path, model: type[BaseModel], data: dict[str, Any]) -> bool:
        """Whether a curated file is shaped as it should be; its problems are recorded."""
        errors = shape_errors(model, data)
        for at, message in errors:
            self.add(path, at, message)
        return not errors

    def quote(self, path: Path, at: str, text: str, quote: str, **kw: Any) -> list[tuple[int, int]]:
        try:
            return find_quote(text, quote, **kw)
        except QuoteError as exc:
            self.add(path, at, f"quote {quote!r}: {exc}")
            return []


_TARGETS = {
    "source_id": "source",
    "article_id": "article",
    "related": "article",
    "subject_entity": "entity",
    "object_entity": "entity",
    "parent": "entity",
    "inputs": "fact",
}
_KINDS = {"s": "source", "a": "article", "f": "fact", "e": "entity"}


def _toml_key(kind: str, json_path: str | None) -> str:
    """The part of a record's JSON path that names a curated key (``$.inputs[1]`` ->
    ``.inputs[1]``; a derived field is told at the key it is derived from)."""
    if not json_path or json_path == "$":
        return ""
    key = json_path.removeprefix("$")
    if kind == "fact" and key.startswith(".evidence"):
        return ".evidence"  # the span is resolved from the evidence quote
    if kind == "entity" and key.startswith(".mentions"):
        return ".mentions"  # mentions are resolved and sorted: their order is not the file's
    return key


def _message(problem: Problem) -> str:
    if problem.type == "dangling-reference" and problem.field:
        name = re.sub(r"\[\d+\]$", "", problem.field.split(".")[-1])
        target = problem.message.split(" names ", 1)[-1].split(", which", 1)[0]
        if name in _TARGETS:
            return f"no {_TARGETS[name]} has the id {target!r}"
    return problem.message


def release_problems(report: Report, origins: dict[str, tuple[Path, str]], root: Path) -> list[str]:
    """Each problem of a validated release, at the curated file and key it comes from:
    ``FILE RECORD $.path: message``."""
    items = []
    for problem in report.problems:
        origin = origins.get(problem.record_id or "")
        if origin is None:
            items.append(str(problem))
            continue
        path, at = origin
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        kind = _KINDS.get((problem.record_id or "?")[0], "record")
        key = at + _toml_key(kind, problem.field)
        items.append(f"{name} {problem.record_id} {key}: {_message(problem)}")
    return items
