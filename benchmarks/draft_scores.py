"""How much of each page of a release ``newsfacts draft`` gets right, as counts per task.

Each source's page is drafted into an empty dataset and compared with the curated articles,
facts and entities of that source. Every score is a :class:`Ratio` of two counts (hits and
the items they are out of), so that scores of several pages add up to a micro-average: the
totals of ``scores_by_source`` are the sums of its counts, never a mean of ratios.

Kept beside the benchmarks, not in the package: ``benchmarks/bench_draft.py`` prints these
figures and ``scripts/make_docs.py`` writes them into the datasheet as the baseline of each
task, so that the two cannot disagree.
"""

from __future__ import annotations

import math
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts.curation.draft import draft_page

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The scores, in the order they are shown: name, and what the count is out of.
TASKS = {
    "articles found": "curated articles (boundaries by text)",
    "headlines right": "curated headlines of the articles found",
    "bylines right": "curated bylines (names and roles) of the articles found",
    "column breaks found": "curated column breaks",
    "column breaks proposed right": "proposed column breaks",
    "quantity recall": "curated quantities (value and unit at the curated value text)",
    "quantity precision": "proposed quantities",
    "period right": "curated periods or as-of dates of the quantities found",
    "events dated right": "curated events",
    "entity recall": "curated entities (name or alias, and type)",
    "entity precision": "proposed entities",
    "derived facts proposed": "curated derived facts (numeric claim checks)",
    "derived proposals right": "proposed derived facts",
}


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``of``: a score that adds up over pages (micro-averaging)."""

    hits: int
    of: int

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.of + other.of)

    @property
    def value(self) -> float:
        """The share, or NaN when there is nothing to score."""
        return self.hits / self.of if self.of else math.nan


def f1(recall: Ratio, precision: Ratio) -> float:
    """The harmonic mean of recall and precision (NaN when either is undefined or both 0)."""
    r, p = recall.value, precision.value
    return 2 * r * p / (r + p) if r + p else math.nan


@dataclass(frozen=True)
class Draft:
    """What ``newsfacts draft`` proposed for one page: its articles (as their TOML tables,
    by the page offset where each begins) and its entities (name, type)."""

    text: str
    articles: dict[int, dict[str, Any]]
    entities: set[tuple[str, str]]


def draft_source(page: Path, date: str | None) -> Draft:
    """Draft ``page`` into a throwaway empty dataset and read back what was proposed."""
    text = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="newsfacts-draft-scores-") as work:
        done = draft_page(page, Path(work) / "dataset", date=date)
        files = sorted(done.folder.glob("a*.toml"))
        articles = [tomllib.loads(p.read_text(encoding="utf-8")) for p in files]
        entities = {
            (e["name"], e["type"])
            for p in (Path(work) / "dataset" / "curated" / "entities").glob("*.toml")
            for e in tomllib.loads(p.read_text(encoding="utf-8")).get("entities", [])
        }
    by_start = {text.index(a["segments"][0]["start"]): a for a in articles}
    return Draft(text=text, articles=by_start, entities=entities)


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def article_scores(draft: Draft, curated: Mapping[int, Any]) -> dict[str, Ratio]:
    """Articles found (a drafted article begins where a curated one does), and of those found
    the headlines and the bylines (names, roles) right."""
    matched = [(draft.articles[s], curated[s]) for s in draft.articles if s in curated]
    headlines = [" ".join(d.get("headline", [])) == c.headline for d, c in matched if c.headline]
    bylines = [
        sorted((re.sub(r"\s+", "", b["printed"]), b["role"]) for b in d.get("bylines", []))
        == sorted((b.name, b.role) for b in c.bylines)
        for d, c in matched
        if c.bylines
    ]
    return {
        "articles found": Ratio(len(matched), len(curated)),
        "headlines right": Ratio(sum(headlines), len(headlines)),
        "bylines right": Ratio(sum(bylines), len(bylines)),
    }


def break_scores(draft: Draft, curated_breaks: set[int]) -> dict[str, Ratio]:
    """Column breaks (page offsets) found, and proposed right."""
    proposed = {
        draft.text.index(left + "\n\n" + right) + len(left)
        for d in draft.articles.values()
        for change in d.get("edits", [])
        for left, _, right in [change["quote"].partition("[[\n\n]]")]
    }
    both = len(proposed & curated_breaks)
    return {
        "column breaks found": Ratio(both, len(curated_breaks)),
        "column breaks proposed right": Ratio(both, len(proposed)),
    }


def _same_quantity(proposal: dict[str, Any], fact: Any) -> bool:
    """A proposal is the curated quantity when its value text is in the fact's evidence, the
    fact's value text is in what it proposes, and value and unit agree."""
    return bool(
        proposal["value_text"] in fact.evidence.exact
        and fact.value_text in proposal["value_text"] + proposal["evidence"]
        and proposal["unit"] == fact.unit
        and _close(proposal["value"], fact.value)
    )


