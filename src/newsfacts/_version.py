"""The version of newsfacts, which is the version of its dataset, and the day it was released."""

__version__ = "0.2.0"
RELEASE_DATE = "2026-12-03"
