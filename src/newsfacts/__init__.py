"""newsfacts: Chinese newspaper articles and the facts they state, traceable to the page.

>>> import newsfacts
>>> ds = newsfacts.load()                 # the release packaged with this version
>>> ds.articles[0].headline
'山西新型工业化迈出坚实步伐'
>>> ds.table("facts")                      # a pyarrow.Table
"""

from typing import TYPE_CHECKING, Any

from newsfacts._version import __version__
from newsfacts.models import Article, Entity, Fact, Manifest, Source, Span
from newsfacts.release.loader import Dataset, LoadError, load
from newsfacts.validation.report import Problem, Report

if TYPE_CHECKING:
    from newsfacts.text.finder import find_quantities
    from newsfacts.text.quantity import read_quantity
    from newsfacts.text.times import resolve_time
    from newsfacts.validation.checks import validate

__all__ = [
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


def __getattr__(name: str) -> Any:
    """Import the validator and the text readers on first use: ``import newsfacts`` and
    ``newsfacts.load()`` stay fast because they need neither."""
    if name == "validate":
        from newsfacts.validation.checks import validate

        return validate
    if name == "read_quantity":
        from newsfacts.text.quantity import read_quantity

        return read_quantity
    if name == "find_quantities":
        from newsfacts.text.finder import find_quantities

        return find_quantities
    if name == "resolve_time":
        from newsfacts.text.times import resolve_time

        return resolve_time
    raise AttributeError(f"module 'newsfacts' has no attribute {name!r}")
