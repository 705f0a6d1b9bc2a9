"""ostguide as an MPRIS player facing calls no listener's program would send: NaN, infinite and
out-of-range values, another track's id, and a flood. Each bad argument is answered with D-Bus's
`InvalidArgs` and changes nothing; commands beyond the budget are answered `LimitsExceeded`; the
screen under a flood of 1,000 calls a second still quits with `q` (its key latency is measured
by benchmarks/mpris_flood.py)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus
from fakeplayers import Call, flood_mpris
from players import session_bus
from ptyrun import Terminal
from uikit import sample_guide

from ostguide.listening import mpris_checks
from ostguide.listening.controller import Listening
from ostguide.listening.mpris_checks import BadArgument, Budget
from ostguide.listening.mpris_service import serve
from ostguide.player.clock import FakeClock, MonotonicClock
from ostguide.player.transport import Transport
from ostguide.session import Session

GUIDES = Path(__file__).parent / "guides"
NAME = "org.mpris.MediaPlayer2.ostguide"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
TRACK = "/org/ostguide/track/1_1"
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("value", [NAN, INF, -INF, True, "0.5", None])
def test_a_volume_that_is_not_a_number_is_refused(value: object) -> None:
    with pytest.raises(BadArgument, match="volume"):
        mpris_checks.volume(value)


@pytest.mark.parametrize(("value", "volume"), [(0.4, 0.4), (-3.0, 0.0), (7.0, 1.0), (1, 1.0)])
def test_a_volume_is_kept_within_0_and_1(value: float, volume: float) -> None:
    assert mpris_checks.volume(value) == volume


@pytest.mark.parametrize("value", [2**62, -(2**62), 1.5, True])
def test_an_offset_beyond_reason_is_refused(value: object) -> None:
    with pytest.raises(BadArgument, match="offset"):
        mpris_checks.offset(value)


@pytest.mark.parametrize(
    ("track", "position", "why"),
    [
        ("/org/ostguide/track/1_2", 1_000_000, "not the track playing"),
        (TRACK, -1, "from 0 to 40 s"),
        (TRACK, 41_000_000, "from 0 to 40 s"),
        (TRACK, 2**63 - 1, "from 0 to 40 s"),
    ],
)
def test_a_position_elsewhere_is_refused(track: str, position: int, why: str) -> None:
    with pytest.raises(BadArgument, match=why):
        mpris_checks.position(track, position, TRACK, 40.0)


def test_positions_and_offsets_in_range_are_seconds() -> None:
    assert mpris_checks.position(TRACK, 12_500_000, TRACK, 40.0) == 12.5
    assert mpris_checks.offset(-5_000_000) == -5.0


def test_the_budget_takes_a_burst_then_the_rate() -> None:
    clock = FakeClock(0.0)
    budget = Budget(clock.now, rate=20, burst=20)
    assert [budget.spend() for _ in range(21)] == [True] * 20 + [False]
    clock.advance(0.05)
    assert (budget.spend(), budget.spend()) == (True, False)
    clock.advance(10.0)
    assert sum(budget.spend() for _ in range(30)) == 20


async def call(
    bus: MessageBus, interface: str, member: str, signature: str, *body: object
) -> Message:
    reply = await bus.call(
        Message(
            destination=NAME,
            path=PATH,
            interface=interface,
            member=member,
            signature=signature,
            body=list(body),
        )
    )
    assert reply is not None
    return reply


@pytest.mark.slow
async def test_bad_arguments_are_refused_with_invalid_args_and_change_nothing(
    tmp_path: Path,
) -> None:
    clock = MonotonicClock()
    session = Session(sample_guide(), Transport(clock, None, "no audio device: test"))
    controller = Listening(session, clock=clock)
    controller.start()
    with session_bus(tmp_path):
        service = asyncio.create_task(serve(controller, clock.now, lambda view: None))
        bus = await MessageBus().connect()
        try:
            await asyncio.sleep(0.3)
            volume = [PLAYER, "Volume"]
            for value in (NAN, INF, -INF):
                reply = await call(bus, PROPERTIES, "Set", "ssv", *volume, Variant("d", value))
                assert reply.error_name == "org.freedesktop.DBus.Error.InvalidArgs"
            bad: list[tuple[str, str, list[object]]] = [
                ("Seek", "x", [2**62]),
                ("SetPosition", "ox", ["/org/ostguide/track/1_3", 1_000_000]),
                ("SetPosition", "ox", [TRACK, -5]),
                ("SetPosition", "ox", [TRACK, 2**63 - 1]),
            ]
            for member, signature, body in bad:
                reply = await call(bus, PLAYER, member, signature, *body)
                assert reply.error_name == "org.freedesktop.DBus.Error.InvalidArgs", member
            assert session.transport.volume == 1.0 and 0 <= session.position < 5
            reply = await call(bus, PROPERTIES, "Set", "ssv", *volume, Variant("d", 3.0))
            assert reply.message_type is MessageType.METHOD_RETURN
            assert session.transport.volume == 1.0

            replies = await asyncio.gather(*(call(bus, PLAYER, "Pause", "") for _ in range(100)))
            refused = [
                r for r in replies if r.error_name == "org.freedesktop.DBus.Error.LimitsExceeded"
            ]
            assert 50 < len(refused) < 100
            position = await call(bus, PROPERTIES, "Get", "ss", PLAYER, "Position")
            assert position.message_type is MessageType.METHOD_RETURN  # reads are not budgeted
            await asyncio.sleep(0.2)
            assert (await call(bus, PLAYER, "Play", "")).message_type is MessageType.METHOD_RETURN
        finally:
            bus.disconnect()
            service.cancel()


@pytest.mark.slow
def test_the_screen_quits_with_q_after_a_flood_of_calls(
    tmp_path: Path, isolated_home: Path
) -> None:
    with session_bus(tmp_path):
        terminal = Terminal([str(GUIDES / "sample.md")], os.environ, isolated_home)
        try:
            terminal.wait_for("read-along")
            time.sleep(1.0)

            volume = [PLAYER, "Volume", Variant("d", NAN)]
            calls: list[Call] = [
                (PROPERTIES, "Set", "ssv", volume),
                (PLAYER, "Next", "", []),
                (PLAYER, "Seek", "x", [2**62]),
                (PLAYER, "PlayPause", "", []),
            ]
            asyncio.run(flood_mpris(calls, 3.0, 1000, lambda reply: None))
            time.sleep(2.5)  # a volume of NaN once ended the session two seconds later
            assert terminal.process.poll() is None
            terminal.press("q")
            assert terminal.process.wait(timeout=10) == 0
        finally:
            terminal.close()
