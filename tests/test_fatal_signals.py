"""Every signal that would end ostguide and can be caught ends it as `q` does: the place saved,
the terminal given back (the app's screen left, the cursor shown), and the status 128 + the
signal's number. Run on a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from ptyrun import Terminal

from ostguide.ui.run import QUIT_SIGNALS

pytestmark = pytest.mark.slow

GUIDES = Path(__file__).parent / "guides"
LEAVE_SCREEN = b"\x1b[?1049l"
"""What a terminal is told to go back from the alternate screen to the shell's."""


def test_every_signal_that_would_end_the_process_is_caught() -> None:
    names = {signal.Signals(number).name for number in QUIT_SIGNALS}
    assert {"SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM"} <= names
    assert not names & {"SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGKILL", "SIGSTOP"}


@pytest.mark.parametrize("signum", [signal.SIGQUIT, signal.SIGUSR1])  # the two; every
# signal of QUIT_SIGNALS takes the same handler (the test above), as SIGTERM, SIGINT and SIGHUP
# do in test_terminal.py
def test_a_fatal_signal_restores_the_terminal_and_saves_the_place(
    signum: signal.Signals, isolated_home: Path
) -> None:
    guide = isolated_home / "sample.md"
    shutil.copy(GUIDES / "sample.md", guide)
    terminal = Terminal([str(guide)], os.environ, isolated_home)
    try:
        terminal.wait_for("0:01 / 0:40")
        terminal.process.send_signal(signum)
        assert terminal.process.wait(timeout=10) == 128 + signum
        assert LEAVE_SCREEN in bytes(terminal.output)
        state = json.loads((isolated_home / "state" / "ostguide" / "state.json").read_text())
        assert state["guides"]["sample"]["position"] >= 1.0
    finally:
        terminal.close()
