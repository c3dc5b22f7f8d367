"""The threads of a scan: a reader one step ahead of its consumer, and work on many items at
once in a pool, handed out in order.

Arrow's readers and kernels, numpy and hashlib let go of the GIL while they work, so a scan's
stages share the cores: a file's bytes are read in a thread of their own (:func:`ahead`),
each block is parsed and checked by itself in a pool of workers (:func:`in_order`), and the
checks against other tables run in the consumer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Full, Queue
from threading import Event, Thread
from typing import Any, TypeVar

__all__ = ["ahead", "in_order"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def ahead(items: Iterator[_T]) -> Generator[_T, None, None]:
    """``items``, produced in a second thread one step ahead of the consumer. An error in the
    thread is raised in the consumer; a consumer that stops early stops the thread."""
    queue: Queue[tuple[bool, Any]] = Queue(maxsize=1)
    stop = Event()

    def put(item: tuple[bool, Any]) -> bool:
        while not stop.is_set():
            try:
                queue.put(item, timeout=0.05)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((True, item)):
                    return
            put((False, None))
        except BaseException as exc:  # handed to the consumer, raised there
            put((False, exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # a generator's files are closed now, not when collected

    thread = Thread(target=produce, name="newsfacts-read", daemon=True)
    thread.start()
    try:
        while True:
            more, item = queue.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        thread.join()


def in_order(
    work: Callable[[_T], _R], items: Iterator[_T], pool: ThreadPoolExecutor, depth: int
) -> Generator[_R, None, None]:
    """``work`` done on each of ``items`` in ``pool``, up to ``depth`` items at once, the
    results handed out in the order of the items. An error is raised where its item's result
    would stand; a consumer that stops early cancels what has not started."""
    pending: deque[Future[_R]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= depth:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        close = getattr(items, "close", None)
        if close is not None:
            close()  # a reader's thread stops now
