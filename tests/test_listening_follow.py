"""The listening controller following another player, on a fake clock: the player's readings are
recorded by hand, as a protocol's events would record them, and the views say which track and
time the screen shows, what the transport line says, and what the player could not do. (The real
players are driven in tests/test_follow_*.py.)"""

from __future__ import annotations

import asyncio

import pytest
from uikit import make_controller

from ostguide.follow.follower import Follower
from ostguide.follow.player import FollowPlayer
from ostguide.follow.reading import Playing
from ostguide.follow.tracks import TrackFinder
from ostguide.listening.controller import Listening
from ostguide.listening.news import Following
from ostguide.listening.outbox import NOTE_SECONDS
from ostguide.player.clock import FakeClock
from ostguide.settings.config import Config, load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

ALBUM = "Sample Soundtrack"
INTERLUDE = Playing("2", "/music/02 Interlude.flac", "Interlude", ALBUM, track=2, length=30.0)
FINALE = Playing("3", "/music/03 Finale.flac", "Finale", ALBUM, track=3, length=50.0)
STRANGER = Playing("9", "/music/Stranger.flac", "Stranger", "Other", length=8.0)


class HandFollower(Follower):
    """A player whose readings the test records itself; its protocol offers no controls, so
    each control says it cannot be done."""

    async def _follow(self) -> None:
        await asyncio.Event().wait()


def following(memory: SettingsMemory | None = None) -> tuple[Listening, FakeClock, HandFollower]:
    controller, clock = make_controller(memory=memory)
    follower = HandFollower(clock, "hand 1")
    session = controller.session
    controller.arrive(Following(FollowPlayer(follower, TrackFinder(lambda: session.guide))))
    controller.start()
    return controller, clock, follower


def test_before_the_player_answers_the_line_says_so_and_nothing_moves() -> None:
    controller, clock, follower = following()
    clock.advance(5)
    view = controller.tick().view
    assert (view.transport.mode, view.transport.follows) == ("follow", "connecting to hand 1")
    assert (view.index, view.transport.position, view.transport.status) == (0, 0.0, "paused")
    assert view.notice == ""  # the transport line says it all
    follower.connected_now()
    assert controller.tick().view.transport.follows == "following hand 1: nothing is playing"


def test_the_players_track_and_time_are_the_screens() -> None:
    controller, clock, follower = following()
    follower.connected_now()
    follower.record(INTERLUDE, 12.0, paused=False)
    view = controller.tick().view
    assert (view.index, view.transport.position, view.cue) == (1, 12.0, 0)
    assert (view.transport.status, view.transport.follows) == ("playing", "following hand 1")
    clock.advance(3.5)  # interpolated between readings
    view = controller.tick().view
    assert (view.transport.position, view.cue) == (15.5, 1)
    follower.record(FINALE, 25.0, paused=True)  # skipped and paused in the player
    clock.advance(10)
    view = controller.tick().view
    assert (view.index, view.transport.position, view.transport.status) == (2, 25.0, "paused")


def test_a_track_the_guide_lacks_is_said_and_waited_out() -> None:
    controller, clock, follower = following()
    follower.connected_now()
    follower.record(INTERLUDE, 5.0, paused=False)
    controller.tick()
    follower.record(STRANGER, 3.0, paused=False)
    clock.advance(2)
    view = controller.tick().view
    assert (view.index, view.transport.stranger) == (1, "Stranger")
    assert (view.transport.position, view.transport.status) == (0.0, "paused")
    follower.record(FINALE, 1.0, paused=False)
    view = controller.tick().view
    assert (view.index, view.transport.stranger, view.transport.status) == (2, "", "playing")


async def test_keys_act_on_the_reading_at_once_and_a_refusal_is_noted_for_a_while() -> None:
    controller, clock, follower = following()
    follower.connected_now()
    follower.record(INTERLUDE, 5.0, paused=False)
    view = controller.run("seek", 10).view
    assert view.transport.position == 15.0  # at once, whatever the player says
    await asyncio.sleep(0)  # the command goes to the player, which refuses it
    view = controller.tick().view  # what the player said is taken in at the next answer
    assert view.transport.note == "hand 1 cannot seek from here"
    view = controller.run("play_pause").view
    assert view.transport.status == "paused"
    clock.advance(NOTE_SECONDS + 1)
    assert controller.view().transport.note == ""
    controller.run("volume_up")
    await asyncio.sleep(0)
    assert controller.tick().view.transport.note == "hand 1's volume cannot be set from here"


class KnobFollower(HandFollower):
    """A player with a volume and a mute that, asked to change them, says it did (as mpv's
    property changes do)."""

    async def set_volume(self, volume: float) -> None:
        self.hear_volume(volume)

    async def set_muted(self, muted: bool) -> None:
        self.hear_volume(None, muted)


async def test_the_volume_is_the_followed_players_and_not_saved() -> None:
    saved = Config.load().volume
    controller, clock = make_controller(
        memory=SettingsMemory("sample", load_config()[0], State.load()[0])
    )
    follower = KnobFollower(clock, "knob 1")
    player = FollowPlayer(follower, TrackFinder(lambda: controller.session.guide))
    controller.arrive(Following(player))
    controller.start()
    follower.connected_now()
    follower.hear_volume(0.6, False)  # the player says how loud it plays
    view = controller.tick().view
    assert (view.transport.volume, view.transport.muted) == (0.6, False)
    answer = controller.run("volume_down")
    assert (answer.view.transport.volume, answer.events) == (0.55, ())  # at once
    await asyncio.sleep(0)
    assert (follower.volume, controller.tick().view.transport.volume) == (0.55, 0.55)
    assert controller.run("mute").view.transport.muted
    await asyncio.sleep(0)
    assert follower.muted
    view = controller.run("volume_up").view  # unmutes, one step louder
    await asyncio.sleep(0)
    assert (view.transport.volume, view.transport.muted, follower.muted) == (0.6, False, False)
    assert Config.load().volume == saved


@pytest.mark.parametrize(
    ("paused", "then", "status"),
    [(True, True, "paused"), (False, False, "playing"), (True, False, "playing")],
)
def test_set_paused_is_said_state_not_a_toggle(paused: bool, then: bool, status: str) -> None:
    controller, _ = make_controller()
    controller.start()
    controller.run("pause" if paused else "play")
    assert controller.run("pause" if then else "play").view.transport.status == status


def test_seek_to_and_set_volume_as_mpris_asks() -> None:
    controller, _ = make_controller()
    controller.start()
    assert controller.run("seek_to", 12.0).view.transport.position == 12.0
    controller.run("mute")
    view = controller.run("set_volume", 0.42).view
    assert (view.transport.volume, view.transport.muted) == (0.42, False)
    assert controller.run("set_volume", 1.7).view.transport.volume == 1.0
