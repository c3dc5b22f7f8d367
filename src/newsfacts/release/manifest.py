"""The manifest of a release: the file names of a release's metadata, each data file's entry
(size, sha256, rows) and the manifest's JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsfacts.models import FileEntry, Manifest

__all__ = ["CROISSANT", "DATAPACKAGE", "MANIFEST", "file_entry", "manifest_json", "size_and_sha256"]

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
