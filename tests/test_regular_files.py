"""ostguide reads regular files only, and no more of them than a limit: a FIFO named like a CUE
sheet, a guide, a config or a cache never blocks a reader (`match`, `import`, `check`, the
screen), and a link to `/dev/zero` in their place is refused instead of read until memory runs
out. The commands run as real processes with a memory limit and a deadline, so that a reader
that still blocks or reads for ever fails the test instead of hanging it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from players import make_album
from ptyrun import REPO, Terminal

from ostguide import paths
from ostguide.analysis.cache import _entry_name, analysed
from ostguide.analysis.model import AnalysisError
from ostguide.atomic import FileTooLarge, NotARegularFile, read_regular
from ostguide.authoring.guidefile import GuideFile
from ostguide.guide.parser import load_guide

GUIDES = Path(__file__).parent / "guides"
MEMORY = 1 << 30
"""Bytes of address space a command may take (ostguide needs a few hundred MB)."""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`ostguide ARGS` as a process with at most `MEMORY` and 60 s (TimeoutExpired: it hung)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "ostguide", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def zero(path: Path) -> Path:
    """A link to /dev/zero at `path`: endless bytes with a size of 0."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


def test_only_regular_files_are_read_and_no_more_than_the_limit(tmp_path: Path) -> None:
    (tmp_path / "small").write_bytes(b"x" * 10)
    assert read_regular(tmp_path / "small", 10) == b"x" * 10
    with pytest.raises(FileTooLarge, match="too large"):
        read_regular(tmp_path / "small", 9)
    with pytest.raises(NotARegularFile, match="a FIFO"):
        read_regular(fifo(tmp_path / "fifo"), 10)
    with pytest.raises(NotARegularFile, match="a character device"):
        read_regular(zero(tmp_path / "zero"), 10)
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path, 10)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing", 10)


def test_an_analysis_cache_entry_linked_to_dev_zero_is_ignored_and_a_fifo_not_analysed(
    tmp_path: Path,
) -> None:
    audio = tmp_path / "a.flac"
    audio.write_bytes(b"not really audio")
    zero(paths.cache_dir() / "analysis" / _entry_name(audio))
    with pytest.raises(AnalysisError, match="cannot be decoded"):
        analysed(audio)  # the cache entry is skipped; the file itself is tried
    with pytest.raises(AnalysisError, match="not a regular file"):
        analysed(fifo(tmp_path / "b.flac"))


@pytest.mark.slow
def test_match_with_sheets_settings_state_and_cache_that_are_fifos_or_dev_zero(
    tmp_path: Path,
) -> None:
    music = tmp_path / "music"
    make_album(music)
    fifo(music / "Album.cue")
    zero(music / "Other.cue")
    zero(music / "Tracks.txt")
    fifo(paths.config_file())
    zero(paths.state_dir() / "state.json")
    fifo(paths.cache_dir() / "scan.json")
    done = run("match", str(GUIDES / "sample.md"), "--music", str(music), cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert "01 Opening.flac" in done.stdout
    assert "Other.cue: cannot be read (not a regular file (a character device))" in done.stderr
    assert "Album.cue: cannot be read (not a regular file (a FIFO))" in done.stderr
    assert "not a regular file (a FIFO)" in done.stderr  # the config


def test_a_guide_that_is_a_fifo_or_dev_zero_is_an_error(tmp_path: Path) -> None:
    guide, link = fifo(tmp_path / "g.md"), zero(tmp_path / "z.md")
    assert [d.headline() for d in load_guide(guide).diagnostics] == [
        f"{guide}:1:1: error: cannot read the guide: not a regular file (a FIFO)"
    ]
    assert [d.headline() for d in load_guide(link).diagnostics] == [
        f"{link}:1:1: error: cannot read the guide: not a regular file (a character device)"
    ]
    with pytest.raises(NotARegularFile):
        GuideFile(guide).read()


@pytest.mark.slow
def test_import_refuses_a_fifo_whatever_its_format(tmp_path: Path) -> None:
    timings = fifo(tmp_path / "g.lrc")
    for args in (["import", str(timings)], ["import", str(timings), "--format", "chapters"]):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 1
        assert "cannot read the file: not a regular file (a FIFO)" in done.stderr


@pytest.mark.slow
def test_the_screen_with_a_fifo_beside_the_music_plays_and_quits(
    tmp_path: Path, isolated_home: Path
) -> None:
    music = tmp_path / "music"
    make_album(music)
    fifo(music / "Album.cue")
    terminal = Terminal(
        [str(GUIDES / "sample.md"), "--music", str(music)], os.environ, isolated_home
    )
    try:
        terminal.wait_for("your file")
        terminal.press("q")
        assert terminal.process.wait(timeout=10) == 0
    finally:
        terminal.close()
