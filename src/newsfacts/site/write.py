"""Writing the site: every file into a temporary folder that replaces the target only when it
is complete, and only a target that newsfacts wrote.

A site folder holds ``newsfacts-site.json``, the list of every file in it with its size and
sha256. A folder may be replaced when it is missing, empty, or holds nothing but the files of
that list, unchanged; anything else (a user's file, an edited page, a release) is refused with
:class:`~newsfacts.release.atomic.TargetError` and nothing is deleted.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsfacts.release.atomic import TargetError, atomic_directory, holds_entries

__all__ = ["SITE_MANIFEST", "check_site_replaceable", "write_site"]

#: The list of the site's files, at its root.
SITE_MANIFEST = "newsfacts-site.json"
_NAME = "newsfacts-review-site"
_MAX_MANIFEST = 16 * 1024 * 1024


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _listed(target: Path) -> dict[str, tuple[int, str]] | None:
    """The files the site's list names, with size and sha256; None if there is no such list."""
    path = target / SITE_MANIFEST
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_MANIFEST:
            return None
        data: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("name") != _NAME:
        return None
    files = data.get("files")
    if not isinstance(files, list):
        return None
    listed: dict[str, tuple[int, str]] = {}
    for entry in files:
        if not isinstance(entry, dict):
            return None
        name, size, digest = entry.get("path"), entry.get("bytes"), entry.get("sha256")
        if not (isinstance(name, str) and isinstance(size, int) and isinstance(digest, str)):
            return None
        listed[name] = (size, digest)
    return listed


def _foreign(target: Path, listed: dict[str, tuple[int, str]]) -> str | None:
    """The first entry under ``target`` that is not a listed file as listed, or None."""
    for entry in sorted(target.rglob("*")):
        name = entry.relative_to(target).as_posix()
        if name == SITE_MANIFEST:
            continue
        info = entry.lstat()
        if stat.S_ISDIR(info.st_mode):
            if not any(p == name or p.startswith(name + "/") for p in listed):
                return name
            continue
        expected = listed.get(name)
        if not stat.S_ISREG(info.st_mode) or expected is None or info.st_size != expected[0]:
            return name
        if _sha256(entry.read_bytes()) != expected[1]:
            return name
    return None


def check_site_replaceable(target: Path) -> None:
    """Raise :class:`TargetError` unless ``target`` is missing, an empty folder or a site that
    newsfacts wrote and nobody changed since. Nothing is deleted either way."""
    if not holds_entries(target):
        return
    listed = _listed(target)
    if listed is None:
        reason = (
            f"it holds no {SITE_MANIFEST}, so it is not a site newsfacts wrote"
            if not (target / SITE_MANIFEST).exists()
            else f"its {SITE_MANIFEST} is not the list of a site newsfacts wrote"
        )
    else:
        foreign = _foreign(target, listed)
        if foreign is None:
            return
        reason = f"{foreign!r} is not a file newsfacts wrote there (not listed, or changed since)"
    raise TargetError(
        f"{target} cannot be replaced: {reason}; nothing was deleted. Choose a new or empty folder."
    )


def write_site(files: Mapping[str, bytes], out: Path, *, version: str | None) -> None:
    """Write ``files`` (relative path -> bytes) and their list as the site ``out``, atomically."""
    entries = [
        {"path": name, "bytes": len(data), "sha256": _sha256(data)}
        for name, data in sorted(files.items())
    ]
    listing = {"name": _NAME, "release_version": version, "files": entries}
    with atomic_directory(Path(out), check=check_site_replaceable) as tmp:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (tmp / SITE_MANIFEST).write_text(
            json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
