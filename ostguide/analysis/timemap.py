"""Where the author's moments are in the listener's copy: a time map of pieces, each running at
one speed from its own offset, with cuts and inserts between them, and how sure the alignment is
of each piece. Pure functions of plain numbers, so the session can use it without numpy.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..guide.model import Cue, Timeline

SURE_GAP = 0.25
"""Seconds either side of a join between two pieces (a cut or an insert) where the alignment
cannot say which piece a moment belongs to."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the author's track found in one piece in the listener's copy."""

    start: float
    """Where it starts on the author's clock (seconds); it ends where the next starts."""
    offset: float
    """The listener's time of the author's `start`, less `start` times `speed`: listener time
    is `offset + speed * author time`."""
    sure: bool
    """Whether the music of this stretch was matched closely enough to move stamps by it."""


@dataclass(frozen=True, slots=True)
class TimeMap:
    """The listener's time of every moment of the author's track."""

    speed: float
    """Listener seconds per author second: 1.02 for a copy 2 % slower, 0.98 for one 2 % faster."""
    pieces: tuple[Piece, ...]
    """At least one, by `start` ascending; the first covers everything before its start too."""
    shift: float = 0.0
    """The listener's pitch against the author's, in cents (a fast turntable is sharp)."""
    unsure: tuple[tuple[float, float], ...] = ()
    """Stretches of the author's clock (start, end) the alignment cannot place: cut from the
    listener's copy, or at a join it could not find exactly."""

    @classmethod
    def identity(cls) -> TimeMap:
        """Every moment where the author has it."""
        return cls(1.0, (Piece(0.0, 0.0, True),))

    def where(self, author: float) -> tuple[float, bool]:
        """The listener's time of the author's moment, and whether the alignment is sure of it."""
        k = max(0, bisect_right([p.start for p in self.pieces], author) - 1)
        piece = self.pieces[k]
        sure = piece.sure and not any(low <= author < high for low, high in self.unsure)
        return max(0.0, piece.offset + self.speed * author), sure

    def back(self, listener: float) -> float:
        """The author's moment heard at the listener's time (what a stamp made while listening
        to this copy must say); a moment of music the author's copy lacks is given the nearest
        moment it has."""
        best = 0.0
        nearest = float("inf")
        for k, piece in enumerate(self.pieces):
            author = (listener - piece.offset) / self.speed
            low = piece.start if k else float("-inf")
            high = self.pieces[k + 1].start if k + 1 < len(self.pieces) else float("inf")
            clamped = min(max(author, low), high)
            if abs(clamped - author) < nearest:
                best, nearest = clamped, abs(clamped - author)
        return max(0.0, best)

    @property
    def lead(self) -> float:
        """How much later the listener's copy starts its music (seconds; negative: earlier)."""
        return self.pieces[0].offset

    @property
    def sure(self) -> bool:
        """Whether every piece was matched closely."""
        return all(piece.sure for piece in self.pieces)

    def summary(self) -> str:
        """In a few words: "+1.24 s, 0.4 % faster, confident", "−3.00 s, 1 s cut at 2:31,
        unsure in places"."""
        parts = [f"{self.lead:+.2f} s".replace("-", "−")]
        percent = (1 / self.speed - 1) * 100
        if abs(percent) >= 0.05:
            parts.append(f"{abs(percent):.1f} % {'faster' if percent > 0 else 'slower'}")
        if abs(self.shift) >= 5 and abs(percent) >= 0.05:
            parts[-1] += ", sharp" if self.shift > 0 else ", flat"
        for before, after in zip(self.pieces, self.pieces[1:], strict=False):
            jump = after.offset - before.offset
            kind = "inserted" if jump > 0 else "cut"
            minutes, seconds = divmod(int(after.start), 60)
            parts.append(f"{abs(jump):.1f} s {kind} at {minutes}:{seconds:02d}")
        parts.append("confident" if self.sure and not self.unsure else "unsure in places")
        return ", ".join(parts)


def timed(timeline: Timeline, cues: Sequence[Cue], timing: TimeMap) -> Timeline:
    """`timeline` with every stamp written as a time (not a share of the track) moved to the
    listener's copy; those the alignment is unsure of count as placed (shown `≈`)."""
    moved: dict[int, float] = {}
    unsure: list[int] = []
    for time, index in zip(timeline.times, timeline.order, strict=True):
        if cues[index].stamp.seconds is not None:
            moved[index], sure = timing.where(time)
            if not sure:
                unsure.append(index)
    return timeline.moved(moved, unsure) if moved else timeline
