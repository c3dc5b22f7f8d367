"""Memory freed during a scan is kept for reuse, where the C library is glibc."""

from __future__ import annotations

import platform
import resource
import threading
from collections.abc import Iterator

import pyarrow as pa
import pytest

from newsfacts.validation.fast.memory import _jemalloc, kept_for_reuse

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


@pytest.fixture(autouse=True)
def _same_pool_after() -> Iterator[None]:
    """Whatever a test does, the tests after it start from the pool it started from."""
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


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
def test_blocks_in_several_threads_at_once_put_the_default_back_when_the_last_ends() -> None:
    inside = threading.Barrier(4)
    seen: list[str] = []

    def scan() -> None:
        with kept_for_reuse():
            inside.wait()  # all four inside at once
            seen.append(_pool())
            inside.wait()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["jemalloc"] * 4
    assert _pool() == "mimalloc"


@has_jemalloc
def test_a_pool_the_environment_chose_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    with kept_for_reuse():
        assert _pool() == "mimalloc"


@has_jemalloc
def test_a_pool_set_by_the_program_is_left_alone() -> None:
    pa.set_memory_pool(pa.system_memory_pool())
    with kept_for_reuse():
        assert _pool() == "system"
    assert _pool() == "system"


@has_jemalloc
def test_a_pool_the_program_sets_during_a_scan_is_kept_after_it() -> None:
    with kept_for_reuse():
        pa.set_memory_pool(pa.system_memory_pool())
    assert _pool() == "system"


@has_jemalloc
def test_the_default_pool_is_put_back_after_an_error() -> None:
    with pytest.raises(KeyError), kept_for_reuse():
        assert _pool() == "jemalloc"
        raise KeyError("x")
    assert _pool() == "mimalloc"


def test_without_jemalloc_a_scan_goes_on_with_arrows_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(_: int) -> None:
        raise pa.ArrowNotImplementedError("jemalloc support is not built")

    monkeypatch.setattr(pa, "jemalloc_set_decay_ms", missing)
    _jemalloc.cache_clear()
    try:
        before = _pool()
        with kept_for_reuse():
            assert _pool() == before
    finally:
        _jemalloc.cache_clear()


@glibc
@has_jemalloc
def test_a_failure_while_setting_up_leaves_nothing_set(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_: pa.MemoryPool) -> None:
        raise pa.ArrowIOError("refused")

    with monkeypatch.context() as patch:
        patch.setattr(pa, "set_memory_pool", refuse)
        with pytest.raises(pa.ArrowIOError), kept_for_reuse():
            pass
    assert _faults_of_asking_again() > PAGES // 2  # glibc's limits are put back
    with kept_for_reuse():  # and the next scan sets everything up as usual
        assert _pool() == "jemalloc"
        assert _faults_of_asking_again() < PAGES // 10
    assert _pool() == "mimalloc"
