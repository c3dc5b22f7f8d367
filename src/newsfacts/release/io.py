"""Reading and writing releases: JSONL, Parquet, the manifest, and atomic directory writes.

A release directory holds, for each table, ``<table>.jsonl`` and ``<table>.parquet``, plus
``manifest.json``. JSONL lines are compact UTF-8 JSON objects with the model's field order,
so two writes of the same records are byte-identical. Arrow schemas are derived from the
models: nested models become structs, lists become lists, ``Literal`` values strings.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from newsfacts.models import MODELS, TABLES, FileEntry, Manifest
from newsfacts.release.reading import MAX_JSON_BYTES

__all__ = [
    "MANIFEST",
    "MODELS",
    "TABLES",
    "ReleaseWriter",
    "TargetError",
    "arrow_schema",
    "atomic_directory",
    "check_replaceable",
    "dump_line",
    "records_to_table",
    "write_release",
]

MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
CROISSANT = "croissant.json"
#: Parquet options fixed so that one pyarrow version always writes the same bytes.
PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9}
#: A Parquet row group is written once this many bytes of Arrow data are buffered: row groups
#: of tens of MB read fast, and the writer's memory stays bounded by one of them.
ROW_GROUP_BYTES = 32 << 20


def _arrow_type(tp: Any) -> pa.DataType:
    origin = get_origin(tp)
    if origin is Annotated:
        return _arrow_type(get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _arrow_type(inner)
    if origin is Literal:
        kinds = {type(a) for a in get_args(tp)}
        if kinds != {str}:
            raise TypeError(f"only string literals map to Arrow: {tp}")
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(get_args(tp)[0]))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return pa.struct(list(arrow_schema(tp)))
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in simple:
        return simple[tp]
    raise TypeError(f"no Arrow type for {tp!r}")


def _nullable(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType) and type(None) in get_args(tp)


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a model: one field per model field, nullable where it is optional."""
    return pa.schema(
        [
            pa.field(name, _arrow_type(info.annotation), nullable=_nullable(info.annotation))
            for name, info in model.model_fields.items()
        ]
    )


def _relaxed(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _relaxed(f.type), nullable=True) for f in kind])
    if pa.types.is_list(kind):
        return pa.list_(_relaxed(kind.value_type))
    return kind


def reading_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema with every field nullable, nested ones included: what Arrow's JSON
    reader is given, so that a null optional record (a flag without a span) whose fields are
    required inside it reads; whether required values are there is checked afterwards."""
    return pa.schema(
        [pa.field(f.name, _relaxed(f.type), nullable=True) for f in arrow_schema(model)]
    )


def dump_line(record: BaseModel) -> str:
    """A record as one compact JSON line (UTF-8 text, model field order, no newline)."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def records_to_table(records: Sequence[BaseModel], model: type[BaseModel]) -> pa.Table:
    """The Arrow table of records of one model."""
    rows = [r.model_dump(mode="json") for r in records]
    return pa.Table.from_pylist(rows, schema=arrow_schema(model))


def file_entry(path: Path, root: Path, table: str, rows: int) -> FileEntry:
    size, digest = size_and_sha256(path)
    return FileEntry(
        path=path.relative_to(root).as_posix(),
        table=table,
        format=path.suffix.lstrip("."),  # type: ignore[arg-type]
        rows=rows,
        bytes=size,
        sha256=digest,
    )


