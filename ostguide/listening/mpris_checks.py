"""What ostguide accepts from other programs over MPRIS, checked before any of it reaches the
listening session: the arguments of each method (D-Bus has already checked their types, not
their values: a volume of NaN, an offset of 2^62 microseconds, another track's id) and how many
calls a second. Nothing here knows D-Bus: each check returns the value to use or raises
`BadArgument`, and the service answers that as D-Bus's `InvalidArgs`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MICRO = 1_000_000
"""MPRIS counts time in microseconds."""
MAX_SECONDS = 1e7
"""The longest offset or position taken (about 115 days: longer than any track)."""
RATE = 20.0
"""Commands a second taken on average (media keys and scripts send a few)."""
BURST = 20
"""Commands taken at once after a quiet spell."""


class BadArgument(ValueError):
    """An argument no listener's program would send; the message says which and why."""


def volume(value: object) -> float:
    """A volume to set: a finite number, kept within 0 to 1 (MPRIS asks that a negative one
    counts as 0; ostguide does not amplify beyond 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadArgument(f"the volume must be a number from 0 to 1, not {value!r}")
    return min(max(float(value), 0.0), 1.0)


def offset(value: object) -> float:
    """A seek by `value` microseconds, in seconds."""
    seconds = _microseconds(value, "the offset")
    if abs(seconds) > MAX_SECONDS:
        raise BadArgument(f"the offset must be within {MAX_SECONDS:g} s, not {seconds:g} s")
    return seconds


def position(track: object, value: object, current: str, length: float) -> float:
    """A position to go to, in seconds: `track` must be the id of the track playing (`current`),
    and the position within the track's `length` (seconds)."""
    if track != current:
        raise BadArgument(f"{track!r} is not the track playing ({current})")
    seconds = _microseconds(value, "the position")
    if not 0 <= seconds <= length:
        raise BadArgument(f"the position must be from 0 to {length:g} s, not {seconds:g} s")
    return seconds


def _microseconds(value: object, what: str) -> float:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadArgument(f"{what} must be a whole number of microseconds, not {value!r}")
    return value / MICRO


class Budget:
    """How many commands may be taken now: `RATE` a second, up to `BURST` at once (a token
    bucket), so that a flood of calls costs their reading only and the screen keeps answering
    its keys."""

    def __init__(self, clock: Callable[[], float], rate: float = RATE, burst: int = BURST) -> None:
        self.clock, self.rate, self.burst = clock, rate, burst
        self._tokens = float(burst)
        self._at = clock()

    def spend(self) -> bool:
        """Take one command if the budget allows it now; False when it is spent."""
        now = self.clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True
