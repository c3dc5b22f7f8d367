"""The manifest of a release: the file names of a release's metadata, each data file's entry
(size, sha256, rows) and the manifest's JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsfacts.models import FileEntry, Manifest

__all__ = [
    "CROISSANT",
    "DATAPACKAGE",
    "MANIFEST",
    "ArchiveManifest",
    "PartitionEntry",
    "archive_manifest",
    "archive_manifest_json",
    "file_entry",
    "manifest_json",
    "size_and_sha256",
]

MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
CROISSANT = "croissant.json"


#: Parquet options fixed so that one pyarrow version always writes the same bytes.
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


class PartitionEntry(BaseModel):
    """One partition of an archive, as the archive manifest records it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    path: str = Field(description="The partition folder, relative to the archive.")
    publisher: str | None = Field(description="The partition's publisher (None: unknown).")
    year: int | None = Field(description="The partition's year (None: undated).")
    rows: dict[str, int] = Field(description="Records per table in the partition.")
    bytes: int = Field(ge=0, description="Size of the partition's manifest.json.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of its manifest.json.")


class ArchiveManifest(BaseModel):
    """An archive: its version and every partition with its manifest's size and hash."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: Literal["newsfacts"] = Field(description="The dataset's name.")
    version: str = Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$", description="Dataset version.")
    layout: Literal["hive"] = Field(description="Partitions are publisher=<p>/year=<yyyy>/.")
    partitioning: list[str] = Field(description="The partition keys, outermost first.")
    partitions: list[PartitionEntry] = Field(description="Every partition of the archive.")


def archive_manifest(data: object) -> ArchiveManifest | None:
    """The archive manifest ``data`` holds, or None when it is not one (a release's manifest,
    or anything else)."""
    if not isinstance(data, dict) or "partitions" not in data:
        return None
    return ArchiveManifest.model_validate(data)


def archive_manifest_json(manifest: ArchiveManifest) -> str:
    return json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
