"""Following any MPRIS player on the D-Bus session bus (browsers, Spotify, VLC, mpv's plugin…).

Changes come as signals: `PropertiesChanged` (playback status, track metadata, rate) and `Seeked`
(with the new position, more reliable than asking right after). `Position` is not signalled, so
it is asked for once a second besides, against drift. dbus-fast is imported only here, and only
when a follower connects.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from ostguide.player.clock import Clock

from .follower import POLL, Follower, FollowError
from .reading import Playing

if TYPE_CHECKING:
    from dbus_fast import Message
    from dbus_fast.aio import MessageBus

PREFIX = "org.mpris.MediaPlayer2."
OWN_NAME = PREFIX + "ostguide"
"""ostguide's own name as an MPRIS player, never followed."""
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
BUS = "org.freedesktop.DBus"
MICRO = 1_000_000


async def connect_session_bus() -> MessageBus:
    """The session bus, or `FollowError` when there is none."""
    from dbus_fast import BusType
    from dbus_fast.aio import MessageBus

    try:
        return await MessageBus(bus_type=BusType.SESSION).connect()
    except Exception as error:  # dbus-fast raises many kinds (no address, refused, auth)
        raise FollowError(f"no D-Bus session bus ({error})") from None


class MprisFollower(Follower):
    """Follows (and drives) one MPRIS player: the one named, else the one playing."""

    def __init__(self, clock: Clock, name: str | None = None) -> None:
        super().__init__(clock, f"mpris {name}" if name else "mpris")
        self.name = name
        self._bus: MessageBus | None = None
        self._service = ""
        self._props: dict[str, Any] = {}

    async def _follow(self) -> None:
        bus = await connect_session_bus()
        gone = asyncio.Event()
        try:
            service = await self._choose(bus)
            owner = await _call(
                bus, BUS, "/org/freedesktop/DBus", BUS, "GetNameOwner", "s", service
            )
            for rule in (
                f"type='signal',sender='{service}',path='{PATH}'",
                f"type='signal',sender='{BUS}',member='NameOwnerChanged',arg0='{service}'",
            ):
                await _call(bus, BUS, "/org/freedesktop/DBus", BUS, "AddMatch", "s", rule)

            def on_message(message: Message) -> None:
                if message.member == "NameOwnerChanged" and message.body[2] == "":
                    gone.set()
                elif message.sender == owner:
                    self._on_signal(message)

            bus.add_message_handler(on_message)
            self._bus, self._service = bus, service
            self.label = f"mpris {service.removeprefix(PREFIX)}"
            self._props = _plain(await _call(bus, service, PATH, PROPERTIES, "GetAll", "s", PLAYER))
            self.connected_now()
            self._record(_microseconds(self._props.get("Position")))
            while not gone.is_set():
                try:
                    await asyncio.wait_for(gone.wait(), POLL)
                except TimeoutError:
                    await self._reread()
        finally:
            self._bus = None
            bus.disconnect()

    async def _choose(self, bus: MessageBus) -> str:
        """The well-known name to follow: the one asked for, else the first playing one."""
        names = await _call(bus, BUS, "/org/freedesktop/DBus", BUS, "ListNames", "", None)
        players = sorted(
            n for n in names if n.startswith(PREFIX) and (n != OWN_NAME or self.name is not None)
        )
        if self.name is not None:
            wanted = PREFIX + self.name
            players = [n for n in players if n == wanted or n.startswith(wanted + ".")]
            if not players:
                raise FollowError(f"no MPRIS player named {self.name} on the session bus")
        if not players:
            raise FollowError("no MPRIS player on the session bus")
        for player in players:
            status = await _call(
                bus, player, PATH, PROPERTIES, "Get", "ss", PLAYER, "PlaybackStatus"
            )
            if getattr(status, "value", None) == "Playing":
                return str(player)
        return str(players[0])

    def _on_signal(self, message: Message) -> None:
        """A signal of the followed player (one whose arguments are not what MPRIS says they
        are is not acted on)."""
        if message.member == "Seeked" and message.signature == "x":
            self._record(message.body[0] / MICRO)
        elif (
            message.member == "PropertiesChanged"
            and message.signature == "sa{sv}as"
            and message.body[0] == PLAYER
        ):
            changed = _plain(message.body[1])
            new_track = "Metadata" in changed and _trackid(changed) != _trackid(self._props)
            self._props.update(changed)
            self._record(0.0 if new_track else self.position)
            self.spawn(self._reread())

    async def _reread(self) -> None:
        """Ask for the position again and record it."""
        bus = self._bus
        if bus is None:
            return
        try:
            answer = await _call(
                bus, self._service, PATH, PROPERTIES, "Get", "ss", PLAYER, "Position"
            )
        except FollowError:
            return
        self._record(_microseconds(getattr(answer, "value", None)))

    def _record(self, position: float) -> None:
        props = self._props
        self.hear_volume(props.get("Volume"))
        self.record(
            self._playing(props.get("Metadata")),
            position,
            paused=props.get("PlaybackStatus") != "Playing",
            rate=props.get("Rate"),
        )

    def _playing(self, metadata: object) -> Playing | None:
        """The track from MPRIS metadata (xesam: tags), or None when there is none."""
        if not isinstance(metadata, dict) or not metadata:
            return None
        url = metadata.get("xesam:url")
        url = url if isinstance(url, str) else ""
        parsed = urlparse(url)
        path = unquote(parsed.path) if parsed.scheme == "file" else url or None
        artists = metadata.get("xesam:artist")
        if isinstance(artists, list) and all(isinstance(artist, str) for artist in artists):
            artists = ", ".join(artists)
        length = metadata.get("mpris:length")
        return self.fields.playing(
            metadata.get("mpris:trackid") or url,
            path=path,
            title=metadata.get("xesam:title"),
            album=metadata.get("xesam:album"),
            artist=artists,
            track=metadata.get("xesam:trackNumber"),
            disc=metadata.get("xesam:discNumber"),
            length=_microseconds(length) if isinstance(length, int) else length,
        )

    async def _player(self, member: str, signature: str = "", *body: object) -> None:
        if self._bus is None:
            raise FollowError(f"{self.label} is not reachable")
        await _call(self._bus, self._service, PATH, PLAYER, member, signature, *body)

    async def set_paused(self, paused: bool) -> None:
        await self._player("Pause" if paused else "Play")

    async def seek(self, seconds: float) -> None:
        trackid = _trackid(self._props)
        if trackid:
            await self._player("SetPosition", "ox", trackid, round(max(0.0, seconds) * MICRO))
        else:
            await self._player("Seek", "x", round((seconds - self.position) * MICRO))

    async def set_volume(self, volume: float) -> None:
        from dbus_fast import Variant

        if self._bus is None:
            raise FollowError(f"{self.label} is not reachable")
        level = Variant("d", max(volume, 0.0))
        await _call(
            self._bus, self._service, PATH, PROPERTIES, "Set", "ssv", PLAYER, "Volume", level
        )

    async def next(self) -> None:
        await self._player("Next")

    async def previous(self) -> None:
        await self._player("Previous")


