"""Atomic directory writes that replace only newsfacts' own output.

A folder is written beside its target and renamed over it; a target is replaced only when
every entry in it is a file newsfacts wrote there (:func:`check_replaceable`). An interrupted
write (SIGINT, SIGTERM) removes its temporary folder, and one left by a killed run is removed
by the next write.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfacts.models import Manifest
from newsfacts.release.card import CARD, CARD_MARK, dataset_card
from newsfacts.release.manifest import (
    CROISSANT,
    DATAPACKAGE,
    MANIFEST,
    ArchiveManifest,
    archive_manifest,
    size_and_sha256,
)
from newsfacts.release.metadata import croissant, datapackage, metadata_json
from newsfacts.release.reading import MAX_JSON_BYTES

__all__ = ["TargetError", "atomic_directory", "check_replaceable", "holds_entries", "room_for"]


class TargetError(Exception):
    """A folder that a release or an export may not replace."""


def _own_file(path: Path, expected: tuple[int, str] | None) -> bool:
    """Whether ``path`` is a regular file (not a link) with the expected size and sha256."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return expected is None or (info.st_size == expected[0] and size_and_sha256(path) == expected)


def _foreign_entry(target: Path) -> str | None:
    """The first entry of ``target`` that newsfacts did not write there, or None if every
    entry is its own: ``manifest.json`` (a manifest of ours), each file it lists with the
    size and sha256 it lists, and ``datapackage.json``/``croissant.json`` describing exactly
    those files (by their hashes; a descriptor written by another version of newsfacts is
    still its own)."""
    manifest_path = target / MANIFEST
    if not _own_file(manifest_path, None):
        return MANIFEST
    try:
        if manifest_path.stat().st_size > MAX_JSON_BYTES:
            return MANIFEST
        data = json.loads(manifest_path.read_bytes())
        archive = archive_manifest(data)
        if archive is not None:
            return _foreign_partition(target, archive)
        manifest = Manifest.model_validate(data)
    except (OSError, ValueError):
        return MANIFEST
    expected: dict[str, tuple[int, str] | str] = {
        e.path: (e.bytes, e.sha256) for e in manifest.files
    }
    for entry in sorted(target.iterdir()):
        name = entry.name
        if name == MANIFEST:
            continue
        if name in (DATAPACKAGE, CROISSANT):
            if not (_own_file(entry, None) and _describes(entry, manifest)):
                return name
            if not _unchanged(entry, manifest_path, manifest):
                return name
            continue
        if name == CARD:
            if not (_own_file(entry, None) and _is_card(entry)):
                return name
            if not _unchanged(entry, manifest_path, manifest):
                return name
            continue
        listed = expected.get(name)
        if not isinstance(listed, tuple) or not _own_file(entry, listed):
            return name
    return None


#: Seconds after its manifest within which a descriptor or the card is written with it.
_WRITTEN_WITH = 2


def _unchanged(path: Path, manifest_path: Path, manifest: Manifest) -> bool:
    """Whether a descriptor or the card is as newsfacts wrote it: what this version derives
    from the manifest, or (worded by another version) not changed since it was written with
    its manifest. One a person edited afterwards (notes added to the card) is theirs."""
    derive = {DATAPACKAGE: datapackage, CROISSANT: croissant}.get(path.name)
    try:
        text = path.read_text(encoding="utf-8")
        if text == (metadata_json(derive(manifest)) if derive else dataset_card(manifest)):
            return True
        return path.stat().st_mtime <= manifest_path.stat().st_mtime + _WRITTEN_WITH
    except (OSError, ValueError):
        return False


def _is_card(path: Path) -> bool:
    """Whether a README.md is a dataset card newsfacts wrote (it carries the mark)."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return False
        return CARD_MARK in path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False


def _foreign_partition(target: Path, archive: ArchiveManifest) -> str | None:
    """The first entry of the archive ``target`` that newsfacts did not write: each folder must
    be a partition its manifest lists, whose own manifest has the listed size and sha256 and
    whose every file is its own (see :func:`_foreign_entry`)."""
    listed = {entry.path: entry for entry in archive.partitions}
    tops = {path.split("/")[0] for path in listed}
    for entry in sorted(target.iterdir()):
        if entry.name == MANIFEST:
            continue
        if entry.name not in tops or entry.is_symlink() or not entry.is_dir():
            return entry.name
        for sub in sorted(entry.iterdir()):
            name = f"{entry.name}/{sub.name}"
            part = listed.get(name)
            if part is None or sub.is_symlink() or not sub.is_dir():
                return name
            if not _own_file(sub / MANIFEST, (part.bytes, part.sha256)):
                return f"{name}/{MANIFEST}"
            inner = _foreign_entry(sub)
            if inner is not None:
                return f"{name}/{inner}"
    return None


def _describes(path: Path, manifest: Manifest) -> bool:
    """Whether a descriptor is one newsfacts wrote for the release of ``manifest``: a JSON
    object named newsfacts whose file hashes are exactly those of the manifest's JSONL files."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get("name") != "newsfacts":
        return False
    files = data.get("resources") or data.get("distribution")
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        return False
    hashes = {str(f.get("hash", "")).removeprefix("sha256:") or f.get("sha256") for f in files}
    return hashes == {e.sha256 for e in manifest.files if e.format == "jsonl"}


