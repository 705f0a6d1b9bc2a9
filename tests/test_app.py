"""The listening screen driven through Textual's pilot, on a fake clock: what each key, click and
scroll does to the session and to what is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from audiogen import make_tone
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import HelpPanel, Markdown, OptionList
from textual.widgets._markdown import MarkdownParagraph
from uikit import make_rig, sample_guide

from ostguide.guide.model import TrackId
from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.player.clock import MonotonicClock
from ostguide.player.transport import Transport, open_device
from ostguide.session import Session
from ostguide.ui.app import ListeningApp
from ostguide.ui.commentary import Commentary, Remark
from ostguide.ui.themes import ThemesScreen
from ostguide.ui.tracklist import TrackList
from ostguide.ui.transportbar import TransportBar

WIDE = (120, 40)
NARROW = (60, 20)
SHORT = (60, 14)
"""Small enough that the sample's commentary scrolls."""


async def wheel(
    pilot: Pilot[None], widget: Widget, kind: type[events.MouseScrollUp | events.MouseScrollDown]
) -> None:
    """Turn the mouse wheel once over `widget`, as the terminal would report it."""
    await pilot._post_mouse_events([kind], widget)


async def test_time_moves_the_highlight_across_remarks_and_on_to_the_next_track() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE):
        assert rig.current_remark() == 0
        await rig.advance(9.5)
        assert rig.current_remark() == 0
        await rig.advance(0.5)
        assert rig.current_remark() == 1
        past = [r.index for r in rig.app.query(Remark) if r.has_class("-past")]
        assert past == [0]
        await rig.advance(10)
        assert rig.current_remark() == 2
        assert "0:20 / 0:40" in rig.bar()
        await rig.advance(20)
        assert rig.session.index == 1
        assert rig.session.position == 0.0
        assert rig.current_remark() is None  # the interlude's first remark is at 0:05
        assert rig.app.query_one(TrackList).playing == 1
        await rig.advance(15)
        assert rig.current_remark() == 1  # [50%] of 30 s


async def test_the_album_ends_quietly() -> None:
    rig = make_rig(start=(3, 19.0))
    async with rig.app.run_test(size=WIDE):
        await rig.advance(1)
        assert rig.session.finished
        assert rig.bar().startswith("■ 0:20 / 0:20")
        await rig.advance(30)
        assert rig.session.index == 3
        assert rig.session.finished


async def test_space_pauses_and_resumes() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(3)
        await pilot.press("space")
        assert rig.session.transport.paused
        assert rig.bar().startswith("⏸ 0:03")
        await rig.advance(10)
        assert rig.session.position == 3.0
        await pilot.press("space")
        assert not rig.session.transport.paused
        await rig.advance(10)
        assert rig.session.position == 13.0
        assert rig.bar().startswith("▶ 0:13")


