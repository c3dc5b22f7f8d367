"""Memory freed during a scan kept for its next request: by glibc's malloc, and by Arrow.

glibc's malloc hands a freed block over 128 KiB straight back to the system (it learns to keep
blocks up to 32 MiB), and the system zeroes such memory page by page when it is asked for again.
A scan asks for and frees tens of MB per block (a row group's texts as Python strings and code
units, numpy temporaries): handed back each time, that memory costs a page fault per 4 KiB, about
a tenth of the scan's time. :func:`kept_for_reuse` raises both limits while the scan runs, then
puts glibc's defaults back and hands what it kept back to the system. Limits the environment
set for the process (``GLIBC_TUNABLES``, ``MALLOC_*_``) are left as they are.

Arrow's own memory (the blocks Arrow parses, the row groups it reads, the results of its
kernels) is allocated in one thread of the scan and freed in another. Arrow's default
allocator, mimalloc, hands such memory back to the system within milliseconds; while the scan
runs, Arrow allocates from jemalloc instead (where pyarrow has it), which keeps freed pages
for a while before it hands them back: :data:`ARROW_DECAY_MS` in the arenas it makes after
it starts, which serve the scan's threads (its first arena, made as it starts, keeps Arrow's
own setting of about a second). At archive scale the scan was a few per cent quicker and its
peak 50 to 80 MiB lower. The switch is for the whole process: Arrow's work in other threads
meanwhile comes from jemalloc too, and is freed there as usual. The default pool is put back
when the last scan ends, and what jemalloc kept is handed back. A pool chosen through
``ARROW_DEFAULT_MEMORY_POOL``, or set to anything but mimalloc, is left as it is, and so is a
pool the program sets while a scan runs.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["ARROW_DECAY_MS", "kept_for_reuse"]

# mallopt(3) parameters, and the limits used while a scan runs
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_FROM = 64 << 20  #: blocks up to this come from the heap, not from fresh pages
_TRIM_FROM = 64 << 20  #: free memory kept at the top of the heap, up to this
_DEFAULT = 128 << 10  #: glibc's default for both
#: Environment variables that set malloc's limits for the process.
_ENVIRONMENT = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")
#: How long jemalloc keeps the pages Arrow frees during a scan, in milliseconds: of the values
#: measured at archive scale (0 s to 20 s, and for ever), 5 s and 20 s were the quickest, 5 s
#: with the lower peak (``benchmarks/README.md``).
ARROW_DECAY_MS = 5000


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def _tuned_by_the_user() -> bool:
    """Whether malloc's limits were set for this process (they cannot be read back, so they
    could not be put back)."""
    tunables = os.environ.get("GLIBC_TUNABLES", "")
    return "glibc.malloc." in tunables or any(name in os.environ for name in _ENVIRONMENT)


@functools.cache
def _jemalloc() -> Any:
    """Arrow's jemalloc pool, its decay set for the arenas jemalloc makes from now on; None
    where pyarrow was built without jemalloc."""
    import pyarrow as pa

    try:
        pa.jemalloc_set_decay_ms(ARROW_DECAY_MS)
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowException):  # a scan then goes on with mimalloc
        return None


_lock = threading.Lock()
_depth = 0  #: scans running now: the first sets the limits, the last puts the defaults back
_glibc_kept: ctypes.CDLL | None = None  #: glibc, while its limits are raised
_arrow_before: Any = None  #: Arrow's default pool before the first scan, while one runs


def _keep() -> None:
    global _glibc_kept, _arrow_before
    libc = _glibc()
    if libc is not None and not _tuned_by_the_user():
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
        libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_FROM)
        _glibc_kept = libc
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        import pyarrow as pa

        pool = pa.default_memory_pool()
        jemalloc = _jemalloc() if pool.backend_name == "mimalloc" else None
        if jemalloc is not None:
            _arrow_before = pool
            pa.set_memory_pool(jemalloc)


def _give_back() -> None:
    global _glibc_kept, _arrow_before
    if _glibc_kept is not None:
        _glibc_kept.mallopt(_M_MMAP_THRESHOLD, _DEFAULT)
        _glibc_kept.mallopt(_M_TRIM_THRESHOLD, _DEFAULT)
        _glibc_kept.malloc_trim(0)
        _glibc_kept = None
    if _arrow_before is not None:
        import pyarrow as pa

        if pa.default_memory_pool().backend_name == "jemalloc":  # not changed meanwhile
            pa.set_memory_pool(_arrow_before)
        _arrow_before = None
        _jemalloc().release_unused()


@contextmanager
def kept_for_reuse() -> Iterator[None]:
    """Within the block, freed memory is kept for reuse: by glibc (up to 64 MB free at a time;
    only where the process's malloc was not tuned by its environment) and by Arrow (from
    jemalloc, where pyarrow has it and mimalloc is the default pool); elsewhere nothing
    changes. Blocks may nest or run in several threads at once: when the last ends, glibc's
    default limits hold again (fixed, not the adaptive ones it starts with), Arrow's default
    pool is put back and the kept memory is given back."""
    global _depth
    with _lock:
        if _depth == 0:
            try:
                _keep()
            except BaseException:
                _give_back()  # what was set before the failure
                raise
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _give_back()
