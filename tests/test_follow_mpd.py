"""Following a real MPD (null output, loopback port): its position, seeks, pauses and song
changes as they happen, ostguide's controls acting on it, and reconnecting after it quits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from players import (
    controlled_by,
    holds_still_once_paused,
    is_playing,
    make_album,
    near,
    run_mpd,
    step_through_the_queue,
    titled,
)

from ostguide.follow.mpd import MpdFollower
from ostguide.player.clock import MonotonicClock

pytestmark = pytest.mark.slow


async def test_follows_mpd_and_drives_it(tmp_path: Path) -> None:
    make_album(tmp_path / "music")
    with run_mpd(tmp_path / "music", tmp_path / "mpd") as mpd:
        mpd.mpc("add", "/")
        mpd.mpc("play")
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(titled("Opening"), 5)
            assert follower.label == f"mpd 127.0.0.1:{mpd.port}"
            playing = follower.reading.playing if follower.reading else None
            assert playing is not None
            assert (playing.album, playing.track, playing.path) == (
                "Sample Soundtrack",
                1,
                "01 Opening.flac",
            )
            assert playing.length == pytest.approx(40.0, abs=0.1)
            await asyncio.sleep(0.5)
            assert near(follower, float(mpd.status()["elapsed"]), 0.15)

            mpd.mpc("seek", "20")  # the listener seeks with another client
            await follower.wait_for(lambda f: near(f, 20.0), 2)
            mpd.mpc("pause")
            await holds_still_once_paused(follower)
            mpd.mpc("next")
            await follower.wait_for(titled("Interlude"), 2)

            await follower.set_paused(False)  # ostguide's keys drive MPD
            await follower.wait_for(is_playing, 2)
            assert mpd.status()["state"] == "play"
            await follower.seek(12.5)
            await follower.wait_for(lambda f: near(f, 12.5), 2)
            assert float(mpd.status()["elapsed"]) == pytest.approx(12.5, abs=0.3)
            _, queue = await follower.queue(10)
            assert [entry.title for entry in queue] == ["Opening", "Interlude", "Finale"]
            await step_through_the_queue(follower, titled)
        finally:
            task.cancel()


async def test_keeps_time_while_mpd_is_gone_and_reconnects(tmp_path: Path) -> None:
    make_album(tmp_path / "music")
    with run_mpd(tmp_path / "music", tmp_path / "mpd") as mpd:
        mpd.mpc("add", "/")
        mpd.mpc("play")
        port = mpd.port
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", port)
        task = asyncio.create_task(follower.run())
        await follower.wait_for(titled("Opening"), 5)
    try:
        await follower.wait_for(lambda f: not f.connected, 3)
        assert "reconnecting" in follower.problem
        before = follower.position
        await asyncio.sleep(0.4)
        assert follower.position == pytest.approx(before + 0.4, abs=0.15)  # time goes on
        with run_mpd(tmp_path / "music", tmp_path / "mpd2", port) as again:
            again.mpc("add", "/")
            again.mpc("play", "2")
            await follower.wait_for(titled("Interlude"), 5)
            assert follower.connected and follower.problem == ""
    finally:
        task.cancel()


async def test_the_volume_keys_drive_mpds_volume_and_show_it(tmp_path: Path) -> None:
    make_album(tmp_path / "music")
    with run_mpd(tmp_path / "music", tmp_path / "mpd") as mpd:
        mpd.mpc("add", "/")
        mpd.mpc("play")
        mpd.mpc("volume", "70")
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        controller = controlled_by(follower)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.volume == 0.7, 5)
            assert controller.tick().view.transport.volume == 0.7
            controller.run("volume_up")
            await follower.wait_for(lambda f: f.volume == 0.75, 5)  # as MPD says
            assert mpd.status()["volume"] == "75"
            mpd.mpc("volume", "30")  # the listener turns MPD down with another client
            await follower.wait_for(lambda f: f.volume == 0.3, 5)
            assert controller.tick().view.transport.volume == 0.3
            view = controller.run("mute").view  # MPD has no mute: its volume goes to 0
            await follower.wait_for(lambda f: f.volume == 0.0, 5)
            assert (view.transport.muted, mpd.status()["volume"]) == (True, "0")
            controller.run("mute")  # and back
            await follower.wait_for(lambda f: f.volume == 0.3, 5)
            assert (controller.tick().view.transport.muted, mpd.status()["volume"]) == (False, "30")
        finally:
            task.cancel()
