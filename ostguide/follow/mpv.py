"""Following mpv through its JSON IPC (`mpv --input-ipc-server=SOCKET`).

mpv pushes every change of the observed properties (pause, file, tags, length, playlist position,
speed) and a `seek`/`playback-restart` event around each seek; after each of those the position
(`time-pos`) is read again, and once a second besides, against drift.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from ostguide.player.clock import Clock

from .follower import POLL, Follower, FollowError, Unsupported
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
MAX_LINE = 4_000_000
"""Bytes of one message from mpv (a playlist of a few thousand entries fits); a longer one drops
the connection, which is made again."""
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
        reader, writer = await asyncio.open_unix_connection(str(self.socket), limit=MAX_LINE)
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
            event = message.get("event") if isinstance(message, dict) else None
            if not isinstance(message, dict) or not isinstance(event, str | None):
                continue  # not a message of mpv's protocol
            if "request_id" in message:
                number = message["request_id"]
                future = self._pending.pop(number, None) if isinstance(number, int) else None
                if future is not None and not future.done():
                    future.set_result(message)
            elif event == "end-file" and message.get("reason") == "quit":
                return  # mpv is quitting: keep the last reading, not the unloading that follows
            elif event == "property-change" and message.get("name") in OBSERVED:
                name = message["name"]
                self._props[name] = message.get("data")
                if name in LOUDNESS:
                    self._hear_loudness()
                    continue
                self._record(0.0 if name in NEW_TRACK else self.position)
                if name in REREAD_AFTER:
                    self.spawn(self._reread())
            elif event in REREAD_ON:
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
        self.record(self._playing(props), position, paused, props.get("speed"))

    def _hear_loudness(self) -> None:
        """mpv's volume (a percentage) and mute, as it reported them."""
        self.hear_volume(self._props.get("volume"), self._props.get("mute"), per=100)

    async def _request(self, *command: object) -> dict[str, Any]:
        """Send a command and wait for its answer."""
        writer = self._writer
        if writer is None:
            raise FollowError(f"{self.label} is not reachable")
        self._next_id += 1
        number = self._next_id
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        try:
            request = {"command": list(command), "request_id": number}
            writer.write(json.dumps(request).encode() + b"\n")
            await writer.drain()
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

    async def queue(self, limit: int) -> tuple[int, list[Playing]]:
        """The whole playlist, when it has at most `limit` entries (mpv sends it in one
        message); a longer one is not read."""
        count = await self._command("get_property", "playlist-count")
        if not isinstance(count, int) or count > limit:
            raise Unsupported(f"{self.label}'s playlist is too long to look for the track in")
        entries = await self._command("get_property", "playlist")
        return 0, [
            self.fields.playing(
                entry.get("filename"), path=entry.get("filename"), title=entry.get("title")
            )
            for entry in (entries if isinstance(entries, list) else [])[:limit]
            if isinstance(entry, dict)
        ]

    async def play_entry(self, index: int) -> None:
        await self._command("set_property", "playlist-pos", index)

    def _playing(self, props: dict[str, Any]) -> Playing | None:
        """The track from mpv's properties (tag names in any case), or None when idle."""
        path = props.get("path")
        if not path:
            return None
        raw = props.get("metadata")
        tags = {str(k).lower(): v for k, v in raw.items()} if isinstance(raw, dict) else {}
        return self.fields.playing(
            f"{props.get('playlist-pos')}:{path}",
            path=path,
            title=tags.get("title"),
            album=tags.get("album"),
            artist=tags.get("artist"),
            track=_first(tags, "track", "tracknumber"),
            disc=_first(tags, "disc", "discnumber"),
            length=props.get("duration"),
        )


def _first(tags: dict[str, Any], *names: str) -> object:
    """The first of these tags that is present (ID3 says "track", Vorbis "tracknumber")."""
    return next((tags[name] for name in names if name in tags), None)