def size_and_sha256(path: Path) -> tuple[int, str]:
    """A file's size and sha256, read a few MB at a time."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def manifest_json(manifest: Manifest) -> str:
    return json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


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
    size and sha256 it lists, and ``datapackage.json``/``croissant.json`` with exactly the
    bytes newsfacts derives from that manifest."""
    manifest_path = target / MANIFEST
    if not _own_file(manifest_path, None):
        return MANIFEST
    try:
        if manifest_path.stat().st_size > MAX_JSON_BYTES:
            return MANIFEST
        manifest = Manifest.model_validate_json(manifest_path.read_bytes())
    except (OSError, ValueError):
        return MANIFEST
    expected: dict[str, tuple[int, str] | str] = {
        e.path: (e.bytes, e.sha256) for e in manifest.files
    }
    from newsfacts.release.metadata import croissant, datapackage, metadata_json

    derive = {DATAPACKAGE: datapackage, CROISSANT: croissant}
    for entry in sorted(target.iterdir()):
        name = entry.name
        if name == MANIFEST:
            continue
        if name in derive:
            try:
                text = metadata_json(derive[name](manifest)).encode("utf-8")
            except (KeyError, ValueError):  # a manifest these are never written beside
                return name
            if not _own_file(entry, (len(text), hashlib.sha256(text).hexdigest())):
                return name
            continue
        listed = expected.get(name)
        if not isinstance(listed, tuple) or not _own_file(entry, listed):
            return name
    return None


def check_replaceable(target: Path) -> None:
    """Raise :class:`TargetError` unless ``target`` may be replaced: it is missing, an empty
    folder, or a folder holding only files that newsfacts wrote there (see
    :func:`_foreign_entry`). Nothing is deleted either way."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise TargetError(f"{target} exists and is not a folder: nothing was replaced")
    if not any(target.iterdir()):
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
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary directory beside ``target``; on success it replaces ``target``.

    ``target`` must be missing, empty, or hold only files that newsfacts wrote there
    (:func:`check_replaceable`): any other folder is refused with :class:`TargetError`, so
    that nothing of a user's is ever deleted. On any error, SIGINT and SIGTERM included, the
    temporary directory is removed and ``target`` is left as it was; a temporary directory
    left by a killed earlier run (``.<name>.<pid>.*.tmp``, its process gone) is removed.
    """
    target = Path(target)
    check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    with _terminate_as_exception():
        tmp = _mkdtemp(target, ".tmp")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a release is an ordinary folder
        old: Path | None = None
        try:
            yield tmp
            check_replaceable(target)  # nothing of a user's came in meanwhile
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


def write_tables(
    tables: Mapping[str, Sequence[BaseModel]], folder: Path, formats: Iterable[str]
) -> list[FileEntry]:
    """Write each table in each format into ``folder``; return their manifest entries."""
    entries = []
    for name in TABLES:
        records = tables[name]
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            if fmt == "jsonl":
                with path.open("w", encoding="utf-8", newline="\n") as handle:
                    for record in records:
                        handle.write(dump_line(record) + "\n")
            elif fmt == "parquet":
                pq.write_table(records_to_table(records, MODELS[name]), path, **PARQUET_OPTIONS)
            else:
                raise ValueError(f"unknown format {fmt!r}")
            entries.append(file_entry(path, folder, name, len(records)))
    return entries


