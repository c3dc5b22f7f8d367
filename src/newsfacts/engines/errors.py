"""The engines an archive can be validated on, and the error of one that cannot run."""

from __future__ import annotations

__all__ = ["ENGINES", "EngineError", "UsageError"]

#: The engines an archive is validated on.
ENGINES = ("local", "dask", "spark")


class EngineError(Exception):
    """An engine that cannot run: its extra is not installed, or its scheduler cannot be
    reached."""


class UsageError(ValueError):
    """Options that do not go together (an engine for a release, a scheduler without dask, a
    master without spark)."""
