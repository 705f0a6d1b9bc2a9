"""The listening screen following a real mpv: the remark and track follow mpv's seeks and skips,
ostguide's keys drive mpv, a track that is not in the guide is said and waited out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from audiogen import make_tone
from players import make_album, run_mpv
from uikit import sample_guide

from ostguide.follow.spec import FollowSpec
from ostguide.listening.controller import Listening
from ostguide.listening.services import following
from ostguide.player.clock import MonotonicClock
from ostguide.player.transport import Transport
from ostguide.session import Session
from ostguide.ui.app import ListeningApp
from ostguide.ui.transportbar import TransportBar

pytestmark = pytest.mark.slow


async def until(condition: Callable[[], object], what: str, timeout: float = 3.0) -> None:
    """Let the app run until `condition` holds; fail saying `what` did not happen."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        await asyncio.sleep(0.02)


async def test_the_screen_follows_mpv_and_its_keys_drive_mpv(tmp_path: Path) -> None:
    files = make_album(tmp_path / "album")
    stranger = make_tone(
        tmp_path / "album" / "Stranger.flac", 8, tags={"title": "Stranger", "album": "Other"}
    )
    with run_mpv([*files, stranger], tmp_path / "mpv.sock") as mpv:
        clock = MonotonicClock()
        transport = Transport(clock, None, "no audio device: test")
        session = Session(sample_guide(), transport)
        controller = Listening(session, clock=clock)
        spec = FollowSpec("mpv", str(mpv.socket))
        app = ListeningApp(controller, services=[following(spec, controller, clock)])

        def bar() -> str:
            return str(app.query_one(TransportBar).render())

        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: f"following mpv {mpv.socket}" in bar(), "the bar names mpv")
            mpv.command("seek", 10.5, "absolute+exact")  # in mpv: the second remark (0:10)
            await until(lambda: session.remarks.current_cue() == 1, "the remark follows mpv's seek")
            mpv.command("playlist-next")
            await until(lambda: session.track.title == "Interlude", "the track follows mpv")

            await pilot.press("n")  # ostguide's keys drive mpv
            await until(lambda: Path(mpv.get("path")) == files[2], "mpv plays the finale")
            await until(lambda: session.track.title == "Finale", "the screen shows the finale")
            await pilot.press("space")
            await until(lambda: mpv.get("pause") is True, "mpv pauses")
            await pilot.press("right")
            await until(lambda: (mpv.get("time-pos") or 0) > 4.5, "mpv seeks 5 s on")

            await pilot.press("minus")  # the volume keys drive mpv's own volume
            await until(lambda: mpv.get("volume") == 95, "mpv is softer")
            await until(lambda: "vol 95%" in bar(), "mpv's volume is shown")

            mpv.command("playlist-next")  # a file the guide does not know
            await until(lambda: "Stranger is not in this guide" in bar(), "the stranger is said")
            assert session.track.title == "Finale" and transport.paused