async def _call(
    bus: MessageBus,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str,
    *body: object,
) -> Any:
    """Call a D-Bus method; its first return value, or `FollowError` with the error's text."""
    from dbus_fast import Message, MessageType

    arguments = [b for b in body if b is not None]
    reply = await bus.call(
        Message(
            destination=destination,
            path=path,
            interface=interface,
            member=member,
            signature=signature,
            body=arguments,
        )
    )
    if reply is None or reply.message_type == MessageType.ERROR:
        detail = reply.body[0] if reply is not None and reply.body else "no answer"
        raise FollowError(f"{destination.removeprefix(PREFIX)}: {detail}")
    return reply.body[0] if reply.body else None


def _plain(values: object) -> dict[str, Any]:
    """Property values without their D-Bus variants (nested ones included); nothing when
    what came is not a table of properties."""
    if not isinstance(values, dict):
        return {}
    return {key: _unwrap(value) for key, value in values.items()}


def _unwrap(value: Any) -> Any:
    from dbus_fast import Variant

    if isinstance(value, Variant):
        return _unwrap(value.value)
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    return value


_OBJECT_PATH = re.compile(r"/|(?:/[A-Za-z0-9_]+)+")


def _trackid(props: dict[str, Any]) -> str:
    """The current track's id, when it is a D-Bus object path (SetPosition needs one)."""
    metadata = props.get("Metadata")
    trackid = metadata.get("mpris:trackid") if isinstance(metadata, dict) else None
    return trackid if isinstance(trackid, str) and _OBJECT_PATH.fullmatch(trackid) else ""


def _microseconds(value: object) -> float:
    """Microseconds (D-Bus int64) as seconds; 0 for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value / MICRO
    return 0.0
