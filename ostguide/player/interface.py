"""What every player offers (`Player`) and the event it reports when a track ends (`TrackEnded`).

The mixer player and the read-along player both satisfy `Player`, so the transport and the
screen never need to know which one is running; a player followed satisfies `Followed` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ostguide.guide.model import TrackId

SEEK_MARGIN = 0.5
"""Seeks stop this far before the end: past it WAV/OGG/FLAC/Opus raise and MP3 stops silently."""


def start_within(start: float, length: float) -> float:
    """Where a track loaded to start at `start` begins: a start past its end (a place kept while
    reading along, or in a longer copy of the track) is no place in this file, so from 0."""
    return 0.0 if start > length else start


@dataclass(frozen=True, slots=True)
class Span:
    """A track that is part of a file: a track of a single-file album image (CUE sheet)."""

    path: Path
    """The file."""
    start: float
    """Where the track starts in the file, in seconds: its clock reads 0:00 there."""
    end: float | None
    """Where the next track starts; None: the track runs to the file's end."""


Source = Path | Span
"""What a track is played from: a whole file, or a span of one."""


def whole(source: Source) -> Span:
    """The source as a span (a whole file runs from 0 to its end)."""
    return source if isinstance(source, Span) else Span(source, 0.0, None)


@dataclass(frozen=True, slots=True)
class TrackEnded:
    """The track played to its end by itself (not stopped, not paused)."""

    path: Path | None
    """The file that ended, or None for read-along without a file."""
    length: float
    """The track's length in seconds as measured by playing it (see `corrected`)."""
    corrected: bool = False
    """True when this length replaced the one announced at load (an estimate proved wrong)."""


class Player(Protocol):
    """Controls and readings shared by the mixer and read-along players."""

    volume: float
    """The level the player sounds at, from 0 to 1 (0 while the transport mutes it)."""

    @property
    def position(self) -> float:
        """Seconds into the track as heard; frozen while paused."""
        ...

    @property
    def length(self) -> float:
        """The track's length in seconds (0 when nothing is loaded)."""
        ...

    @property
    def paused(self) -> bool:
        """Whether the listener paused the track."""
        ...

    @property
    def loaded_path(self) -> Path | None:
        """The file loaded, or None."""
        ...

    def load(
        self, path: Path | None, length: float | None, start: float = 0.0, paused: bool = False
    ) -> None:
        """Start a track at `start` seconds (at 0 when past its end), paused or playing."""
        ...

    def pause(self) -> None:
        """Freeze playback where it is."""
        ...

    def resume(self) -> None:
        """Carry on from where playback was paused."""
        ...

    def toggle_pause(self) -> None:
        """Pause when playing, resume when paused."""
        ...

    def seek(self, seconds: float) -> None:
        """Go to an absolute time, clamped to the track; keeps the paused state."""
        ...

    def seek_by(self, delta: float) -> None:
        """Go forward (or back, when negative) by `delta` seconds."""
        ...

    def stop(self) -> None:
        """Stop and unload the track."""
        ...

    def poll(self) -> TrackEnded | None:
        """Call often (a few times a second): the end of the track, once, when it comes."""
        ...


class Followed(Player, Protocol):
    """Another player followed (`follow.player.FollowPlayer`): the transport keeps time by it,
    and learns from it which track plays and what it could not do."""

    @property
    def followed_track(self) -> TrackId | None:
        """The guide's track the other player plays (None: none of them)."""
        ...

    @property
    def status(self) -> str:
        """What is followed and how it goes, as the transport line says it."""
        ...

    @property
    def stranger(self) -> str:
        """What the other player plays when the guide does not have it."""
        ...

    @property
    def muted(self) -> bool:
        """Whether the other player is muted."""
        ...

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the other player (its `volume` is set like any player's)."""
        ...

    def take_note(self) -> str:
        """The last thing the other player could not do, once (then "")."""
        ...

    def choose(self, track: TrackId | None) -> None:
        """Ask the other player to play this track of the guide."""
        ...
