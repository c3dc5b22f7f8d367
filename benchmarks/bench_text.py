"""How well and how fast the text layer reads: measured against curated truth, never asserted.

- ``find_quantities`` against the curated quantity facts of a release: recall (a curated
  quantity is found when a found quantity covers its value text with the same value, or range,
  and unit), the share of those whose period or as-of date is right too, and precision (the
  share of found quantities that are curated ones; curators do not state every number of an
  article, so this understates it);
- ``read_quantity`` on every value text of the release and on the phrases of
  ``tests/fixtures/numbers/real_news.tsv``: the share read as curated;
- speed: characters per second of ``find_quantities``, and milliseconds for a page of 5 000
  characters.

    python benchmarks/bench_text.py [RELEASE]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

import newsfacts
from newsfacts.text.finder import Found, find_quantities
from newsfacts.text.quantity import read_quantity

ROOT = Path(__file__).resolve().parent.parent
REAL_NEWS = ROOT / "tests" / "fixtures" / "numbers" / "real_news.tsv"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _value_span(fact: Any) -> tuple[int, int] | None:
    """Where a fact's value text stands in its article's text."""
    if not fact.value_text:
        return None
    at = fact.evidence.exact.find(fact.value_text)
    if at == -1:
        return None
    start = fact.evidence.start + at
    return start, start + len(fact.value_text)


def _matches(found: Found, fact: Any) -> bool:
    q = found.quantity
    if q.unit != fact.unit:
        return False
    if fact.value is not None and q.value is not None:
        return _close(q.value, fact.value)
    return _close(q.low, getattr(fact, "low", None)) and _close(q.high, getattr(fact, "high", None))


def _time_right(found: Found, fact: Any) -> bool:
    t = found.time
    if fact.as_of:  # 截至7月底, or the date or year a stock is counted at (2021年的6859家)
        return t is not None and t.last == fact.as_of and t.kind in ("as_of", "date", "period")
    if fact.period_start or fact.period_end:
        return t is not None and (t.first, t.last) == (fact.period_start, fact.period_end)
    return True


def finder_quality(ds: Any) -> dict[str, float]:
    dates = {s.id: s.date for s in ds.sources}
    texts = {a.id: (a.text, dates.get(a.source_id)) for a in ds.articles}
    by_article: dict[str, list[Found]] = {
        aid: find_quantities(text, base=date) for aid, (text, date) in texts.items()
    }
    curated = [f for f in ds.facts if f.kind == "quantity" and _value_span(f) is not None]
    hits = timed = with_time = 0
    matched_found: set[tuple[str, int]] = set()
    for fact in curated:
        span = _value_span(fact)
        assert span is not None
        for found in by_article[fact.article_id]:
            if found.start < span[1] and span[0] < found.end and _matches(found, fact):
                hits += 1
                matched_found.add((fact.article_id, found.start))
                if fact.as_of or fact.period_start or fact.period_end:
                    with_time += 1
                    timed += _time_right(found, fact)
                break
    spans = {(f.article_id, _value_span(f)) for f in curated}
    total_found = sum(len(v) for v in by_article.values())
    covering = sum(
        1
        for aid, founds in by_article.items()
        for found in founds
        if any(
            a == aid and s is not None and found.start < s[1] and s[0] < found.end for a, s in spans
        )
    )
    return {
        "curated": len(curated),
        "recall": hits / len(curated) if curated else math.nan,
        "time right": timed / with_time if with_time else math.nan,
        "with time": with_time,
        "found": total_found,
        "precision": covering / total_found if total_found else math.nan,
    }


def reader_quality(ds: Any) -> dict[str, float]:
    right = total = 0
    for fact in ds.facts:
        if not fact.value_text or fact.unit is None:
            continue
        total += 1
        q = read_quantity(fact.value_text)
        if q is not None and q.unit == fact.unit and q.qualifier == (fact.qualifier or "exact"):
            value_ok = _close(q.value, fact.value) if fact.value is not None else True
            right += value_ok
    news_right = news_total = 0
    for line in REAL_NEWS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        text, value, unit, qualifier = line.split("\t")
        news_total += 1
        q = read_quantity(text)
        printed = value.split(" (")[0]
        if q is None or (q.unit, q.qualifier) != (unit, qualifier):
            continue
        if ".." in printed:
            low, high = map(float, printed.split(".."))
            news_right += _close(q.low, low) and _close(q.high, high)
        else:
            news_right += _close(q.value, float(printed))
    return {
        "value texts": total,
        "value texts read right": right / total if total else math.nan,
        "news phrases": news_total,
        "news phrases read right": news_right / news_total if news_total else math.nan,
    }


def speed(ds: Any) -> dict[str, float]:
    texts = [a.text for a in ds.articles]
    chars = sum(map(len, texts))
    started = time.perf_counter()
    for text in texts:
        find_quantities(text)
    seconds = time.perf_counter() - started
    page = ("".join(texts) * 10)[:5000]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        find_quantities(page)
        runs.append(time.perf_counter() - started)
    return {"chars per second": chars / seconds, "ms per 5000-char page": min(runs) * 1000}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", nargs="?", default=None, help="default: the packaged one")
    args = parser.parse_args(argv)
    ds = newsfacts.load(args.release)
    print(f"release {ds.path} (version {ds.version})")
    for title, figures in (
        ("find_quantities against the curated quantities", finder_quality(ds)),
        ("read_quantity", reader_quality(ds)),
        ("speed", speed(ds)),
    ):
        print(f"\n{title}")
        for name, value in figures.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {name:28} {shown}")


if __name__ == "__main__":
    sys.exit(main())
