"""Waiting for something the real mixer does in real time."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest


def wait_for(check: Callable[[], object], timeout: float = 3.0) -> object:
    """Poll `check` every 10 ms until it returns something truthy (or fail)."""
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        result = check()
        if result:
            return result
        time.sleep(0.01)
    pytest.fail(f"nothing within {timeout} s")


PACE = 1.1
"""How much faster than the wall clock a real player's position may move (SDL's dummy driver
mixes slightly fast, and `get_pos()` runs on with the wall clock between two buffers)."""


class Elapsed:
    """The wall-clock time since it was made: no more than that (times `PACE`) can have played,
    however long the test was kept waiting by a loaded machine."""

    def __init__(self) -> None:
        self._start = time.monotonic()

    def most(self, slack: float = 0.03) -> float:
        """The most a real player can have played since then, in seconds."""
        return PACE * (time.monotonic() - self._start) + slack


def heard_from(position: float, target: float, since: Elapsed, slack: float = 0.03) -> bool:
    """Whether a real player's `position` is at `target` (within `slack`), or past it by no more
    than can have played since `since` began."""
    return target - slack <= position <= target + since.most(slack)
