"""ostguide run as a real program in a pseudo-terminal: for tests of what only a real process and
terminal show (signals, handing the terminal to an editor, redirected input)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
REPO = Path(__file__).resolve().parent.parent


def _controlling_terminal() -> None:
    """In the child (after setsid): make the pty on fd 1 its controlling terminal."""
    fcntl.ioctl(1, termios.TIOCSCTTY, 0)


class Terminal:
    """One ostguide process on a 100×30 pty; everything it draws is kept in `output`."""

    def __init__(
        self,
        args: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        *,
        stdin: int | None = None,
        controlling: bool = True,
    ) -> None:
        """`stdin`, when given, replaces the pty as the program's standard input; without
        `controlling` the pty is not the process's controlling terminal (`/dev/tty` fails)."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = bytearray()
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ostguide", *args],
            stdin=slave if stdin is None else stdin,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env={**env, "TERM": "xterm-256color", "PYTHONPATH": str(REPO)},
            start_new_session=True,
            preexec_fn=_controlling_terminal if controlling else None,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def text(self) -> str:
        """What was drawn so far, escape codes removed."""
        with self._lock:
            return ESCAPES.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30.0) -> None:
        """Wait until `needle` has been drawn; AssertionError (with the screen) if it is not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never drawn; the screen showed:\n{self.text()[-3000:]}")

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        """Kill the process if it is still running, and close the pty."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        os.close(self.master)
        self._reader.join(5)
