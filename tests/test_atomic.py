"""Atomic writes: new documents are readable by others, settings stay private, modes are kept,
links planted where a file goes are replaced rather than followed, and temporaries left by killed
writers are cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest

from ostguide.atomic import ORPHAN_AGE, create_file, remove_stale_temporaries, write_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_guide_is_readable_by_others_and_settings_are_private(tmp_path: Path) -> None:
    create_file(tmp_path / "guide.md", b"## 01. A\n", force=False)
    write_atomically(tmp_path / "state.json", b"{}")
    assert (mode(tmp_path / "guide.md"), mode(tmp_path / "state.json")) == (0o644, 0o600)


def test_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert (path.read_bytes(), mode(path)) == (b"new", 0o640)


def test_a_link_where_the_file_goes_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    planted = tmp_path / "guides" / "album.md.bak"
    planted.parent.mkdir()
    planted.symlink_to("../victim.txt")
    write_atomically(planted, b"backup", new_mode=0o644)
    assert victim.read_bytes() == b"precious"
    assert not planted.is_symlink()
    assert (planted.read_bytes(), mode(planted)) == (b"backup", 0o644)


def test_through_link_replaces_the_links_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    write_atomically(link, b"new", through_link=True)
    assert (link.is_symlink(), real.read_bytes()) == (True, b"new")


def test_the_folder_is_flushed_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_atomically(tmp_path / "state.json", b"{}")
    assert synced == [False, True]  # the data, then the folder holding the new name


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "guide.md"
    path.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomically(path, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["guide.md"]
    assert path.read_bytes() == b"old"


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_temporaries_left_by_killed_writers_are_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "guide.md"
    dead = tmp_path / f".guide.md.{dead_pid()}.abcd1234.tmp"
    alive = tmp_path / f".guide.md.{os.getppid()}.abcd1234.tmp"  # a writer still at work
    old_style = tmp_path / ".guide.md.k2j4h5g6.tmp"
    young_old_style = tmp_path / ".guide.md.a1b2c3d4.tmp"
    other_file = tmp_path / f".other.md.{dead_pid()}.abcd1234.tmp"
    linked = tmp_path / f".guide.md.{dead_pid()}.zzzz9999.tmp"
    for leftover in (dead, alive, old_style, young_old_style, other_file):
        leftover.write_bytes(b"half")
    linked.symlink_to(path)
    hours_ago = time.time() - 2 * ORPHAN_AGE
    os.utime(old_style, (hours_ago, hours_ago))
    write_atomically(path, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (path, alive, young_old_style, other_file, linked)
    )


def test_stale_temporaries_are_found_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    dead = tmp_path / f".state.json.{dead_pid()}.abcd1234.tmp"
    dead.write_bytes(b"{")
    assert remove_stale_temporaries(path) == [dead]
    assert list(tmp_path.iterdir()) == []
