"""Archives: a release split into Hive partitions, ``publisher=<p>/year=<yyyy>/``, for engines
that read a folder of Parquet files (pyarrow.dataset, polars, DuckDB, Spark, Dask).

Each partition holds whole pages: a source, its articles, their facts and a copy of every
entity mentioned in them, with only that partition's mentions; so every span and text check of
a partition reads that partition alone. Each partition holds one Parquet file per table
(written even when empty) and a ``manifest.json`` of a release's shape; the archive's own
``manifest.json`` lists the partitions with their manifests' size and sha256. An entity with
no mention lives in the first partition (in path order) of the records written with it. An
archive is written into a temporary folder that replaces the target only when complete
(:mod:`newsfacts.release.atomic`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ValidationError

from newsfacts.models import MODELS, TABLES, Entity, Manifest
from newsfacts.release.atomic import atomic_directory
from newsfacts.release.formats import PARQUET_OPTIONS, arrow_schema, records_to_table
from newsfacts.release.manifest import (
    MANIFEST,
    ArchiveManifest,
    PartitionEntry,
    archive_manifest,
    archive_manifest_json,
    file_entry,
    manifest_json,
    size_and_sha256,
)
from newsfacts.release.reading import LoadError, arrow_path, check_file, read_json

__all__ = [
    "DEFAULT_PARTITION",
    "PARTITIONING",
    "ArchiveWriter",
    "export_archive",
    "is_archive",
    "partition_path",
    "read_archive_manifest",
    "read_archive_table",
    "split_tables",
    "write_archive",
]

#: The partition keys, outermost first, and the Arrow types engines read them as.
PARTITIONING = ("publisher", "year")
PARTITION_SCHEMA = pa.schema([("publisher", pa.string()), ("year", pa.int32())])
#: The value of a key that a source does not state (Hive's name for null).
DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"
#: A partition's Parquet row group is written once this many bytes are buffered.
PARTITION_GROUP_BYTES = 8 << 20

_UNSAFE = set('/\\%=:*?"<>|')


def _value(value: str | None) -> str:
    """A key's value as a folder name: as printed, with the characters a path or Hive cannot
    hold percent-encoded (which every Hive reader decodes)."""
    if value is None or value == "":
        return DEFAULT_PARTITION
    out: list[str] = []
    for c in value:
        if c in _UNSAFE or not c.isprintable():
            out.extend(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        else:
            out.append(c)
    return "".join(out)


def partition_path(publisher: str | None, year: int | None) -> str:
    """``publisher=<p>/year=<yyyy>`` of a partition."""
    return f"publisher={_value(publisher)}/year={DEFAULT_PARTITION if year is None else year}"


def _key(source: Any) -> tuple[str | None, int | None]:
    date = source.date
    return source.publisher, (int(date[:4]) if date else None)


def split_tables(
    tables: Mapping[str, Sequence[Any]],
) -> dict[tuple[Any, Any], dict[str, list[Any]]]:
    """The records of each partition, by its key (publisher, year): each source with its
    articles and their facts, and each entity copied into every partition where it is
    mentioned, with that partition's mentions."""
    parts: dict[tuple[Any, Any], dict[str, list[Any]]] = {}

    def part(key: tuple[Any, Any]) -> dict[str, list[Any]]:
        return parts.setdefault(key, {name: [] for name in TABLES})

    of_source = {}
    for source in tables["sources"]:
        of_source[source.id] = _key(source)
        part(of_source[source.id])["sources"].append(source)
    of_article = {}
    for article in tables["articles"]:
        key = of_source.get(article.source_id)
        if key is None:
            raise ValueError(f"article {article.id} names {article.source_id}, which is no source")
        of_article[article.id] = key
        part(key)["articles"].append(article)
    for fact in tables["facts"]:
        key = of_article.get(fact.article_id)
        if key is None:
            raise ValueError(f"fact {fact.id} names {fact.article_id}, which is no article")
        part(key)["facts"].append(fact)
    first = min(parts, key=lambda k: partition_path(*k)) if parts else (None, None)
    for entity in tables["entities"]:
        assert isinstance(entity, Entity)
        by_key: dict[tuple[Any, Any], list[Any]] = {}
        for mention in entity.mentions:
            by_key.setdefault(of_article.get(mention.article_id, first), []).append(mention)
        for key, mentions in (by_key or {first: []}).items():
            part(key)["entities"].append(entity.model_copy(update={"mentions": mentions}))
    return parts


