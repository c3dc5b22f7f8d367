"""How much of a page ``newsfacts draft`` gets right: measured against the curated release,
never asserted.

Every source of the release is drafted into an empty dataset and compared with its curated
articles, facts and entities (``benchmarks/draft_scores.py`` holds the scoring, which
``scripts/make_docs.py`` also writes into the datasheet): articles found (boundaries),
headlines, bylines (names and roles), column breaks, quantities (value and unit right, and the
period or as-of date: recall and precision), events (date right), entities (name and type:
precision, recall and F1, in all and per type) and derived facts (numeric claim checks) the
draft proposes. Figures are given per source and in total (micro-averaged: counts summed over
the sources). Pages per minute are timed over the pages scored and any more page files given.

    python benchmarks/bench_draft.py [--source ID_OR_FILE] [PAGE ...]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

import newsfacts
from newsfacts.curation.draft import draft_page

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draft_scores import (
    TASKS,
    Ratio,
    draft_source,
    entity_scores,
    f1,
    page_of,
    scores_by_source,
    total,
)

ROOT = Path(__file__).resolve().parent.parent


def _shown(ratio: Ratio) -> str:
    value = "  -  " if math.isnan(ratio.value) else f"{ratio.value:.3f}"
    return f"{value} ({ratio.hits}/{ratio.of})"


def print_scores(title: str, scores: dict[str, Ratio]) -> None:
    """One block of figures: every task's share with its counts, and the entity F1."""
    print(f"\n{title}")
    for name in TASKS:
        print(f"  {name:30} {_shown(scores[name])}")
    print(f"  {'entity F1':30} {f1(scores['entity recall'], scores['entity precision']):.3f}")


def print_entity_types(ds: newsfacts.Dataset, sources: list[str]) -> None:
    """Precision, recall and F1 per entity type over the sources scored (micro-averaged)."""
    chosen = [s for s in ds.sources if s.id in sources]
    drafts = {s.id: draft_source(page_of(ROOT, s), s.date) for s in chosen}
    curated = {
        s.id: [e for e in ds.entities if any(m.article_id[2:10] == s.id[2:] for m in e.mentions)]
        for s in chosen
    }
    kinds = sorted({e.type for es in curated.values() for e in es})
    print("\nentities per type: P R F1 (curated/proposed)")
    for kind in kinds:
        one = total(entity_scores(drafts[i].entities, curated[i], kind) for i in drafts)
        recall, precision = one["entity recall"], one["entity precision"]
        shown = " ".join(
            "  -  " if math.isnan(v) else f"{v:.3f}"
            for v in (precision.value, recall.value, f1(recall, precision))
        )
        print(f"  {kind} ({recall.of}/{precision.of}): {shown}")


def pages_per_minute(pages: list[Path]) -> dict[str, float]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-draft-") as work:
        for page in pages:
            draft_page(page, Path(work) / "dataset")
    seconds = time.perf_counter() - started
    return {"pages": len(pages), "pages per minute": 60 * len(pages) / seconds}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="score only this source (its id or page file name)")
    parser.add_argument("pages", nargs="*", type=Path, help="more pages to time")
    args = parser.parse_args(argv)
    ds = newsfacts.load()
    scores = scores_by_source(ds, ROOT, args.source)
    if not scores:
        parser.error(f"no source {args.source!r} in the release")
    split = {s.id: s.split for s in ds.sources}
    for source_id, figures in scores.items():
        print_scores(f"{source_id} ({split[source_id]})", figures)
    if len(scores) > 1:
        print_scores("all sources (micro-averaged)", total(scores.values()))
        test = [v for k, v in scores.items() if split[k] == "test"]
        print_scores("test split (micro-averaged)", total(test))
    print_entity_types(ds, list(scores))
    timed = [page_of(ROOT, s) for s in ds.sources if s.id in scores] + args.pages
    print("\nspeed")
    for name, value in pages_per_minute(timed).items():
        print(f"  {name:30} {value:.1f}" if isinstance(value, float) else f"  {name:30} {value}")


if __name__ == "__main__":
    sys.exit(main())
