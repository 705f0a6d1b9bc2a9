"""The controller's commands on the music itself: pause, seek, volume, the timing offset, and
keeping the listener's place (every few seconds, and on quitting)."""

from __future__ import annotations

from ..session import Session
from ..settings.memory import SettingsMemory
from .events import Quit
from .outbox import Outbox
from .present import status_of

REMEMBER_EVERY = 5.0
"""Seconds of listening between two saves of the resume position."""
VOLUME_STEP = 0.05


class Playback:
    """Pausing, seeking, the sound and the place, each saved in the settings when it changes."""

    def __init__(
        self, session: Session, outbox: Outbox, memory: SettingsMemory | None, start: float
    ) -> None:
        self._session = session
        self._outbox = outbox
        self._memory = memory
        self._saved_at = start
        """The position last saved as the listener's place."""

    def toggle_pause(self) -> None:
        """Pause or resume (after the end, start again)."""
        self._session.toggle_pause()

    def set_paused(self, paused: bool) -> None:
        """Pause, or play (after the end, from the start); nothing when it already is so."""
        if paused != (status_of(self._session) != "playing"):
            self._session.toggle_pause()

    def stop(self) -> None:
        """Pause at the start of the track."""
        self.set_paused(True)
        self._session.seek(0.0)

    def seek(self, seconds: float) -> None:
        """Move within the track by `seconds` (negative: back)."""
        self._session.seek_by(seconds)

    def seek_to(self, seconds: float) -> None:
        """Go to a time in the track."""
        self._session.seek(seconds)

    def volume(self, direction: int) -> None:
        """One step louder (1) or softer (-1); a muted transport is unmuted."""
        self.set_volume(self._session.transport.volume + direction * VOLUME_STEP)

    def set_volume(self, volume: float) -> None:
        """Play at `volume` (0 to 1, kept within by the transport), unmuted. While following,
        the other player's volume changes (and nothing is saved here)."""
        transport = self._session.transport
        transport.set_muted(False)
        transport.volume = round(volume, 2)
        if self._memory is not None and transport.mode != "follow":
            self._outbox.warn(self._memory.set_volume(transport.volume))

    def toggle_repeat(self) -> None:
        """Play the track again when it ends, or not."""
        repeat = not self._session.loop.repeat
        self._session.set_repeat(repeat)
        self._outbox.toast(f"Repeat this track: {'on' if repeat else 'off'}.", timeout=3)

    def mark_loop(self) -> None:
        """Mark A, then B, of a loop of the track (the stretch then plays over and over); a
        third time, end it."""
        self._outbox.toast(self._session.loop.mark(self._session.position), timeout=4)

    def mute(self) -> None:
        """Mute or unmute."""
        transport = self._session.transport
        transport.set_muted(not transport.muted)

    def nudge(self, seconds: float) -> None:
        """Shift every remark earlier or later (for a guide timed against another release)."""
        offset = self._session.remarks.nudge(seconds)
        self._outbox.toast(f"Timing offset {offset * 1000:+.0f} ms", timeout=2)
        if self._memory is not None:
            self._outbox.warn(self._memory.set_offset(offset))

    def nudge_track(self, seconds: float) -> None:
        """Shift this track's remarks earlier or later, on top of the guide's offset (a guide
        timed against another master, whose tracks begin a little earlier or later)."""
        session = self._session
        offset = session.remarks.nudge(seconds, track_only=True)
        self._outbox.toast(f"This track's timing offset {offset * 1000:+.0f} ms", timeout=2)
        if self._memory is not None:
            self._outbox.warn(self._memory.set_track_offset(session.track.id, offset))

    def quit(self) -> None:
        """Remember the place, and close the screen."""
        self._remember_place()
        self._outbox.send(Quit())

    def keep_place(self) -> None:
        """Remember the place once the music has moved `REMEMBER_EVERY` seconds from the last
        (written in the background: the music plays on meanwhile)."""
        if abs(self._session.position - self._saved_at) >= REMEMBER_EVERY:
            self._remember_place(later=True)

    def _remember_place(self, later: bool = False) -> None:
        session = self._session
        self._saved_at = session.position
        if self._memory is not None:
            paused = status_of(session) == "paused"
            said = self._memory.place(session.track.id, session.position, paused, later=later)
            self._outbox.warn(said)
