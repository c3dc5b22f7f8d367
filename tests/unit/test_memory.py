"""Memory freed during a scan is kept for reuse, where the C library is glibc."""

from __future__ import annotations

import platform
import resource

import pyarrow as pa
import pytest

from newsfacts.memory import _jemalloc, kept_for_reuse

SIZE = 48 << 20  # over the 32 MiB up to which glibc learns to keep freed blocks
PAGES = SIZE // 4096


def _faults_of_asking_again() -> int:
    """The page faults of writing SIZE bytes into memory just freed."""
    block = b"\x01" * SIZE
    del block
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = b"\x02" * SIZE
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    del block
    return faults


glibc = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only"
)


@glibc
def test_freed_memory_is_asked_for_again_without_page_faults() -> None:
    with kept_for_reuse():
        assert _faults_of_asking_again() < PAGES // 10


@glibc
def test_outside_it_glibc_hands_such_memory_back() -> None:
    with kept_for_reuse():
        pass
    assert _faults_of_asking_again() > PAGES // 2  # fresh pages again: nothing kept


@glibc
def test_an_inner_block_ending_leaves_the_outer_one_keeping_memory() -> None:
    with kept_for_reuse():
        with kept_for_reuse():
            pass
        assert _faults_of_asking_again() < PAGES // 10
    assert _faults_of_asking_again() > PAGES // 2


@glibc
@pytest.mark.parametrize(
    "name, value",
    [("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1048576"), ("MALLOC_TRIM_THRESHOLD_", "0")],
)
def test_limits_the_environment_set_are_left_alone(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with kept_for_reuse():
        assert _faults_of_asking_again() > PAGES // 2  # glibc's defaults in this process


def test_it_gives_way_to_errors() -> None:
    with pytest.raises(KeyError), kept_for_reuse():
        raise KeyError("x")


def _pool() -> str:
    return str(pa.default_memory_pool().backend_name)


has_jemalloc = pytest.mark.skipif(
    _jemalloc() is None or _pool() != "mimalloc",
    reason="pyarrow without jemalloc, or another default pool",
)


@has_jemalloc
def test_arrow_allocates_from_jemalloc_during_a_scan_and_from_its_default_after() -> None:
    with kept_for_reuse():
        assert _pool() == "jemalloc"
        assert pa.array(["文本"] * 1000).nbytes  # Arrow works as usual
    assert _pool() == "mimalloc"


@has_jemalloc
def test_an_inner_block_ending_leaves_arrow_on_jemalloc() -> None:
    with kept_for_reuse():
        with kept_for_reuse():
            pass
        assert _pool() == "jemalloc"
    assert _pool() == "mimalloc"


@has_jemalloc
def test_a_pool_the_environment_chose_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    with kept_for_reuse():
        assert _pool() == "mimalloc"


@has_jemalloc
def test_a_pool_set_by_the_program_is_left_alone() -> None:
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        with kept_for_reuse():
            assert _pool() == "system"
        assert _pool() == "system"
    finally:
        pa.set_memory_pool(pa.mimalloc_memory_pool())


@has_jemalloc
def test_the_default_pool_is_put_back_after_an_error() -> None:
    with pytest.raises(KeyError), kept_for_reuse():
        raise KeyError("x")
    assert _pool() == "mimalloc"