class ReleaseWriter:
    """Write a release table by table, batch by batch, into a temporary folder that replaces
    the target when the writer closes without error (``with ReleaseWriter(out, version=...)``).

    JSONL lines are appended as records arrive; batches are gathered into Parquet row groups of
    about :data:`ROW_GROUP_BYTES`, so a release of any size is written in the memory of one row
    group.
    """

    def __init__(
        self, target: Path, *, version: str, check: Callable[[Path], None] | None = None
    ) -> None:
        self.target = Path(target)
        self.version = version
        self.check = check
        self.manifest: Manifest | None = None
        self._rows = dict.fromkeys(TABLES, 0)
        self._pending: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self._pending_bytes = dict.fromkeys(TABLES, 0)

    def __enter__(self) -> ReleaseWriter:
        self._context = atomic_directory(self.target)
        self.folder = self._context.__enter__()
        self._jsonl = {
            name: (self.folder / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n")
            for name in TABLES
        }
        self._parquet = {
            name: pq.ParquetWriter(
                self.folder / f"{name}.parquet", arrow_schema(MODELS[name]), **PARQUET_OPTIONS
            )
            for name in TABLES
        }
        return self

    def add(self, tables: Mapping[str, Sequence[BaseModel]]) -> None:
        """Append a batch of records of each table."""
        for name in TABLES:
            records = tables.get(name, ())
            if not records:
                continue
            handle = self._jsonl[name]
            for record in records:
                handle.write(dump_line(record) + "\n")
            table = records_to_table(records, MODELS[name])
            self._pending[name].append(table)
            self._pending_bytes[name] += table.get_total_buffer_size()
            if self._pending_bytes[name] >= ROW_GROUP_BYTES:
                self._flush(name)
            self._rows[name] += len(records)

    def _flush(self, name: str) -> None:
        pending = self._pending[name]
        if pending:
            table = pa.concat_tables(pending).combine_chunks()
            self._parquet[name].write_table(table, row_group_size=table.num_rows)
            pending.clear()
            self._pending_bytes[name] = 0

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        try:
            for handle in self._jsonl.values():
                handle.close()
            for name, writer in self._parquet.items():
                if error is None:
                    self._flush(name)
                writer.close()
            if error is None:
                entries = [
                    file_entry(self.folder / f"{name}.{fmt}", self.folder, name, self._rows[name])
                    for name in TABLES
                    for fmt in ("jsonl", "parquet")
                ]
                self.manifest = Manifest(
                    name="newsfacts",
                    version=self.version,
                    files=sorted(entries, key=lambda e: e.path),
                )
                _write_metadata(self.folder, self.manifest)
                if self.check is not None:
                    self.check(self.folder)  # raises to keep the target as it was
        except BaseException as exc:
            error = exc
        if error is None:
            self._context.__exit__(None, None, None)
        elif not self._context.__exit__(type(error), error, None):
            raise error


def _write_metadata(folder: Path, manifest: Manifest) -> None:
    from newsfacts.release.metadata import croissant, datapackage, metadata_json

    (folder / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
    (folder / DATAPACKAGE).write_text(metadata_json(datapackage(manifest)), encoding="utf-8")
    (folder / CROISSANT).write_text(metadata_json(croissant(manifest)), encoding="utf-8")


def write_release(
    tables: Mapping[str, Sequence[BaseModel]],
    target: Path,
    *,
    version: str,
    check: Callable[[Path], None] | None = None,
) -> Manifest:
    """Write a complete release (JSONL, Parquet, manifest, metadata) to ``target``, atomically.

    ``check`` is called with the written folder before it replaces ``target``; if it raises,
    nothing is written.
    """
    with ReleaseWriter(target, version=version, check=check) as writer:
        writer.add(tables)
    assert writer.manifest is not None
    return writer.manifest


def _csv_cell(value: Any) -> str:
    """Scalars as text (null as empty); nested values (lists, objects) as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(records: Sequence[BaseModel], model: type[BaseModel], path: Path) -> None:
    """One CSV file: a header of the model's fields, nested fields as JSON text in their cell."""
    import csv

    names = list(model.model_fields)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for record in records:
            row = record.model_dump(mode="json")
            writer.writerow([_csv_cell(row[name]) for name in names])


def export(
    tables: Mapping[str, Sequence[BaseModel]],
    out: Path,
    fmt: str,
    *,
    version: str,
    source: Path | None = None,
) -> list[Path]:
    """Write every table in ``fmt`` (jsonl, parquet, csv) to ``out``, atomically.

    The directory appears complete or not at all; a ``manifest.json`` lists the files. ``out``
    may not be ``source``, the release the tables were read from: the export would replace
    that release's other files.
    """
    if fmt not in ("jsonl", "parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}; choose jsonl, parquet or csv")
    if source is not None and Path(out).resolve() == Path(source).resolve():
        raise TargetError(
            f"{out} is the release being exported: an export there would replace its other "
            "files; nothing was written. Choose another folder."
        )
    with atomic_directory(out) as tmp:
        if fmt == "csv":
            entries = []
            for name in TABLES:
                path = tmp / f"{name}.csv"
                write_csv(tables[name], MODELS[name], path)
                entries.append(file_entry(path, tmp, name, len(tables[name])))
        else:
            entries = write_tables(tables, tmp, (fmt,))
        manifest = Manifest(name="newsfacts", version=version, files=entries)
        if fmt == "jsonl":  # the descriptors describe the JSONL files
            _write_metadata(tmp, manifest)
        else:
            (tmp / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
    return [out / e.path for e in entries]
