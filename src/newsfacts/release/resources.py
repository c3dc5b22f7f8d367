"""Where the packaged release and schemas are: inside the installed package, via importlib.

An installed wheel carries them as ``newsfacts/_data/``. An editable install (``pip install -e
.``) imports the package from a checkout's ``src/``, which carries no copy: there the checkout's
own ``dataset/release`` and ``schemas`` are the packaged ones, so a curator working in a
checkout validates, exports and loads what they just built.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["release_dir", "schema_dir"]

#: Where each resource lies in a checkout, relative to its root.
_CHECKOUT = {"release": Path("dataset") / "release", "schemas": Path("schemas")}


def _checkout_root() -> Path | None:
    """The checkout the package is imported from (``<root>/src/newsfacts``), if it is one."""
    package = Path(__file__).resolve().parent.parent  # newsfacts/release/resources.py
    root = package.parent.parent
    if package.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def _data(name: str) -> Path:
    path = Path(str(files("newsfacts") / "_data" / name))
    if path.is_dir():
        return path
    root = _checkout_root()
    if root is not None and (root / _CHECKOUT[name]).is_dir():
        return root / _CHECKOUT[name]
    raise FileNotFoundError(
        f"the packaged {name} is missing from the installed newsfacts package; reinstall it "
        "with 'pip install newsfacts' (or 'pip install .' in a checkout)"
    )


def release_dir() -> Path:
    """The release directory shipped inside the package (a checkout's, in an editable install)."""
    return _data("release")


def schema_dir() -> Path:
    """The JSON Schemas shipped inside the package (a checkout's, in an editable install)."""
    return _data("schemas")
