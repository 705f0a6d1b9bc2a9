"""Following a real MPRIS player on a private session bus: mpv with its MPRIS plugin. Seeks,
pauses and track changes arrive as signals; ostguide's controls act through the bus."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from players import (
    controlled_by,
    is_paused,
    is_playing,
    make_album,
    near,
    run_mpv,
    session_bus,
    titled,
)

from ostguide.follow.mpris import MprisFollower
from ostguide.player.clock import MonotonicClock

pytestmark = pytest.mark.slow

PLUGIN = Path("/usr/lib/mpv-mpris/mpris.so")


def plugin() -> Path:
    if not PLUGIN.exists():
        pytest.skip(f"mpv's MPRIS plugin is not installed ({PLUGIN}: Debian package mpv-mpris)")
    return PLUGIN


async def test_follows_an_mpris_player_and_drives_it(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    with (
        session_bus(tmp_path),
        run_mpv(files, tmp_path / "mpv.sock", [f"--script={plugin()}"]) as mpv,
    ):
        follower = MprisFollower(MonotonicClock())  # no name: the one playing
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: titled("Opening")(f) and f.connected, 5)
            assert follower.label == "mpris mpv"
            playing = follower.reading.playing if follower.reading else None
            assert playing is not None
            assert (playing.album, playing.key) == ("Sample Soundtrack", "/0")  # mpris:trackid
            assert Path(playing.path or "") == files[0]
            assert playing.length == pytest.approx(40.0, abs=0.1)
            await asyncio.sleep(0.3)
            assert near(follower, mpv.get("time-pos"), 0.15)

            mpv.command("seek", 20, "absolute+exact")  # Seeked carries the new position
            await follower.wait_for(lambda f: near(f, 20.0), 2)
            mpv.command("set_property", "pause", True)
            await follower.wait_for(is_paused, 2)
            mpv.command("playlist-next")
            await follower.wait_for(titled("Interlude"), 2)

            await follower.set_paused(False)
            await follower.wait_for(is_playing, 2)
            await follower.seek(12.5)
            await follower.wait_for(lambda f: near(f, 12.5), 2)
            assert mpv.get("time-pos") == pytest.approx(12.5, abs=0.3)
            await follower.next()
            await follower.wait_for(titled("Finale"), 2)
            await follower.previous()
            await follower.wait_for(titled("Interlude"), 2)
        finally:
            task.cancel()


async def test_a_named_player_that_is_absent_is_said_and_waited_for(tmp_path: Path) -> None:
    with session_bus(tmp_path):
        follower = MprisFollower(MonotonicClock(), "vlc")
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: "named vlc" in f.problem, 3)
            assert not follower.connected and "reconnecting" in follower.problem
        finally:
            task.cancel()


async def test_the_volume_keys_drive_an_mpris_players_volume(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    with (
        session_bus(tmp_path),
        run_mpv(files, tmp_path / "mpv.sock", [f"--script={plugin()}", "--volume=70"]) as mpv,
    ):
        follower = MprisFollower(MonotonicClock())
        controller = controlled_by(follower)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.connected and f.volume == 0.7, 5)
            assert controller.tick().view.transport.volume == 0.7
            controller.run("volume_up")
            await follower.wait_for(lambda f: f.volume == 0.75, 5)  # as the player says
            assert mpv.get("volume") == 75
            mpv.command("set_property", "volume", 30)
            await follower.wait_for(lambda f: f.volume == 0.3, 5)
            assert controller.tick().view.transport.volume == 0.3
        finally:
            task.cancel()
