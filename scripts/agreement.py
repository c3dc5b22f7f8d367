"""The reconciliation's agreement, from one file: ``dataset/reconciliation/agreement.toml``.

The file holds, page by page and for numbers, names and dates, the counts each comparison in
``dataset/reconciliation/compared/`` states, with the words that state them. :func:`problems`
checks every count against those words and every curated count against the release, so the
figures cannot drift from the comparisons they copy; ``scripts/make_docs.py`` writes the table
of ``docs/curation-log.md`` (:func:`log_table`) and the datasheet's figure
(:func:`datasheet_figure`) from it, so the two cannot disagree.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
RECONCILIATION = ROOT / "dataset" / "reconciliation"
AGREEMENT = RECONCILIATION / "agreement.toml"
KINDS = ("numbers", "names", "dates")
FIELDS = ("reader", "curated", "agreed", "found")


@dataclass(frozen=True)
class Count:
    """One count of a page's comparison: the number (None when the comparison gives words,
    not a number), the quotes of the comparison that state it, and what it adds."""

    count: int | None
    says: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Page:
    """One page's reconciliation: its source, label, comparison file, what the comparison
    fixed, and its counts by kind and field."""

    source: str
    page: str
    compared: str
    fixed: str
    counts: dict[str, dict[str, Count]]

    def get(self, kind: str, field: str) -> Count | None:
        return self.counts.get(kind, {}).get(field)


def load(path: Path = AGREEMENT) -> list[Page]:
    """The pages of the agreement file, in its order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Page(
            source=p["source"],
            page=p["page"],
            compared=p["compared"],
            fixed=p["fixed"],
            counts={
                kind: {
                    field: Count(c.get("count"), tuple(c["says"]), c.get("note", ""))
                    for field, c in p.get(kind, {}).items()
                }
                for kind in KINDS
            },
        )
        for p in data["page"]
    ]


def _flat(text: str) -> str:
    """Text with every run of white space one space, as a quote is compared."""
    return re.sub(r"\s+", " ", text)


def _first_number(quote: str) -> int | None:
    found = re.search(r"\d+", quote)
    return int(found.group()) if found else None


def count_problems(page: Page, compared: str) -> list[str]:
    """What in ``page`` the text of its comparison does not state: a quote not printed in
    it, or a count that is not the sum of the first numbers of its quotes."""
    out = []
    text = _flat(compared)
    for kind, fields in page.counts.items():
        for field, count in fields.items():
            where = f"{page.source} {kind}.{field}"
            missing = [q for q in count.says if _flat(q) not in text]
            out += [f"{where}: {q!r} is not in {page.compared}" for q in missing]
            if missing or count.count is None:
                continue
            stated = sum(_first_number(q) or 0 for q in count.says)
            if stated != count.count:
                out.append(f"{where}: {count.count} here, but {page.compared} says {stated}")
    return out


def release_problems(page: Page, ds: Any) -> list[str]:
    """Curated counts that differ from the release: numbers are the source's quantity facts,
    names the entities with a mention on the page."""
    articles = {a.id for a in ds.articles if a.source_id == page.source}
    actual = {
        "numbers": sum(f.kind == "quantity" and f.article_id in articles for f in ds.facts),
        "names": sum(any(m.article_id in articles for m in e.mentions) for e in ds.entities),
    }
    out = []
    for kind, n in actual.items():
        count = page.get(kind, "curated")
        if count is not None and count.count != n:
            out.append(f"{page.source} {kind}.curated: {count.count} here, {n} in the release")
    return out


def problems(pages: list[Page], ds: Any, folder: Path = RECONCILIATION) -> list[str]:
    """Every disagreement of the agreement file with the comparisons and with the release."""
    out = []
    for page in pages:
        compared = (folder / "compared" / page.compared).read_text(encoding="utf-8")
        out += count_problems(page, compared) + release_problems(page, ds)
    return out


def checked(ds: Any, path: Path = AGREEMENT) -> list[Page]:
    """The pages of the agreement file, refused with every problem when it disagrees."""
    pages = load(path)
    found = problems(pages, ds, path.parent)
    if found:
        raise ValueError(f"{path.name} disagrees:\n" + "\n".join(found))
    return pages


def _cell(page: Page, kind: str, fields: tuple[str, ...]) -> str:
    """A table cell: the counts of ``fields`` joined by slashes, with the last one's note."""
    counts = [page.get(kind, f) for f in fields]
    shown = " / ".join(
        "—" if c is None else (str(c.count) if c.count is not None else c.note) for c in counts
    )
    last = counts[-1]
    if last is not None and last.count is not None and last.note:
        shown += f" ({last.note})"
    return shown


def log_table(pages: list[Page]) -> str:
    """The curation log's table: per page, reader / curated / agreed for numbers and names,
    reader / agreed for dates, and what the comparison fixed."""
    header = (
        "| page | source | numbers: reader / quantity facts / agreed "
        "| names: reader / entities / agreed | dates: reader / agreed "
        "| fixed after the comparison |\n| --- | --- | --- | --- | --- | --- |"
    )
    rows = [
        f"| {p.page} | {p.source} | {_cell(p, 'numbers', ('reader', 'curated', 'agreed'))} "
        f"| {_cell(p, 'names', ('reader', 'curated', 'agreed'))} "
        f"| {_cell(p, 'dates', ('reader', 'agreed'))} | {p.fixed} |"
        for p in pages
    ]
    return "\n".join([header, *rows])


def _share(pages: list[Page], kinds: tuple[str, ...], part: str, whole: str) -> str:
    """``part`` over ``whole`` summed over the pages and kinds where both are counted, with
    the number of pages that state them."""
    pairs = [
        (a.count, b.count, p.source)
        for p in pages
        for k in kinds
        for a, b in [(p.get(k, part), p.get(k, whole))]
        if a is not None and b is not None and a.count is not None and b.count is not None
    ]
    if not pairs:
        return "not stated"
    hits, of = sum(a for a, _, _ in pairs), sum(b for _, b, _ in pairs)
    return f"{hits / of:.2f} ({hits} / {of}; {len({s for *_, s in pairs})} pages)"


def datasheet_figure(pages: list[Page]) -> str:
    """The datasheet's agreement figure: per kind and overall, the share of the second
    reader's entries the annotation agrees with, and the share of the curated items that are
    on the reader's list, summed over the pages that state them."""
    rows = [
        (
            label,
            _share(pages, kinds, "agreed", "reader"),
            _share(pages, kinds, "found", "curated") if "dates" not in kinds else "not counted",
        )
        for label, kinds in [
            ("numbers", ("numbers",)),
            ("names", ("names",)),
            ("dates", ("dates",)),
            ("numbers and names", ("numbers", "names")),
            ("all three", KINDS),
        ]
    ]
    lines = [
        "| kind | agreed / second reader's entries | curated items on the reader's list |",
        "| --- | --- | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    unstated = [
        f"the {kind} agreed on {p.page} (`{p.source}`): {count.note}"
        for p in pages
        for kind in KINDS
        for count in [p.get(kind, "agreed")]
        if count is not None and count.count is None
    ]
    if unstated:
        lines += ["", "Stated in words, not counted: " + "; ".join(unstated) + "."]
    return "\n".join(lines)
