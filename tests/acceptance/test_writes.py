"""Writing commands replace only their own output: a folder is replaced only when every entry
in it is a file newsfacts wrote there, and an interrupted write leaves nothing behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfacts import __version__
from newsfacts.cli import main
from newsfacts.release.atomic import TargetError, atomic_directory

from ..conftest import RELEASE


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def _refusal(result) -> str:  # type: ignore[no-untyped-def]
    """The output without the line an export prints about the release it read."""
    lines = result.output.splitlines(keepends=True)
    if lines and lines[0].startswith("newsfacts: read "):
        lines = lines[1:]
    return "".join(lines)


def _thesis(folder: Path) -> None:
    """A user's folder that merely holds a file named manifest.json."""
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "plot.png").write_bytes(b"png")
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    (folder / "thesis.tex").write_text("precious", encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


COMMANDS = {
    "export": lambda out, data: ["export", "--format", "csv", "--out", str(out)],
    "synth": lambda out, data: ["synth", "--articles", "3", "--out", str(out)],
    "build": lambda out, data: ["build", "--dataset", str(data), "--out", str(out)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_with_a_stray_manifest_is_not_replaced(
    command: str, tmp_path: Path, dataset_copy: Path
) -> None:
    out = tmp_path / "x"
    _thesis(out)
    before = _files(out)
    result = _invoke(*COMMANDS[command](out, dataset_copy))
    assert result.exit_code == 2, result.output
    assert _refusal(result) == (
        f"newsfacts: {out} cannot be replaced: its manifest.json is not a newsfacts manifest; "
        "nothing was deleted. Choose a new or empty folder.\n"
    )
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset", "x"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_earlier_output_of_ours_is_replaced(
    command: str, tmp_path: Path, dataset_copy: Path
) -> None:
    out = tmp_path / "x"
    args = COMMANDS[command](out, dataset_copy)
    assert _invoke(*args).exit_code == 0
    result = _invoke(*args)
    assert result.exit_code == 0, result.output
    assert (out / "manifest.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset", "x"]


def _release(tmp_path: Path) -> Path:
    out = tmp_path / "rel"
    assert _invoke("synth", "--articles", "3", "--out", str(out)).exit_code == 0
    return out


@pytest.mark.parametrize(
    ("name", "harm"),
    [
        ("thesis.tex", lambda out: (out / "thesis.tex").write_text("mine", encoding="utf-8")),
        ("figures", lambda out: (out / "figures").mkdir()),
        ("facts.jsonl", lambda out: (out / "facts.jsonl").write_bytes(b"edited by hand\n")),
        ("croissant.json", lambda out: (out / "croissant.json").write_text("{}\n")),
        ("link", lambda out: (out / "link").symlink_to(out / "facts.jsonl")),
    ],
)
def test_anything_not_ours_in_a_release_keeps_it(tmp_path: Path, name: str, harm) -> None:  # type: ignore[no-untyped-def]
    out = _release(tmp_path)
    harm(out)
    before = _files(out)
    result = _invoke("synth", "--articles", "3", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert f"cannot be replaced: {name!r} is not a file newsfacts wrote there" in result.output
    assert _files(out) == before


def test_an_export_over_the_release_it_reads_is_refused(release_copy: Path) -> None:
    before = _files(release_copy)
    result = _invoke(
        "export", "--format", "parquet", "--release", str(release_copy), "--out", str(release_copy)
    )
    assert result.exit_code == 2, result.output
    assert result.output == f"newsfacts: read {release_copy}, version {__version__}\n" + (
        f"newsfacts: {release_copy} is the release being exported: an export there would "
        "replace its other files; nothing was written. Choose another folder.\n"
    )
    assert _files(release_copy) == before


def test_the_committed_release_may_be_exported_elsewhere(tmp_path: Path) -> None:
    result = _invoke(
        "export", "--format", "parquet", "--release", str(RELEASE), "--out", str(tmp_path / "p")
    )
    assert result.exit_code == 0, result.output
    listed = json.loads((tmp_path / "p" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(e["path"] for e in listed["files"]) == sorted(
        p.name for p in (tmp_path / "p").iterdir() if p.name != "manifest.json"
    )


def test_a_failed_write_leaves_no_temporary_folder(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_directory(tmp_path / "out") as tmp:
        (tmp / "half").write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_a_stale_folder_of_a_dead_run_is_removed_and_others_are_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".out.{pid}.abcd1234.tmp"
    stale.mkdir()
    alive = tmp_path / f".out.{os.getppid()}.abcd1234.tmp"  # a live process's write
    alive.mkdir()
    mine = tmp_path / ".out.notes.tmp"  # not named as ours
    mine.mkdir()
    with atomic_directory(tmp_path / "out") as tmp:
        (tmp / "manifest.json").write_text("{}", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, mine.name, "out"])


def test_sigterm_mid_write_leaves_the_target_and_no_temporary_folder(tmp_path: Path) -> None:
    out = _release(tmp_path)
    before = _files(out)
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from newsfacts.release.atomic import atomic_directory\n"
        "with atomic_directory(Path(sys.argv[1])) as tmp:\n"
        "    (tmp / 'half').write_text('half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "writing\n"
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == -signal.SIGTERM
    finally:
        proc.kill()
    deadline = time.monotonic() + 5
    while any(p.name.startswith(".") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel"]
    assert _files(out) == before


def test_sigint_mid_write_leaves_no_temporary_folder(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_directory(tmp_path / "out"):
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_the_target_error_is_a_library_error(tmp_path: Path) -> None:
    _thesis(tmp_path / "x")
    with pytest.raises(TargetError, match="nothing was deleted"), atomic_directory(tmp_path / "x"):
        pass


def test_descriptors_from_another_version_are_still_ours(tmp_path: Path) -> None:
    out = _release(tmp_path)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["description"] = "as an older newsfacts wrote it"
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    written = (out / "manifest.json").stat().st_mtime  # written with its manifest
    os.utime(out / "datapackage.json", (written, written))
    result = _invoke("synth", "--articles", "3", "--out", str(out))
    assert result.exit_code == 0, result.output
    rewritten = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert rewritten["description"] != package["description"]


def test_a_descriptor_of_other_files_is_not_ours(tmp_path: Path) -> None:
    out = _release(tmp_path)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["hash"] = "sha256:" + "0" * 64
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    before = _files(out)
    result = _invoke("synth", "--articles", "3", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "'datapackage.json' is not a file newsfacts wrote there" in result.output
    assert _files(out) == before


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        ("README.md", lambda text: text + "\nMY OWN NOTES\n"),
        (
            "datapackage.json",
            lambda text: text.replace('"description": "', '"description": "mine ', 1),
        ),
        (
            "croissant.json",
            lambda text: text.replace('"description": "', '"description": "mine ', 1),
        ),
    ],
)
def test_a_card_or_descriptor_a_person_edited_is_theirs(tmp_path: Path, name: str, edit) -> None:  # type: ignore[no-untyped-def]
    out = _release(tmp_path)
    path = out / name
    changed = edit(path.read_text(encoding="utf-8"))
    assert changed != path.read_text(encoding="utf-8")
    path.write_text(changed, encoding="utf-8")
    later = (out / "manifest.json").stat().st_mtime + 60  # edited a minute after the write
    os.utime(path, (later, later))
    before = _files(out)
    result = _invoke("synth", "--articles", "3", "--seed", "7", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert f"{name!r} is not a file newsfacts wrote there" in result.output
    assert _files(out) == before


def test_the_current_folder_is_refused_as_out_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = _invoke("synth", "--articles", "2", "--out", ".")
    assert result.exit_code == 2
    assert "is the current folder (or holds it)" in result.output
    assert list(here.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["here"]


def test_a_release_the_disk_cannot_take_is_refused_at_once(tmp_path: Path) -> None:
    result = _invoke("synth", "--articles", str(10**12), "--out", str(tmp_path / "huge"))
    assert result.exit_code == 1
    assert "articles need about" in result.output and "GB free" in result.output
    assert list(tmp_path.iterdir()) == []
