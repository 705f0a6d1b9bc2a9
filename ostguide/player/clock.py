"""Where time comes from: the real monotonic clock in the app, a hand-driven one in tests.

Everything above the mixer that needs "now" (the read-along player, resume timers) takes a `Clock`,
so tests decide exactly how much time passes.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A source of monotonic time in seconds."""

    def now(self) -> float:
        """Seconds since an arbitrary fixed point; never goes backwards."""
        ...


class MonotonicClock:
    """The real clock: `time.monotonic()`."""

    def now(self) -> float:
        """Seconds from the system's monotonic clock."""
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to, for deterministic tests."""

    def __init__(self, start: float = 0.0) -> None:
        self.time = start
        """The current time; tests may set it directly."""

    def now(self) -> float:
        """The time last set or advanced to."""
        return self.time

    def advance(self, seconds: float) -> None:
        """Move time forward by `seconds` (which must not be negative)."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards ({seconds} s)")
        self.time += seconds
