"""Opening a guide in the user's editor at a line, without a shell.

`$VISUAL`, then `$EDITOR`, then `vi`. Most terminal editors (vi, vim, nvim, nano, emacs, micro,
kakoune, joe, ne, mg) take `+LINE FILE`; a few take `FILE:LINE`, and graphical ones must be told to
wait until the file is closed.

The file is always passed as an absolute path, so that no name (`+!touch x`, `-c…`) can be read
as an option or an editor command, and after `--` for the editors known to end their options there.
The program is looked up on `PATH` before the screen hands the terminal over: a missing editor is a
message, never a suspended screen.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

FALLBACK = "vi"
_COLON_LINE = {"hx", "helix"}
_GOTO_AND_WAIT = {"code", "code-insiders", "codium"}
_WAIT_FLAGS = {"--wait", "-w"}
_SUBLIME = {"subl", "sublime_text"}
_END_OF_OPTIONS = {"vi", "vim", "nvim", "view", "vim.basic", "vim.tiny", "nano", "rnano"}
"""Editors that take `+LINE -- FILE` (their option parsing stops at `--`)."""


class EditorNotFound(LookupError):
    """The editor the settings name is not a program that can be started."""


def editor_command(path: Path, line: int, env: Mapping[str, str]) -> list[str]:
    """The argument list that opens `path` at `line` in the user's editor.

    Raises `EditorNotFound` when the program is not on `env["PATH"]` (or not executable).
    """
    variable = "VISUAL" if env.get("VISUAL") else "EDITOR" if env.get("EDITOR") else None
    chosen = env[variable] if variable else FALLBACK
    try:
        words = shlex.split(chosen) or [FALLBACK]
    except ValueError:  # unbalanced quotes: take the setting as one program name
        words = [chosen]
    found = shutil.which(words[0], path=env.get("PATH"))
    if found is None:
        named = f"${variable} ({chosen!r})" if variable else f"the default editor {FALLBACK!r}"
        raise EditorNotFound(
            f"Cannot find {named} to edit the guide: set $VISUAL or $EDITOR to an installed editor."
        )
    program = Path(words[0]).name
    absolute = path.absolute()
    located = f"{absolute}:{line}"
    if program in _GOTO_AND_WAIT:
        wait = [] if _WAIT_FLAGS & set(words) else ["--wait"]
        return [*words, *wait, "--goto", located]
    if program in _SUBLIME:
        wait = [] if _WAIT_FLAGS & set(words) else ["--wait"]
        return [*words, *wait, located]
    if program in _COLON_LINE:
        return [*words, located]
    end = ["--"] if program in _END_OF_OPTIONS else []
    return [*words, f"+{line}", *end, str(absolute)]


def run_editor(command: list[str], terminal: TextIO | None) -> str | None:
    """Run the editor and wait for it; None when it ran, else why it could not be started.

    Never raises for a program that fails to start, so that a caller holding the terminal
    (a suspended screen) always gets it back.
    """
    try:
        subprocess.run(command, check=False, stderr=terminal)
    except OSError as error:
        return f"Could not start {command[0]}: {error.strerror or error}. Set $VISUAL or $EDITOR."
    return None
