"""ostguide as a real program in a real (pseudo-)terminal: the signals that end it, handing the
terminal to an editor that is not there, and input that is not the terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from ptyrun import Terminal

GUIDES = Path(__file__).parent / "guides"
pytestmark = pytest.mark.slow


@pytest.fixture
def guide(isolated_home: Path) -> Path:
    path = isolated_home / "sample.md"
    shutil.copy(GUIDES / "sample.md", path)
    return path


def open_screen(
    guide: Path, terminals: list[Terminal], env: dict[str, str] | None = None, **options: object
) -> Terminal:
    terminal = Terminal([str(guide)], {**os.environ, **(env or {})}, guide.parent, **options)  # type: ignore[arg-type]
    terminals.append(terminal)
    return terminal


def saved_place(isolated_home: Path) -> dict[str, object]:
    state = json.loads((isolated_home / "state" / "ostguide" / "state.json").read_text())
    place: dict[str, object] = state["guides"]["sample"]
    return place


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_ends_the_screen_and_saves_the_place(
    signum: signal.Signals, guide: Path, isolated_home: Path, terminals: list[Terminal]
) -> None:
    terminal = open_screen(guide, terminals)
    terminal.wait_for("read-along: no audio file")  # the audio device is open by then
    terminal.wait_for("0:01 / 0:40")
    terminal.process.send_signal(signum)
    assert terminal.process.wait(timeout=10) == 128 + signum
    place = saved_place(isolated_home)
    assert (place["disc"], place["number"]) == (1, 1)
    assert isinstance(place["position"], float) and place["position"] >= 1.0


def test_a_missing_editor_leaves_the_screen_working(guide: Path, terminals: list[Terminal]) -> None:
    terminal = open_screen(guide, terminals, {"EDITOR": "no-such-editor", "VISUAL": ""})
    terminal.wait_for("First remark")
    terminal.press("e")
    terminal.wait_for("Cannot find $EDITOR")
    terminal.press("q")
    assert terminal.process.wait(timeout=10) == 0


def test_with_input_redirected_keys_come_from_the_terminal(
    guide: Path, terminals: list[Terminal]
) -> None:
    terminal = open_screen(guide, terminals, stdin=subprocess.DEVNULL)
    terminal.wait_for("First remark")
    terminal.press("q")
    assert terminal.process.wait(timeout=10) == 0


def test_without_any_terminal_it_says_so_and_exits(guide: Path, terminals: list[Terminal]) -> None:
    terminal = open_screen(guide, terminals, stdin=subprocess.DEVNULL, controlling=False)
    assert terminal.process.wait(timeout=10) == 2
    terminal.wait_for("the listening screen needs a terminal, and there is none")