class _Partition:
    """The Parquet files of one partition, written a row group at a time."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        self.folder = folder
        self.rows = dict.fromkeys(TABLES, 0)
        self.sinks = {name: (folder / f"{name}.parquet").open("wb") for name in TABLES}
        self.writers = {
            name: pq.ParquetWriter(self.sinks[name], arrow_schema(MODELS[name]), **PARQUET_OPTIONS)
            for name in TABLES
        }
        self.pending: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self.pending_bytes = dict.fromkeys(TABLES, 0)

    def add(self, name: str, records: Sequence[BaseModel]) -> None:
        table = records_to_table(records, MODELS[name])
        self.pending[name].append(table)
        self.pending_bytes[name] += table.get_total_buffer_size()
        self.rows[name] += len(records)
        if self.pending_bytes[name] >= PARTITION_GROUP_BYTES:
            self.flush(name)

    def flush(self, name: str) -> None:
        if self.pending[name]:
            table = pa.concat_tables(self.pending[name]).combine_chunks()
            self.writers[name].write_table(table, row_group_size=max(1, table.num_rows))
            self.pending[name].clear()
            self.pending_bytes[name] = 0

    def close(self, version: str, *, complete: bool) -> Manifest | None:
        for name in TABLES:
            if complete:
                self.flush(name)
            self.writers[name].close()
            self.sinks[name].close()
        if not complete:
            return None
        files = [
            file_entry(self.folder / f"{name}.parquet", self.folder, name, self.rows[name])
            for name in TABLES
        ]
        manifest = Manifest(
            name="newsfacts", version=version, files=sorted(files, key=lambda e: e.path)
        )
        (self.folder / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
        return manifest


class ArchiveWriter:
    """Write an archive batch by batch (``with ArchiveWriter(out, version=...) as w:
    w.add(tables)``): each batch is split into partitions (:func:`split_tables`) and appended
    to them; the archive replaces ``target`` when the writer closes without error."""

    def __init__(self, target: Path, *, version: str) -> None:
        self.target = Path(target)
        self.version = version
        self.manifest: ArchiveManifest | None = None
        self._parts: dict[tuple[Any, Any], _Partition] = {}

    def __enter__(self) -> ArchiveWriter:
        self._context = atomic_directory(self.target)
        self.folder = self._context.__enter__()
        return self

    def add(self, tables: Mapping[str, Sequence[BaseModel]]) -> None:
        for key, records in split_tables(tables).items():
            if key not in self._parts:
                self._parts[key] = _Partition(self.folder / partition_path(*key))
            for name in TABLES:
                if records[name]:
                    self._parts[key].add(name, records[name])

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        try:
            entries = []
            for key, part in sorted(self._parts.items(), key=lambda kv: partition_path(*kv[0])):
                manifest = part.close(self.version, complete=error is None)
                if manifest is None:
                    continue
                size, sha = size_and_sha256(part.folder / MANIFEST)
                entries.append(
                    PartitionEntry(
                        path=partition_path(*key),
                        publisher=key[0],
                        year=key[1],
                        rows=dict(part.rows),
                        bytes=size,
                        sha256=sha,
                    )
                )
            if error is None:
                self.manifest = ArchiveManifest(
                    name="newsfacts",
                    version=self.version,
                    layout="hive",
                    partitioning=list(PARTITIONING),
                    partitions=entries,
                )
                (self.folder / MANIFEST).write_text(
                    archive_manifest_json(self.manifest), encoding="utf-8"
                )
        except BaseException as exc:
            error = exc
        if error is None:
            self._context.__exit__(None, None, None)
        elif not self._context.__exit__(type(error), error, None):
            raise error


def write_archive(
    tables: Mapping[str, Sequence[BaseModel]], target: Path, *, version: str
) -> ArchiveManifest:
    """Write the records of a release as an archive at ``target``, atomically."""
    with ArchiveWriter(target, version=version) as writer:
        writer.add(tables)
    assert writer.manifest is not None
    return writer.manifest


def is_archive(root: Path) -> bool:
    """Whether ``root`` is an archive: a folder whose manifest lists partitions."""
    path = Path(root) / MANIFEST
    if not Path(root).is_dir() or check_file(path, Path(root)) is not None:
        return False
    try:
        data = read_json(path, Path(root))
    except LoadError:
        return False
    return isinstance(data, dict) and "partitions" in data


def read_archive_manifest(root: Path) -> ArchiveManifest:
    """The archive manifest of ``root``; :class:`LoadError` when it is not one."""
    path = Path(root) / MANIFEST
    try:
        manifest = archive_manifest(read_json(path, Path(root)))
    except ValidationError as exc:
        raise LoadError(f"{path}: not an archive manifest: {str(exc).splitlines()[0]}") from None
    if manifest is None:
        raise LoadError(f"{path}: not an archive manifest: it lists no partitions")
    return manifest


def _partition_filter(partition: str | Mapping[str, Any]) -> Any:
    import pyarrow.compute as pc

    if isinstance(partition, str):
        pairs = dict(part.split("=", 1) for part in partition.strip("/").split("/"))
    else:
        pairs = dict(partition)
    unknown = set(pairs) - set(PARTITIONING)
    if unknown:
        raise LoadError(f"no partition key {sorted(unknown)[0]!r}; the keys are publisher, year")
    expression = None
    for key, value in pairs.items():
        if isinstance(value, str) and value == DEFAULT_PARTITION:
            term = pc.field(key).is_null()
        else:
            term = pc.field(key) == (int(value) if key == "year" else str(value))
        expression = term if expression is None else expression & term
    return expression


def read_archive_table(
    root: Path,
    table: str,
    *,
    partition: str | Mapping[str, Any] | None = None,
    filters: Any = None,
) -> pa.Table:
    """One table of the archive at ``root``, of the partitions that ``partition`` names
    (``"publisher=人民日报/year=2024"`` or ``{"year": 2024}``) or that ``filters`` select (a
    ``pyarrow.compute`` expression or DNF tuples as for ``pyarrow.parquet``), read with
    ``pyarrow.dataset`` and its Hive partitioning; the columns are the table's own."""
    import pyarrow.dataset as ds

    root = Path(root)
    manifest = read_archive_manifest(root)
    paths = []
    for entry in manifest.partitions:
        path = root / entry.path / f"{table}.parquet"
        reason = check_file(path, root)
        if reason is not None:
            raise LoadError(f"{path}: cannot be read: {reason}")
        paths.append(arrow_path(path))
    expression = None if partition is None else _partition_filter(partition)
    if filters is not None:
        if isinstance(filters, list):
            filters = pq.filters_to_expression(filters)
        expression = filters if expression is None else expression & filters
    schema = arrow_schema(MODELS[table])
    dataset = ds.dataset(
        paths,
        format="parquet",
        partitioning=ds.partitioning(PARTITION_SCHEMA, flavor="hive"),
        partition_base_dir=arrow_path(root),
    )
    try:
        return dataset.to_table(columns=schema.names, filter=expression)
    except (OSError, ValueError) as exc:
        raise LoadError(f"{root}: the {table} of the archive cannot be read: {exc}") from None


def export_archive(
    tables: Mapping[str, Sequence[BaseModel]], target: Path, *, version: str, source: Path
) -> list[Path]:
    """Export the release read from ``source`` as an archive at ``target`` (never into the
    release itself): the partitions written. A release that cannot be split into partitions
    is a :class:`ValueError`."""
    from newsfacts.release.atomic import TargetError

    if target.resolve() == source.resolve() or target.resolve().is_relative_to(source.resolve()):
        raise TargetError(
            f"{target} is or is inside the release being exported; nothing was written"
        )
    manifest = write_archive(tables, target, version=version)
    return [target / entry.path for entry in manifest.partitions]
