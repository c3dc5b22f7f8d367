"""Writing releases and exports: every table in JSONL and Parquet (streamed a chunk at a time),
the manifest and the descriptors, into a folder that appears complete or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from newsfacts.models import MODELS, TABLES, FileEntry, Manifest
from newsfacts.release.atomic import TargetError, atomic_directory
from newsfacts.release.formats import (
    PARQUET_OPTIONS,
    ROW_GROUP_BYTES,
    arrow_schema,
    dump_line,
    records_to_table,
    write_csv,
)
from newsfacts.release.manifest import CROISSANT, DATAPACKAGE, MANIFEST, file_entry, manifest_json

__all__ = ["ReleaseWriter", "export", "write_release", "write_tables"]


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
                with path.open("wb") as sink:  # a file, so that any path pyarrow cannot encode
                    pq.write_table(records_to_table(records, MODELS[name]), sink, **PARQUET_OPTIONS)
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
        # opened as files, so that a folder name pyarrow cannot encode (not UTF-8) is written
        self._sinks = {name: (self.folder / f"{name}.parquet").open("wb") for name in TABLES}
        self._parquet = {
            name: pq.ParquetWriter(self._sinks[name], arrow_schema(MODELS[name]), **PARQUET_OPTIONS)
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
                self._sinks[name].close()
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
    from newsfacts.release.card import CARD, dataset_card
    from newsfacts.release.metadata import croissant, datapackage, metadata_json

    (folder / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
    (folder / DATAPACKAGE).write_text(metadata_json(datapackage(manifest)), encoding="utf-8")
    (folder / CROISSANT).write_text(metadata_json(croissant(manifest)), encoding="utf-8")
    if any(e.format == "parquet" for e in manifest.files):
        (folder / CARD).write_text(dataset_card(manifest), encoding="utf-8")


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
    if source is not None and Path(out).resolve().is_relative_to(Path(source).resolve()):
        raise TargetError(
            f"{out} is inside the release being exported: the release would then hold a file "
            "its manifest does not list; nothing was written. Choose a folder outside it."
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