def holds_entries(target: Path) -> bool:
    """Whether ``target`` is a folder with entries, whose owner must be told before it is
    replaced: False for a missing path or an empty folder; a :class:`TargetError` for anything
    else that is not a folder (a file, a link)."""
    if not target.exists() and not target.is_symlink():
        return False
    if target.is_symlink() or not target.is_dir():
        raise TargetError(f"{target} exists and is not a folder: nothing was replaced")
    return any(target.iterdir())


def room_for(target: Path, need: int, what: str) -> None:
    """OSError (no space) where the disk that is to hold ``target`` has not ``need`` bytes
    free: ``what`` is refused at once, not after it has filled the disk."""
    folder = Path(os.path.abspath(target))
    while not folder.exists():
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    if need > free:
        message = f"{what} need about {need / 1e9:.3g} GB, {free / 1e9:.3g} GB free"
        raise OSError(errno.ENOSPC, message, str(target))


def check_replaceable(target: Path) -> None:
    """Raise :class:`TargetError` unless ``target`` may be replaced: it is missing, an empty
    folder, or a folder holding only files that newsfacts wrote there (see
    :func:`_foreign_entry`). Nothing is deleted either way."""
    if not holds_entries(target):
        return
    foreign = _foreign_entry(target)
    if foreign is not None:
        if foreign == MANIFEST and not (target / MANIFEST).exists():
            reason = "it holds no manifest.json, so it is not a release or export"
        elif foreign == MANIFEST:
            reason = "its manifest.json is not a newsfacts manifest"
        else:
            reason = (
                f"{foreign!r} is not a file newsfacts wrote there (not listed in its "
                "manifest, or changed since)"
            )
        raise TargetError(
            f"{target} cannot be replaced: {reason}; nothing was deleted. "
            "Choose a new or empty folder."
        )


#: A temporary folder of ours beside a target: ``.<target>.<pid>.<random>.tmp`` (or ``.old``).
def _stale_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.(\d+)\.[a-z0-9_]{{8}}\.(?:tmp|old)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _remove_stale(target: Path) -> None:
    """Remove temporary folders that a killed earlier write of ``target`` left beside it:
    only folders named as ours, of a process that no longer runs."""
    pattern = _stale_pattern(target.name)
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found and entry.is_dir() and not entry.is_symlink():
            pid = int(found.group(1))
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(entry, ignore_errors=True)


class _Terminated(BaseException):
    """SIGTERM during a write, raised so that the write cleans up before the process ends."""


@contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """While a write runs in the main thread, SIGTERM raises :class:`_Terminated` (and so
    unwinds the write's clean-up) instead of ending the process at once; the handler found
    is put back after, and the signal passed on to it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        previous = None
        signal.raise_signal(signal.SIGTERM)  # the handler found, or the default: end
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _mkdtemp(target: Path, suffix: str) -> Path:
    return Path(
        tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=suffix, dir=target.parent)
    )


@contextmanager
def atomic_directory(
    target: Path, check: Callable[[Path], None] = check_replaceable
) -> Iterator[Path]:
    """Yield a fresh temporary directory beside ``target``; on success it replaces ``target``.

    ``target`` must be missing, empty, or hold only files that newsfacts wrote there
    (:func:`check_replaceable`): any other folder is refused with :class:`TargetError`, so
    that nothing of a user's is ever deleted. On any error, SIGINT and SIGTERM included, the
    temporary directory is removed and ``target`` is left as it was; a temporary directory
    left by a killed earlier run (``.<name>.<pid>.*.tmp``, its process gone) is removed.
    ``check`` says what may be replaced, raising :class:`TargetError` otherwise (another kind
    of output, such as the review site, tells its own files by its own list of them).
    """
    target = Path(os.path.abspath(target))  # "." has itself for parent: its temporary beside it
    here = Path(os.getcwd())
    if target == here or target in here.parents:
        raise TargetError(
            f"{target} is the current folder (or holds it), which cannot be replaced while in "
            "use: name a folder to write, such as ./release"
        )
    check(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    with _terminate_as_exception():
        tmp = _mkdtemp(target, ".tmp")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a release is an ordinary folder
        old: Path | None = None
        try:
            yield tmp
            check(target)  # nothing of a user's came in meanwhile
            if target.exists():
                old = _mkdtemp(target, ".old")
                os.rmdir(old)
                os.replace(target, old)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            if old is not None and old.exists() and not target.exists():
                os.replace(old, target)  # put the earlier release back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
