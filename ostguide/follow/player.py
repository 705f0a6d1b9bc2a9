"""`FollowPlayer`: another player's time behind the `Player` interface the transport uses, so the
screen does not know whether ostguide plays the music or follows someone else's.

Its position is the follower's reading, moved on by the clock; the track is the guide's track the
player's current one matches (none: "not in this guide", and the screen waits). Controls act on
the reading at once, so the highlight moves without waiting for the player, and are sent to the
player; what its protocol cannot do is said once on the transport line.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from ostguide.guide.model import TrackId
from ostguide.player.interface import SEEK_MARGIN, TrackEnded

from .follower import Follower, FollowError, Unsupported, describe
from .reading import Playing
from .tracks import TrackFinder

SWITCH_WAIT = 2.0
"""Seconds a chosen track is shown while the player is asked to play it."""
MOVED = 0.5
"""A requested start this far from the position is a seek."""


QUEUE_WINDOW = 50
"""Entries of the player's queue read beyond twice the guide's tracks, to find a track in."""


def queue_window(tracks: int) -> int:
    """How many of the player's queue entries to look through for a guide of `tracks` tracks:
    enough for the album with other songs around it, never the whole of a million-song queue
    (the matcher weighs every entry against every track)."""
    return 2 * tracks + QUEUE_WINDOW


class FollowPlayer:
    """Follows another player's position and track; drives it where the protocol allows."""

    def __init__(self, follower: Follower, finder: TrackFinder) -> None:
        self.follower = follower
        self.finder = finder
        self._volume = 1.0
        self.note = ""
        """The last thing the followed player could not do (said once, on the transport line)."""
        self._known_length: float | None = None
        self._wanted: TrackId | None = None
        self._wanted_start = 0.0
        self._wanted_until = 0.0

    @property
    def volume(self) -> float:
        """The followed player's volume (0 to 1) as it last said, else the last one asked for."""
        heard = self.follower.volume
        return self._volume if heard is None else heard

    @volume.setter
    def volume(self, value: float) -> None:
        """Set the followed player's volume (shown at once, then as the player says it is)."""
        self._volume = value
        if self.follower.volume is not None:
            self.follower.volume = value
        self._send(self.follower.set_volume(value))

    @property
    def muted(self) -> bool:
        """Whether the followed player is muted."""
        return self.follower.muted

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the followed player."""
        self._send(self.follower.set_muted(muted))
        self.follower.muted = muted

    @property
    def playing(self) -> Playing | None:
        """What the followed player plays, as it last said."""
        reading = self.follower.reading
        return reading.playing if reading is not None else None

    @property
    def _pending(self) -> bool:
        return self._wanted is not None and self.follower.clock.now() < self._wanted_until

    @property
    def followed_track(self) -> TrackId | None:
        """The guide's track being played (or being switched to); None when not in the guide."""
        if self._pending:
            return self._wanted
        playing = self.playing
        return None if playing is None else self.finder.track_of(playing)

    @property
    def status(self) -> str:
        """What is followed and how it goes, as the transport line says it."""
        follower, playing = self.follower, self.playing
        text = follower.problem or f"following {follower.label}"
        return f"{text}: nothing is playing" if follower.connected and playing is None else text

    @property
    def stranger(self) -> str:
        """What the player plays when the guide does not have it (its title or file name)."""
        playing = self.playing
        if not self.follower.connected or playing is None or self.followed_track is not None:
            return ""
        return playing.title or Path(playing.path or playing.key).name

    def take_note(self) -> str:
        """The last thing the player could not do, once (then "")."""
        note, self.note = self.note, ""
        return note

    @property
    def position(self) -> float:
        """The followed position (0 while the track is not in the guide)."""
        if self._pending:
            return self._wanted_start
        if self.playing is not None and self.followed_track is None:
            return 0.0
        return self.follower.position

    @property
    def paused(self) -> bool:
        """Whether the followed player is paused, stopped, or plays a track not in the guide."""
        reading = self.follower.reading
        return reading is None or reading.paused or self.followed_track is None

    @property
    def length(self) -> float:
        """The length the player gives, else the guide's."""
        playing = self.playing
        return (playing.length if playing and playing.length else self._known_length) or 0.0

    @property
    def loaded_path(self) -> Path | None:
        """The followed player's file, when it plays one of the guide's tracks (not a stream,
        not while switching): the file the listener hears, analysed like ostguide's own."""
        playing = self.playing
        if playing is None or not playing.path or "://" in playing.path or self._pending:
            return None
        return None if self.finder.track_of(playing) is None else Path(playing.path)

    def choose(self, track: TrackId | None) -> None:
        """Have the player play `track` (from its queue, or by a step next or back)."""
        playing = self.playing
        current = None if playing is None else self.finder.track_of(playing)
        if track is None or track == current or not self.follower.connected:
            self._wanted = None
            return
        self._wanted, self._wanted_start = track, 0.0
        self._wanted_until = self.follower.clock.now() + SWITCH_WAIT
        self._run(self._switch(track, current))

    def load(
        self, path: Path | None, length: float | None, start: float = 0.0, paused: bool = False
    ) -> None:
        """Where in the chosen track to be: `start`, paused or not (the player is told)."""
        self._known_length = length
        if self._pending:
            self._wanted_start = start
            return
        if abs(start - self.position) > MOVED:
            self.seek(start)
        if paused != self.paused:
            self._set_paused(paused)

    def pause(self) -> None:
        """Pause the followed player."""
        self._set_paused(True)

    def resume(self) -> None:
        """Resume the followed player."""
        self._set_paused(False)

    def toggle_pause(self) -> None:
        """Pause when playing, resume when paused."""
        self._set_paused(not self.paused)

    def seek(self, seconds: float) -> None:
        """Go to `seconds` (clamped to the track) in the followed player."""
        length = self.length
        target = max(0.0, min(seconds, length - SEEK_MARGIN) if length else seconds)
        self._locally(target, self.paused)
        self._send(self.follower.seek(target))

    def seek_by(self, delta: float) -> None:
        """Go forward (or back) by `delta` seconds."""
        self.seek(self.position + delta)

    def stop(self) -> None:
        """Nothing to stop: the music is the other player's."""

    def poll(self) -> TrackEnded | None:
        """Never an end: the followed player decides what plays next."""
        return None

    def _set_paused(self, paused: bool) -> None:
        if self.playing is not None and self.followed_track is None:
            return
        self._locally(self.position, paused)
        self._send(self.follower.set_paused(paused))

    def _locally(self, position: float, paused: bool) -> None:
        """Show a control's effect at once (and keep time by it while the player is away)."""
        reading = self.follower.reading
        if reading is not None:
            self.follower.record(reading.playing, position, paused, reading.rate)

    def _send(self, command: Coroutine[Any, Any, None]) -> None:
        """Send a command to the player if it is there (else the local clock is all there is)."""
        if self.follower.connected:
            self._run(command)
        else:
            command.close()

    async def _switch(self, track: TrackId, current: TrackId | None) -> None:
        """Ask the player to play `track`, then seek to where it was wanted from."""
        follower = self.follower
        try:
            try:
                first, queued = await follower.queue(queue_window(len(self.finder.guide.tracks)))
            except Unsupported:
                await self._step(track, current)
            else:
                entries = self.finder.tracks_of(queued)
                index = next((i for i, found in entries.items() if found == track), None)
                if index is None:
                    raise FollowError(f"track {track} is not in {follower.label}'s playlist")
                await follower.play_entry(first + index)
            await follower.wait_for(
                lambda f: (
                    f.reading is not None
                    and f.reading.playing is not None
                    and self.finder.track_of(f.reading.playing) == track
                ),
                SWITCH_WAIT,
            )
            if self._wanted == track and self._wanted_start > MOVED:
                await follower.seek(self._wanted_start)
        except TimeoutError:
            pass
        finally:
            if self._wanted == track:
                self._wanted = None

    async def _step(self, track: TrackId, current: TrackId | None) -> None:
        """Reach a neighbouring track by the player's next or previous; nothing else can be."""
        ids = [t.id for t in self.finder.guide.tracks]
        if current in ids and track in ids:
            step = ids.index(track) - ids.index(current)
            if step == 1:
                return await self.follower.next()
            if step == -1:
                return await self.follower.previous()
        raise Unsupported(f"{self.follower.label} can only go to the next or previous track")

    def _run(self, job: Coroutine[Any, Any, None]) -> None:
        """Run a command in the background; what fails is said on the transport line."""

        async def guarded() -> None:
            try:
                await job
            except FollowError as error:
                self.note = describe(error)

        self.follower.spawn(guarded())
