"""Loops for study listening: the track played again at its end (repeat), and a stretch of it
between two moments, A and B, played over and over (an A–B loop, set as mpv's `l` sets it: a
first press marks A, a second B, a third clears them).

`Loop` is plain state that the session owns: it says when the music must go back to A and
whether a move keeps the loop (a move inside it does, one outside ends it); the session seeks.
"""

from __future__ import annotations

from dataclasses import dataclass

SHORTEST = 0.5
"""The shortest A–B loop, in seconds: B marked closer to A than this is refused."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """The two moments of an A–B loop, in seconds into the track (`a` < `b`)."""

    a: float
    b: float

    def holds(self, seconds: float) -> bool:
        """Whether `seconds` lies inside the loop (from A up to B)."""
        return self.a <= seconds < self.b


class Loop:
    """Whether the track repeats, and the A–B loop being set or playing."""

    def __init__(self) -> None:
        self.repeat = False
        """The track plays again from its start when it ends."""
        self.a: float | None = None
        """A, marked while B is not yet."""
        self.stretch: Stretch | None = None
        """The A–B loop playing, once both moments are marked."""

    def mark(self, seconds: float) -> str:
        """The A–B key at `seconds`: mark A, then B, then clear; what happened, in words."""
        if self.stretch is not None:
            self.clear()
            return "A–B loop off."
        if self.a is None:
            self.a = seconds
            return "A marked: press the key again at B."
        if seconds - self.a < SHORTEST:
            return "B must come at least half a second after A."
        self.stretch, self.a = Stretch(self.a, seconds), None
        return "A–B loop on: the stretch plays over and over (the key again ends it)."

    def clear(self) -> None:
        """No A–B loop, nor a half-marked one."""
        self.a = self.stretch = None

    def back_to(self, seconds: float) -> float | None:
        """Where the music must go now that it is at `seconds`: A when it reached B; None when it
        plays on."""
        stretch = self.stretch
        return stretch.a if stretch is not None and seconds >= stretch.b else None

    def keeps(self, seconds: float) -> bool:
        """Whether a move to `seconds` keeps the A–B loop (a loop ends when the listener moves
        outside it); True when there is none."""
        return self.stretch is None or self.stretch.holds(seconds)

    def due(self, seconds: float) -> float | None:
        """Seconds from `seconds` until the music must go back to A; None without a loop."""
        stretch = self.stretch
        return None if stretch is None else max(stretch.b - seconds, 0.0)
