"""Every value a followed player sends is typed and ranged before ostguide uses it: a length of
`nan`, `inf` or below zero, a title that is a number, an album that is a list, a position that
is not a number. A bad field is left out and logged once; nothing it does is fatal. Fake MPD and
mpv servers (tests/fakeplayers.py) send what real players never would."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from fakeplayers import FakeMpd, FakeMpv, serve_mpris
from players import session_bus
from uikit import make_controller

from ostguide.follow.follower import Follower, FollowError
from ostguide.follow.mpd import MpdFollower
from ostguide.follow.mpris import MprisFollower
from ostguide.follow.mpv import MpvFollower
from ostguide.follow.player import FollowPlayer
from ostguide.follow.reading import Fields
from ostguide.follow.tracks import TrackFinder
from ostguide.listening.news import Following
from ostguide.player.clock import MonotonicClock
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

NOT_A_TIME = [float("nan"), float("inf"), -float("inf"), -1.5, "nan", "inf", "-3", "x", True, [1]]


@pytest.mark.parametrize("value", NOT_A_TIME)
def test_a_time_that_is_not_a_finite_number_of_seconds_is_left_out(value: object) -> None:
    assert Fields("p").seconds("length", value) is None


@pytest.mark.parametrize(
    ("value", "seconds"), [(0, 0.0), (12, 12.0), (12.5, 12.5), ("12.5", 12.5), (None, None)]
)
def test_a_time_in_seconds_is_taken(value: object, seconds: float | None) -> None:
    assert Fields("p").seconds("length", value) == seconds


def test_a_length_must_be_above_zero_and_a_rate_within_reason() -> None:
    fields = Fields("p")
    assert fields.seconds("length", 0, positive=True) is None
    assert fields.seconds("length", 1e12) is None  # longer than any track: a broken value
    for rate in (float("nan"), 0, -1, 1e9, "2", None):
        assert fields.rate(rate) == 1.0
    assert fields.rate(1.5) == 1.5


@pytest.mark.parametrize(
    ("value", "text"),
    [("Title", "Title"), (5, None), (["a", "b"], None), ({"x": 1}, None), ("a" * 5000, "a" * 1000)],
)
def test_text_is_text_of_a_bounded_length(value: object, text: str | None) -> None:
    assert Fields("p").text("title", value) == text


@pytest.mark.parametrize(
    ("value", "number"), [(3, 3), ("3/23", 3), ("A1", None), (True, None), (-1, None), (2.0, None)]
)
def test_a_track_number_is_a_whole_number_or_text_starting_with_one(
    value: object, number: int | None
) -> None:
    assert Fields("p").number("track", value) == number


@pytest.mark.parametrize(
    ("value", "per", "volume"),
    [
        (0.5, 1, 0.5),
        ("70", 100, 0.7),  # MPD's status: a percentage, as text
        (130, 100, 1.3),  # mpv goes to 130 % by default
        (0, 1, 0.0),
        (None, 1, None),
        (float("nan"), 1, None),
        (float("inf"), 100, None),
        ("nan", 100, None),
        (-0.01, 1, None),
        (11, 1, None),
        ("loud", 100, None),
        (True, 1, None),
        (10**400, 1, None),  # a JSON number too large for a float
    ],
)
def test_a_volume_is_a_number_from_0_to_ten_times_full(
    value: object, per: float, volume: float | None
) -> None:
    assert Fields("p").volume(value, per=per) == volume


def test_a_volume_or_mute_that_is_not_one_leaves_the_last_heard_and_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    follower = StillFollower(MonotonicClock(), "hand")
    follower.hear_volume(70, True, per=100)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            follower.hear_volume(float("nan"), "yes")
    assert (follower.volume, follower.muted) == (0.7, True)
    assert [record.getMessage() for record in caplog.records] == [
        "hand sent a volume that is not a volume: nan; ignored",
        "hand sent a mute that is not true or false: 'yes'; ignored",
    ]


def test_each_bad_field_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    fields = Fields("mpv x.sock")
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            fields.playing("k", title=5, length=float("nan"))
    assert [record.getMessage() for record in caplog.records] == [
        "mpv x.sock sent a title that is not text: 5; ignored",
        "mpv x.sock sent a length that is not a time in seconds: nan; ignored",
    ]


class StillFollower(Follower):
    async def _follow(self) -> None:
        await asyncio.Event().wait()


def test_a_reading_of_infinite_or_negative_time_neither_crashes_nor_loses_the_place() -> None:
    memory = SettingsMemory("sample", load_config()[0], State.load()[0])
    controller, clock = make_controller(memory=memory)
    follower = StillFollower(clock, "hand")
    session = controller.session
    controller.arrive(Following(FollowPlayer(follower, TrackFinder(lambda: session.guide))))
    controller.start()
    follower.connected_now()
    interlude = follower.fields.playing(
        "2", path="02 Interlude.flac", title="Interlude", track=2, length="-30"
    )
    follower.record(interlude, float("inf"), paused=False, rate=float("nan"))
    clock.advance(2)
    view = controller.tick().view
    assert (view.index, view.transport.position) == (1, 2.0)
    follower.record(interlude, -7.0, paused=True)
    controller.run("quit")
    resume = State.load()[0].resume_point("sample")
    assert resume is not None and (resume.number, resume.position) == (2, 0.0)


async def test_mpd_sending_nan_inf_and_negative_times_is_followed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mpd = FakeMpd(
        status={
            "state": "play",
            "songid": "1",
            "elapsed": "nan",
            "duration": "inf",
            "volume": "nan",
        },
        song={"file": "a.flac", "Id": "1", "Title": "A", "duration": "-40", "Track": "x"},
    )
    with mpd.running():
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.reading is not None, 3)
            reading = follower.reading
            assert reading is not None and reading.playing is not None
            assert (reading.playing.title, reading.playing.length, reading.position) == (
                "A",
                None,
                0.0,
            )
            await asyncio.sleep(0.3)
            assert 0.0 <= follower.position < 1.0
            assert follower.volume is None
            assert any(
                "sent a volume that is not a volume: 'nan'" in r.getMessage()
                for r in caplog.records
            )
        finally:
            task.cancel()


async def test_mpv_sending_numbers_lists_and_nan_where_text_and_times_go_is_followed(
    tmp_path: Path,
) -> None:
    mpv = FakeMpv(
        tmp_path / "mpv.sock",
        {
            "path": "/music/a.flac",
            "metadata": {"title": 5, "album": ["a", "b"], "artist": {"x": 1}, "track": [3]},
            "duration": -4,
            "speed": "fast",
            "volume": "loud",
            "mute": True,
            "time-pos": 12.0,
        },
        events=[
            {"event": ["not", "a", "name"]},
            {"request_id": [1]},
            {"event": "property-change"},
        ],
    )
    with mpv.running():
        follower = MpvFollower(MonotonicClock(), tmp_path / "mpv.sock")
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(
                lambda f: f.reading is not None and f.position > 11 and f.muted, 3
            )
            reading = follower.reading
            assert reading is not None and reading.playing is not None
            assert reading.playing.path == "/music/a.flac"
            assert (reading.playing.title, reading.playing.album, reading.playing.artist) == (
                None,
                None,
                None,
            )
            assert (reading.playing.track, reading.playing.length, reading.rate) == (
                None,
                None,
                1.0,
            )
            assert (follower.volume, follower.connected) == (None, True)  # heard with the mute
        finally:
            task.cancel()


@pytest.mark.slow
async def test_an_mpris_player_sending_numbers_where_text_goes_is_followed(tmp_path: Path) -> None:
    from dbus_fast import Variant

    metadata = {
        "mpris:trackid": Variant("s", "not a path"),
        "mpris:length": Variant("d", float("nan")),
        "xesam:title": Variant("x", 5),
        "xesam:album": Variant("as", ["a", "b"]),
        "xesam:artist": Variant("s", "\x1bc"),
        "xesam:trackNumber": Variant("s", "3"),
    }
    with session_bus(tmp_path):
        bus = await serve_mpris("hostile", metadata, Variant("s", "fast"))
        follower = MprisFollower(MonotonicClock(), "hostile")
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.reading is not None, 5)
            reading = follower.reading
            assert reading is not None and reading.playing is not None
            playing = reading.playing
            assert (playing.title, playing.album, playing.artist, playing.track) == (
                None,
                None,
                "␛c",
                3,
            )
            assert (playing.length, reading.rate, reading.position) == (None, 1.0, 5.0)
            with pytest.raises(FollowError, match="Seek"):  # no track id: Seek by an offset,
                await follower.seek(1.0)  # which this player refuses (as D-Bus, not a crash)
        finally:
            task.cancel()
            bus.disconnect()
