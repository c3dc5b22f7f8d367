"""newsfacts: Chinese newspaper articles and the facts they state, traceable to the page.

>>> import newsfacts
>>> ds = newsfacts.load()                 # the release packaged with this version
>>> ds.articles[0].headline
'山西新型工业化迈出坚实步伐'
>>> ds.table("facts")                      # a pyarrow.Table
"""

from newsfacts._version import __version__
from newsfacts.checks import validate
from newsfacts.loader import Dataset, LoadError, load
from newsfacts.models import Article, Entity, Fact, Manifest, Source, Span
from newsfacts.report import Problem, Report

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
    "load",
    "validate",
]
