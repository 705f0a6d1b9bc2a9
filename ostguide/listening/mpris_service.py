"""ostguide as an MPRIS player (`org.mpris.MediaPlayer2.ostguide`), so media keys, desktop
widgets and `playerctl` drive the listening session.

Each method runs the command the catalogue (`commands.py`) names for it, the same the matching
key runs (next, previous, play/pause, seek; SetPosition goes to a time), and the answer is shown.
Its arguments are checked first (`mpris_checks`: a bad one is answered `InvalidArgs`), and
commands are budgeted (beyond, `LimitsExceeded`) and shown at most every `SHOW_EVERY`, so that a
flood of calls leaves the screen answering its keys.
The service runs on the event loop already there (Textual's) with dbus-fast, and looks at the
controller's view four times a second (the status, track and time the screen shows): when the
status, the track or the volume changed it emits `PropertiesChanged`, when the position jumped
it emits `Seeked`. Without a session bus it gives up silently. This module imports dbus-fast,
so it is imported only when the service starts."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from dbus_fast import DBusError, ErrorType, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import (
    DBusBool,
    DBusDouble,
    DBusInt64,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal

from ..follow.follower import FollowError
from ..follow.mpris import OWN_NAME, PATH, PLAYER, connect_session_bus
from . import mpris_checks
from .commands import MPRIS
from .controller import Listening
from .events import Answer, Event
from .mpris_checks import MICRO, RATE, BadArgument, Budget
from .view import View

WATCH = 0.25
"""Seconds between two looks at the view."""
SHOW_EVERY = 0.1
"""Commands coming faster than this are shown together: the last one's view, with every event
of those before done once (a flood of `Next` would otherwise rebuild the commentary at every
call)."""
JUMP = 0.5
"""A position this far from where time alone would have taken it is a seek (`Seeked`)."""
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"

DBusMetadata = Annotated[dict[str, Variant], DBusSignature("a{sv}")]
DBusStrList = Annotated[list[str], DBusSignature("as")]


@dataclass(frozen=True, slots=True)
class Seen:
    """What the view showed at one look."""

    status: str
    trackid: str
    metadata: dict[str, Variant]
    volume: float
    position: float
    at: float


STATUS = {"playing": "Playing", "paused": "Paused", "ended": "Stopped"}
"""MPRIS's word for each status of the view."""


def trackid(view: View) -> str:
    """The D-Bus object path naming the current track."""
    track = view.guide.tracks[view.index].id
    return f"/org/ostguide/track/{track.disc}_{track.number}"


def look(view: View, now: float) -> Seen:
    """The view as MPRIS describes it."""
    transport, album = view.transport, view.guide.album
    track = view.guide.tracks[view.index]
    metadata = {
        "mpris:trackid": Variant("o", trackid(view)),
        "mpris:length": Variant("x", round(transport.length * MICRO)),
        "xesam:title": Variant("s", track.title),
        "xesam:album": Variant("s", album.title),
        "xesam:artist": Variant("as", [album.composer] if album.composer else []),
        "xesam:trackNumber": Variant("i", track.id.number),
    }
    return Seen(
        STATUS[transport.status], trackid(view), metadata, transport.volume, transport.position, now
    )


