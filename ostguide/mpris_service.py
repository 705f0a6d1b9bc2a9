"""ostguide as an MPRIS player (`org.mpris.MediaPlayer2.ostguide`), so media keys, desktop
widgets and `playerctl` drive the listening session.

Each method is the controller command the matching key runs (next, previous, play/pause, seek;
SetPosition goes to a time), and the view it answers is shown. The service runs on the event
loop already there (Textual's) with dbus-fast, and watches the session four times a second: when
the status, the track or the volume changed it emits `PropertiesChanged`, when the position
jumped it emits `Seeked`. Without a session bus it gives up silently. This module imports
dbus-fast, so it is imported only when the service starts.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
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

from ostguide import mpris_checks
from ostguide.mpris_checks import MICRO, BadArgument, Budget

from .follow.follower import FollowError
from .follow.mpris import OWN_NAME, PATH, PLAYER, connect_session_bus
from .listening.controller import Listening
from .listening.view import View
from .session import Session

WATCH = 0.25
"""Seconds between two looks at the session."""
SHOW_EVERY = 0.1
"""Commands coming faster than this are shown together: the last one's view, with every toast
said once (a flood of `Next` would otherwise rebuild the commentary at every call)."""
JUMP = 0.5
"""A position this far from where time alone would have taken it is a seek (`Seeked`)."""
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"

DBusMetadata = Annotated[dict[str, Variant], DBusSignature("a{sv}")]
DBusStrList = Annotated[list[str], DBusSignature("as")]


@dataclass(frozen=True, slots=True)
class Seen:
    """What the session showed at one look."""

    status: str
    trackid: str
    metadata: dict[str, Variant]
    volume: float
    position: float
    at: float


def trackid(session: Session) -> str:
    """The D-Bus object path naming the current track."""
    track = session.track.id
    return f"/org/ostguide/track/{track.disc}_{track.number}"


def look(session: Session, now: float) -> Seen:
    """The session as MPRIS describes it."""
    transport, track = session.transport, session.track
    status = "Stopped" if session.finished else "Paused" if transport.paused else "Playing"
    length = transport.length or track.length or 0.0
    metadata = {
        "mpris:trackid": Variant("o", trackid(session)),
        "mpris:length": Variant("x", round(length * MICRO)),
        "xesam:title": Variant("s", track.title),
        "xesam:album": Variant("s", session.guide.album.title),
        "xesam:artist": Variant(
            "as", [session.guide.album.composer] if session.guide.album.composer else []
        ),
        "xesam:trackNumber": Variant("i", track.id.number),
    }
    return Seen(status, trackid(session), metadata, transport.volume, session.position, now)


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
        self, controller: Listening, clock: Callable[[], float], show: Callable[[View], None]
    ) -> None:
        super().__init__(PLAYER)
        self.controller = controller
        self.session = controller.session
        self.clock = clock
        self.show = show
        self.seen = look(self.session, clock())
        self.budget = Budget(clock)
        self._pending: View | None = None
        self._shown_at = -SHOW_EVERY

    def _take(self, command: Callable[[], View]) -> None:
        """Run a command if the budget allows (else a D-Bus error says to slow down), and show
        its view: at once, or with the next ones when they come faster than `SHOW_EVERY`."""
        if not self.budget.spend():
            raise DBusError(
                ErrorType.LIMITS_EXCEEDED,
                f"too many calls: ostguide takes {mpris_checks.RATE:g} commands a second",
            )
        view = command()
        pending = self._pending
        if pending is not None:
            said = {toast.message for toast in view.toasts}
            earlier = tuple(toast for toast in pending.toasts if toast.message not in said)
            self._pending = replace(view, toasts=earlier + view.toasts)
            return  # shown when the wait is over
        wait = self._shown_at + SHOW_EVERY - self.clock()
        if wait <= 0:
            self._show(view)
        else:
            self._pending = view
            asyncio.get_running_loop().call_later(wait, self._show_pending)

    def _show(self, view: View) -> None:
        """Put a view on the screen and announce what changed."""
        self._shown_at = self.clock()
        self.show(view)
        self.announce()

    def _show_pending(self) -> None:
        view, self._pending = self._pending, None
        if view is not None:
            self._show(view)

    def announce(self) -> None:
        """Emit PropertiesChanged and Seeked for whatever changed since the last look."""
        before, now = self.seen, look(self.session, self.clock())
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
        self._take(self.controller.next_track)

    @dbus_method()
    def Previous(self) -> None:
        self._take(self.controller.previous_track)

    @dbus_method()
    def Pause(self) -> None:
        self._take(lambda: self.controller.set_paused(True))

    @dbus_method()
    def Play(self) -> None:
        self._take(lambda: self.controller.set_paused(False))

    @dbus_method()
    def PlayPause(self) -> None:
        self._take(self.controller.toggle_pause)

    @dbus_method()
    def Stop(self) -> None:
        def stop() -> View:
            self.controller.set_paused(True)
            return self.controller.seek_to(0.0)

        self._take(stop)

    @dbus_method()
    def Seek(self, offset: DBusInt64) -> None:
        seconds = checked(mpris_checks.offset, offset)
        self._take(lambda: self.controller.seek(seconds))

    @dbus_method()
    def SetPosition(self, track: DBusObjectPath, position: DBusInt64) -> None:
        length = self.seen.metadata["mpris:length"].value / MICRO
        seconds = checked(mpris_checks.position, track, position, trackid(self.session), length)
        self._take(lambda: self.controller.seek_to(seconds))

    @dbus_method()
    def OpenUri(self, uri: DBusStr) -> None:
        """Not offered: a guide decides what plays."""

    @dbus_signal()
    def Seeked(self, position: DBusInt64) -> DBusInt64:
        return position

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return look(self.session, self.clock()).status

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> DBusMetadata:
        return look(self.session, self.clock()).metadata

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return round(self.session.position * MICRO)

    @dbus_property()
    def Volume(self) -> DBusDouble:
        return self.session.transport.volume

    @Volume.setter  # type: ignore[no-redef]  # dbus-fast's way to declare a setter
    def Volume(self, value: DBusDouble) -> None:
        volume = checked(mpris_checks.volume, value)
        self._take(lambda: self.controller.set_volume(volume))

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
    controller: Listening, clock: Callable[[], float], show: Callable[[View], None]
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
