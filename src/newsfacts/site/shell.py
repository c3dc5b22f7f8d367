"""The frame every page of the site shares, and the small HTML helpers the pages are built with.

Every text that comes from a release goes through :func:`esc` (or :func:`attrs` for
attributes): the pages are plain strings, so escaping is the one thing that keeps a headline
with ``<`` or ``&`` a headline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

__all__ = [
    "KINDS",
    "article_href",
    "attrs",
    "entity_href",
    "esc",
    "fmt_value",
    "page",
    "period",
    "select_filter",
]

#: The kinds of fact, in the order the legend shows them, with their label.
KINDS: dict[str, str] = {
    "quantity": "quantity",
    "event": "event",
    "relation": "relation",
    "derived": "derived",
}


def esc(value: object) -> str:
    """``value`` as text, HTML-escaped (None is an empty string)."""
    return "" if value is None else escape(str(value), quote=True)


def attrs(values: Mapping[str, object]) -> str:
    """`` name="value"`` for each attribute that is not None, escaped."""
    return "".join(f' {name}="{esc(value)}"' for name, value in values.items() if value is not None)


def article_href(article_id: str, depth: int) -> str:
    """The stable address of an article's page, from a page ``depth`` folders down."""
    return "../" * depth + f"articles/{esc(article_id)}.html"


def entity_href(entity_id: str, depth: int) -> str:
    """The stable address of an entity's page, from a page ``depth`` folders down."""
    return "../" * depth + f"entities/{esc(entity_id)}.html"


def fmt_value(value: float | None) -> str:
    """A number as a reader writes it: no trailing ``.0``, thousands apart."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.12g}"


def period(start: str | None, end: str | None, as_of: str | None) -> str:
    """The time a value holds for: ``2021–2024``, ``2024``, ``as of 2024-11``, or nothing."""
    if start and end and start != end:
        return f"{start}–{end}"
    if start or end:
        return str(start or end)
    return f"as of {as_of}" if as_of else ""


def select_filter(name: str, label: str, options: Iterable[str], target: str) -> str:
    """A labelled select that shows only the rows of ``target`` whose ``data-<name>`` holds the
    chosen value (site.js does the filtering; without scripts every row stays shown)."""
    choices = "".join(f'<option value="{esc(o)}">{esc(o)}</option>' for o in sorted(set(options)))
    return (
        f'<label class="filter">{esc(label)} '
        f'<select data-filter="{esc(name)}" data-target="{esc(target)}">'
        f'<option value="">all</option>{choices}</select></label>'
    )


_NAV = (("index.html", "Articles"), ("facts.html", "Facts"), ("entities.html", "Entities"))


def page(title: str, body: str, *, depth: int, current: str, version: str | None) -> str:
    """A whole HTML document: head, banner with the site's navigation, ``body`` as the main
    landmark, and the footer. ``depth`` is how many folders below the site's root it lies."""
    up = "../" * depth
    nav = "".join(
        f'<li><a href="{up}{href}"' + (' aria-current="page"' if href == current else "") + f">"
        f"{esc(label)}</a></li>"
        for href, label in _NAV
    )
    release = f"release {esc(version)}" if version else "release without a version"
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · newsfacts review</title>\n"
        f'<link rel="stylesheet" href="{up}assets/site.css">\n'
        f'<script src="{up}assets/site.js" defer></script>\n</head>\n<body>\n'
        '<a class="skip" href="#main" lang="en">Skip to the content</a>\n'
        f'<header class="banner" lang="en"><p class="site-name"><a href="{up}index.html">'
        f"newsfacts review</a> <span>{release}</span></p>"
        f'<nav aria-label="Site"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main" tabindex="-1">\n{body}\n</main>\n'
        '<footer lang="en"><p>Written by <code>newsfacts review</code>: every value links '
        "back to the characters of the page.</p></footer>\n</body>\n</html>\n"
    )
