"""A state folder ostguide cannot write (read-only, or a file where the folder should be): the
screen runs all the same, says once that the place is kept only until quitting, and quits as
usual; the settings memory warns once, however often the place is saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ptyrun import Terminal

from ostguide import paths
from ostguide.guide.model import TrackId
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

GUIDES = Path(__file__).parent / "guides"


def block_state_folder() -> None:
    """A file where ostguide's state folder goes: no user, root included, can write there."""
    folder = paths.state_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("in the way\n")


def test_a_state_that_cannot_be_saved_is_said_once_and_kept() -> None:
    block_state_folder()
    state, _ = State.load()
    memory = SettingsMemory("sample", load_config()[0], state)
    [problem] = memory.place(TrackId(1, 2), 5.0)
    assert "your place" in problem and "until you quit (this is said once)" in problem
    for second in range(6, 20):
        assert memory.place(TrackId(1, 2), float(second)) == []
    assert memory.resume() == (TrackId(1, 2), 19.0)


def test_a_place_that_is_no_place_is_said_not_raised() -> None:
    memory = SettingsMemory("sample", load_config()[0], State.load()[0])
    [problem] = memory.place(TrackId(1, 2), float("inf"))
    assert problem.startswith("could not remember your place: position must be")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["a file in the way", "read-only"])
def test_the_screen_runs_and_quits_without_a_writable_state_folder(
    how: str, isolated_home: Path
) -> None:
    if how == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes to read-only folders")
        paths.state_dir().mkdir(parents=True)
        paths.state_dir().chmod(0o555)
    else:
        block_state_folder()
    terminal = Terminal([str(GUIDES / "sample.md")], os.environ, isolated_home)
    try:
        terminal.wait_for("could not remember")
        terminal.wait_for("0:02 / 0:40")
        terminal.press("q")
        assert terminal.process.wait(timeout=10) == 0
    finally:
        terminal.close()
        if paths.state_dir().is_dir():
            paths.state_dir().chmod(0o755)
