"""The listening screen driven through Textual's pilot, on a fake clock: that keys, clicks and
scrolling reach the commands, and that the widgets show the views. What each command does is
tested on the controller alone (test_listening.py), and which command each key runs through the
bindings without a screen (test_commands.py)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from audiogen import make_tone
from polling import Elapsed
from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from uikit import load, make_controller, make_rig, sample_guide

from ostguide.guide.limits import MAX_TRACKS
from ostguide.guide.model import Guide, TrackId
from ostguide.guide.parser import parse_text
from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.listening.controller import Listening
from ostguide.listening.news import MusicProgress
from ostguide.listening.opening import Opening
from ostguide.player.clock import MonotonicClock
from ostguide.player.transport import Transport, open_device
from ostguide.session import Session
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State
from ostguide.ui.aboutscreen import AboutScreen
from ostguide.ui.app import ListeningApp
from ostguide.ui.clocks import APPROACH, PAST_THE_CHANGE
from ostguide.ui.commentary import BATCH, MAX_PARAGRAPHS, Commentary, Remark, bounded
from ostguide.ui.folderpicker import FolderPicker
from ostguide.ui.helpscreen import HelpScreen
from ostguide.ui.keyline import KeyLine
from ostguide.ui.messages import Arrived
from ostguide.ui.musicpanel import MusicPanel
from ostguide.ui.remarktext import RemarkText
from ostguide.ui.themes import ThemesScreen
from ostguide.ui.tracklist import TrackList
from ostguide.ui.transportbar import TransportBar

NOEIN = Path(__file__).parent.parent / "guides" / "noein.md"
NOWHERE = Location(None, Source.NOT_FOUND, "not found: looked in ~/Music")

pytestmark = pytest.mark.slow
"""Every test here runs the app under Textual's pilot (about a second each)."""

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
        assert rig.session.tour is not None and rig.session.tour.tracks == (0, 2)
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


