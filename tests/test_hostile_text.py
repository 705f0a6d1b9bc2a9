"""Text from outside never reaches the terminal as commands: escape sequences that set the
title (OSC 0/2), write the clipboard (OSC 52), clear (CSI 2J) or reset (ESC c) the terminal, and
C1 controls, in a guide, in tags and file names, in a followed player's metadata and in a
player's errors, are shown as pictures of themselves by `check`, `list`, `match`, `import` and
the listening screen (run on a real pseudo-terminal), and a guide that holds one is an error."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from audiogen import make_tone
from fakeplayers import FakeMpv, hostile, injected
from players import make_album, run_mpv
from ptyrun import Terminal
from textual.geometry import Region
from textual.widgets import Static
from uikit import make_rig

from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, main
from ostguide.follow.mpv import MpvFollower
from ostguide.guide.parser import parse_text
from ostguide.player.clock import MonotonicClock
from ostguide.safetext import is_visible, visible
from ostguide.ui.folderpicker import FolderPicker
from ostguide.ui.safe import SafeLines

GUIDES = Path(__file__).parent / "guides"
OWNED = visible(hostile("Title"))
"""How the hostile title is shown."""


@pytest.mark.parametrize(
    ("text", "lines", "shown"),
    [
        ("plain text, tabs\tkept", False, "plain text, tabs\tkept"),
        ("\x1b]0;title\x07", False, "␛]0;title␇"),
        ("\x1bc\x1b[2J", False, "␛c␛[2J"),
        ("C1 \x9b31m and \x85", False, "C1 �31m and �"),
        ("delete \x7f, nul \x00", False, "delete ␡, nul ␀"),
        ("two\nlines\r\n", False, "two␊lines␍␊"),
        ("two\nlines\r\n\x1b", True, "two\nlines\r\n␛"),
        ("ノエイン 🎻 – é", False, "ノエイン 🎻 – é"),
    ],
)
def test_control_characters_become_pictures_one_for_one(text: str, lines: bool, shown: str) -> None:
    assert visible(text, lines=lines) == shown
    assert len(visible(text, lines=lines)) == len(text)
    assert is_visible(visible(text))


def test_a_guide_holding_control_characters_is_an_error_at_each_line_and_column() -> None:
    text = (
        "+++\n"
        'title = "Album\\u001b]0;owned\\u0007"\n'
        "+++\n"
        "\n"
        "## 01. Op\x1bcening\n"
        "\n"
        "[0:01] A remark \x9b31m and\ttab.\n"
    )
    result = parse_text(text, Path("g.md"))
    assert result.guide is None
    assert [d.headline() for d in result.errors] == [
        "g.md:2:1: error: title holds the control character U+001B (␛)",
        "g.md:5:10: error: control character U+001B (␛) in the text",
        "g.md:7:17: error: control character U+009B (�) in the text",
    ]


def printed(capsysbinary: pytest.CaptureFixture[bytes]) -> bytes:
    """What a command printed (out and err), once it is checked to send no escape sequence."""
    captured = capsysbinary.readouterr()
    output = captured.out + captured.err
    assert injected(output) == []
    return output


def test_check_shows_the_line_with_pictures_and_sends_nothing(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    guide = tmp_path / "g.md"
    guide.write_text(f"## 01. {hostile('Opening')}\n\n[0:00] {hostile('A remark')}\n")
    assert main(["check", str(guide)]) == EXIT_PROBLEMS
    out = printed(capsysbinary)
    assert f" 1 | ## 01. {visible(hostile('Opening'))}".encode() in out


def test_list_shows_file_names_with_pictures(
    isolated_home: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder = isolated_home / "data" / "ostguide" / "guides"
    folder.mkdir(parents=True)
    shutil.copy(GUIDES / "sample.md", folder / f"{hostile('name')}.md")
    assert main(["list"]) == EXIT_OK
    out = printed(capsysbinary)
    assert visible(hostile("name")).encode() in out


def test_match_shows_file_names_tags_and_sheets_with_pictures(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    music = tmp_path / "music"
    make_album(music)
    make_tone(music / f"{hostile('file')}.flac", 1, tags={"title": hostile("tag")})
    (music / f"{hostile('sheet')}.cue").write_bytes(b"FILE \0 WAVE\n")
    main(["match", str(GUIDES / "sample.md"), "--music", str(music)])
    out = printed(capsysbinary)
    assert visible(hostile("file")).encode() in out
    assert visible(hostile("sheet")).encode() in out


def test_import_writes_remarks_with_pictures_that_check_passes(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    lyrics = tmp_path / "song.lrc"
    lyrics.write_text(f"[ti:{hostile('Song')}]\n[00:01.00]{hostile('line')}\n")
    assert main(["import", str(lyrics)]) == EXIT_OK
    out = printed(capsysbinary)
    assert visible(hostile("line")).encode() in out
    assert main(["import", str(lyrics), "-o", str(tmp_path / "song.md")]) == EXIT_OK
    assert main(["check", str(tmp_path / "song.md")]) == EXIT_OK


async def test_a_players_metadata_is_read_with_pictures(tmp_path: Path) -> None:
    props = {"path": "/music/a.flac", "metadata": {"title": hostile("Title"), "album": "\x1bc"}}
    with FakeMpv(tmp_path / "mpv.sock", props).running():
        follower = MpvFollower(MonotonicClock(), tmp_path / "mpv.sock")
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(
                lambda f: (
                    f.reading is not None
                    and f.reading.playing is not None
                    and f.reading.playing.album is not None
                ),
                3,
            )
            assert follower.reading is not None and follower.reading.playing is not None
            assert follower.reading.playing.title == OWNED
            assert follower.reading.playing.album == "␛c"
        finally:
            task.cancel()


@pytest.mark.slow
def test_the_screen_shows_a_followed_players_title_and_sends_nothing(
    tmp_path: Path, isolated_home: Path, terminals: list[Terminal]
) -> None:
    song = make_tone(tmp_path / "s.flac", 100, tags={"title": hostile("Title"), "album": "Other"})
    with run_mpv([song], tmp_path / "mpv.sock"):
        terminal = Terminal(  # the socket's name is short: the transport line has room for all
            [str(GUIDES / "sample.md"), "--follow", "mpv:mpv.sock"], os.environ, tmp_path
        )
        terminals.append(terminal)
        terminal.wait_for("⇄ following mpv mpv.sock: ␛]0;owned␇␛]2;owned␛\\Title")
        terminal.press("q")
        assert terminal.process.wait(timeout=10) == 0
    assert injected(bytes(terminal.output)) == []


@pytest.mark.slow
def test_the_screen_shows_a_sheets_name_in_a_toast_and_sends_nothing(
    tmp_path: Path, isolated_home: Path, terminals: list[Terminal]
) -> None:
    music = tmp_path / "music"
    make_album(music)
    (music / f"{hostile('sheet')}.cue").write_bytes(b"FILE \0 WAVE\n")
    terminal = Terminal([str(GUIDES / "sample.md"), "--music", str(music)], os.environ, tmp_path)
    terminals.append(terminal)
    terminal.wait_for("binary")
    terminal.press("q")
    assert terminal.process.wait(timeout=10) == 0
    assert injected(bytes(terminal.output)) == []
    assert "␛]0;owned␇" in terminal.text()


async def test_what_reaches_a_widget_unchecked_is_drawn_with_pictures() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = rig.app.listening_screen.bar
        bar.update(hostile("Bar"))  # past every check on the way in
        await pilot.pause()
        [line] = [strip.text for strip in bar.render_lines(Region(0, 0, bar.size.width, 1))]
        assert line.startswith(" ␛]0;owned") and is_visible(line)
        screen = rig.app.export_screenshot()
        assert "␛]0;owned" in screen and is_visible(screen.replace("\n", " "))


async def test_every_text_widget_of_ours_is_guarded_on_the_screen_and_each_view(
    tmp_path: Path,
) -> None:
    rig = make_rig()
    app = rig.app
    unguarded: set[str] = set()
    seen: list[str] = []
    views: list[Callable[[], object]] = [
        lambda: None,
        app.action_about,
        app.action_help,
        app.action_glossary,
        app.action_themes,
        lambda: app.push_screen(FolderPicker(tmp_path, {})),
    ]
    async with app.run_test(size=(100, 30)) as pilot:
        for open_view in views:
            open_view()
            await pilot.pause()
            seen.append(type(app.screen).__name__)
            for widget in app.screen.walk_children():
                kind = type(widget)
                ours = kind.__module__.startswith("ostguide.") or kind is Static
                if ours and isinstance(widget, Static) and not isinstance(widget, SafeLines):
                    unguarded.add(f"{kind.__name__} {widget.id or widget.classes}")
            if app.screen is not app.listening_screen:
                app.pop_screen()
    assert seen == [
        "ListeningScreen",
        "AboutScreen",
        "HelpScreen",
        "GlossaryScreen",
        "ThemesScreen",
        "FolderPicker",
    ]
    assert unguarded == set()