class Root(ServiceInterface):
    """`org.mpris.MediaPlayer2`: who the player is."""

    def __init__(self) -> None:
        super().__init__("org.mpris.MediaPlayer2")

    @dbus_method()
    def Raise(self) -> None:
        """The screen is a terminal: nothing to raise."""

    @dbus_method()
    def Quit(self) -> None:
        """Not offered (CanQuit is false): quitting is the listener's `q`."""

    @dbus_property(access=PropertyAccess.READ)
    def CanQuit(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def CanRaise(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def HasTrackList(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Identity(self) -> DBusStr:
        return "ostguide"

    @dbus_property(access=PropertyAccess.READ)
    def SupportedUriSchemes(self) -> DBusStrList:
        return []

    @dbus_property(access=PropertyAccess.READ)
    def SupportedMimeTypes(self) -> DBusStrList:
        return []


class Player(ServiceInterface):
    """`org.mpris.MediaPlayer2.Player`: the listening session's controls and state."""

    def __init__(
        self, controller: Listening, clock: Callable[[], float], show: Callable[[Answer], None]
    ) -> None:
        super().__init__(PLAYER)
        self.controller = controller
        self.clock = clock
        self.show = show
        self.seen = self._look()
        self.budget = Budget(clock)
        self._pending: Answer | None = None
        self._shown_at = -SHOW_EVERY

    def _look(self) -> Seen:
        """The listening as MPRIS describes it now."""
        return look(self.controller.view(), self.clock())

    def _run(self, method: str, *args: object) -> None:
        """Run the catalogue's command for an MPRIS method if the budget allows (else a D-Bus
        error says to slow down), and show its answer: at once, or with the next ones when they
        come faster than `SHOW_EVERY`."""
        if not self.budget.spend():
            raise DBusError(
                ErrorType.LIMITS_EXCEEDED,
                f"too many calls: ostguide takes {RATE:g} commands a second",
            )
        answer = self.controller.run(MPRIS[method], *args)
        pending = self._pending
        if pending is not None:
            events: list[Event] = list(pending.events)
            events += [event for event in answer.events if event not in events]
            self._pending = Answer(answer.view, tuple(events))
            return  # shown when the wait is over
        wait = self._shown_at + SHOW_EVERY - self.clock()
        if wait <= 0:
            self._show(answer)
        else:
            self._pending = answer
            asyncio.get_running_loop().call_later(wait, self._show_pending)

    def _show(self, answer: Answer) -> None:
        """Put an answer on the screen and announce what changed."""
        self._shown_at = self.clock()
        self.show(answer)
        self.announce()

    def _show_pending(self) -> None:
        answer, self._pending = self._pending, None
        if answer is not None:
            self._show(answer)

    def announce(self) -> None:
        """Emit PropertiesChanged and Seeked for whatever changed since the last look."""
        before, now = self.seen, self._look()
        self.seen = now
        changed: dict[str, Any] = {}
        if now.status != before.status:
            changed["PlaybackStatus"] = now.status
        if now.metadata != before.metadata:
            changed["Metadata"] = now.metadata
        if now.volume != before.volume:
            changed["Volume"] = now.volume
        if changed:
            self.emit_properties_changed(changed)
        expected = before.position + (now.at - before.at if before.status == "Playing" else 0.0)
        if now.trackid != before.trackid or abs(now.position - expected) > JUMP:
            self.Seeked(round(now.position * MICRO))

    @dbus_method()
    def Next(self) -> None:
        self._run("Next")

    @dbus_method()
    def Previous(self) -> None:
        self._run("Previous")

    @dbus_method()
    def Pause(self) -> None:
        self._run("Pause")

    @dbus_method()
    def Play(self) -> None:
        self._run("Play")

    @dbus_method()
    def PlayPause(self) -> None:
        self._run("PlayPause")

    @dbus_method()
    def Stop(self) -> None:
        self._run("Stop")

    @dbus_method()
    def Seek(self, offset: DBusInt64) -> None:
        self._run("Seek", checked(mpris_checks.offset, offset))

    @dbus_method()
    def SetPosition(self, track: DBusObjectPath, position: DBusInt64) -> None:
        view = self.controller.view()
        length = view.transport.length
        seconds = checked(mpris_checks.position, track, position, trackid(view), length)
        self._run("SetPosition", seconds)

    @dbus_method()
    def OpenUri(self, uri: DBusStr) -> None:
        """Not offered: a guide decides what plays."""

    @dbus_signal()
    def Seeked(self, position: DBusInt64) -> DBusInt64:
        return position

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return self._look().status

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> DBusMetadata:
        return self._look().metadata

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return round(self._look().position * MICRO)

    @dbus_property()
    def Volume(self) -> DBusDouble:
        return self._look().volume

    @Volume.setter  # type: ignore[no-redef]  # dbus-fast's way to declare a setter
    def Volume(self, value: DBusDouble) -> None:
        self._run("Volume", checked(mpris_checks.volume, value))

    @dbus_property(access=PropertyAccess.READ)
    def Rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def MinimumRate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def MaximumRate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def CanGoNext(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanGoPrevious(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanPlay(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanPause(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanSeek(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanControl(self) -> DBusBool:
        return True


def checked(check: Callable[..., float], *arguments: object) -> float:
    """What `check` makes of the arguments; a D-Bus `InvalidArgs` error when it refuses them."""
    try:
        return check(*arguments)
    except BadArgument as error:
        raise DBusError(ErrorType.INVALID_ARGS, str(error)) from None


async def serve(
    controller: Listening, clock: Callable[[], float], show: Callable[[Answer], None]
) -> None:
    """Be `org.mpris.MediaPlayer2.ostguide` until cancelled, showing each command's view;
    return at once without a bus."""
    try:
        bus: MessageBus = await connect_session_bus()
    except FollowError:
        return
    player = Player(controller, clock, show)
    try:
        bus.export(PATH, Root())
        bus.export(PATH, player)
        await bus.request_name(OWN_NAME)
        while True:
            await asyncio.sleep(WATCH)
            player.announce()
    finally:
        bus.disconnect()
