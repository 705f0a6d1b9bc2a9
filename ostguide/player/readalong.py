"""`ReadAlongPlayer`: silent playback that keeps time with a clock, for when there is no sound.

With no file for a track, or no audio device, the commentary still scrolls: the read-along player
counts seconds on its `Clock` over the guide's length for the track (or `DEFAULT_LENGTH`).
"""

from __future__ import annotations

from pathlib import Path

from ostguide.player.clock import Clock
from ostguide.player.interface import SEEK_MARGIN, TrackEnded, start_within

DEFAULT_LENGTH = 240.0
"""Seconds assumed for a track whose length nobody knows."""


class ReadAlongPlayer:
    """Keeps a track's time on a clock, with the same controls as the mixer player."""

    def __init__(self, clock: Clock, default_length: float = DEFAULT_LENGTH) -> None:
        self._clock = clock
        self._default_length = default_length
        self._path: Path | None = None
        self._length = 0.0
        self._loaded = False
        self._paused = False
        self._finished = False
        self._anchor = 0.0
        self._anchor_time = clock.now()
        self.volume = 1.0
        """Part of the `Player` interface; a read-along makes no sound."""

    @property
    def loaded_path(self) -> Path | None:
        """The file named at load (never played), or None."""
        return self._path

    @property
    def paused(self) -> bool:
        """Whether the listener paused the track."""
        return self._paused

    @property
    def finished(self) -> bool:
        """Whether the time reached the end (reported once by `poll`)."""
        return self._finished

    @property
    def length(self) -> float:
        """The guide's length for the track, the default when unknown, 0 when nothing is loaded."""
        return self._length

    @property
    def position(self) -> float:
        """Seconds since the start of the track on the clock, frozen while paused."""
        if self._finished:
            return self._length
        if self._paused or not self._loaded:
            return self._anchor
        elapsed = self._clock.now() - self._anchor_time
        return min(self._anchor + elapsed, self._length)

    def load(
        self, path: Path | None, length: float | None, start: float = 0.0, paused: bool = False
    ) -> None:
        """Start counting from `start` (from 0 when past the end) over `length` seconds (the
        default when None or 0)."""
        self._path = path
        self._length = length if length and length > 0 else self._default_length
        self._loaded = True
        self._finished = False
        self._paused = paused
        self._anchor_at(self._clamp(start_within(start, self._length)))

    def pause(self) -> None:
        """Stop the count where it is."""
        if self._loaded and not self._paused and not self._finished:
            self._anchor_at(self.position)
            self._paused = True

    def resume(self) -> None:
        """Count on after a pause; after the end, count again from the start."""
        if self._finished:
            self.seek(0.0)
        elif self._paused:
            self._paused = False
            self._anchor_at(self._anchor)

    def toggle_pause(self) -> None:
        """Pause when counting, resume when paused (or finished)."""
        if self._loaded and not self._paused and not self._finished:
            self.pause()
        else:
            self.resume()

    def seek(self, seconds: float) -> None:
        """Go to `seconds`, clamped to `[0, length - 0.5]`; keeps the paused state."""
        if not self._loaded:
            return
        self._finished = False
        self._anchor_at(self._clamp(seconds))

    def seek_by(self, delta: float) -> None:
        """Go forward (or back, when negative) by `delta` seconds."""
        self.seek(self.position + delta)

    def stop(self) -> None:
        """Forget the track."""
        self._path = None
        self._length = 0.0
        self._loaded = False
        self._paused = False
        self._finished = False
        self._anchor_at(0.0)

    def poll(self) -> TrackEnded | None:
        """`TrackEnded` once, when the count reaches the length (not while paused)."""
        if not self._loaded or self._paused or self._finished:
            return None
        if self.position < self._length:
            return None
        self._finished = True
        return TrackEnded(self._path, self._length)

    def _clamp(self, seconds: float) -> float:
        return min(max(seconds, 0.0), max(self._length - SEEK_MARGIN, 0.0))

    def _anchor_at(self, seconds: float) -> None:
        self._anchor = seconds
        self._anchor_time = self._clock.now()
