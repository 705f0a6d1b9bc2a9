"""A followed MPD cannot make ostguide wait or grow without end: every answer is bounded in size
and in time (as a whole, not line by line), the queue is read as a window around the current
song however long it is, and a connection that breaks a bound is dropped and made again. The MPD
here is a fake (tests/fakeplayers.py) that misbehaves on purpose."""

from __future__ import annotations

import asyncio

import pytest
from fakeplayers import FakeMpd

from ostguide.follow import mpd as mpd_module
from ostguide.follow.mpd import MpdFollower
from ostguide.player.clock import MonotonicClock

pytestmark = pytest.mark.slow


async def following(mpd: FakeMpd) -> tuple[MpdFollower, asyncio.Task[None]]:
    follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
    return follower, asyncio.create_task(follower.run())


async def test_a_queue_of_a_million_songs_is_read_as_a_window_around_the_current_one() -> None:
    mpd = FakeMpd(
        status={"state": "play", "songid": "1", "song": "500000", "playlistlength": "1000000"},
        playlist=1_000_000,
    )
    with mpd.running():
        follower, task = await following(mpd)
        try:
            await follower.wait_for(lambda f: f.connected, 3)
            first, entries = await follower.queue(100)
            assert (first, len(entries)) == (499_950, 100)
            assert entries[50].path == "0500000.flac"
            assert [c for c in mpd.asked if c.startswith("playlistinfo")] == [
                "playlistinfo 499950:500050"
            ]
            await follower.play_entry(first + 50)
            assert "play 500000" in mpd.asked
        finally:
            task.cancel()


async def test_an_answer_without_end_is_cut_off_and_the_connection_made_again() -> None:
    mpd = FakeMpd(endless={"currentsong"})
    with mpd.running():
        follower, task = await following(mpd)
        try:
            await follower.wait_for(lambda f: "longer than 4 MB" in f.problem, 10)
            await follower.wait_for(lambda f: mpd.connections >= 4, 5)  # two per attempt
        finally:
            task.cancel()


async def test_an_answer_dripping_a_line_at_a_time_times_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mpd_module, "ANSWER_TIMEOUT", 0.5)
    mpd = FakeMpd(
        status={"state": "play", "songid": "1", "elapsed": "1", "duration": "9"},
        drip={"status"},
        drip_every=0.3,  # each line in time, the whole answer never
    )
    with mpd.running():
        follower, task = await following(mpd)
        try:
            await follower.wait_for(lambda f: "did not answer status within" in f.problem, 5)
            await follower.wait_for(lambda f: mpd.connections >= 4, 5)
        finally:
            task.cancel()


async def test_a_server_that_never_greets_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mpd_module, "ANSWER_TIMEOUT", 0.3)
    with FakeMpd(greet=False).running() as mpd:
        follower, task = await following(mpd)
        try:
            await follower.wait_for(lambda f: "did not greet" in f.problem, 3)
        finally:
            task.cancel()
