"""Opening a guide in the user's editor at a line, without a shell.

`$VISUAL`, then `$EDITOR`, then `vi`. Most terminal editors (vi, vim, nvim, nano, emacs, micro,
kakoune, joe, ne, mg) take `+LINE FILE`; a few take `FILE:LINE`, and graphical ones must be told to
wait until the file is closed.

The file is always passed as an absolute path, so that no name (`+!touch x`, `-c…`) can be read
as an option or an editor command, and after `--` for the editors known to end their options there.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

FALLBACK = "vi"
_COLON_LINE = {"hx", "helix"}
_GOTO_AND_WAIT = {"code", "code-insiders", "codium"}
_WAIT_FLAGS = {"--wait", "-w"}
_SUBLIME = {"subl", "sublime_text"}
_END_OF_OPTIONS = {"vi", "vim", "nvim", "view", "vim.basic", "vim.tiny", "nano", "rnano"}
"""Editors that take `+LINE -- FILE` (their option parsing stops at `--`)."""


def editor_command(path: Path, line: int, env: Mapping[str, str]) -> list[str]:
    """The argument list that opens `path` at `line` in the user's editor."""
    chosen = env.get("VISUAL") or env.get("EDITOR") or FALLBACK
    try:
        words = shlex.split(chosen) or [FALLBACK]
    except ValueError:  # unbalanced quotes: take the setting as one program name
        words = [chosen]
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
