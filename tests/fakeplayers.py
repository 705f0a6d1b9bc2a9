"""Players that misbehave, for the tests of what ostguide reads from them: an MPD server and an
mpv IPC socket written here, speaking each protocol just far enough to send what a real player
never would (a duration of `nan`, a title that is a number, an answer without end), and an MPRIS
player whose properties have the wrong types. The servers run on an asyncio loop in a thread of
their own, so that the program under test may be another process; the real players are in
players.py."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from dbus_fast import Message, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusInt64, DBusSignature, DBusStr
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_property
from players import free_port

from ostguide.follow.mpris import PATH, PLAYER, PREFIX


@contextmanager
def loop_in_thread() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop running in a daemon thread until the block ends."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def cancel_all() -> None:
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    try:
        yield loop
    finally:
        asyncio.run_coroutine_threadsafe(cancel_all(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


@dataclass
class FakeMpd:
    """An MPD that answers `status`, `currentsong` and `playlistinfo` with what the test sets,
    and may misbehave on a command: `endless` never ends its answer (lines without `OK`),
    `drip` sends one line of the answer every `drip_every` seconds."""

    status: dict[str, str] = field(default_factory=lambda: {"state": "play", "songid": "1"})
    song: dict[str, str] = field(default_factory=lambda: {"file": "a.flac", "Id": "1"})
    playlist: int = 0
    """Entries in the play queue (made up as they are asked for: `Song N`)."""
    titles: dict[int, str] = field(default_factory=dict)
    """Titles of some entries of the queue, by position."""
    endless: set[str] = field(default_factory=set)
    drip: set[str] = field(default_factory=set)
    drip_every: float = 4.0
    asked: list[str] = field(default_factory=list)
    """Every command received, in order."""
    greet: bool = True
    """Whether it says `OK MPD` on connecting (or says nothing at all)."""
    connections: int = 0
    port: int = 0

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self.greet:
            writer.write(b"OK MPD 0.23.5\n")
        try:
            while line := await reader.readline():
                command = line.decode().strip()
                self.asked.append(command)
                name = command.split(" ", 1)[0]
                if name == "idle":
                    continue  # nothing ever changes: idle waits for ever
                lines = self._answer(command)
                if name in self.endless:
                    while True:
                        writer.write(b"Title: " + b"x" * 1000 + b"\n")
                        await writer.drain()
                if name in self.drip:
                    for text in lines:
                        writer.write(text.encode() + b"\n")
                        await writer.drain()
                        await asyncio.sleep(self.drip_every)
                    continue
                writer.write("".join(text + "\n" for text in [*lines, "OK"]).encode())
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    def _answer(self, command: str) -> list[str]:
        name, _, argument = command.partition(" ")
        if name == "status":
            return [f"{key}: {value}" for key, value in self.status.items()]
        if name == "currentsong":
            return [f"{key}: {value}" for key, value in self.song.items()]
        if name == "playlistinfo":
            start, end = 0, self.playlist
            if ":" in argument:
                first, last = argument.strip('"').split(":")
                start, end = int(first), min(int(last), self.playlist)
            return [
                line
                for index in range(start, end)
                for line in (
                    f"file: {index:07d}.flac",
                    f"Title: {self.titles.get(index, f'Song {index}')}",
                    f"Pos: {index}",
                )
            ]
        return []

    @contextmanager
    def running(self) -> Iterator[FakeMpd]:
        """Listen on a loopback port (`self.port`) until the block ends."""
        self.port = free_port()
        with loop_in_thread() as loop:
            server = asyncio.run_coroutine_threadsafe(
                asyncio.start_server(self._serve, "127.0.0.1", self.port), loop
            ).result(5)
            try:
                yield self
            finally:
                loop.call_soon_threadsafe(server.close)


@dataclass
class FakeMpv:
    """An mpv IPC socket that reports the properties the test sets (`props`, by name) when they
    are observed, answers `get_property` from them, and says "success" to everything else."""

    socket: Path
    props: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    """Sent once, right after the first observation (anything a socket could carry)."""
    asked: list[list[Any]] = field(default_factory=list)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                request = json.loads(line)
                command = request.get("command", [])
                self.asked.append(command)
                answer: dict[str, Any] = {
                    "request_id": request.get("request_id"),
                    "error": "success",
                }
                if command[:1] == ["get_property"]:
                    answer["data"] = self.props.get(command[1])
                writer.write(json.dumps(answer).encode() + b"\n")
                if command[:1] == ["observe_property"]:
                    name = command[2]
                    if name in self.props:
                        event = {"event": "property-change", "name": name, "data": self.props[name]}
                        writer.write(json.dumps(event).encode() + b"\n")
                    if command[1] == 1:
                        for event in self.events:
                            writer.write(json.dumps(event).encode() + b"\n")
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    @contextmanager
    def running(self) -> Iterator[FakeMpv]:
        """Listen on `socket` until the block ends."""
        with loop_in_thread() as loop:
            server = asyncio.run_coroutine_threadsafe(
                asyncio.start_unix_server(self._serve, str(self.socket)), loop
            ).result(5)
            try:
                yield self
            finally:
                loop.call_soon_threadsafe(server.close)


def hostile(text: str) -> str:
    """`text` between the escape sequences that did damage: the terminal's title (OSC 0 and 2),
    its clipboard (OSC 52), clearing (CSI 2J) and resetting it (ESC c), and a C1 CSI."""
    return f"\x1b]0;owned\x07\x1b]2;owned\x1b\\{text}\x1b]52;c;b3duZWQ=\x07\x1b[2J\x1bc\x9b31m\x85"


INJECTED = (b"\x1b]0;", b"\x1b]2;", b"\x1b]52;", b"\x1b[2J", b"\x1bc", b"\xc2\x9b", b"\xc2\x85")
"""What `hostile` puts in, as a terminal would receive it: none may reach one."""


def injected(output: bytes) -> list[bytes]:
    """The sequences of `hostile` found in what a program wrote to its terminal."""
    return [sequence for sequence in INJECTED if sequence in output]


class HostileMpris(ServiceInterface):
    """`org.mpris.MediaPlayer2.Player` that says it plays, with the metadata and rate given
    (values as dbus-fast `Variant`s, of any signature)."""

    def __init__(self, metadata: dict[str, Variant], rate: Variant) -> None:
        super().__init__(PLAYER)
        self.metadata, self.rate = metadata, rate

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return "Playing"

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> Annotated[dict[str, Variant], DBusSignature("a{sv}")]:
        return self.metadata

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return 5_000_000

    @dbus_property(access=PropertyAccess.READ)
    def Rate(self) -> Annotated[Variant, DBusSignature("v")]:
        return self.rate


async def serve_mpris(name: str, metadata: dict[str, Variant], rate: Variant) -> MessageBus:
    """`HostileMpris` as `org.mpris.MediaPlayer2.NAME` on the session bus; returns the bus, to
    be disconnected when done."""
    bus = await MessageBus().connect()
    bus.export(PATH, HostileMpris(metadata, rate))
    await bus.request_name(PREFIX + name)
    return bus


Call = tuple[str, str, str, list[Any]]
"""A D-Bus call to ostguide's MPRIS player: interface, member, signature, arguments."""


async def flood_mpris(
    calls: list[Call], seconds: float, rate: float, answered: Callable[[Message | None], None]
) -> None:
    """Send `calls` in turn to `org.mpris.MediaPlayer2.ostguide`, `rate` a second for
    `seconds`, without waiting for the answers (each is handed to `answered` when it comes)."""
    bus = await MessageBus().connect()
    sent = 0
    start = time.monotonic()
    while (elapsed := time.monotonic() - start) < seconds:
        while sent < elapsed * rate:
            interface, member, signature, body = calls[sent % len(calls)]
            message = Message(
                destination=PREFIX + "ostguide",
                path=PATH,
                interface=interface,
                member=member,
                signature=signature,
                body=body,
            )
            bus._call(message, lambda reply, error: answered(reply))  # dbus-fast, not awaited
            sent += 1
        await asyncio.sleep(0.001)
    bus.disconnect()
