"""The loudness overview: one row of block characters along the transport's timeline, so that the
listener sees the shape of the track (the quiet opening, the climax) at a glance."""

from __future__ import annotations

from math import ceil, floor

from .model import Analysis

LEVELS = "▁▂▃▄▅▆▇█"
"""From quiet to loud."""
RANGE_DB = 36.0
"""The quietest level shown above the lowest block is this far below the loudest column."""
BEYOND = " "
"""A column past the end of what could be decoded."""


def overview_row(analysis: Analysis, length: float, width: int) -> str:
    """`width` characters, column `c` standing for the time `c / (width - 1) * length`, as the
    transport's timeline places its play head; each shows the loudest level of the stretch of the
    track nearer to it than to its neighbours (a short climax is not averaged away)."""
    if width <= 0:
        return ""
    length = length if length > 0 else analysis.duration
    span = length / max(1, width - 1)
    levels = [_loudest(analysis, (c - 0.5) * span, (c + 0.5) * span) for c in range(width)]
    heard = [level for level in levels if level is not None]
    if not heard:
        return BEYOND * width
    top = max(heard)
    return "".join(BEYOND if level is None else _block(level, top) for level in levels)


def _loudest(analysis: Analysis, start: float, end: float) -> float | None:
    """The loudest level (dB) of the loudness values overlapping `start`–`end`, or None past
    the end of the analysis."""
    values = analysis.loudness
    first = max(0, floor(start / analysis.step))
    if first >= len(values):
        return None
    return max(values[first : max(first + 1, ceil(end / analysis.step))])


def _block(level: float, top: float) -> str:
    share = (level - (top - RANGE_DB)) / RANGE_DB
    return LEVELS[min(len(LEVELS) - 1, max(0, round(share * (len(LEVELS) - 1))))]
