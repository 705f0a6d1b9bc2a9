"""What a followed player reports: the track it plays (`Playing`) and a timed `Reading` of its
position, from which the position at any later moment is interpolated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Playing:
    """The track a followed player plays, as far as it says."""

    key: str
    """What tells this track from the next one in the player (a path, a song id, a trackid)."""
    path: str | None = None
    """The file path or URL."""
    title: str | None = None
    album: str | None = None
    artist: str | None = None
    track: int | None = None
    """Track number."""
    disc: int | None = None
    length: float | None = None
    """Seconds, when the player knows."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The player's position as read at a moment of ostguide's clock."""

    playing: Playing | None
    """None when the player plays nothing."""
    position: float
    """Seconds into the track when read."""
    paused: bool
    """Paused or stopped: the position does not move."""
    at: float
    """The clock's time of the reading."""
    rate: float = 1.0
    """How many seconds of the track pass in one second of the clock."""

    def position_at(self, now: float) -> float:
        """The position at `now`: frozen while paused, else moving on (not past the length)."""
        if self.paused:
            return self.position
        moved = self.position + max(0.0, now - self.at) * self.rate
        length = self.playing.length if self.playing is not None else None
        return min(moved, length) if length else moved
