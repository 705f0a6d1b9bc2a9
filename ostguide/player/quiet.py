"""Keep pygame, SDL, ALSA and mpg123 from printing into the terminal.

Importing this module (the player package imports it before pygame) hides pygame's banner.
Native libraries write to file descriptor 2 directly, past `sys.stderr`, so the screen is only safe
if fd 2 itself points elsewhere: `divert_stderr` points it at a log file and hands back a stream on
a duplicate of the old fd 2 (the terminal) for the UI to draw on; `restore_stderr` undoes it.

Typical use around a Textual app (Textual writes to `sys.__stderr__`)::

    diverted = divert_stderr(paths.log_file())
    sys.__stderr__ = diverted.terminal
    try:
        app.run()
    finally:
        sys.__stderr__ = sys.stderr
        restore_stderr(diverted)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

STDERR_FD = 2


@dataclass(frozen=True, slots=True)
class DivertedStderr:
    """fd 2 pointed at a log file, and the terminal kept on a duplicate."""

    terminal: TextIO
    """A text stream on the terminal that fd 2 used to be (line-buffered)."""
    log_path: Path
    """Where fd 2 writes now."""


def divert_stderr(log_path: Path) -> DivertedStderr:
    """Point fd 2 at `log_path` (appending, folders created) and return the terminal stream."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    if sys.stderr is not None:
        sys.stderr.flush()
    saved = os.dup(STDERR_FD)
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(log_fd, STDERR_FD)
    finally:
        os.close(log_fd)
    terminal = os.fdopen(saved, "w", buffering=1, encoding="utf-8", errors="replace")
    return DivertedStderr(terminal, log_path)


def restore_stderr(diverted: DivertedStderr) -> None:
    """Point fd 2 back at the terminal and close the duplicate stream."""
    if sys.stderr is not None:
        sys.stderr.flush()
    diverted.terminal.flush()
    os.dup2(diverted.terminal.fileno(), STDERR_FD)
    diverted.terminal.close()
