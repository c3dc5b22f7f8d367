"""Every reader of a release refuses what validate refuses, with one line and exit 1: a FIFO,
a link to a device or out of the release, invalid UTF-8, deep nesting, a key given twice."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts.cli import main
from tests.conftest import RELEASE


def _release(tmp_path: Path) -> Path:
    root = tmp_path / "release"
    shutil.copytree(RELEASE, root)
    return root


def _in_time(work: Callable[[], Any]) -> Any:
    """``work()``, failing the test (not hanging the suite) after 30 seconds."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the reader hangs"
    if errors:
        raise errors[0]
    return result[0]


def _run(*args: str) -> Any:
    return _in_time(lambda: CliRunner().invoke(main, list(args)))


def _fifo(root: Path, name: str) -> None:
    (root / name).unlink()
    os.mkfifo(root / name)


def _to_zero(root: Path, name: str) -> None:
    (root / name).unlink()
    (root / name).symlink_to("/dev/zero")


def _outside(root: Path, name: str) -> None:
    outside = root.parent / "outside.jsonl"
    shutil.copy(root / name, outside)
    (root / name).unlink()
    (root / name).symlink_to(outside)


CASES = {
    "fifo": (_fifo, "it is not a regular file"),
    "dev-zero": (_to_zero, "it is a symbolic link to a file outside the release"),
    "outside": (_outside, "it is a symbolic link to a file outside the release"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("name", ["facts.jsonl", "manifest.json"])
def test_no_reader_opens_what_is_not_a_file_of_the_release(
    tmp_path: Path, case: str, name: str
) -> None:
    root = _release(tmp_path)
    make, reason = CASES[case]
    make(root, name)
    result = _run("validate", str(root))
    assert result.exit_code == 1
    assert f"{name}: {name} cannot be read: {reason} [file-unreadable]" in result.output
    message = f"newsfacts: {root / name}: cannot be read: {reason}\n"
    for args in (["stats", str(root)], ["show", "x", "--release", str(root)]):
        result = _run(*args)
        assert (result.exit_code, result.output) == (1, message), args
    out = tmp_path / "out"
    result = _run("export", "--format", "csv", "--out", str(out), "--release", str(root))
    assert (result.exit_code, result.output) == (1, message)
    with pytest.raises(newsfacts.LoadError) as caught:
        _in_time(lambda: newsfacts.load(root))
    assert str(caught.value) == message.removeprefix("newsfacts: ").rstrip("\n")
    if name.endswith(".jsonl"):
        result = _run("diff", str(RELEASE), str(root))
        refusal = (
            f"newsfacts: {root} does not validate: 1 problem (1 file-unreadable); "
            f"run 'newsfacts validate {root}', or compare anyway with --unchecked\n"
        )
        assert (result.exit_code, result.output) == (1, refusal)
        result = _run("diff", "--unchecked", str(RELEASE), str(root))
        assert (result.exit_code, result.output) == (1, message)


LINE_CASES = {
    "utf8": (b'{"id": "\xff"}\n', "not valid UTF-8: invalid start byte"),
    "deep": (
        b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "not valid JSON: the JSON is nested too deeply",
    ),
    "dup": (
        b'{"value":1.0,"value":6.2}\n',
        "not valid JSON: key 'value' is given twice in one object",
    ),
}


@pytest.mark.parametrize("case", sorted(LINE_CASES))
def test_readers_refuse_a_line_validate_reports(tmp_path: Path, case: str) -> None:
    root = _release(tmp_path)
    line, reason = LINE_CASES[case]
    path = root / "facts.jsonl"
    path.write_bytes(path.read_bytes() + line)
    number = path.read_bytes().count(b"\n")
    message = f"newsfacts: {path}:{number}: {reason}\n"
    for args in (["stats", str(root)], ["show", "x", "--release", str(root)]):
        result = _run(*args)
        assert (result.exit_code, result.output) == (1, message), args
    with pytest.raises(newsfacts.LoadError) as caught:
        newsfacts.load(root)
    assert str(caught.value) == message.removeprefix("newsfacts: ").rstrip("\n")
    result = _run("diff", str(RELEASE), str(root))
    assert result.exit_code == 1
    assert result.output.startswith(f"newsfacts: {root} does not validate: 4 problems (")
    result = _run("diff", "--unchecked", str(RELEASE), str(root))
    assert (result.exit_code, result.output) == (1, message)
    result = _run("validate", str(root))
    assert result.exit_code == 1