async def test_clicking_a_link_follows_it_rather_than_seeking_the_remark() -> None:
    rig = make_rig(start=(0, 22.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = rig.app.query_one(".remark.-current", Remark)
        column = "Third remark: the tune comes back in ".__len__()
        # The text's first line is under the remark's time, past its bar and padding (2 cells).
        await pilot.click(text, offset=(2 + column + 2, 1))
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
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(rig.app.screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in rig.app.screen.query(Static))
        for words in (
            "Listen",
            "Move",
            "Guide",
            "Write",
            "space play or pause",
            "✎ has commentary",
            "≈ placed on the music",
        ):
            assert words in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(rig.app.screen, HelpScreen)


async def test_a_shows_about_the_guide_and_closes_on_a() -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert isinstance(rig.app.screen, AboutScreen)
        text = " ".join(str(shown.render()) for shown in rig.app.screen.query(Static))
        assert "Random Curiosity" in text and "How to read this guide" in text
        assert "Read it at: https://randomc.net/2012/05/22/noein-ost-vol-1/" in text
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(rig.app.screen, AboutScreen)
        await pilot.press("a")  # a link in the afterword: About closes and the link is followed
        rig.app.screen.query(RemarkText).last().post_message(RemarkText.LinkClicked("#08"))
        await pilot.pause()
        assert not isinstance(rig.app.screen, AboutScreen)
        assert rig.session.index == 7


async def test_the_greeting_stands_in_for_the_keys_until_a_key_is_pressed() -> None:
    made, _ = make_controller()
    app = ListeningApp(made, greeting="Press a to read about this guide.")
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.query_one(KeyLine)
        assert str(line.render()) == "Press a to read about this guide."
        await pilot.press("space")
        await pilot.pause()
        assert str(line.render()).startswith("space Play/pause  n Next")


async def test_q_quits_and_remembers_the_place() -> None:
    memory = SettingsMemory("sample", Config.load(), State.load()[0])
    controller, _ = make_controller(start=(1, 7.0), memory=memory)
    app = ListeningApp(controller)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    point = State.load()[0].resume_point("sample")
    assert point is not None and (point.disc, point.number, point.position) == (1, 2, 7.0)


async def test_a_tick_while_the_app_closes_does_nothing() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
    rig.clock.advance(5)
    rig.app.clocks.tick()
    assert not rig.app.query(TransportBar)


async def test_clicking_a_remark_seeks_to_it() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        remark = rig.app.query(Remark)[2]
        await pilot.click(remark, offset=(3, 0))  # on its time
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
        assert not rig.view.following
        assert "following off (f)" in rig.bar()
        read = commentary.scroll_y
        assert read < followed
        await rig.advance(15)
        await pilot.pause()
        assert rig.current_remark() == 2
        assert commentary.scroll_y == read
        await pilot.press("f")
        await pilot.pause()
        assert rig.view.following
        assert commentary.scroll_y == followed
        assert "following off" not in rig.bar()


async def test_the_real_mixer_plays_the_listeners_files(tmp_path: Path) -> None:
    guide = sample_guide()
    files = {
        track.id: make_tone(tmp_path / f"{track.id}.flac", track.length or 1.0)
        for track in guide.tracks
    }
    transport = Transport(MonotonicClock(), None, "opening the audio device")
    app = ListeningApp(
        Listening(Session(guide, transport, files)),
        opening=Opening(lambda: open_device(tmp_path / "log"), None),
    )
    async with app.run_test(size=WIDE) as pilot:
        bar = app.query_one(TransportBar)
        for _ in range(100):  # the device opens in a thread
            if "♪ your file" in str(bar.render()):
                break
            await pilot.pause(0.02)
        assert transport.audio_available and not transport.paused
        assert "♪ your file" in str(bar.render())
        assert transport.loaded_path == files[TrackId(1, 1)]
        session = app.controller.session
        before, since = session.position, Elapsed()
        await pilot.pause(0.6)
        assert 0.5 <= session.position - before <= since.most()
        since = Elapsed()
        await pilot.press("right_square_bracket")  # the next remark, at 0:10
        assert 10.0 - 0.02 <= session.position <= 10.0 + since.most()
        await pilot.press("q")
    transport.stop()
    pygame.mixer.quit()


async def test_the_device_rests_while_paused_and_the_music_plays_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ostguide.ui.clocks.REST_AFTER", 0.2)
    guide = sample_guide()
    files = {track.id: make_tone(tmp_path / f"{track.id}.ogg", 20.0) for track in guide.tracks}
    transport = Transport(MonotonicClock(), None, "opening the audio device")
    app = ListeningApp(
        Listening(Session(guide, transport, files)),
        opening=Opening(lambda: open_device(tmp_path / "log"), None),
    )
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(100):
            if transport.mode == "audio":
                break
            await pilot.pause(0.02)
        await pilot.press("space")
        paused_at = transport.position
        await pilot.pause(0.4)
        assert not pygame.mixer.get_init()  # the device rests
        await pilot.press("space")
        assert pygame.mixer.get_init() and not transport.paused
        assert paused_at <= transport.position <= paused_at + 0.1
        await pilot.press("q")
    transport.stop()
    pygame.mixer.quit()


async def test_a_remark_due_before_the_next_tick_is_highlighted_on_time() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(9.9)
        assert rig.current_remark() == 0
        timer = rig.app.clocks.wake  # aimed short of the remark, to look again at what is left
        assert timer is not None and timer._interval == pytest.approx(0.1 * APPROACH)
        rig.clock.advance(0.1)  # the remark's time comes: the timer fires
        rig.app.clocks.woken()
        await pilot.pause()
        assert rig.current_remark() == 1


async def test_the_next_track_shows_when_the_timer_set_for_the_tracks_end_fires() -> None:
    rig = make_rig(start=(0, 35.0))  # the opening ends at 0:40; its last remark is long past
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(4.9)
        timer = rig.app.clocks.wake  # aimed short of the end, to look again at what is left
        assert timer is not None and timer._interval == pytest.approx(0.1 * APPROACH)
        rig.clock.advance(0.1)  # the track ends: the timer set for it fires
        rig.app.clocks.woken()
        await pilot.pause()
        assert (rig.session.index, rig.app.query_one(TrackList).playing) == (1, 1)


async def test_nothing_wakes_the_screen_while_paused() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await rig.advance(9.9)
        assert rig.view.due == pytest.approx(0.1)  # the 0:10 remark is due
        await pilot.press("space")
        assert rig.app.clocks.wake is None
        await pilot.press("space")
        assert rig.app.clocks.wake is not None


async def test_while_playing_the_screen_wakes_when_the_time_shown_changes_and_not_before() -> None:
    rig = make_rig(start=(2, 12.3))  # the finale: no remark between 0:10 and 0:30
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await rig.advance(0)  # once the bar is laid out, its columns are known
        bar = rig.app.query_one(TransportBar)
        for _ in range(4):  # the seconds and the head's columns, in turn
            wait = bar.seconds_to_change(rig.view.transport)
            timer = rig.app.clocks.wake
            assert timer is not None and timer._interval == pytest.approx(wait + PAST_THE_CHANGE)
            drawn = str(bar.render())
            await rig.advance(wait - 0.002)  # just before: nothing shown would change
            assert str(bar.render()) == drawn
            await rig.advance(0.002 + PAST_THE_CHANGE)
            assert str(bar.render()) != drawn


def many_tracks(count: int) -> Guide:
    """A guide of `count` short tracks with one remark each."""
    body = "".join(
        f"## {n:02d}. Track {n}\n\n- Length: 1:00\n\n[0:00] Remark.\n\n"
        for n in range(1, count + 1)
    )
    result = parse_text(f'+++\ntitle = "Many"\n+++\n\n{body}', Path("many.md"))
    assert result.guide is not None
    return result.guide


async def test_the_track_list_draws_only_the_rows_in_view(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []
    prompt = TrackList.prompt

    def counted(self: TrackList, index: int, width: int = 200) -> Text:
        drawn.append(index)
        return prompt(self, index, width)

    monkeypatch.setattr(TrackList, "prompt", counted)
    rig = make_rig(many_tracks(MAX_TRACKS))  # as many as a guide may hold
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert drawn and max(drawn) < 40
        drawn.clear()
        await pilot.press("n", "n")
        assert rig.session.index == 2
        assert len(drawn) <= 2 * WIDE[1]  # at most the rows in view, once a key


async def test_clicking_a_track_plays_it() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.click(TrackList, offset=(5, 3))
        assert rig.session.index == 2


def one_track(remarks: Iterable[str]) -> Guide:
    """A guide of one 10-minute track with these remarks, a second apart."""
    body = "".join(f"[{i // 60}:{i % 60:02d}] {text}\n\n" for i, text in enumerate(remarks))
    head = '+++\ntitle = "One"\n+++\n\n## 01. Long\n\n- Length: 10:00\n\n'
    result = parse_text(head + body, Path("one.md"))
    assert result.guide is not None, result.diagnostics[:3]
    return result.guide


async def test_a_long_track_opens_with_a_batch_of_remarks_and_mounts_the_rest_after() -> None:
    rig = make_rig(one_track(f"Remark {i}." for i in range(60)))
    async with rig.app.run_test(size=WIDE) as pilot:
        commentary = rig.app.query_one(Commentary)
        assert len(commentary.query(Remark)) <= 3 * BATCH  # a batch a refresh, not all 60
        for _ in range(100):
            if len(commentary.query(Remark)) == 60:
                break
            await pilot.pause()
        assert len(commentary.query(Remark)) == 60


async def test_a_batch_of_remarks_waits_until_a_remark_due_has_been_highlighted() -> None:
    rig = make_rig(one_track(f"Remark {i}." for i in range(60)))
    async with rig.app.run_test(size=WIDE) as pilot:
        commentary = rig.app.query_one(Commentary)
        commentary.due_at = time.monotonic() + 0.06  # a remark is due in 60 ms
        mounted = len(commentary.query(Remark))
        await pilot.pause(0.03)
        assert len(commentary.query(Remark)) == mounted
        await pilot.pause(0.2)
        assert len(commentary.query(Remark)) > mounted


async def test_a_new_notice_or_new_times_change_only_themselves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        filled: list[object] = []
        monkeypatch.setattr(Commentary, "show_track", lambda *args: filled.append(args))
        screen = rig.app.listening_screen
        view = rig.view
        labels = ("≈0:01", *view.labels[1:])
        screen.view = replace(view, notice="Reading along without sound: testing.", labels=labels)
        await pilot.pause()
        assert filled == []
        assert "testing" in str(rig.app.query_one(".notice", Static).render())
        first = rig.app.query(Remark).first()
        assert str(first.render()).startswith("≈0:01")


@pytest.mark.parametrize(
    ("paragraphs", "shown", "note"),
    [(1, 1, False), (MAX_PARAGRAPHS, MAX_PARAGRAPHS, False), (5000, MAX_PARAGRAPHS + 1, True)],
)
def test_a_remark_is_drawn_up_to_a_bound(paragraphs: int, shown: int, note: bool) -> None:
    text = bounded("\n\n".join(f"Paragraph {i}." for i in range(paragraphs)), 12)
    assert len(text.split("\n\n")) == shown
    assert ("more paragraphs, too many to show here: see line 12" in text) == note


async def test_hints_name_the_keys_the_listeners_keymap_gives() -> None:
    rig = make_rig(keymap={"follow": "o", "themes.close": "c", "themes.play": "p"})
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        assert "following off (o)" in rig.bar()
        await pilot.press("t")
        title = rig.app.screen.query_one("#themes-title", Static)
        assert str(title.render()) == "Themes: p plays, c closes"
        await pilot.press("c")
        assert not isinstance(rig.app.screen, ThemesScreen)


async def test_a_link_to_a_theme_opens_the_themes() -> None:
    rig = make_rig(start=(2, 12.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = rig.app.query_one(".remark.-current", Remark)
        text.post_message(RemarkText.LinkClicked("#motif"))
        await pilot.pause()
        assert isinstance(rig.app.screen, ThemesScreen)


async def test_ctrl_p_searches_every_word_and_a_chosen_remark_plays_from_its_moment() -> None:
    rig = make_rig(load(NOEIN), start=(4, 0.0))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert rig.app.screen.query_one(Input).placeholder == "Search the guide…"
        await pilot.press(*"choir")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")  # the glossary's "choir" comes first, then the remarks
        await pilot.pause()
        assert (rig.session.index, rig.session.position) == (0, 120.0)


@pytest.mark.parametrize(("width", "row"), [(80, "  08 Ryuukiheitachi no … ✎"), (99, None)])
async def test_below_100_columns_the_commentary_keeps_most_of_the_width(
    width: int, row: str | None
) -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        tracks = rig.app.query_one(TrackList)
        commentary = rig.app.query_one(Commentary)
        assert commentary.outer_size.width >= 0.6 * width
        shown = str(tracks.prompt(7, tracks.scrollable_content_region.width))
        assert shown == (row or "  08 Ryuukiheitachi no Tatakai ✎")
        assert "✎" not in str(tracks.prompt(1))  # Kakute, Tatakau: not discussed


async def test_tab_selects_a_link_shown_under_the_transport_line_and_enter_follows_it() -> None:
    rig = make_rig(start=(0, 22.0))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        assert str(rig.app.query_one(KeyLine).render()).startswith("Link: the finale  → #03@0:10")
        await pilot.press("enter")
        assert (rig.session.index, rig.session.position) == (2, 10.0)
        assert str(rig.app.query_one(KeyLine).render()).startswith("space Play/pause")
        await pilot.press("backspace")
        assert (rig.session.index, rig.session.position) == (0, 22.0)
        await pilot.press("enter")  # no link selected: enter does nothing here
        assert rig.session.index == 0


async def test_a_guide_of_two_discs_lists_each_under_its_heading_and_a_click_plays_the_row() -> (
    None
):
    text = '+++\ntitle = "Two"\ndiscs = 2\n+++\n\n## 1-01. A\n\n## 1-02. B\n\n## 2-01. C\n'
    guide = parse_text(text, Path("two.md")).guide
    assert guide is not None
    rig = make_rig(guide)
    async with rig.app.run_test(size=WIDE) as pilot:
        tracks = rig.app.query_one(TrackList)
        rows = [str(tracks.render_line(y).text).rstrip(" ─").strip() for y in range(5)]
        assert rows == ["── Disc 1", "▶ 01 A", "02 B", "── Disc 2", "2-01 C"]
        await pilot.click(tracks, offset=(4, 5))  # below the border, the fifth row
        await pilot.pause()
        assert rig.session.index == 2
        await pilot.press("p")
        assert tracks.highlighted == 1


async def test_at_80_columns_the_transport_line_shows_the_tour_and_its_progress() -> None:
    rig = make_rig(load(NOEIN))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        rig.app.action_run("tour_theme", "friendship")
        await pilot.press("n")
        assert "  The Friendship Theme 2/3  " in rig.bar()


async def test_o_chooses_the_music_folder_and_the_music_found_there_plays(
    tmp_path: Path,
) -> None:
    guide = sample_guide()
    controller, _ = make_controller(
        guide, missing=[t.id for t in guide.tracks], music_note="No audio found: nowhere."
    )
    folder = tmp_path / "Sample"
    make_tone(folder / "01 Opening.ogg", 40.0)
    asked: list[Path | None] = []

    def find_music(progress: object, chosen: Path | None) -> Library:
        asked.append(chosen)
        location = Location(chosen, Source.EXPLICIT, "from --music") if chosen else NOWHERE
        files = {guide.tracks[0].id: folder / "01 Opening.ogg"} if chosen else {}
        matches = tuple(
            Match(t.id, AudioFile(files[t.id], 1, 1) if t.id in files else None, 1.0, "tag")
            for t in guide.tracks
        )
        return Library(location, Assignment(matches, (), chosen) if chosen else None)

    app = ListeningApp(controller, opening=Opening(None, find_music), find_music=find_music)
    async with app.run_test(size=WIDE) as pilot:
        panel = app.query_one(MusicPanel)
        for _ in range(100):  # the music is looked for in a thread
            if panel.display:
                break
            await pilot.pause(0.02)
        assert panel.display and "Press o to choose" in str(panel.render())
        await pilot.press("o")
        assert isinstance(app.screen, FolderPicker)
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [None, folder]
        assert not panel.display
        view = app.listening_screen.view
        assert view is not None and guide.tracks[0].id not in view.missing


async def test_the_folder_picker_refuses_what_is_not_a_folder(tmp_path: Path) -> None:
    rig = make_rig()
    asked: list[Path | None] = []

    def find_music(progress: object, chosen: Path | None) -> Library:
        asked.append(chosen)
        return Library(NOWHERE, None)

    rig.app.find_music = find_music
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        picker = rig.app.screen
        assert isinstance(picker, FolderPicker)
        picker.query_one(Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        assert rig.app.screen is picker
        assert "is not a folder" in str(picker.query_one("#picker-problem", Static).render())
        await pilot.press("escape")
        assert rig.app.screen is not picker
    assert asked == []  # what is not a folder is never looked in


async def test_what_lasts_is_kept_from_the_collector_while_the_screen_is_up() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, the stylesheet, the widgets
        rig.app.post_message(Arrived(MusicProgress(1, 2)))
        await pilot.pause()
        assert gc.get_freeze_count() >= frozen
    assert gc.get_freeze_count() == 0  # given back when the app ends
