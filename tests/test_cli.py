"""The command line through `main([...])`: messages, exit statuses, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ostguide import __version__, paths
from ostguide.catalog import bundled_dir
from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main

BROKEN = "## 01. A\n\n[5:75] The choir enters.\n\n[x](#9)\n"
WARNED = "## 01. A\n\n[x](#9)\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"ostguide {__version__}\n"


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: ostguide")
    for command in ("open", "list", "check"):
        assert command in out


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    assert capsys.readouterr().out.startswith("usage: ostguide")


def test_check_without_a_guide_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == EXIT_USAGE
    assert "the following arguments are required: GUIDE" in capsys.readouterr().err


def row(out: str, name: str) -> list[str]:
    """The `list` rows for a guide name."""
    return [line for line in out.splitlines() if line.split(" ", 1)[0] == name]


def test_list_shows_the_bundled_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["NAME", "TITLE", "TRACKS", "FILE"]
    (noein,) = row(out, "noein")
    assert "Noein: Mou Hitori no Kimi e Original Soundtrack" in noein
    assert " 23 " in noein
    assert noein.endswith(f"{bundled_dir() / 'noein.md'} (bundled)")
    assert out.rstrip().endswith(f"Your own guides go in {paths.user_guides_dir()}")


def test_list_shows_user_guides(capsys: pytest.CaptureFixture[str]) -> None:
    mine = write(paths.user_guides_dir(), "mine.md", "# Mine\n\n## 01. A\n\n## 02. B\n")
    broken = write(paths.user_guides_dir(), "broken.md", BROKEN)
    assert main(["list"]) == EXIT_OK
    out = capsys.readouterr().out
    (line,) = row(out, "mine")
    assert line.split()[1:3] == ["Mine", "2"]
    assert line.endswith(f"{mine} (yours)")
    (line,) = row(out, "broken")
    assert f"(has errors: ostguide check {broken})" in line
    assert out.index("broken") < out.index("mine") < out.index("noein")


def test_a_user_guide_hides_the_bundled_one(capsys: pytest.CaptureFixture[str]) -> None:
    write(paths.user_guides_dir(), "noein.md", "# My Noein\n\n## 01. Only one\n")
    assert main(["list"]) == EXIT_OK
    mine, bundled = row(capsys.readouterr().out, "noein")
    assert "My Noein" in mine and mine.endswith("(yours)")
    assert bundled.endswith("(bundled, hidden by yours)")
    assert main(["check", "noein"]) == EXIT_OK
    assert str(paths.user_guides_dir()) not in capsys.readouterr().out


def test_list_without_any_guide(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("ostguide.catalog.bundled_dir", lambda: tmp_path)
    assert main(["list"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("No guides found.")


def test_check_the_bundled_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "noein"]) == EXIT_OK
    assert capsys.readouterr().out == "1 guide checked: 0 errors, 0 warnings\n"


def test_check_a_broken_guide(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "broken.md", BROKEN)
    assert main(["check", str(path)]) == EXIT_PROBLEMS
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert f"{path}:3:4: error: seconds must be below 60 in [5:75]" in lines
    assert (
        f"{path}:5:1: warning: link to track 09 points nowhere: the guide has no such track"
        in lines
    )
    assert " 3 | [5:75] The choir enters." in lines
    assert lines[-1] == "1 guide checked: 1 error, 1 warning"
    assert captured.err == ""


def test_check_several_guides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.md", BROKEN)
    warned = write(tmp_path, "warned.md", WARNED)
    assert main(["check", str(warned), "noein"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == "2 guides checked: 0 errors, 1 warning"
    assert main(["check", str(warned), str(broken), "noein"]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert out.index(f"{warned}:3:1: warning") < out.index(f"{broken}:3:4: error")
    assert out.splitlines()[-1] == "3 guides checked: 1 error, 2 warnings"


def test_check_prefers_a_path_to_a_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "noein.md", BROKEN)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "noein.md"]) == EXIT_PROBLEMS
    assert "noein.md:3:4: error" in capsys.readouterr().out
    assert main(["check", "noein"]) == EXIT_OK


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nosuch"], "ostguide: no guide named 'nosuch'"),
        (["open", "nosuch"], "ostguide: no guide named 'nosuch'"),
        (["check", "noein", "nosuch"], "ostguide: no guide named 'nosuch'"),
        (["check", "missing.md"], "ostguide: no guide file at missing.md"),
    ],
)
def test_unknown_guide(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_opening_a_broken_guide_reports_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "broken.md", BROKEN)
    assert main([str(path)]) == EXIT_PROBLEMS
    assert f"{path}:3:4: error: seconds must be below 60" in capsys.readouterr().out


def test_python_m_ostguide() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "ostguide", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"ostguide {__version__}\n", "")
