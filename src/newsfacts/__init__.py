"""newsfacts: Chinese newspaper articles and the facts they state, traceable to the page."""
from newsfacts._version import __version__
__all__ = ["__version__"]
