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
