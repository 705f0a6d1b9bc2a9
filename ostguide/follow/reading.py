"""What a followed player reports: the track it plays (`Playing`) and a timed `Reading` of its
position, from which the position at any later moment is interpolated; and `Fields`, through
which every value a player sends is checked before it becomes either."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ostguide.library.scan import leading_int
from ostguide.safetext import visible

log = logging.getLogger(__name__)


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


MAX_TEXT = 1_000
"""Characters kept of a text field (a browser's page title can be any length)."""
MAX_NUMBER = 999_999
"""The largest track or disc number taken (as many digits as the scan takes from tags)."""
MAX_SECONDS = 1e7
"""The longest length or position taken (about 115 days: longer than any stream played on)."""
MAX_RATE = 100.0
"""The fastest playback rate taken."""
MAX_VOLUME = 10.0
"""The loudest volume taken (1 is 100 %; mpv goes to 130 % by default)."""


class Fields:
    """A player's fields checked as they arrive: text made safe to draw and cut to a length,
    numbers of the right kind and range. A field that is neither is left out, and logged once
    for each field of each player (a player that always sends it would fill the log)."""

    def __init__(self, label: str) -> None:
        """`label` names the player in the log."""
        self.label = label
        self._told: set[str] = set()

    def playing(
        self,
        key: object,
        *,
        path: object = None,
        title: object = None,
        album: object = None,
        artist: object = None,
        track: object = None,
        disc: object = None,
        length: object = None,
    ) -> Playing:
        """The track as the player describes it, every field checked."""
        return Playing(
            key=self.text("key", key) or "",
            path=self.text("path", path),
            title=self.text("title", title),
            album=self.text("album", album),
            artist=self.text("artist", artist),
            track=self.number("track", track),
            disc=self.number("disc", disc),
            length=self.seconds("length", length, positive=True),
        )

    def text(self, name: str, value: object) -> str | None:
        """A text field, safe to draw; None when absent or not text."""
        if value is None or isinstance(value, str):
            return None if value is None else visible(value[:MAX_TEXT])
        self._refuse(name, value, "text")
        return None

    def number(self, name: str, value: object) -> int | None:
        """A track or disc number: a whole number, or text starting with one ("3/23")."""
        if value is None:
            return None
        if isinstance(value, str):
            return leading_int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER:
            return value
        self._refuse(name, value, "a track number")
        return None

    def seconds(self, name: str, value: object, *, positive: bool = False) -> float | None:
        """A length or position in seconds (a number or its text): finite, not negative (with
        `positive`, above zero) and at most `MAX_SECONDS`."""
        if value is None:
            return None
        number = _number(value)
        if (
            number is not None
            and (number > 0 if positive else number >= 0)
            and number <= MAX_SECONDS
        ):
            return number
        self._refuse(name, value, "a time in seconds")
        return None

    def volume(self, value: object, *, per: float = 1.0) -> float | None:
        """A volume (1 is 100 %) given as a number or its text counting `per` to 100 % (100
        for a percentage): from 0 to `MAX_VOLUME`; None when absent or not such."""
        if value is None:
            return None
        number = _number(value)
        if number is not None and 0 <= number / per <= MAX_VOLUME:
            return number / per
        self._refuse("volume", value, "a volume")
        return None

    def switch(self, name: str, value: object) -> bool | None:
        """A switch (mute): true or false; None when absent or not such."""
        if value is None or isinstance(value, bool):
            return value
        self._refuse(name, value, "true or false")
        return None

    def rate(self, value: object) -> float:
        """A playback rate: above zero and at most `MAX_RATE`; 1 for anything else."""
        if value is None:
            return 1.0
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= MAX_RATE:
            return float(value)
        self._refuse("rate", value, "a playback rate")
        return 1.0

    def _refuse(self, name: str, value: object, kind: str) -> None:
        if name not in self._told:
            self._told.add(name)
            shown = repr(value)
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            log.warning("%s sent a %s that is not %s: %s; ignored", self.label, name, kind, shown)


def _number(value: object) -> float | None:
    """A number, or the text of one, as a float (NaN and infinities too: the ranges refuse
    them); None for anything else, and for a whole number too large for a float."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        return float(value)
    except (ValueError, OverflowError):
        return None
