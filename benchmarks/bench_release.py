"""Time load and validate on a release and print the figures (no assertion on time).

python benchmarks/bench_release.py [RELEASE_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import newsfacts
from newsfacts.release.resources import release_dir


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
    records = sum(len(getattr(ds, t)) for t in ("sources", "articles", "facts", "entities"))
    print(f"release {root} ({records} records), median and best of {args.repeat}")
    for name, action in (
        ("load", lambda: newsfacts.load(root)),
        ("validate", lambda: newsfacts.validate(root)),
    ):
        median, best = measure(action, args.repeat)
        print(
            f"{name:10s} {median * 1000:9.1f} ms  best {best * 1000:9.1f} ms  "
            f"{records / median:12,.0f} records/s"
        )


if __name__ == "__main__":
    main()
