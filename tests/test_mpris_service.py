"""ostguide as an MPRIS player on a private session bus: playerctl drives the listening session,
and its signals reach a follower (PropertiesChanged on a track change or pause, Seeked on a seek).
Without a bus the service gives up quietly."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from players import is_paused, need, session_bus
from uikit import sample_guide

from ostguide.follow.mpris import MprisFollower
from ostguide.listening import services
from ostguide.listening.controller import Listening
from ostguide.listening.events import Answer
from ostguide.listening.mpris_service import serve
from ostguide.player.clock import MonotonicClock
from ostguide.player.transport import Transport
from ostguide.session import Session

pytestmark = pytest.mark.slow


async def playerctl(*args: str) -> str:
    """Run playerctl against ostguide, letting the event loop serve it meanwhile."""
    process = await asyncio.create_subprocess_exec(
        need("playerctl"),
        "--player=ostguide",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 10)
    assert process.returncode == 0, err.decode()
    return out.decode().strip()


async def test_playerctl_drives_the_session_and_signals_reach_followers(tmp_path: Path) -> None:
    clock = MonotonicClock()
    session = Session(sample_guide(), Transport(clock, None, "no audio device: test"))
    controller = Listening(session, clock=clock)
    controller.start()
    shown: list[Answer] = []
    with session_bus(tmp_path):
        service = asyncio.create_task(serve(controller, clock.now, shown.append))
        follower = MprisFollower(clock, "ostguide")
        following = asyncio.create_task(follower.run())
        try:
            await follower.wait_for(lambda f: f.connected, 5)
            assert await playerctl("status") == "Playing"
            title = "{{xesam:title}}|{{xesam:album}}|{{xesam:trackNumber}}|{{mpris:length}}"
            assert await playerctl("metadata", "--format", title) == (
                "Opening|Sample Soundtrack|1|40000000"
            )

            await playerctl("next")  # the screen moves to the next track
            assert session.track.title == "Interlude"
            assert (
                shown[-1].view.guide.tracks[shown[-1].view.index].title == "Interlude"
            )  # on the screen
            await follower.wait_for(
                lambda f: (
                    f.reading is not None
                    and f.reading.playing is not None
                    and f.reading.playing.title == "Interlude"
                ),
                2,
            )

            await playerctl("position", "12")  # SetPosition, then Seeked
            assert session.position == pytest.approx(12.0, abs=0.2)
            await follower.wait_for(lambda f: abs(f.position - 12.0) < 0.3, 2)
            await playerctl("position", "5-")  # Seek by an offset
            assert session.position == pytest.approx(7.0, abs=0.3)

            await playerctl("pause")
            assert session.transport.paused
            await follower.wait_for(is_paused, 2)
            assert await playerctl("status") == "Paused"
            await playerctl("play-pause")
            assert not session.transport.paused
            await playerctl("previous")  # 7 s in: back to the start of the track
            assert session.track.title == "Interlude" and session.position < 1.0
            await playerctl("volume", "0.4")
            assert session.transport.volume == pytest.approx(0.4)
            await playerctl("stop")
            assert session.transport.paused and session.position == 0.0
        finally:
            following.cancel()
            service.cancel()


async def test_without_a_session_bus_nothing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    clock = MonotonicClock()
    session = Session(sample_guide(), Transport(clock, None, "no audio device: test"))
    shown: list[Answer] = []
    await asyncio.wait_for(serve(Listening(session), clock.now, shown.append), 5)  # at once
    assert shown == []


async def test_dbus_fast_is_imported_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    importing: list[threading.Thread] = []
    real = services._import_mpris

    def recorded() -> None:
        importing.append(threading.current_thread())
        real()

    monkeypatch.setattr(services, "_import_mpris", recorded)
    clock = MonotonicClock()
    session = Session(sample_guide(), Transport(clock, None, "no audio device: test"))
    await asyncio.wait_for(services.mpris(Listening(session), clock)(lambda answer: None), 5)
    assert len(importing) == 1 and importing[0] is not threading.current_thread()
