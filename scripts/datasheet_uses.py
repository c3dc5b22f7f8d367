"""The datasheet's section on uses: the tasks the release supports, the fields that serve
each, and the draft tool's scores on this release as each task's baseline.

Every figure is computed when the datasheet is written: the scores by
``benchmarks/draft_scores.py`` (the scoring ``benchmarks/bench_draft.py`` prints), so that a
change of the draft that changes a score makes the committed datasheet stale.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from draft_scores import TASKS, Ratio, f1, scores_by_source, total  # noqa: E402

#: The tasks the release supports: what is asked, the records and fields that hold the
#: answers, and the scores of the draft that are its baseline.
USES = [
    (
        "Article segmentation",
        "find a page's articles, their headlines and bylines, and the breaks of a page "
        "converted from print",
        "`articles`: `segments`, `headline`, `bylines`; `edits` of kind `column_break`",
        ["articles found", "headlines right", "bylines right", "column breaks found"],
    ),
    (
        "Quantity extraction and normalisation",
        "find each quantity, read its value into base units with its unit and qualifier, "
        "and its period or as-of date",
        "`facts` of kind `quantity`: `value_text`, `value`, `unit`, `counted`, `qualifier`, "
        "`period_start`, `period_end`, `as_of`, `evidence`",
        ["quantity recall", "quantity precision", "period right"],
    ),
    (
        "Numeric claim checking",
        "recompute a figure the page implies from the figures it prints, and say whether the "
        "page agrees",
        "`facts` of kind `derived`: `inputs`, `formula`, `value`, `consistent`",
        ["derived facts proposed", "derived proposals right"],
    ),
    (
        "Event dating",
        "find the happenings a page reports and give each its calendar date",
        "`facts` of kind `event`: `date`, `time_precision`, `participants`, `organizers`, "
        "`evidence`",
        ["events dated right"],
    ),
    (
        "Entity mentions",
        "find the names of people, organisations, places, works and events, with their type",
        "`entities`: `name`, `aliases`, `type`, `mentions`",
        ["entity recall", "entity precision"],
    ),
]


def _value(ratio: Ratio) -> str:
    return "—" if math.isnan(ratio.value) else f"{ratio.value:.3f}"


def _figure(ratio: Ratio) -> str:
    return "—" if not ratio.of else f"{_value(ratio)} ({ratio.hits}/{ratio.of})"


def _f1(scores: Mapping[str, Ratio]) -> str:
    value = f1(scores["entity recall"], scores["entity precision"])
    return "—" if math.isnan(value) else f"{value:.3f}"


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def tasks_table() -> str:
    """One row per task: what it asks, where the answers are, the scores that measure it."""
    return _table(
        [[name, asks, fields, ", ".join(scores)] for name, asks, fields, scores in USES],
        ["task", "what is asked", "records and fields", "baseline scores"],
    )


def totals_table(all_sources: Mapping[str, Ratio], test: Mapping[str, Ratio]) -> str:
    """Each score in total and on the test split, with the count it is out of."""
    rows = [[name, TASKS[name], _figure(all_sources[name]), _figure(test[name])] for name in TASKS]
    rows.append(["entity F1", "of the two above", _f1(all_sources), _f1(test)])
    return _table(rows, ["score", "out of", "all pages", "test split"])


def sources_table(ds: Any, scores: Mapping[str, Mapping[str, Ratio]]) -> str:
    """Each source's scores (the shares; the counts are in the totals and the benchmark)."""
    shown = ["articles found", "quantity recall", "quantity precision", "period right"]
    shown += ["events dated right", "entity recall", "entity precision"]
    rows = [
        [
            f"{s.id} (`{Path(s.path).stem}`)",
            s.split,
            *(_value(scores[s.id][n]) for n in shown),
            _f1(scores[s.id]),
            "{0.hits}/{0.of}".format(scores[s.id]["derived facts proposed"]),
        ]
        for s in sorted(ds.sources, key=lambda s: (s.split, s.date or "", s.id))
    ]
    header = ["source", "split", *shown, "entity F1", "derived facts proposed"]
    return _table(rows, header)


def _derived_sentence(derived: Ratio) -> str:
    """What the baseline of numeric claim checking is, said as the counts have it."""
    if derived.hits:
        return (
            f"The draft proposes {derived.hits} of the {derived.of} curated derived facts "
            "(numeric claim checks): the value a level grew from, where a level and its growth "
            "rate are printed together; the other checks are left to the curator."
        )
    return (
        f"The draft proposes none of the {derived.of} curated derived facts, so the baseline "
        "of numeric claim checking is 0: the checks are left to the curator."
    )


def render_uses(ds: Any) -> str:
    """The datasheet's section on uses: tasks, baselines in total, on the test split and per
    source."""
    scores = scores_by_source(ds, ROOT)
    split = {s.id: s.split for s in ds.sources}
    test = [v for k, v in scores.items() if split[k] == "test"]
    all_sources, test_split = total(scores.values()), total(test)
    test_pages = ", ".join(f"`{s.id}`" for s in ds.sources if s.split == "test")
    derived = all_sources["derived facts proposed"]
    return f"""## Uses: tasks and baselines

- **Tasks.** What the curated records answer, and where:

{tasks_table()}

- **Baseline.** `newsfacts draft` (the rule-based proposals a curator starts from) drafted
  every page of this release into an empty dataset, scored against the curated records of
  that page (`python benchmarks/bench_draft.py` prints the same figures, with entity types
  and speed). Totals are micro-averaged: the counts are summed over the pages. A quantity is
  found when a proposal has its value and unit at the curated value text; an event when a
  proposal gives it the same date at the same place; an entity when a proposal has its name
  or an alias and its type. Quantities, events and periods are scored in the articles found.
  {_derived_sentence(derived)}
  Report results on the test split ({test_pages}) beside the whole release, so that they
  compare with these:

{totals_table(all_sources, test_split)}

  Per source:

{sources_table(ds, scores)}

- **Intended.** Training and evaluating extraction of quantities, events, relations and entities
  from Chinese news; testing fact-checking pipelines on claims whose arithmetic is known to hold
  or fail; teaching provenance-preserving curation.
- **Not suited.** Statistics beyond what the pages say (the figures are as reported by the
  papers, not official statistical releases); any use that needs the news text under an open
  licence."""
