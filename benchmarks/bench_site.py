"""Time ``newsfacts review``: the whole site of a release, built and written (no assertion on
time). Each round of ``review`` writes the whole site into a new folder: load, validate, every
page, the atomic write; the first three steps are timed apart too.

    python benchmarks/bench_site.py [RELEASE_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import newsfacts
from newsfacts.release.resources import release_dir
from newsfacts.site.render import build_site, render_site


def measure(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("release", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = args.release or release_dir()
    ds = newsfacts.load(root)
    report = newsfacts.validate(root)
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-site-") as work:
        rounds = iter(range(args.repeat))
        summary = build_site(root, Path(work) / "warm")

        def build() -> None:
            build_site(root, Path(work) / f"site-{next(rounds)}")

        steps = (
            ("load", lambda: newsfacts.load(root)),
            ("validate", lambda: newsfacts.validate(root)),
            ("pages", lambda: render_site(ds, report)),
            ("review", build),
        )
        print(
            f"site of {root}: {summary.pages} pages ({len(ds.articles)} articles, "
            f"{len(ds.facts)} facts, {len(ds.entities)} entities); median and best of "
            f"{args.repeat}"
        )
        for name, action in steps:
            median, best = measure(action, args.repeat)
            print(f"  {name:10s} {median * 1000:9.1f} ms  best {best * 1000:9.1f} ms")
        size = sum(p.stat().st_size for p in (Path(work) / "warm").rglob("*") if p.is_file())
        print(f"  {'size':10s} {size / 1024:9.0f} KiB")


if __name__ == "__main__":
    main()