def quantity_scores(proposals: list[dict[str, Any]], truth: list[Any]) -> dict[str, Ratio]:
    """Quantities: curated ones found (recall), proposals that are one of them (precision:
    one proposal may stand for several curated facts, as 均居世界第一 does), and of those
    found with a period or as-of date, the ones whose period or date is right."""
    right = timed = with_time = 0
    for fact in truth:
        hit = next((p for p in proposals if _same_quantity(p, fact)), None)
        if hit is None:
            continue
        right += 1
        if fact.as_of or fact.period_start:
            with_time += 1
            timed += (hit.get("as_of"), hit.get("period_start"), hit.get("period_end")) == (
                fact.as_of,
                fact.period_start,
                fact.period_end,
            )
    return {
        "quantity recall": Ratio(right, len(truth)),
        "quantity precision": Ratio(
            sum(any(_same_quantity(p, f) for f in truth) for p in proposals), len(proposals)
        ),
        "period right": Ratio(timed, with_time),
    }


def event_scores(proposals: list[dict[str, Any]], truth: list[Any]) -> dict[str, Ratio]:
    """Curated events a proposal gives the same date to, at the same place of the text."""
    right = sum(
        any(
            p["date"] == fact.date
            and (
                p["evidence"] in fact.evidence.exact
                or fact.evidence.exact in p["evidence"]
                or p["subject"] in fact.evidence.exact
            )
            for p in proposals
        )
        for fact in truth
    )
    return {"events dated right": Ratio(right, len(truth))}


def entity_scores(
    proposed: set[tuple[str, str]], curated: list[Any], kind: str | None = None
) -> dict[str, Ratio]:
    """Entities of ``kind`` (all when None): a curated entity is found when a proposal has its
    name or one of its aliases and its type; a proposal is right when it is such a name."""
    gold = [e for e in curated if kind in (None, e.type)]
    mine = {p for p in proposed if kind in (None, p[1])}
    names = {(n, e.type) for e in gold for n in [e.name, *e.aliases]}
    found = sum(any((n, e.type) in mine for n in [e.name, *e.aliases]) for e in gold)
    return {
        "entity recall": Ratio(found, len(gold)),
        "entity precision": Ratio(len(mine & names), len(mine)),
    }


def derived_scores(proposals: list[dict[str, Any]], truth: list[Any]) -> dict[str, Ratio]:
    """Curated derived facts (a value computed by a formula from other facts) that a derived
    proposal gives the value of, and the derived proposals that give a curated one's value."""
    proposed = [p for p in proposals if p["kind"] == "derived"]
    found = sum(any(_close(p.get("value"), f.value) for p in proposed) for f in truth)
    right = sum(any(_close(p.get("value"), f.value) for f in truth) for p in proposed)
    return {
        "derived facts proposed": Ratio(found, len(truth)),
        "derived proposals right": Ratio(right, len(proposed)),
    }


def source_scores(ds: Any, source: Any, draft: Draft) -> dict[str, Ratio]:
    """Every score of one source's draft against that source's curated records."""
    articles = [a for a in ds.articles if a.source_id == source.id]
    ids = {a.id for a in articles}
    facts = [f for f in ds.facts if f.article_id in ids]
    matched = [
        (d, a.id) for s, d in draft.articles.items() for a in articles if a.segments[0].start == s
    ]

    def both(kind: str) -> tuple[list[dict[str, Any]], list[Any]]:
        """The proposals and the curated facts of ``kind`` in the articles found."""
        return (
            [p for d, _ in matched for p in d.get("facts", []) if p["kind"] == kind],
            [f for _, i in matched for f in facts if f.article_id == i and f.kind == kind],
        )

    quantities, truth = both("quantity")
    on_page = [e for e in ds.entities if any(m.article_id in ids for m in e.mentions)]
    return {
        **article_scores(draft, {a.segments[0].start: a for a in articles}),
        **break_scores(
            draft, {e.start for a in articles for e in a.edits if e.kind == "column_break"}
        ),
        **quantity_scores(quantities, [f for f in truth if f.value_text]),
        **event_scores(*both("event")),
        **entity_scores(draft.entities, on_page),
        **derived_scores(
            [p for d, _ in matched for p in d.get("facts", [])],
            [f for f in facts if f.kind == "derived"],
        ),
    }


def page_of(root: Path, source: Any) -> Path:
    """The page file of ``source`` in the checkout (a release path is under ``sources/``)."""
    return root / "dataset" / source.path


def scores_by_source(ds: Any, root: Path, only: str | None = None) -> dict[str, dict[str, Ratio]]:
    """The scores of every source of ``ds`` (or of the one whose id or file name is ``only``)."""
    return {
        s.id: source_scores(ds, s, draft_source(page_of(root, s), s.date))
        for s in ds.sources
        if only in (None, s.id, Path(s.path).name)
    }


def total(scores: Iterable[Mapping[str, Ratio]]) -> dict[str, Ratio]:
    """The micro-averaged scores of several sources: their counts summed."""
    out: dict[str, Ratio] = {}
    for one in scores:
        for name, ratio in one.items():
            out[name] = out.get(name, Ratio(0, 0)) + ratio
    return out