@pytest.mark.parametrize(
    ("key", "expected"),
    [("right", 25.0), ("left", 15.0), ("shift+right", 39.5), ("shift+left", 0.0)],
)
async def test_arrows_seek(key: str, expected: float) -> None:
    rig = make_rig(start=(0, 20.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press(key)
        assert rig.session.position == expected


@pytest.mark.parametrize("focused", [TrackList, Commentary])
async def test_arrows_seek_and_show_in_the_footer_whatever_has_focus(
    focused: type[TrackList | Commentary],
) -> None:
    rig = make_rig(start=(0, 20.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        rig.app.query_one(focused).focus()
        await pilot.press("right")
        assert rig.session.position == 25.0
        await pilot.press("left", "left")
        assert rig.session.position == 15.0
        footer = {b.binding.description for b in rig.app.active_bindings.values() if b.binding.show}
        assert {"-5s", "+5s"} <= footer


async def test_n_and_p_change_track_and_p_restarts_a_track_under_way() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert rig.session.index == 1
        assert rig.app.query_one(TrackList).highlighted == 1
        await rig.advance(10)
        await pilot.press("p")
        assert (rig.session.index, rig.session.position) == (1, 0.0)
        await pilot.press("p")
        assert (rig.session.index, rig.session.position) == (0, 0.0)
        title = rig.app.query_one(".track-title")
        assert "01. Opening" in str(title.render())


async def test_brackets_move_between_remarks() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("right_square_bracket")
        assert rig.session.position == 10.0
        assert rig.current_remark() == 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert rig.session.position == 20.0
        assert rig.current_remark() == 2
        await rig.advance(5)
        await pilot.press("left_square_bracket")
        assert rig.session.position == 20.0
        await pilot.press("left_square_bracket")
        assert rig.session.position == 10.0
        assert rig.current_remark() == 1


@pytest.mark.parametrize(("down", "up"), [("down", "up"), ("j", "k")])
async def test_keys_move_in_the_track_list_and_enter_plays(down: str, up: str) -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        tracks = rig.app.query_one(TrackList)
        await pilot.press(down, down, down, up)
        assert tracks.highlighted == 2
        assert rig.session.index == 0
        await pilot.press("enter")
        assert rig.session.index == 2
        assert tracks.playing == 2
        assert "03. Finale" in str(rig.app.query_one(".track-title").render())


async def test_volume_and_mute() -> None:
    rig = make_rig()
    transport = rig.session.transport
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("minus", "minus")
        assert transport.volume == 0.9
        assert "vol 90%" in rig.bar()
        await pilot.press("plus")
        assert transport.volume == 0.95
        await pilot.press("m")
        assert transport.muted
        assert "vol muted" in rig.bar()
        await pilot.press("m")
        assert not transport.muted
        await pilot.press("m", "equals_sign")
        assert not transport.muted
        assert transport.volume == 1.0


async def test_t_opens_the_themes_and_choosing_a_theme_tours_its_tracks() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("t")
        assert isinstance(rig.app.screen, ThemesScreen)
        await pilot.press("escape")
        assert not isinstance(rig.app.screen, ThemesScreen)
        await pilot.press("n", "t", "enter")
        await pilot.pause()
        assert not isinstance(rig.app.screen, ThemesScreen)
        assert rig.session.tour == (0, 2)
        assert rig.session.index == 0
        await rig.advance(40)
        assert rig.session.index == 2
        await pilot.press("backspace")
        assert rig.session.index == 1


async def test_the_themes_view_shows_remarks_as_read_not_as_markdown() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("t")
        options = rig.app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines[-1] == "   03 Finale  [0:10] The Motif again, louder."


async def test_choosing_a_remark_in_the_themes_view_plays_from_it() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("t", "down", "down", "enter")
        await pilot.pause()
        assert (rig.session.index, rig.session.position) == (2, 10.0)
        assert rig.current_remark() == 1


async def test_f_toggles_following() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert not rig.app.following
        assert "following off (f)" in rig.bar()
        await pilot.press("f")
        assert rig.app.following
        assert "following off" not in rig.bar()


async def test_a_cross_reference_jumps_and_backspace_returns() -> None:
    rig = make_rig(start=(0, 22.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        markdown = rig.app.query_one(".remark.-current", Remark).query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "#03@0:10"))
        await pilot.pause()
        assert (rig.session.index, rig.session.position) == (2, 10.0)
        assert rig.current_remark() == 1
        await pilot.press("backspace")
        assert (rig.session.index, rig.session.position) == (0, 22.0)
        await pilot.press("backspace")
        assert (rig.session.index, rig.session.position) == (0, 22.0)


async def test_a_link_to_a_theme_opens_the_themes() -> None:
    rig = make_rig(start=(2, 12.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        markdown = rig.app.query_one(".remark.-current", Remark).query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "#motif"))
        await pilot.pause()
        assert isinstance(rig.app.screen, ThemesScreen)


async def test_clicking_a_link_follows_it_rather_than_seeking_the_remark() -> None:
    rig = make_rig(start=(0, 22.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        paragraph = rig.app.query_one(".remark.-current", Remark).query_one(MarkdownParagraph)
        column = "Third remark: the tune comes back in ".__len__()
        await pilot.click(paragraph, offset=(column + 2, 0))
        await pilot.pause()
        assert (rig.session.index, rig.session.position) == (2, 10.0)


async def test_l_shows_and_hides_the_track_list() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        screen = rig.app.screen
        assert not screen.has_class("-narrow")
        assert rig.app.query_one(TrackList).display
        await pilot.press("l")
        assert not rig.app.query_one(TrackList).display
        await pilot.press("l")
        assert rig.app.query_one(TrackList).display


async def test_on_a_narrow_terminal_l_shows_the_track_list_and_enter_plays() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=NARROW) as pilot:
        screen = rig.app.screen
        assert screen.has_class("-narrow")
        assert not rig.app.query_one(TrackList).display
        await pilot.press("l")
        assert screen.has_class("-show-tracks")
        assert rig.app.query_one(TrackList).display
        await pilot.press("down", "enter")
        assert rig.session.index == 1
        await pilot.press("l")
        assert not screen.has_class("-show-tracks")
        assert rig.app.query_one(Commentary).display


async def test_resizing_folds_the_track_list_away_and_back() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert rig.app.screen.has_class("-narrow")
        assert not rig.app.query_one(TrackList).display
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not rig.app.screen.has_class("-narrow")
        assert rig.app.query_one(TrackList).display


async def test_resizing_folds_the_track_list_even_under_the_themes_view() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        main = rig.app.screen
        await pilot.press("t")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        await pilot.press("escape")
        assert rig.app.screen is main
        assert main.has_class("-narrow")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not main.has_class("-narrow")


async def test_question_mark_shows_and_hides_the_keys() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert rig.app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not rig.app.screen.query(HelpPanel)


async def test_q_quits_and_remembers_the_place() -> None:
    saved: list[tuple[TrackId, float, float]] = []
    rig = make_rig(start=(1, 7.0))
    rig.app.remember = lambda track, position, volume: saved.append((track, position, volume))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not rig.app.is_running
    assert saved[-1] == (TrackId(1, 2), 7.0, 1.0)


async def test_a_tick_while_the_app_closes_does_nothing() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
    await rig.advance(5)
    assert not rig.app.query(TransportBar)


async def test_clicking_a_remark_seeks_to_it() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        remark = rig.app.query(Remark)[2]
        await pilot.click(remark.query_one(".stamp"))
        assert rig.session.position == 20.0
        assert rig.current_remark() == 2
        await pilot.click(rig.app.query(Remark)[1])
        assert rig.session.position == 10.0


async def test_scrolling_by_hand_suspends_following_and_f_restores_it() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=SHORT) as pilot:
        commentary = rig.app.query_one(Commentary)
        assert commentary.max_scroll_y > 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        followed = commentary.scroll_y
        assert followed > 0
        await wheel(pilot, commentary, events.MouseScrollUp)
        await wheel(pilot, commentary, events.MouseScrollUp)
        assert not rig.app.following
        assert "following off (f)" in rig.bar()
        read = commentary.scroll_y
        assert read < followed
        await rig.advance(15)
        await pilot.pause()
        assert rig.current_remark() == 2
        assert commentary.scroll_y == read
        await pilot.press("f")
        await pilot.pause()
        assert rig.app.following
        assert commentary.scroll_y == followed
        assert "following off" not in rig.bar()


async def test_a_new_track_follows_again() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=SHORT) as pilot:
        await wheel(pilot, rig.app.query_one(Commentary), events.MouseScrollDown)
        assert not rig.app.following
        await rig.advance(40)
        assert rig.session.index == 1
        assert rig.app.following


async def test_resume_starts_where_the_listener_left() -> None:
    rig = make_rig(start=(2, 12.0))
    async with rig.app.run_test(size=WIDE):
        assert (rig.session.index, rig.session.position) == (2, 12.0)
        assert rig.current_remark() == 1
        assert rig.app.query_one(TrackList).playing == 2
        assert rig.bar().startswith("▶ 0:12 / 0:50")


async def test_the_real_mixer_plays_the_listeners_files(tmp_path: Path) -> None:
    guide = sample_guide()
    files = {
        track.id: make_tone(tmp_path / f"{track.id}.flac", track.length or 1.0)
        for track in guide.tracks
    }
    transport = Transport(MonotonicClock(), None, "opening the audio device")
    app = ListeningApp(
        Session(guide, transport, files), open_audio=lambda: open_device(tmp_path / "log")
    )
    async with app.run_test(size=WIDE) as pilot:
        bar = app.query_one(TransportBar)
        for _ in range(100):  # the device opens just after the first frame
            if "♪ your file" in str(bar.render()):
                break
            await pilot.pause(0.02)
        assert transport.audio_available and not transport.paused
        assert "♪ your file" in str(bar.render())
        assert transport.loaded_path == files[TrackId(1, 1)]
        before = app.session.position
        await pilot.pause(0.6)
        await app.tick()
        assert 0.3 < app.session.position - before < 2.0
        await pilot.press("right_square_bracket")
        assert abs(app.session.position - 10.0) < 0.3
        await pilot.press("q")
    transport.stop()
    pygame.mixer.quit()


async def test_a_remark_due_before_the_next_tick_is_highlighted_on_time() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(9.9)
        assert rig.current_remark() == 0
        rig.clock.advance(0.1)  # the remark's time comes between two ticks
        await pilot.pause(0.1)
        assert rig.current_remark() == 1


async def test_the_next_track_shows_at_the_boundary_not_at_the_next_tick(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("ostguide.ui.app.TICK", 30.0)  # no regular tick during the test
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(39.9)  # the opening lasts 40 s; its last remark is long past
        assert rig.session.index == 0
        rig.clock.advance(0.1)  # it ends between two ticks: the timer set for it fires at 0.1 s
        await pilot.pause(0.2)
        assert rig.session.index == 1
        assert rig.app.query_one(TrackList).playing == 1
        await pilot.pause(0.3)  # let the new track's commentary finish mounting before closing


async def test_no_remark_timer_while_paused() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(9.9)
        await pilot.press("space")
        rig.clock.advance(0.1)
        await pilot.pause(0.1)
        assert rig.current_remark() == 0


async def test_without_a_device_the_track_reads_along_and_says_why() -> None:
    rig = make_rig()
    rig.app.open_audio = lambda: (None, "no audio device: unplugged")
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        transport = rig.session.transport
        assert (transport.mode, transport.paused) == ("read-along", False)
        assert "read-along: no audio device: unplugged" in rig.bar()


async def test_the_music_is_found_after_the_screen_is_up_with_progress_shown() -> None:
    rig = make_rig()
    guide = rig.session.guide
    first = guide.tracks[0].id
    seen: list[str] = []

    def find_music(progress: Callable[[int, int], None]) -> Library:
        for done in (50, 100, 120):
            progress(done, 120)
        found = Match(
            first,
            AudioFile(Path("/m/01.ogg"), 1, 1, None, None, None, None, 1, 40.0, False, None),
            1.0,
            "tag",
        )
        others = tuple(Match(t.id, None, 0.0, "no file") for t in guide.tracks[1:])
        location = Location(Path("/m"), Source.EXPLICIT, "from --music")
        sheet_notice = 'Noein.cue:6: FILE "Noein.ape" is APE, which cannot be played here'
        return Library(location, Assignment((found, *others), (), Path("/m")), (sheet_notice,))

    kept: list[Library] = []

    def keep_music(library: Library) -> list[str]:
        kept.append(library)
        return ["a note"]

    rig.app.find_music = find_music
    rig.app.keep_music = keep_music
    rig.app._show_position = lambda: seen.append(rig.app.activity)  # type: ignore[method-assign]
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.app.workers.wait_for_complete()
        await pilot.pause()
        assert rig.session.files == {first: Path("/m/01.ogg")}
        assert rig.app.missing == frozenset(t.id for t in guide.tracks[1:])
        assert not rig.session.transport.paused
        assert "reading tags 120/120" in seen
        assert rig.app.activity == ""
        assert [n.message for n in rig.app._notifications] == [
            "a note",
            'Noein.cue:6: FILE "Noein.ape" is APE, which cannot be played here',
        ]
        assert [library.location.folder for library in kept] == [Path("/m")]


async def test_a_failed_search_for_music_reads_along_and_says_why() -> None:
    rig = make_rig()

    def find_music(progress: Callable[[int, int], None]) -> Library:
        raise PermissionError("Permission denied: '/music'")

    rig.app.find_music = find_music
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.app.workers.wait_for_complete()
        await pilot.pause()
        assert not rig.session.transport.paused
        assert [n.message for n in rig.app._notifications] == [
            "could not look for music: Permission denied: '/music'"
        ]
