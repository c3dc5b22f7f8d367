"""How much of a page ``newsfacts draft`` gets right: measured against the curated release,
never asserted.

On the seed page (the one page with curated truth): ``draft`` it into an empty dataset and
compare each drafted article with the curated one that begins at the same place of the page:
articles found (recall of boundaries), headlines, bylines (names and roles), column breaks,
quantities (value and unit right, and the period or as-of date: recall and precision), events
(date right) and entities (name and type: precision, recall and F1, in all and per type).
Pages per minute are timed over every page given (default: the seed page; pass more page
files to time them too).

    python benchmarks/bench_draft.py [PAGE ...]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import newsfacts
from newsfacts.curation.draft import draft_page

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
#: The page the drafts are measured on: the first page, curated by hand.
SEED = "000_498095c5033c9e5e.txt"


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def seed_quality() -> dict[str, float]:
    ds = newsfacts.load()
    source = next(s for s in ds.sources if s.path.endswith(SEED))
    page = ROOT / source.path.replace("sources/", "dataset/sources/")
    text = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-draft-") as work:
        done = draft_page(page, Path(work) / "dataset", date=source.date)
        entities_file = Path(work) / "dataset" / "curated" / "entities"
        proposed = {
            (e["name"], e["type"])
            for p in entities_file.glob("*.toml")
            for e in tomllib.loads(p.read_text(encoding="utf-8")).get("entities", [])
        }
        drafted = {
            text.index(a["segments"][0]["start"]): a
            for a in (
                tomllib.loads(p.read_text(encoding="utf-8"))
                for p in sorted(done.folder.glob("a*.toml"))
            )
        }
    curated = {a.segments[0].start: a for a in ds.articles if a.source_id == source.id}
    matched = [(drafted[s], curated[s]) for s in drafted if s in curated]
    headlines = sum(
        " ".join(d.get("headline", [])) == (c.headline or "") for d, c in matched if c.headline
    )
    with_headline = sum(1 for _, c in matched if c.headline)
    bylines = sum(
        sorted((re.sub(r"\s+", "", b["printed"]), b["role"]) for b in d.get("bylines", []))
        == sorted((b.name, b.role) for b in c.bylines)
        for d, c in matched
        if c.bylines
    )
    with_bylines = sum(1 for _, c in matched if c.bylines)
    found = right = timed = with_time = 0
    curated_count = events = events_right = 0
    for d, c in matched:
        for fact in (f for f in ds.facts if f.article_id == c.id and f.kind == "event"):
            events += 1
            events_right += any(
                p["kind"] == "event"
                and p["date"] == fact.date
                and (
                    p["evidence"] in fact.evidence.exact
                    or fact.evidence.exact in p["evidence"]
                    or p["subject"] in fact.evidence.exact
                )
                for p in d.get("facts", [])
            )
        truth = [
            f for f in ds.facts if f.article_id == c.id and f.kind == "quantity" and f.value_text
        ]
        curated_count += len(truth)
        proposals = [p for p in d.get("facts", []) if p["kind"] == "quantity"]
        found += len(proposals)
        for fact in truth:
            hit = next(
                (
                    p
                    for p in proposals
                    if p["value_text"] in fact.evidence.exact
                    and fact.value_text in p["value_text"] + p["evidence"]
                    and p["unit"] == fact.unit
                    and _close(p["value"], fact.value)
                ),
                None,
            )
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
    breaks = {
        text.index(left + "\n\n" + right) + len(left)
        for d in drafted.values()
        for change in d.get("edits", [])
        for left, _, right in [change["quote"].partition("[[\n\n]]")]
    }
    curated_breaks = {e.start for a in ds.articles for e in a.edits if e.kind == "column_break"}
    return {
        "curated articles": len(curated),
        "column breaks found": len(breaks & curated_breaks) / len(curated_breaks),
        "column breaks proposed right": len(breaks & curated_breaks) / len(breaks)
        if breaks
        else math.nan,
        "articles found": len(matched) / len(curated),
        "headlines right": headlines / with_headline if with_headline else math.nan,
        "bylines right (names, roles)": bylines / with_bylines if with_bylines else math.nan,
        "curated quantities": curated_count,
        "quantity recall": right / curated_count if curated_count else math.nan,
        "quantity precision": right / found if found else math.nan,
        "period right": timed / with_time if with_time else math.nan,
        **_entity_scores(ds, proposed),
        "curated events": events,
        "events right (date)": events_right / events if events else math.nan,
    }


def _entity_scores(ds: Any, proposed: set[tuple[str, str]]) -> dict[str, Any]:
    """Name and type of the drafted entities against the curated ones (a curated entity is
    found when a proposal has its name or one of its aliases, and its type), in all and per
    type."""
    # the entities mentioned on the seed page, with its mentions only
    curated = [e for e in ds.entities if any(m.article_id[2:10] == "bcfbe062" for m in e.mentions)]
    out: dict[str, Any] = {"curated entities": len(curated)}
    kinds = sorted({e.type for e in curated} | {k for _, k in proposed})
    for kind in [None, *kinds]:
        gold = [e for e in curated if kind in (None, e.type)]
        mine = {p for p in proposed if kind in (None, p[1])}
        found = sum(any((n, e.type) in mine for n in [e.name, *e.aliases]) for e in gold)
        names = {(n, e.type) for e in gold for n in [e.name, *e.aliases]}
        right = sum(1 for p in mine if p in names)
        recall = found / len(gold) if gold else math.nan
        precision = right / len(mine) if mine else math.nan
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else math.nan
        if kind is None:
            out |= {"entity recall": recall, "entity precision": precision, "entity F1": f1}
        else:
            out[f"  {kind} ({len(gold)}/{len(mine)}): P R F1"] = (precision, recall, f1)
    return out


def pages_per_minute(pages: list[Path]) -> dict[str, float]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-draft-") as work:
        for page in pages:
            draft_page(page, Path(work) / "dataset")
    seconds = time.perf_counter() - started
    return {"pages": len(pages), "pages per minute": 60 * len(pages) / seconds}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="more pages to time")
    args = parser.parse_args(argv)
    seed = ROOT / "dataset" / "sources" / SEED
    for title, figures in (
        ("the seed page against its curated release", seed_quality()),
        ("speed", pages_per_minute([seed, *args.pages])),
    ):
        print(f"\n{title}")
        for name, value in figures.items():
            if isinstance(value, tuple):
                shown = " ".join("  -  " if math.isnan(v) else f"{v:.3f}" for v in value)
            else:
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {name:28} {shown}")


if __name__ == "__main__":
    sys.exit(main())
