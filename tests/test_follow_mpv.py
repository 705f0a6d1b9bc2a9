"""Following a real mpv through its IPC socket: its position, seeks, pauses and track changes as
they happen, ostguide's controls acting on it, and reconnecting after it quits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from players import (
    controlled_by,
    holds_still_once_paused,
    make_album,
    near,
    run_mpv,
    step_through_the_queue,
    wait_until,
)

from ostguide.follow.follower import Follower
from ostguide.follow.mpv import MpvFollower
from ostguide.player.clock import MonotonicClock

pytestmark = pytest.mark.slow


def on_file(name: str) -> Callable[[Follower], bool]:
    """Whether the follower knows the player plays `name`, its tags and its length."""

    def check(follower: Follower) -> bool:
        reading = follower.reading
        playing = reading.playing if reading else None
        return bool(playing and Path(playing.path or "").name == name and playing.length)

    return check


async def test_follows_mpv_and_drives_it(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    with run_mpv(files, tmp_path / "mpv.sock") as mpv:
        follower = MpvFollower(MonotonicClock(), mpv.socket)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(on_file("01 Opening.flac"), 5)
            assert follower.connected and follower.label == f"mpv {mpv.socket}"
            playing = follower.reading.playing if follower.reading else None
            assert playing is not None
            assert (playing.title, playing.album, playing.track) == (
                "Opening",
                "Sample Soundtrack",
                1,
            )
            assert playing.length == pytest.approx(40.0, abs=0.1)
            await asyncio.sleep(0.5)
            assert near(follower, mpv.get("time-pos"), 0.1)

            mpv.command("seek", 20, "absolute+exact")  # the listener seeks in mpv
            await follower.wait_for(lambda f: near(f, 20.0), 2)
            mpv.command("set_property", "pause", True)
            await holds_still_once_paused(follower)
            mpv.command("playlist-next")
            await follower.wait_for(on_file("02 Interlude.flac"), 2)
            assert follower.position < 1.0

            await follower.set_paused(False)  # ostguide's keys drive mpv
            assert mpv.get("pause") is False
            await follower.seek(12.5)
            await follower.wait_for(lambda f: near(f, 12.5), 2)
            wait_until(lambda: abs(mpv.get("time-pos") - 12.5) < 0.3, what="mpv to seek")
            _, queue = await follower.queue(10)
            assert [Path(entry.path or "").name for entry in queue] == [f.name for f in files]
            names = {f.stem[3:]: f.name for f in files}  # "Finale": "03 Finale.flac"
            await step_through_the_queue(follower, lambda title: on_file(names[title]))
        finally:
            task.cancel()


async def test_keeps_time_while_mpv_is_gone_and_reconnects(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    sock = tmp_path / "mpv.sock"
    follower = MpvFollower(MonotonicClock(), sock)
    task = asyncio.create_task(follower.run())
    try:
        with run_mpv(files, sock, ["--start=10"]):
            await follower.wait_for(lambda f: f.connected and near(f, 10.0, 1.0), 5)
        await follower.wait_for(lambda f: not f.connected, 3)
        assert "reconnecting" in follower.problem
        before = follower.position
        await asyncio.sleep(0.4)
        assert follower.position == pytest.approx(before + 0.4, abs=0.15)  # time goes on
        with run_mpv(files[1:], sock):
            await follower.wait_for(on_file("02 Interlude.flac"), 5)
            assert follower.connected and follower.problem == ""
    finally:
        task.cancel()


async def test_the_volume_keys_drive_mpvs_volume_and_show_it(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    with run_mpv(files, tmp_path / "mpv.sock", ["--volume=70"]) as mpv:
        follower = MpvFollower(MonotonicClock(), mpv.socket)
        controller = controlled_by(follower)
        task = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.volume == 0.7, 5)
            view = controller.tick().view
            assert (view.transport.volume, view.transport.muted) == (0.7, False)
            controller.run("volume_up")
            await follower.wait_for(lambda f: f.volume == 0.75, 5)  # as mpv says
            assert mpv.get("volume") == 75
            mpv.command("set_property", "volume", 30)  # the listener turns mpv itself down
            await follower.wait_for(lambda f: f.volume == 0.3, 5)
            assert controller.tick().view.transport.volume == 0.3
            assert controller.run("mute").view.transport.muted
            await asyncio.sleep(0.2)
            assert (mpv.get("mute"), mpv.get("volume")) == (True, 30)
            controller.run("volume_down")  # unmutes, one step softer
            await follower.wait_for(lambda f: f.volume == 0.25 and not f.muted, 5)
            assert (mpv.get("mute"), mpv.get("volume")) == (False, 25)
            mpv.command("set_property", "mute", True)
            await follower.wait_for(lambda f: f.muted, 5)
            assert controller.tick().view.transport.muted
        finally:
            task.cancel()
