"""Reading the site's pages back without a browser: the text of every element that carries a
given attribute, every link and every id, with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Scan:
    """What a page holds: (attribute value, text) of each element with the watched attribute,
    the href and src values, the ids, and the lang of the html element."""

    marked: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    lang: str | None = None


class _Parser(HTMLParser):
    def __init__(self, watch: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.watch = watch
        self.scan = Scan(marked={name: [] for name in watch})
        self.open: list[tuple[str, str | None, str | None, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.scan.lang = values.get("lang")
        if values.get("id"):
            assert values["id"] not in self.scan.ids, f"id {values['id']} used twice"
            self.scan.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name):
                self.scan.links.append(values[name] or "")
        if tag in VOID:
            return
        watched = next((w for w in self.watch if w in values), None)
        self.open.append((tag, watched, values.get(watched) if watched else None, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        opened, watched, value, chunks = self.open.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        if watched is not None:
            self.scan.marked[watched].append((value or "", "".join(chunks)))

    def handle_data(self, data: str) -> None:
        for *_rest, chunks in self.open:
            chunks.append(data)


def scan(html: str, watch: tuple[str, ...] = ("data-fact", "data-entity")) -> Scan:
    parser = _Parser(watch)
    parser.feed(html)
    parser.close()
    assert not parser.open, f"unclosed elements: {[t for t, *_ in parser.open]}"
    return parser.scan


def scan_file(path: Path) -> Scan:
    return scan(path.read_text(encoding="utf-8"))
