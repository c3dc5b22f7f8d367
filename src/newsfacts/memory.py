"""Memory freed during a scan kept for its next request, where the C library is glibc.

glibc's malloc hands a freed block over 128 KiB straight back to the system (it learns to keep
blocks up to 32 MiB), and the system zeroes such memory page by page when it is asked for again.
A scan asks for and frees tens of MB per block (a row group's texts as Python strings and code
units, numpy temporaries): handed back each time, that memory costs a page fault per 4 KiB, about
a tenth of the scan's time. :func:`kept_for_reuse` raises both limits while the scan runs, then
puts glibc's defaults back and hands what it kept back to the system. Limits the environment
set for the process (``GLIBC_TUNABLES``, ``MALLOC_*_``) are left as they are.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["kept_for_reuse"]

# mallopt(3) parameters, and the limits used while a scan runs
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MMAP_FROM = 64 << 20  #: blocks up to this come from the heap, not from fresh pages
_TRIM_FROM = 64 << 20  #: free memory kept at the top of the heap, up to this
_DEFAULT = 128 << 10  #: glibc's default for both
#: Environment variables that set malloc's limits for the process.
_ENVIRONMENT = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")


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


_lock = threading.Lock()
_depth = 0  #: scans running now: the first sets the limits, the last puts the defaults back


@contextmanager
def kept_for_reuse() -> Iterator[None]:
    """Within the block, freed memory (up to 64 MB free at a time) is kept for reuse (glibc
    only, and only where the process's malloc was not tuned by its environment; elsewhere
    nothing changes). Blocks may nest or run in several threads at once: when the last ends,
    glibc's default limits hold again (fixed, not the adaptive ones it starts with) and the
    kept memory is given back."""
    global _depth
    libc = _glibc()
    if libc is None or _tuned_by_the_user():
        yield
        return
    with _lock:
        _depth += 1
        if _depth == 1:
            libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
            libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_FROM)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                libc.mallopt(_M_MMAP_THRESHOLD, _DEFAULT)
                libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT)
                libc.malloc_trim(0)
