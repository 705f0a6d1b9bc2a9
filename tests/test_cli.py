"""The command line through `main([...])`: messages, exit statuses, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from audiogen import make_tone

from ostguide import __version__, cli, paths
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.catalog import bundled_dir
from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from ostguide.guide.parser import load_guide
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

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


def test_help_format_prints_the_format_documentation_shipped_in_the_package(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["help", "format"]) == EXIT_OK
    shipped = Path(cli.__file__).parent / "guide" / "format.md"
    assert capsys.readouterr().out == shipped.read_text(encoding="utf-8")
    assert main(["help"]) == EXIT_OK
    assert "`ostguide help format` describes them" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "usage", "description"),
    [
        (
            ["noein", "--help"],
            "usage: ostguide [open] [-h] [--music DIR] [--follow PLAYER] GUIDE",
            "Open a guide",
        ),
        (
            ["open", "--help"],
            "usage: ostguide [open] [-h] [--music DIR] [--follow PLAYER] GUIDE",
            "Open a guide",
        ),
        (["list", "--help"], "usage: ostguide list [-h]", "List the guides"),
        (["check", "--help"], "usage: ostguide check [-h] GUIDE", "Check guides"),
        (["match", "--help"], "usage: ostguide match [-h] [--music DIR] GUIDE", "Show which"),
        (["new", "--help"], "usage: ostguide new [-h]", "Start a guide"),
        (["import", "--help"], "usage: ostguide import [-h]", "Turn LRC"),
        (["help", "--help"], "usage: ostguide help [-h] [TOPIC]", "Show this help"),
    ],
)
def test_each_command_has_its_own_help(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str, description: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    usage_line, _, rest = capsys.readouterr().out.partition("\n\n")
    assert usage_line.startswith(usage)
    assert rest.startswith(description)


def test_no_arguments_on_a_first_run_say_how_to_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("No guide has been opened yet. To start:\n")
    assert "  ostguide noein " in out
    assert "  ostguide new DIR " in out
    assert "usage:" not in out


def test_no_arguments_reopen_the_last_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    state, _ = State.load()
    state.remember("noein", 1, 4, 30.0)
    state.save()
    opened: list[str] = []

    def open_guide(spec: str, music: Path | None, out: object, follow: str | None) -> int:
        opened.append(spec)
        return EXIT_OK

    monkeypatch.setattr(cli, "open_guide", open_guide)
    assert main([]) == EXIT_OK
    assert opened == ["noein"]


def test_check_without_a_guide_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == EXIT_USAGE
    assert "the following arguments are required: GUIDE" in capsys.readouterr().err


def test_check_checks_every_guide_it_finds_before_naming_the_missing_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = write(tmp_path, "broken.md", BROKEN)
    warned = write(tmp_path, "warned.md", WARNED)
    assert main(["check", str(broken), str(warned), "nosuch"]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert f"{broken}:3:4: error" in captured.out
    assert f"{warned}:3:1: warning" in captured.out
    assert "2 guides checked: 1 error, 2 warnings" in captured.out
    assert captured.err.startswith("ostguide: no guide named 'nosuch'")


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


def test_a_guide_that_cannot_be_read_when_opened_is_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "gone.md", "## 01. Track\n")

    def vanished(self: GuideFile) -> None:
        raise FileNotFoundError(2, "No such file or directory", str(self.path))

    monkeypatch.setattr(GuideFile, "read", vanished)
    assert main([str(path)]) == EXIT_PROBLEMS
    assert f"ostguide: cannot read {path}: No such file or directory" in capsys.readouterr().err


def test_options_before_the_guide_belong_to_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "check").mkdir()  # a music folder named like a command
    opened: list[tuple[str, Path | None, str | None]] = []
    monkeypatch.setattr(
        cli,
        "open_guide",
        lambda spec, music, out, follow: opened.append((spec, music, follow)),
    )
    main(["--music", "check", "noein"])
    main(["--follow", "list", "noein"])  # --follow takes a value, read from the parser
    assert opened == [("noein", Path("check"), None), ("noein", None, "list")]


@pytest.mark.slow
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


def _rip(folder: Path, titles: list[str]) -> Path:
    """A tiny tagged rip: one 0.3 s OGG per title, named like `01 Title.ogg`."""
    for number, title in enumerate(titles, 1):
        make_tone(
            folder / f"{number:02d} {title}.ogg",
            0.3,
            tags={"title": title, "album": "Sample", "tracknumber": str(number)},
        )
    return folder


SAMPLE = Path(__file__).parent / "guides" / "sample.md"


def test_match_lists_each_track_and_exits_0_when_all_are_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = load_guide(SAMPLE)
    assert result.guide is not None
    titles = [track.title for track in result.guide.tracks]
    _rip(tmp_path / "rip", titles)
    assert main(["match", str(SAMPLE), "--music", str(tmp_path / "rip")]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Music folder: {tmp_path / 'rip'} (from --music)" in out
    for number, title in enumerate(titles, 1):
        assert f"{number:02d} {title}.ogg" in out


def test_match_exits_1_and_says_not_found_when_a_track_has_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = load_guide(SAMPLE)
    assert result.guide is not None
    _rip(tmp_path / "rip", [result.guide.tracks[0].title])
    assert main(["--music", str(tmp_path / "rip"), "match", str(SAMPLE)]) == EXIT_PROBLEMS
    assert "not found" in capsys.readouterr().out


def test_a_music_folder_given_once_is_remembered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = load_guide(SAMPLE)
    assert result.guide is not None
    _rip(tmp_path / "rip", [track.title for track in result.guide.tracks])
    main(["match", str(SAMPLE), "--music", str(tmp_path / "rip")])
    assert main(["match", str(SAMPLE)]) == EXIT_OK
    assert "(remembered for this guide)" in capsys.readouterr().out
    assert str(tmp_path / "rip") in paths.config_file().read_text()


def test_new_writes_a_guide_that_opens_by_name_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _rip(tmp_path / "Sample", ["First", "Second"])
    assert main(["new", str(tmp_path / "Sample")]) == EXIT_OK
    written = paths.user_guides_dir() / "sample.md"
    assert f"Wrote {written}" in capsys.readouterr().out
    assert main(["check", "sample"]) == EXIT_OK
    before = written.read_bytes()
    assert main(["new", str(tmp_path / "Sample")]) == EXIT_PROBLEMS
    assert "--force" in capsys.readouterr().err
    assert written.read_bytes() == before
    assert main(["new", str(tmp_path / "Sample"), "--force"]) == EXIT_OK


@pytest.mark.parametrize("output", [None, "elsewhere/mine.md"])
def test_new_remembers_the_folder_as_the_guides_music(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str | None
) -> None:
    """So that the command `new` suggests opens the guide with its audio."""
    rip = _rip(tmp_path / "Sample", ["First", "Second"])
    (tmp_path / "elsewhere").mkdir()
    argv = ["new", str(rip)] + (["-o", str(tmp_path / output)] if output else [])
    assert main(argv) == EXIT_OK
    opener = capsys.readouterr().out.rsplit("ostguide ", 1)[1].strip()
    name = Path(opener).stem
    assert load_config()[0].music_dir(name) == rip
    assert main(["match", opener]) == EXIT_OK
    assert f"Music folder: {rip} (remembered for this guide)" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["open", "match"])
@pytest.mark.parametrize(
    ("where", "problem"), [("nowhere", "does not exist"), ("a.txt", "is not a folder")]
)
def test_music_naming_no_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, where: str, problem: str
) -> None:
    write(tmp_path, "a.txt", "not music")
    with pytest.raises(SystemExit) as caught:
        main([command, str(SAMPLE), "--music", str(tmp_path / where)])
    assert caught.value.code == EXIT_USAGE
    assert f"argument --music: {tmp_path / where} {problem}" in capsys.readouterr().err
    assert not paths.config_file().exists()


@pytest.mark.parametrize("output", [None, "mine.md"])
def test_new_says_how_the_file_was_named_only_when_it_was_named_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str | None
) -> None:
    rip = tmp_path / "ノエイン"
    make_tone(rip / "01.ogg", 0.3, tags={"title": "シャングリラ", "album": "ノエイン"})
    argv = ["new", str(rip)] + (["-o", str(tmp_path / output)] if output else [])
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    named = "note: the title has no Latin letters or digits: the file is named 'guide.md'"
    assert (named in out) == (output is None)
    assert (
        f"Wrote {paths.user_guides_dir() / 'guide.md' if output is None else tmp_path / output}"
        in out
    )


def test_a_guide_written_outside_the_guide_folder_opens_by_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rip = _rip(tmp_path / "Sample", ["First", "Second"])
    written = tmp_path / "drafts" / "mine.md"
    written.parent.mkdir()
    assert main(["new", str(rip), "-o", str(written)]) == EXIT_OK
    assert capsys.readouterr().out.rstrip().endswith("ostguide mine")
    assert main(["check", "mine"]) == EXIT_OK
    assert main(["match", "mine"]) == EXIT_OK
    assert f"Music folder: {rip} (remembered for this guide)" in capsys.readouterr().out
    assert main(["list"]) == EXIT_OK
    assert row(capsys.readouterr().out, "mine")[0].endswith(f"{written} (yours)")
    opened: list[Path] = []

    def listen(live: LiveGuide, *rest: object) -> int:
        opened.append(live.guide.path)
        return EXIT_OK

    monkeypatch.setattr("ostguide.ui.run.listen", listen)
    assert main(["mine"]) == EXIT_OK
    written.unlink()
    assert main(["check", "mine"]) == EXIT_USAGE
    assert f"it was last seen at {written}" in capsys.readouterr().err
    assert opened == [written]


def test_a_guide_opened_by_its_path_reopens_by_plain_ostguide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = write(tmp_path / "drafts", "mine.md", WARNED.replace("#9", "#1"))
    opened: list[Path] = []

    def listen(live: LiveGuide, memory: SettingsMemory, *rest: object) -> int:
        opened.append(live.guide.path)
        memory.opened()
        return EXIT_OK

    monkeypatch.setattr("ostguide.ui.run.listen", listen)
    assert main([str(guide)]) == EXIT_OK
    assert main([]) == EXIT_OK
    assert opened == [guide, guide.resolve()]


def test_new_on_a_missing_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["new", str(tmp_path / "nowhere")]) == EXIT_PROBLEMS
    assert "does not exist" in capsys.readouterr().err


def test_import_prints_remarks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lrc = tmp_path / "t.lrc"
    lrc.write_text("[00:01.50]One\n[01:02.00]Two\n")
    assert main(["import", str(lrc)]) == EXIT_OK
    assert capsys.readouterr().out == "[0:01.500] One\n\n[1:02] Two\n"


def test_import_reports_bad_lines_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lrc = tmp_path / "t.lrc"
    lrc.write_text("[00:01.50]One\n[00:75.00]bad\n")
    out = tmp_path / "out.md"
    assert main(["import", str(lrc), "-o", str(out)]) == EXIT_PROBLEMS
    assert f"{lrc}:2:5: error: seconds must be below 60" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "given", "expected"),
    [
        (
            "junk.bin",
            b"\x00\x01 not text",
            "lrc",
            "check that junk.bin is the file you meant, or leave out --format lrc",
        ),
        (
            "sheet.cue",
            b'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n',
            "lrc",
            "give --format cue, or leave --format out",
        ),
    ],
)
def test_import_with_a_format_the_file_is_not_in_says_so(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: bytes,
    given: str,
    expected: str,
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    assert main(["import", str(source), "--format", given]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert f"= help: {expected}" in err
    assert "give --format lrc, cue" not in err


def test_import_to_a_file_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lrc = tmp_path / "t.lrc"
    lrc.write_text("[00:01.50]One\n")
    out = tmp_path / "out.md"
    out.write_text("mine\n")
    assert main(["import", str(lrc), "-o", str(out)]) == EXIT_PROBLEMS
    assert out.read_text() == "mine\n"
    assert main(["import", str(lrc), "-o", str(out), "--force"]) == EXIT_OK
    assert out.read_text() == "## 01. t\n\n[0:01.500] One\n"


@pytest.mark.parametrize(
    ("lrc", "title", "composer"),
    [("", "song", ""), ("[ti:Shangri-La]\n[ar:Kajiura]\n", "Shangri-La", "Kajiura")],
)
def test_import_to_a_file_writes_a_guide_that_check_passes_and_open_plays(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lrc: str, title: str, composer: str
) -> None:
    source = write(tmp_path, "song.lrc", lrc + "[00:01.50]One\n[01:02.00]Two\n")
    out = tmp_path / "song.md"
    assert main(["import", str(source), "-o", str(out)]) == EXIT_OK
    assert main(["check", str(out)]) == EXIT_OK
    result = load_guide(out)
    assert result.guide is not None
    [track] = result.guide.tracks
    assert (track.title, result.guide.album.composer) == (title, composer)
    assert [cue.text for cue in track.cues] == ["One", "Two"]


@pytest.mark.parametrize("command", ["check", "open", "match"])
def test_check_and_open_agree_that_a_guide_without_tracks_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    path = write(tmp_path, "remarks.md", "[0:01.500] One\n\n[1:02] Two\n")
    assert main([command, str(path)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert f"{path}:1:1: error: this guide has no tracks" in out
    assert "ostguide help format" in out


@pytest.mark.slow
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    lrc = tmp_path / "long.lrc"
    lrc.write_text("".join(f"[{n // 60:02d}:{n % 60:02d}.00]Line {n}\n" for n in range(3000)))
    done = subprocess.run(
        f"{sys.executable} -m ostguide import {lrc} | head -c 5",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout == "[0:00"
    assert done.stderr == ""


@pytest.mark.parametrize("target", ["folder", "no-such-dir/out.md"])
def test_import_names_a_file_it_cannot_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str
) -> None:
    stamps = tmp_path / "t.txt"
    stamps.write_text("0:00 Intro\n1:00 Two\n")
    (tmp_path / "folder").mkdir()
    (tmp_path / "no-such-dir").write_text("a file where a folder should be")
    assert main(["import", str(stamps), "-o", str(tmp_path / target), "--force"]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert err.startswith(f"ostguide: cannot write {tmp_path / target}: ")
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["check", "noein"],
        ["match", str(SAMPLE)],
        ["help", "format"],
        ["--help"],
        ["noein", "--help"],
    ],
)
def test_a_closed_pipe_ends_every_command_quietly(command: list[str], tmp_path: Path) -> None:
    """`ostguide list | head -1` made deterministic: nobody reads the pipe at all."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ostguide", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (EXIT_OK, "")
