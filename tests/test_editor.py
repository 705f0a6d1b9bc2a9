"""The command that opens a guide in the user's editor at a line (no shell involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.authoring.editor import editor_command

GUIDE = Path("/home/u/guides/noein.md")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"EDITOR": "vi"}, ["vi", "+42", str(GUIDE)]),
        ({"EDITOR": "/usr/bin/vim"}, ["/usr/bin/vim", "+42", str(GUIDE)]),
        ({"EDITOR": "nvim"}, ["nvim", "+42", str(GUIDE)]),
        ({"EDITOR": "nano"}, ["nano", "+42", str(GUIDE)]),
        ({"EDITOR": "emacs -nw"}, ["emacs", "-nw", "+42", str(GUIDE)]),
        ({"EDITOR": "micro"}, ["micro", "+42", str(GUIDE)]),
        ({"VISUAL": "hx", "EDITOR": "nano"}, ["hx", f"{GUIDE}:42"]),
        ({"VISUAL": "code"}, ["code", "--wait", "--goto", f"{GUIDE}:42"]),
        ({"VISUAL": "code -w"}, ["code", "-w", "--goto", f"{GUIDE}:42"]),
        ({"VISUAL": "subl"}, ["subl", "--wait", f"{GUIDE}:42"]),
        (
            {"VISUAL": "'/opt/My Editor/ed' --flag"},
            ["/opt/My Editor/ed", "--flag", "+42", str(GUIDE)],
        ),
        ({}, ["vi", "+42", str(GUIDE)]),
        ({"EDITOR": ""}, ["vi", "+42", str(GUIDE)]),
        ({"EDITOR": "it's"}, ["it's", "+42", str(GUIDE)]),
    ],
)
def test_editor_command(env: dict[str, str], expected: list[str]) -> None:
    assert editor_command(GUIDE, 42, env) == expected
