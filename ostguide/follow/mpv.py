"""Following mpv through its JSON IPC (`mpv --input-ipc-server=SOCKET`).

mpv pushes every change of the observed properties (pause, file, tags, length, playlist position,
speed) and a `seek`/`playback-restart` event around each seek; after each of those the position
(`time-pos`) is read again, and once a second besides, against drift.
"""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path
from typing import Any

from ostguide.library.scan import leading_int
from ostguide.player.clock import Clock

from .follower import POLL, Follower, FollowError
from .reading import Playing

OBSERVED = ("pause", "path", "metadata", "duration", "playlist-pos", "speed", "volume", "mute")
"""Properties mpv reports whenever they change."""
LOUDNESS = frozenset({"volume", "mute"})
"""Properties that say how loud mpv plays, not where it is."""
REREAD_ON = frozenset({"seek", "playback-restart", "start-file", "file-loaded", "unpause"})
"""Events after which the position is read again."""
REREAD_AFTER = frozenset({"pause", "path"})
"""Properties after whose change the position is read again."""
NEW_TRACK = frozenset({"path", "playlist-pos"})
"""Properties whose change starts another track (from 0 until the position is read)."""
REQUEST_TIMEOUT = 2.0
SEEK_TRIES = 20
SEEK_RETRY = 0.05
"""A seek refused while a file loads is tried again this often (seconds), this many times."""


class MpvFollower(Follower):
    """Follows (and drives) one mpv through its IPC socket."""

    def __init__(self, clock: Clock, socket: Path) -> None:
        super().__init__(clock, f"mpv {socket}")
        self.socket = socket
        self._writer: asyncio.StreamWriter | None = None
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._next_id = 0
        self._props: dict[str, Any] = {}

    async def _follow(self) -> None:
        reader, writer = await asyncio.open_unix_connection(str(self.socket))
        self._writer, self._props = writer, {}
        listening = asyncio.create_task(self._listen(reader))
        try:
            self.connected_now()
            for number, name in enumerate(OBSERVED, start=1):
                await self._command("observe_property", number, name)
            while not listening.done():
                await self._reread()
                await asyncio.wait({listening}, timeout=POLL)
            listening.result()
        finally:
            listening.cancel()
            self._writer = None
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(FollowError(f"{self.label} closed the connection"))
            self._pending.clear()
            writer.close()

    async def _listen(self, reader: asyncio.StreamReader) -> None:
        """Hand answers to their requests and act on events, until mpv hangs up."""
        while line := await reader.readline():
            message = json.loads(line)
            if "request_id" in message:
                future = self._pending.pop(message["request_id"], None)
                if future is not None and not future.done():
                    future.set_result(message)
            elif message.get("event") == "end-file" and message.get("reason") == "quit":
                return  # mpv is quitting: keep the last reading, not the unloading that follows
            elif message.get("event") == "property-change":
                name = message["name"]
                self._props[name] = message.get("data")
                if name in LOUDNESS:
                    self._hear_loudness()
                    continue
                self._record(0.0 if name in NEW_TRACK else self.position)
                if name in REREAD_AFTER:
                    self.spawn(self._reread())
            elif message.get("event") in REREAD_ON:
                self.spawn(self._reread())

    async def _reread(self) -> None:
        """Read the position again and record it."""
        try:
            answer = await self._request("get_property", "time-pos")
        except (FollowError, OSError):
            return
        if answer.get("error") == "success" and isinstance(answer.get("data"), int | float):
            self._record(float(answer["data"]))

    def _record(self, position: float) -> None:
        props = self._props
        paused = bool(props.get("pause"))
        speed = props.get("speed")
        rate = float(speed) if isinstance(speed, int | float) and speed > 0 else 1.0
        self.record(_playing(props), position, paused, rate)

    def _hear_loudness(self) -> None:
        """mpv's volume (a percentage) and mute, as it reported them."""
        volume = self._props.get("volume")
        level = volume / 100 if isinstance(volume, int | float) else None
        self.hear_volume(level, self._props.get("mute"))

    async def _request(self, *command: object) -> dict[str, Any]:
        """Send a command and wait for its answer."""
        writer = self._writer
        if writer is None:
            raise FollowError(f"{self.label} is not reachable")
        self._next_id += 1
        number = self._next_id
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        writer.write(json.dumps({"command": list(command), "request_id": number}).encode() + b"\n")
        await writer.drain()
        try:
            answer: dict[str, Any] = await asyncio.wait_for(future, REQUEST_TIMEOUT)
        except TimeoutError:
            raise FollowError(f"{self.label} did not answer") from None
        finally:
            self._pending.pop(number, None)
        return answer

    async def _command(self, *command: object) -> Any:
        """Send a command; its data, or `FollowError` with mpv's reason."""
        answer = await self._request(*command)
        if answer.get("error") != "success":
            raise FollowError(f"{self.label}: {answer.get('error')}")
        return answer.get("data")

    async def set_paused(self, paused: bool) -> None:
        await self._command("set_property", "pause", paused)

    async def seek(self, seconds: float) -> None:
        """Seek; mpv refuses while a file is still loading, so a refusal is tried again."""
        for _ in range(SEEK_TRIES - 1):
            answer = await self._request("seek", seconds, "absolute+exact")
            if answer.get("error") == "success":
                return
            await asyncio.sleep(SEEK_RETRY)
        await self._command("seek", seconds, "absolute+exact")

    async def set_volume(self, volume: float) -> None:
        await self._command("set_property", "volume", round(volume * 100, 1))

    async def set_muted(self, muted: bool) -> None:
        await self._command("set_property", "mute", muted)

    async def next(self) -> None:
        await self._command("playlist-next", "weak")

    async def previous(self) -> None:
        await self._command("playlist-prev", "weak")

    async def queue(self) -> list[Playing]:
        entries = await self._command("get_property", "playlist")
        return [
            Playing(str(entry.get("filename")), str(entry.get("filename")), entry.get("title"))
            for entry in entries or []
        ]

    async def play_entry(self, index: int) -> None:
        await self._command("set_property", "playlist-pos", index)


def _playing(props: dict[str, Any]) -> Playing | None:
    """The track from mpv's properties (tag names in any case), or None when idle."""
    path = props.get("path")
    if not path:
        return None
    raw = props.get("metadata")
    tags = {str(k).lower(): v for k, v in raw.items()} if isinstance(raw, dict) else {}
    duration = props.get("duration")
    length = (
        float(duration) if isinstance(duration, int | float) and math.isfinite(duration) else None
    )
    return Playing(
        key=f"{props.get('playlist-pos')}:{path}",
        path=str(path),
        title=tags.get("title"),
        album=tags.get("album"),
        artist=tags.get("artist"),
        track=leading_int(_first(tags, "track", "tracknumber")),
        disc=leading_int(_first(tags, "disc", "discnumber")),
        length=length,
    )


def _first(tags: dict[str, Any], *names: str) -> str | None:
    """The first of these tags that is present, as text (ID3 says "track", Vorbis "tracknumber")."""
    return next((str(tags[name]) for name in names if name in tags), None)
