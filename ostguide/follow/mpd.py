"""Following MPD through its protocol (text lines over TCP or a Unix socket).

Two connections: one waits in `idle player playlist options mixer`, which MPD answers as soon as
playback is seeked, paused, resumed or moved to another song, or the volume changes; the other
asks `status` and `currentsong` after each such change, once a second besides (against drift),
and carries ostguide's commands. Every answer is bounded in size and time, and the queue is read
as a window around the current song: a connection that breaks a bound is made again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from ostguide.player.clock import Clock

from .follower import POLL, Follower, FollowError
from .reading import Playing

Fields = list[tuple[str, str]]
"""An answer: its `key: value` lines in order."""
IDLE = "idle player playlist options mixer"
ANSWER_TIMEOUT = 5.0
"""Seconds MPD has to connect, greet, and send a whole answer (not a line: a line every few
seconds must not keep a connection alive for ever)."""
MAX_ANSWER = 4_000_000
"""Bytes an answer may take (a window of 2,000 queue entries takes about 300 kB); past this, or
past a line of 64 KiB, the connection is dropped and made again."""


class _Connection:
    """One conversation with MPD: a command, then its lines up to `OK` (or an `ACK` error)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.lock = asyncio.Lock()

    @classmethod
    async def open(cls, host: str, port: int, password: str | None) -> _Connection:
        """Connect (a host starting with / is a Unix socket), check the greeting, log in."""
        try:
            async with asyncio.timeout(ANSWER_TIMEOUT):
                if host.startswith("/"):
                    reader, writer = await asyncio.open_unix_connection(host)
                else:
                    reader, writer = await asyncio.open_connection(host, port)
                greeting = await reader.readline()
        except TimeoutError:
            raise FollowError(f"{host} did not greet within {ANSWER_TIMEOUT:g} s") from None
        if not greeting.startswith(b"OK MPD"):
            writer.close()
            raise FollowError(f"{host} does not speak MPD's protocol")
        connection = cls(reader, writer)
        if password:
            await connection.ask(f"password {quote(password)}")
        return connection

    async def ask(self, command: str, *, waiting: bool = False) -> Fields:
        """Send `command` and read its answer within `ANSWER_TIMEOUT` (`waiting`: the answer
        may take as long as it likes to begin, as `idle`'s does, then the same), at most
        `MAX_ANSWER` bytes of it; `FollowError` with MPD's message on `ACK`, or saying what
        went wrong."""
        async with self.lock:
            self.writer.write(command.encode("utf-8") + b"\n")
            await self.writer.drain()
            first = await self.reader.readline() if waiting else None
            try:
                async with asyncio.timeout(ANSWER_TIMEOUT):
                    return await self._answer(first)
            except TimeoutError:
                name = command.split(" ", 1)[0]
                raise FollowError(
                    f"MPD did not answer {name} within {ANSWER_TIMEOUT:g} s"
                ) from None

    async def _answer(self, first: bytes | None) -> Fields:
        """The lines of an answer up to `OK` (`first` already read, if any)."""
        fields: Fields = []
        size = 0
        while True:
            line = first if first is not None else await self.reader.readline()
            first = None
            if not line:
                raise EOFError("MPD closed the connection")
            size += len(line)
            if size > MAX_ANSWER:
                raise FollowError(f"MPD's answer is longer than {MAX_ANSWER / 1e6:g} MB")
            text = line.decode("utf-8", "replace").rstrip("\n")
            if text == "OK":
                return fields
            if text.startswith("ACK"):
                raise FollowError(f"MPD: {text.partition('} ')[2] or text}")
            key, _, value = text.partition(": ")
            fields.append((key, value))

    def close(self) -> None:
        self.writer.close()


