"""The listening screen's mouse and modals under Textual's pilot, on a fake clock: the timeline
clicked and dragged, the A–B loop drawn on it, messages on one line, and views that scroll on a
small terminal. What the commands do is tested on the controller (test_listening_study.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList
from uikit import load, make_rig

from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.listening.news import MusicFound
from ostguide.ui.commentary import Commentary
from ostguide.ui.remarktext import RemarkText
from ostguide.ui.transportbar import LOOP_A, LOOP_B, TransportBar

pytestmark = pytest.mark.slow
"""Every test here runs the app under Textual's pilot (about a second each)."""

WIDE = (120, 40)
NOEIN = Path(__file__).parent.parent / "guides" / "noein.md"


async def test_clicking_and_dragging_on_the_timeline_seeks() -> None:
    rig = make_rig()  # the first track: 40 s
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bar = rig.app.query_one(TransportBar)
        width = bar.content_size.width
        await pilot.click(bar, offset=(1 + (width - 1) // 2, 1))  # the middle of the timeline
        assert rig.session.position == pytest.approx(20.0, abs=40 / width)
        await pilot.click(bar, offset=(1 + width // 2, 0))  # the status line: no seek
        assert rig.session.position == pytest.approx(20.0, abs=40 / width)
        await pilot.mouse_down(bar, offset=(1, 1))
        assert rig.session.position == 0.0
        await pilot.hover(bar, offset=(1 + (width - 1) // 4, 1))
        assert rig.session.position == pytest.approx(10.0, abs=40 / width)
        await pilot.mouse_up(bar, offset=(1 + (width - 1) // 4, 1))
        await pilot.hover(bar, offset=(1 + width - 2, 1))
        assert rig.session.position == pytest.approx(10.0, abs=40 / width)  # released


async def test_the_a_b_loop_is_drawn_on_the_timeline() -> None:
    rig = make_rig(start=(0, 10.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("b")
        await rig.advance(10)
        await pilot.press("b")
        await rig.advance(2)  # back at A, then on
        assert rig.session.position == 12.0
        status, timeline = rig.bar().splitlines()
        assert "A–B 0:10–0:20" in status
        width = len(timeline)
        assert timeline.index(LOOP_A) == round(10 / 40 * (width - 1))
        assert timeline.index(LOOP_B) == round(20 / 40 * (width - 1))


async def test_slash_opens_the_search_and_a_place_typed_comes_first() -> None:
    rig = make_rig()
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"2 0:10")
        await pilot.pause(0.5)
        first = rig.app.screen.query_one(OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("Go to 02 Interlude at 0:10")
        await pilot.press("enter")
        await pilot.pause()
        assert (rig.session.index, rig.session.position) == (1, 10.0)


async def test_messages_take_the_key_line_and_never_cover_the_timeline() -> None:
    warning = "config.toml:3:1: error: volume must be a number from 0 to 100; " * 3
    rig = make_rig(warnings=[warning.strip()])
    async with rig.app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        keys, bar = rig.app.listening_screen.keys, rig.app.query_one(TransportBar)
        assert keys.outer_size.height == 3  # a long warning wraps, under the timeline
        assert keys.region.y >= bar.region.bottom
        keys.messages.clear()
        await pilot.press("b", "L", "right_square_bracket")
        await pilot.pause()
        assert [m.text for m in keys.messages] == [
            "A marked: press the key again at B.",
            "Repeat this track: on.",
        ]
        assert str(keys.render()).startswith("Repeat this track: on.")  # the newest
        assert keys.outer_size.height == 1
        assert (
            keys.region.y >= bar.region.bottom
            and rig.app.screen.get_widget_at(bar.region.x + 2, bar.region.y)[0] is bar
        )
        assert "vol 100%" in rig.bar()


async def test_the_search_finds_the_listeners_title_tags_and_shows_times_as_the_commentary() -> (
    None
):
    rig = make_rig(start=(0, 12.0))
    async with rig.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tagged = AudioFile(Path("/m/01.ogg"), 1, 1, title="時空転移", track=1, length=40.0)
        guide = rig.controller.guide
        matches = (
            Match(guide.tracks[0].id, tagged, 1.0, "tag"),
            *(Match(t.id, None, 0.0, "no file") for t in guide.tracks[1:]),
        )
        where = Location(Path("/m"), Source.EXPLICIT, "from --music")
        rig.app.show(
            rig.controller.arrive(MusicFound(Library(where, Assignment(matches, (), Path("/m")))))
        )
        await pilot.press("ctrl+p", *"時空転移")
        await pilot.pause(0.5)
        first = rig.app.screen.query_one(OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("01 Opening  ")
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"halfway")
        await pilot.pause(0.5)
        first = rig.app.screen.query_one(OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith(f"02 Interlude {rig.controller.label(1, 1)}  ")


async def test_the_commentary_keeps_a_readable_measure_and_its_heading_and_introduction() -> None:
    rig = make_rig(load(NOEIN), start=(0, 0.0))
    async with rig.app.run_test(size=(200, 24)) as pilot:
        await pilot.pause()
        commentary = rig.app.query_one(Commentary)
        assert commentary.outer_size.width <= 92  # about 85 characters of text a line
        reading = rig.app.query_one("#reading")
        left = commentary.region.x - reading.region.x
        assert abs(left - (reading.region.right - commentary.region.right)) <= 1  # centred
        await rig.advance(200)  # following has scrolled far down the remarks
        assert commentary.scroll_y > 0 and rig.view.following
        assert str(commentary.title.render()).startswith("01. Shangri-La")
        assert commentary.title.region.y < commentary.region.y  # above the scrolling text
        await pilot.press("h")
        pane = rig.app.query_one("#intro-pane")
        assert pane.display and pane.region.height > 0
        shown = " ".join(str(w.render()) for w in pane.query(RemarkText))
        assert shown.startswith(rig.controller.guide.tracks[0].intro.split()[0])
        assert rig.view.following  # the remarks still follow the music below
        await pilot.press("h")
        assert not pane.display


async def test_the_remark_heard_stays_in_view_when_an_ab_loop_turns() -> None:
    """At B the music goes back to A, and the remark heard with it: the commentary ends on that
    remark, not on the one B reached (Textual, finding the remark at A already where a slide
    towards B's remark began, scrolled no further and let that slide finish)."""
    rig = make_rig(load(NOEIN), start=(0, 100.0))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        commentary = rig.app.query_one(Commentary)
        await pilot.press("b")
        await rig.advance(20)  # at ~2:00, the next remark
        await pilot.press("b")  # B: back to A, and to the remark before
        await rig.advance(5)
        await pilot.wait_for_animation()
        heard = commentary.remarks[0]
        assert rig.current_remark() == 0
        assert commentary.scrollable_content_region.overlaps(heard.region)
