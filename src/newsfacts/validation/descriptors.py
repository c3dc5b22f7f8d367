"""``datapackage.json`` and ``croissant.json`` checked against the release they describe.

Both descriptors are derived from the manifest alone (``newsfacts.release.metadata``), and the
manifest is checked against the files (bytes, sha256, rows), so a descriptor is right when it
states what its manifest derives: the files' paths, hashes and bytes, the tables' field names
and the version (wording, such as titles and the constraints of fields, is not compared: a
release written by an older newsfacts stays valid). Each difference is reported at its JSON
path, with what the descriptor says and what the release's files give: a stale hash, a wrong
byte count, a field missing from a schema, a descriptor that is empty or not JSON at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsfacts.models import Manifest
from newsfacts.release.card import CARD, dataset_card
from newsfacts.release.manifest import CROISSANT, DATAPACKAGE
from newsfacts.release.metadata import croissant, datapackage
from newsfacts.release.reading import LoadError, check_file, read_json
from newsfacts.validation.report import Report

__all__ = ["DESCRIPTORS", "check_descriptors"]

#: Each descriptor and how it is derived from the manifest.
DESCRIPTORS: dict[str, Callable[[Manifest], dict[str, Any]]] = {
    DATAPACKAGE: datapackage,
    CROISSANT: croissant,
}

#: At most this many differences are reported for one descriptor; the rest are counted.
SHOWN = 8

#: What of a descriptor states facts of the release's files, and is checked.
_FACTS: dict[str, Any] = {
    DATAPACKAGE: {
        "name": True,
        "version": True,
        "resources": [
            {
                "name": True,
                "path": True,
                "hash": True,
                "bytes": True,
                "schema": {"fields": [{"name": True}]},
            }
        ],
    },
    CROISSANT: {
        "name": True,
        "version": True,
        "distribution": [{"contentUrl": True, "sha256": True}],
        "recordSet": [{"name": True, "field": [{"name": True}]}],
    },
}


def _project(document: Any, spec: Any) -> Any:
    """The part of ``document`` that ``spec`` names, at the same JSON paths."""
    if spec is True:
        return document
    if isinstance(spec, dict) and isinstance(document, dict):
        return {key: _project(document[key], part) for key, part in spec.items() if key in document}
    if isinstance(spec, list) and isinstance(document, list):
        return [_project(item, spec[0]) for item in document]
    return document


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def differences(found: Any, wanted: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """``(JSON path, what differs)`` for every place where ``found`` is not ``wanted``."""
    if isinstance(found, dict) and isinstance(wanted, dict):
        for key in wanted:
            if key not in found:
                yield f"{path}.{key}", f"is missing; the release gives {_short(wanted[key])}"
            else:
                yield from differences(found[key], wanted[key], f"{path}.{key}")
        for key in found:
            if key not in wanted:
                yield f"{path}.{key}", "is not part of the descriptor newsfacts derives"
    elif isinstance(found, list) and isinstance(wanted, list) and len(found) == len(wanted):
        for i, (a, b) in enumerate(zip(found, wanted)):
            yield from differences(a, b, f"{path}[{i}]")
    elif isinstance(found, list) and isinstance(wanted, list):
        yield path, f"has {len(found)} items; the release gives {len(wanted)}"
    elif type(found) is not type(wanted) or found != wanted:
        yield path, f"is {_short(found)}; the release gives {_short(wanted)}"


def check_descriptors(
    report: Report, root: Path, manifest: Manifest, formats: tuple[str, ...]
) -> None:
    """Check each descriptor of the release ``root`` against its (checked) manifest.

    A release that holds both copies of its tables must carry both descriptors; a one-format
    export may go without them, and a Parquet-only one cannot carry them (they describe the
    JSONL files)."""
    for name, derive in DESCRIPTORS.items():
        path = root / name
        if check_file(path, root) == "no such file":
            if "jsonl" in formats and "parquet" in formats:
                report.add("metadata-error", f"the release has no {name}", file=name)
            continue
        try:
            found = read_json(path, root)
        except LoadError as exc:
            report.add("metadata-error", f"{name}{str(exc).removeprefix(str(path))}", file=name)
            continue
        if "jsonl" not in formats:
            report.add(
                "metadata-error",
                f"{name} describes JSONL files, and this release holds none",
                file=name,
            )
            continue
        try:
            wanted = derive(manifest)
        except KeyError:
            continue  # the manifest lists no JSONL file of a table: a manifest-error already
        spec = _FACTS[name]
        found_differences = list(differences(_project(found, spec), _project(wanted, spec)))
        for where, what in found_differences[:SHOWN]:
            report.add("metadata-error", f"{where} {what}", file=name, field=where)
        hidden = len(found_differences) - SHOWN
        if hidden > 0:
            report.add(
                "metadata-error",
                f"and {hidden} more differences from the descriptor the manifest derives",
                file=name,
            )
    _check_card(report, root, manifest)


def _check_card(report: Report, root: Path, manifest: Manifest) -> None:
    """The dataset card, where there is one, is the card the manifest derives."""
    path = root / CARD
    reason = check_file(path, root)
    if reason == "no such file":
        return
    if reason is not None:  # a FIFO would block the read; a link out of the release is no card
        report.add("metadata-error", f"{CARD} cannot be read: {reason}", file=CARD)
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add("metadata-error", f"{CARD} cannot be read: {exc}", file=CARD)
        return
    if text != dataset_card(manifest):
        report.add(
            "metadata-error",
            f"{CARD} is not the dataset card of this release's manifest: run 'newsfacts build'",
            file=CARD,
        )
