"""Atomic writes: new documents are readable by others, settings stay private, modes are kept."""

from __future__ import annotations

import stat
from pathlib import Path

from ostguide.atomic import create_file, write_atomically


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