class MpdFollower(Follower):
    """Follows (and drives) one MPD."""

    def __init__(self, clock: Clock, host: str, port: int, password: str | None = None) -> None:
        where = host if host.startswith("/") else f"{host}:{port}"
        super().__init__(clock, f"mpd {where}")
        self.host, self.port, self.password = host, port, password
        self._commands: _Connection | None = None

    async def _follow(self) -> None:
        commands = await _Connection.open(self.host, self.port, self.password)
        idle: _Connection | None = None
        try:
            idle = await _Connection.open(self.host, self.port, self.password)
            self._commands = commands
            self.connected_now()
            await self._refresh()
            watching = asyncio.create_task(self._watch(idle))
            try:
                while not watching.done():
                    await asyncio.wait({watching}, timeout=POLL)
                    await self._refresh()
                watching.result()
            finally:
                watching.cancel()
        finally:
            self._commands = None
            commands.close()
            if idle is not None:
                idle.close()

    async def _watch(self, idle: _Connection) -> None:
        """Wait for MPD to say playback changed, and read it again each time."""
        while True:
            await idle.ask(IDLE, waiting=True)
            await self._refresh()

    async def _refresh(self) -> None:
        """Read the status and the current song, and record them."""
        status = dict(await self._ask("status"))
        song = dict(await self._ask("currentsong")) if "songid" in status else {}
        state = status.get("state", "stop")
        elapsed = self.fields.seconds("elapsed", status.get("elapsed")) or 0.0
        playing = self._playing(song, status) if song else None
        self.record(playing, elapsed, paused=state != "play")
        volume = status.get("volume")  # a percentage; -1 (or none) when MPD has no mixer
        self.hear_volume(None if volume == "-1" else volume, per=100)

    def _playing(self, song: dict[str, str], status: dict[str, str]) -> Playing:
        """The track from a song's tags (MPD names them Title, Album, Track…)."""
        return self.fields.playing(
            status.get("songid") or song.get("Id") or song.get("file", ""),
            path=song.get("file"),
            title=song.get("Title"),
            album=song.get("Album"),
            artist=song.get("Artist"),
            track=song.get("Track"),
            disc=song.get("Disc"),
            length=song.get("duration") or status.get("duration") or song.get("Time"),
        )

    async def _ask(self, command: str) -> Fields:
        if self._commands is None:
            raise FollowError(f"{self.label} is not reachable")
        return await self._commands.ask(command)

    async def set_paused(self, paused: bool) -> None:
        status = dict(await self._ask("status"))
        await self._ask("play" if status.get("state") == "stop" else f"pause {int(paused)}")

    async def seek(self, seconds: float) -> None:
        await self._ask(f"seekcur {max(0.0, seconds):.3f}")

    async def set_volume(self, volume: float) -> None:
        await self._ask(f"setvol {round(min(max(volume, 0.0), 1.0) * 100)}")

    async def next(self) -> None:
        await self._ask("next")

    async def previous(self) -> None:
        await self._ask("previous")

    async def queue(self, limit: int) -> tuple[int, list[Playing]]:
        """The window of at most `limit` entries around the current song (a queue can hold a
        million songs: it is never read whole)."""
        status = dict(await self._ask("status"))
        length = _whole(status.get("playlistlength"))
        start = max(0, min(_whole(status.get("song")) - limit // 2, length - limit))
        fields = await self._ask(f"playlistinfo {start}:{start + limit}")
        return start, [self._playing(entry, {}) for entry in _entries(fields)][:limit]

    async def play_entry(self, index: int) -> None:
        await self._ask(f"play {index}")


def quote(text: str) -> str:
    """An argument in MPD's quoting."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _whole(text: str | None) -> int:
    """A count or position MPD gives (0 when it gives none, or not a number)."""
    return int(text) if text is not None and text.isdecimal() and len(text) < 10 else 0


def _entries(fields: Fields) -> Iterator[dict[str, str]]:
    """The songs of a list answer: each starts at its `file` line."""
    entry: dict[str, str] = {}
    for key, value in fields:
        if key == "file" and entry:
            yield entry
            entry = {}
        entry.setdefault(key, value)
    if entry:
        yield entry
