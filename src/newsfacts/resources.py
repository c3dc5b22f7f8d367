"""Where the packaged release and schemas are: inside the installed package, via importlib."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["release_dir", "schema_dir"]


def _data(name: str) -> Path:
    root = files("newsfacts") / "_data" / name
    path = Path(str(root))
    if path.is_dir():
        return path
    raise FileNotFoundError(
        f"the packaged {name} is missing from the installed newsfacts package; install it "
        "with 'pip install .' (an editable install does not carry the data)"
    )


def release_dir() -> Path:
    """The release directory shipped inside the package."""
    return _data("release")


def schema_dir() -> Path:
    """The JSON Schemas shipped inside the package."""
    return _data("schemas")
