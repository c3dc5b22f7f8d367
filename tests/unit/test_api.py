"""The public API is what __all__ says, and nothing drifts silently."""

from __future__ import annotations

import newsfacts


def test_public_names_are_pinned() -> None:
    assert sorted(newsfacts.__all__) == [
        "Article",
        "Dataset",
        "Entity",
        "Fact",
        "LoadError",
        "Manifest",
        "Problem",
        "Report",
        "Source",
        "Span",
        "__version__",
        "find_quantities",
        "load",
        "read_quantity",
        "resolve_time",
        "validate",
    ]
    for name in newsfacts.__all__:
        assert getattr(newsfacts, name) is not None
