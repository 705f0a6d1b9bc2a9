"""The command that opens a guide in the user's editor at a line (no shell involved), and that no
file name can turn into an option or an editor command."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ostguide.authoring.editor import EditorNotFound, editor_command, run_editor

GUIDE = Path("/home/u/guides/noein.md")
PROGRAMS = ("vi", "vim", "nvim", "nano", "emacs", "micro", "hx", "code", "subl", "it's")


def executable(folder: Path, name: str, text: str = "#!/bin/sh\nexit 0\n") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


@pytest.fixture
def bin_path(tmp_path: Path) -> str:
    """A PATH holding a do-nothing program for each editor name the table uses."""
    for name in PROGRAMS:
        executable(tmp_path / "bin", name)
    executable(tmp_path / "opt" / "My Editor", "ed")
    return str(tmp_path / "bin")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"EDITOR": "vi"}, ["vi", "+42", "--", str(GUIDE)]),
        ({"EDITOR": "nvim"}, ["nvim", "+42", "--", str(GUIDE)]),
        ({"EDITOR": "nano"}, ["nano", "+42", "--", str(GUIDE)]),
        ({"EDITOR": "emacs -nw"}, ["emacs", "-nw", "+42", str(GUIDE)]),
        ({"EDITOR": "micro"}, ["micro", "+42", str(GUIDE)]),
        ({"VISUAL": "hx", "EDITOR": "nano"}, ["hx", f"{GUIDE}:42"]),
        ({"VISUAL": "code"}, ["code", "--wait", "--goto", f"{GUIDE}:42"]),
        ({"VISUAL": "code -w"}, ["code", "-w", "--goto", f"{GUIDE}:42"]),
        ({"VISUAL": "subl"}, ["subl", "--wait", f"{GUIDE}:42"]),
        ({}, ["vi", "+42", "--", str(GUIDE)]),
        ({"EDITOR": ""}, ["vi", "+42", "--", str(GUIDE)]),
        ({"EDITOR": "it's"}, ["it's", "+42", str(GUIDE)]),
    ],
)
def test_editor_command(env: dict[str, str], expected: list[str], bin_path: str) -> None:
    assert editor_command(GUIDE, 42, {**env, "PATH": bin_path}) == expected


def test_an_editor_named_by_its_path_is_used_as_is(tmp_path: Path, bin_path: str) -> None:
    program = tmp_path / "opt" / "My Editor" / "ed"
    env = {"VISUAL": f"'{program}' --flag", "PATH": bin_path}
    assert editor_command(GUIDE, 42, env) == [str(program), "--flag", "+42", str(GUIDE)]


def test_a_relative_guide_name_is_passed_absolute(
    tmp_path: Path, bin_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = editor_command(Path("-c!x"), 1, {"EDITOR": "emacs", "PATH": bin_path})
    assert command == ["emacs", "+1", str(tmp_path / "-c!x")]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"EDITOR": "no-such-editor --flag"}, "$EDITOR ('no-such-editor --flag')"),
        ({"VISUAL": "gone", "EDITOR": "vi"}, "$VISUAL ('gone')"),
        ({}, "the default editor 'vi'"),
    ],
)
def test_a_missing_editor_is_named_before_anything_starts(
    env: dict[str, str], named: str, tmp_path: Path
) -> None:
    with pytest.raises(EditorNotFound) as caught:
        editor_command(GUIDE, 1, {**env, "PATH": str(tmp_path)})
    assert str(caught.value) == (
        f"Cannot find {named} to edit the guide: set $VISUAL or $EDITOR to an installed editor."
    )


def test_an_editor_that_cannot_start_is_a_message_not_an_exception(tmp_path: Path) -> None:
    broken = executable(tmp_path, "broken", "#!/no/such/interpreter\n")
    problem = run_editor([str(broken), "+1", "--", "/x.md"], None)
    assert problem is not None
    assert problem.startswith(f"Could not start {broken}: No such file or directory.")


HOSTILE = "+!touch PWNED.md"
NEEDS_VIM = pytest.mark.skipif(
    shutil.which("vim") is None, reason="vim is not installed (.ci/run installs it)"
)


@pytest.mark.slow
@NEEDS_VIM
def test_vim_given_a_hostile_guide_name_edits_it_and_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / HOSTILE).write_text("## 01. A\n")
    env = {"EDITOR": "vim -es -u NONE -i NONE -N -c 's/^/edited /' -c wq", "PATH": os.defpath}
    command = editor_command(Path(HOSTILE), 1, env)
    assert run_editor(command, None) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [HOSTILE]
    assert (tmp_path / HOSTILE).read_text() == "edited ## 01. A\n"


@pytest.mark.slow
@NEEDS_VIM
def test_vim_given_the_name_as_it_was_passed_before_would_have_run_it(tmp_path: Path) -> None:
    """The hostile name is a real attack: a relative name without `--` runs the command."""
    (tmp_path / HOSTILE).write_text("## 01. A\n")
    subprocess.run(
        ["vim", "-es", "-u", "NONE", "-i", "NONE", "-N", "+1", HOSTILE],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=30,
        check=False,
    )
    assert (tmp_path / "PWNED.md").exists()
