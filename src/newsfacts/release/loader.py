"""Load a release into models and Arrow tables: ``newsfacts.load()``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from newsfacts.models import MODELS, TABLES, Article, Entity, Fact, Source
from newsfacts.release.reading import (
    LoadError,
    arrow_path,
    check_file,
    read_json,
    records,
    release_formats,
)
from newsfacts.release.resources import release_dir

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["Dataset", "LoadError", "load"]


def _read(root: Path, table: str, fmt: str) -> list[Any]:
    model = MODELS[table]
    path = root / f"{table}.{fmt}"
    if check_file(path, root) == "no such file":
        raise LoadError(f"{path}: no such file (the release holds its other tables as {fmt})")
    loaded = []
    for number, value in records(root, table, fmt):
        try:
            loaded.append(model.model_validate(value))
        except (ValueError, ValidationError) as exc:
            first = str(exc).splitlines()[0:3]
            where = f"{path}:{number}" if fmt == "jsonl" else f"{path}: row {number}"
            raise LoadError(
                f"{where}: {' '.join(first)} (run 'newsfacts validate {root}')"
            ) from None
    return loaded


@dataclass
class Dataset:
    """A loaded release: model lists per table, and Arrow tables on demand."""

    path: Path
    sources: list[Source] = field(repr=False)
    articles: list[Article] = field(repr=False)
    facts: list[Fact] = field(repr=False)
    entities: list[Entity] = field(repr=False)
    version: str | None = None
    #: The format the records were read from: ``jsonl``, or ``parquet`` for a Parquet-only
    #: release or an archive.
    format: str = "jsonl"
    #: The Arrow tables read from an archive (None for a release: read from its files).
    arrow: dict[str, Any] | None = field(default=None, repr=False)

    def table(self, name: str) -> pa.Table:
        """The table ``name`` (sources, articles, facts, entities) as a ``pyarrow.Table``."""
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
        if self.arrow is not None:
            return self.arrow[name]
        import pyarrow.parquet as pq

        path = self.path / f"{name}.parquet"
        reason = check_file(path, self.path)
        if reason == "no such file" and "parquet" not in release_formats(self.path, TABLES):
            # a JSONL-only release: the table is made from its records
            from newsfacts.release.formats import records_to_table

            return records_to_table(getattr(self, name), MODELS[name])
        if reason is not None:
            raise LoadError(f"{path}: cannot be read: {reason}")
        try:
            with pq.ParquetFile(arrow_path(path)) as file:
                return file.read()
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            raise LoadError(f"{path}: cannot be read as Parquet: {exc}") from None

    def to_pandas(self, name: str) -> Any:
        """The table ``name`` as a pandas DataFrame (needs ``newsfacts[pandas]``)."""
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise ImportError("to_pandas needs pandas: pip install 'newsfacts[pandas]'") from None
        return self.table(name).to_pandas()

    def to_polars(self, name: str) -> Any:
        """The table ``name`` as a polars DataFrame (needs ``newsfacts[polars]``)."""
        try:
            import polars
        except ImportError:
            raise ImportError("to_polars needs polars: pip install 'newsfacts[polars]'") from None
        return polars.from_arrow(self.table(name))

    def get(self, record_id: str) -> BaseModel | None:
        """The record with this id, from any table."""
        for name in TABLES:
            for record in getattr(self, name):
                if record.id == record_id:
                    return record  # type: ignore[no-any-return]
        return None

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, t))} {t}" for t in TABLES)
        return f"Dataset(version={self.version!r}, {counts})"


def _load_archive(root: Path, partition: Any, filters: Any) -> Dataset:
    from newsfacts.release.archive import read_archive_manifest, read_archive_table

    version = read_archive_manifest(root).version
    arrow = {
        name: read_archive_table(root, name, partition=partition, filters=filters)
        for name in TABLES
    }
    tables: dict[str, Any] = {}
    for name, table in arrow.items():
        model = MODELS[name]
        try:
            tables[name] = [model.model_validate(row) for row in table.to_pylist()]
        except ValidationError as exc:
            first = " ".join(str(exc).splitlines()[0:3])
            raise LoadError(f"{root}: {name}: {first} (run 'newsfacts validate {root}')") from None
    tables["entities"] = _merged(tables["entities"])
    return Dataset(path=root, version=version, format="parquet", arrow=arrow, **tables)


def _merged(copies: list[Any]) -> list[Any]:
    """One entity of its copies in the partitions read: each copy holds the mentions of its
    partition, so the entity holds them all (in article and offset order)."""
    merged: dict[str, Any] = {}
    for entity in copies:
        first = merged.get(entity.id)
        if first is None:
            merged[entity.id] = entity
            continue
        mentions = sorted(
            [*first.mentions, *entity.mentions], key=lambda m: (m.article_id, m.start, m.end)
        )
        merged[entity.id] = first.model_copy(update={"mentions": mentions})
    return list(merged.values())


def load(
    path: str | Path | None = None,
    *,
    partition: str | dict[str, Any] | None = None,
    filters: Any = None,
) -> Dataset:
    """Load the packaged release, or the release directory or archive at ``path``.

    The records are read from the JSONL copy, or from the Parquet copy of a release that has
    no JSONL (``newsfacts export --format parquet``). Of an archive (``newsfacts export
    --archive``), ``partition`` (``"publisher=人民日报/year=2024"``, or ``{"year": 2024}``) or
    ``filters`` (a ``pyarrow.compute`` expression, or ``[("year", ">=", 2020)]``) choose the
    partitions read, through ``pyarrow.dataset``; without either, the whole archive is read.
    An entity mentioned in several partitions is one record holding all their mentions (its
    ``arrow`` table keeps a copy per partition, as the archive stores it)."""
    from newsfacts.release.archive import is_archive

    root = release_dir() if path is None else Path(path)
    if not root.exists():
        raise LoadError(f"{root}: no such release directory")
    if not root.is_dir():
        raise LoadError(f"{root}: not a release directory: it is a file")
    if is_archive(root):
        return _load_archive(root, partition, filters)
    if partition is not None or filters is not None:
        raise LoadError(f"{root}: a release, not an archive: it has no partitions to choose")
    formats = release_formats(root, TABLES)
    if not formats:
        raise LoadError(
            f"{root}: not a release: it holds none of "
            + ", ".join(f"{t}.jsonl" for t in TABLES)
            + " (nor their .parquet copies)"
        )
    tables = {name: _read(root, name, formats[0]) for name in TABLES}
    version = None
    manifest = root / "manifest.json"
    if check_file(manifest, root) != "no such file":
        data = read_json(manifest, root)
        version = data.get("version") if isinstance(data, dict) else None
        if not isinstance(version, str):
            raise LoadError(f"{manifest}: $.version is missing or not a string")
        if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version):
            raise LoadError(
                f"{manifest}: $.version {version!r} is not a version (MAJOR.MINOR.PATCH)"
            )
    return Dataset(path=root, version=version, format=formats[0], arrow=None, **tables)
