"""Study listening on the controller (the sample guide: tracks of 40, 30, 50 and 20 s, reading
along on a fake clock): a pause kept across moves, repeating a track, an A–B loop, the timing
offset in fine steps and per track."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_listening import after, messages, started

from ostguide.guide.model import TrackId
from ostguide.listening.view import View
from ostguide.looping import Stretch
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State


def place(view: View) -> tuple[int, float, str]:
    return view.index, round(view.transport.position, 2), view.transport.status


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        ("next_track", (), (1, 0.0, "paused")),
        ("previous_track", (), (0, 0.0, "paused")),  # after 3 s: the start of this track
        ("play_track", (2,), (2, 0.0, "paused")),
        ("follow_href", ("#03@0:10",), (2, 10.0, "paused")),
        ("play_remark", (1, 1), (1, 15.0, "paused")),
    ],
)
def test_a_move_keeps_a_pause(command: str, args: tuple[object, ...], expected: object) -> None:
    controller, clock, _ = started((0, 12.0))
    controller.run("play_pause")
    assert place(controller.run(command, *args).view) == expected
    assert place(after(controller, clock, 5).view) == expected  # the clock stands still


def test_a_move_while_playing_plays_and_back_returns_playing() -> None:
    controller, clock, _ = started((0, 12.0))
    assert place(controller.run("follow_href", "#03@0:10").view) == (2, 10.0, "playing")
    controller.run("play_pause")
    assert place(controller.run("back").view) == (0, 12.0, "paused")
    controller.run("play_pause")
    assert place(after(controller, clock, 1).view) == (0, 13.0, "playing")


def test_the_album_ended_plays_again_from_the_start() -> None:
    controller, clock, _ = started((3, 19.0))
    assert after(controller, clock, 2).view.transport.status == "ended"
    assert place(controller.run("play_pause").view) == (0, 0.0, "playing")


def test_a_repeated_track_plays_again_and_next_still_skips() -> None:
    controller, clock, _ = started((1, 25.0))
    answer = controller.run("repeat")
    assert (messages(answer), answer.view.transport.repeat) == (["Repeat this track: on."], True)
    view = after(controller, clock, 5.0).view
    assert place(view) == (1, 0.0, "playing")
    assert place(after(controller, clock, 30.0).view) == (1, 0.0, "playing")  # and again
    assert place(controller.run("next_track").view) == (2, 0.0, "playing")
    controller.run("repeat")
    assert place(after(controller, clock, 50.0).view) == (3, 0.0, "playing")


def test_an_a_b_loop_plays_its_stretch_over_and_over() -> None:
    controller, clock, _ = started((0, 8.0))
    answer = controller.run("ab_loop")
    assert (messages(answer), answer.view.transport.loop_a) == (
        ["A marked: press the key again at B."],
        8.0,
    )
    after(controller, clock, 0.2)
    assert messages(controller.run("ab_loop")) == ["B must come at least half a second after A."]
    after(controller, clock, 5.8)
    view = controller.run("ab_loop").view
    assert (view.transport.loop, view.transport.loop_a, view.due) == (Stretch(8.0, 14.0), None, 0.0)
    view = after(controller, clock, 0.0).view
    assert (place(view), view.cue) == ((0, 8.0, "playing"), 0)  # back to A
    assert view.due == pytest.approx(2.0)  # the next remark, at 0:10
    view = after(controller, clock, 2.0).view
    assert view.cue == 1
    assert after(controller, clock, 4.0).view.transport.position == 8.0


def test_moving_inside_the_loop_keeps_it_and_outside_ends_it() -> None:
    controller, clock, _ = started((0, 9.0))
    controller.run("ab_loop")
    after(controller, clock, 11.5)
    controller.run("ab_loop")  # 0:09 to 0:20.5
    view = controller.run("previous_remark").view  # 0:10, inside
    assert (view.transport.position, view.transport.loop) == (10.0, Stretch(9.0, 20.5))
    answer = controller.run("next_remark")  # 0:20, inside
    assert answer.view.transport.loop == Stretch(9.0, 20.5)
    answer = controller.run("seek", 5)  # 0:25, outside
    assert (answer.view.transport.loop, messages(answer)) == (
        None,
        ["A–B loop off: you moved outside it."],
    )
    assert after(controller, clock, 10).view.transport.position == 35.0


def test_another_track_ends_the_loop_and_the_key_a_third_time_too() -> None:
    controller, clock, _ = started((0, 2.0))
    controller.run("ab_loop")
    after(controller, clock, 3)
    assert controller.run("ab_loop").view.transport.loop == Stretch(2.0, 5.0)
    assert controller.run("next_track").view.transport.loop is None
    controller.run("ab_loop")
    after(controller, clock, 3)
    controller.run("ab_loop")
    answer = controller.run("ab_loop")
    assert (answer.view.transport.loop, messages(answer)) == (None, ["A–B loop off."])


def test_the_offset_moves_in_10_ms_steps_and_a_track_has_its_own(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    memory = SettingsMemory("sample", Config.load(config), State(tmp_path / "state.json"))
    controller, clock, _ = started((0, 9.95), memory=memory)
    assert controller.view().cue == 0
    answer = controller.run("offset_earlier_fine")  # the 0:10 remark at 0:09.99
    assert (answer.view.transport.offset, messages(answer)) == (-0.01, ["Timing offset -10 ms"])
    for _ in range(4):
        view = controller.run("offset_earlier_fine").view
    assert (view.transport.offset, view.cue) == (-0.05, 1)  # now at 0:09.95
    answer = controller.run("track_later")
    view = answer.view
    assert (view.transport.offset, view.transport.track_offset, view.cue) == (-0.05, 0.1, 0)
    assert messages(answer) == ["This track's timing offset +100 ms"]
    controller.run("track_earlier_fine")
    assert after(controller, clock, 0.09).view.cue == 1  # 0:10.04: -0.05 + 0.09
    view = controller.run("next_track").view  # the interlude: the guide's offset only
    assert (view.transport.track_offset, view.transport.offset) == (0.0, -0.05)
    assert after(controller, clock, 4.95).view.cue == 0  # its 0:05 remark at 0:04.95
    saved = Config.load(config)
    assert (saved.offset("sample"), saved.track_offsets("sample")) == (-0.05, {"01": 0.09})
    again = SettingsMemory("sample", saved, State(tmp_path / "state.json"))
    assert again.track_offsets == {TrackId(1, 1): 0.09}
