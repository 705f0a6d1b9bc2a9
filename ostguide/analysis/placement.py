"""Using the analysis of the listener's file to time remarks: an approximate remark placed on the
change in the music it most likely describes, and a stamp snapped back to the onset the author
reacted to. Pure functions of plain numbers.

Both decisions have the same shape: the strongest candidate in a stretch of time is taken only when
it clearly stands out, at least `STANDOUT` times the strongest other one and above a floor; when
nothing stands out the author's own time is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..guide.model import Cue, Stamp, Timeline, Track, format_time
from ..guide.writer import tenth_stamp
from .model import Analysis
from .timemap import TimeMap, timed

STANDOUT = 2.0
"""How many times stronger than anything else in the stretch a change or onset must be."""
REACH = 0.15
"""An approximate remark moves at most this share of the track's length either way."""
SEPARATE = 10.0
"""Seconds from the strongest change beyond which another value of the novelty is a rival (the
novelty compares five seconds either side, so a change shows for about that long around it)."""
MIN_CHANGE = 1.2
"""The least novelty a change must have to place a remark on it."""
LOOK_BACK = 1.5
"""Seconds before a key press searched for the onset the author meant."""
MIN_ONSET = 2.0
"""The least strength an onset must have to snap a stamp to it."""


def stands_out(best: float, rivals: Sequence[float], floor: float) -> bool:
    """Whether `best` clears `floor` and is at least `STANDOUT` times every rival."""
    return best >= floor and all(best >= STANDOUT * rival for rival in rivals)


def place(nominal: float, length: float, analysis: Analysis) -> float | None:
    """The time of the change that clearly stands out within `REACH` of the track's length
    around `nominal` (seconds into the file), or None when no change does."""
    step, curve = analysis.step, analysis.novelty
    reach = REACH * length
    first = max(0, int((nominal - reach) / step))
    last = min(len(curve) - 1, int((nominal + reach) / step))
    if last <= first:
        return None
    best = max(range(first, last + 1), key=curve.__getitem__)
    near = round(SEPARATE / step / 4)
    if curve[best] < max(curve[max(0, best - near) : best + near + 1]):
        return None  # the slope of a change outside the stretch
    apart = round(SEPARATE / step)
    rivals = [curve[k] for k in range(first, last + 1) if abs(k - best) > apart]
    if not stands_out(curve[best], rivals, MIN_CHANGE):
        return None
    return round(_centre(curve, best) * step, 2)


def _centre(curve: Sequence[float], peak: int) -> float:
    """The middle of the hump of `curve` around `peak` (where it stays above half the peak),
    weighted by how far above half it is: a gradual change makes a broad, flat hump whose
    highest point wanders."""
    half = curve[peak] / 2
    low = peak
    while low > 0 and curve[low - 1] > half:
        low -= 1
    high = peak
    while high < len(curve) - 1 and curve[high + 1] > half:
        high += 1
    weights = [curve[k] - half for k in range(low, high + 1)]
    return sum(w * k for w, k in zip(weights, range(low, high + 1), strict=True)) / sum(weights)


def snap(press: float, analysis: Analysis) -> float | None:
    """The onset that clearly stands out in the `LOOK_BACK` seconds before `press` (seconds into
    the file), or None when none does."""
    found = [
        (strength, onset)
        for onset, strength in zip(analysis.onsets, analysis.strengths, strict=True)
        if press - LOOK_BACK <= onset <= press
    ]
    if not found:
        return None
    best = max(found)
    rivals = [strength for strength, onset in found if onset != best[1]]
    return best[1] if stands_out(best[0], rivals, MIN_ONSET) else None


def place_remarks(
    timeline: Timeline, cues: Sequence[Cue], length: float, analysis: Analysis, offset: float
) -> Timeline:
    """`timeline` with every approximate remark placed on the music where a change stands out.

    Times in a timeline are on the guide's clock; the file's clock is `offset` seconds later.
    Exact stamps never move.
    """
    moved: dict[int, float] = {}
    for time, index in zip(timeline.times, timeline.order, strict=True):
        if cues[index].stamp.approximate:
            found = place(time + offset, length, analysis)
            if found is not None:
                moved[index] = max(0.0, found - offset)
    return timeline.moved(moved) if moved else timeline


def placed_timeline(
    track: Track,
    length: float | None,
    analysis: Analysis | None,
    offset: float,
    timing: TimeMap | None = None,
) -> Timeline:
    """The track's timeline for the length playing, its stamps moved to the listener's copy
    when it was aligned with the author's (`timing`), and its approximate remarks placed on the
    music of the listener's file when it was analysed."""
    timeline = track.timeline(length)
    if timing is not None:
        timeline = timed(timeline, track.cues, timing)
    real = length or track.length
    if analysis is None or not real:
        return timeline
    return place_remarks(timeline, track.cues, real, analysis, offset)


def remark_label(stamp: Stamp, timeline: Timeline, cue_index: int, length: float | None) -> str:
    """How a remark's time is shown: its stamp (`1:05`, `~1:30`), or `≈1:51` where it was placed
    on the music."""
    if cue_index in timeline.placed:
        return "≈" + format_time(timeline.time_of(cue_index))
    return stamp.label(length)


def stamp_time(press: float, analysis: Analysis | None, offset: float) -> tuple[float, str]:
    """The time to stamp for a key pressed at `press` (on the guide's clock): the onset the
    author reacted to when one stands out, else the press itself; and a few words saying which
    ("stamped 0:03.0 (snapped −0.6 s)")."""
    found = None if analysis is None else snap(press + offset, analysis)
    seconds = press if found is None else max(0.0, found - offset)
    said = f"stamped {tenth_stamp(seconds)[1:-1]}"
    moved = round(seconds - press, 1)
    if not moved:
        return seconds, said
    return seconds, f"{said} (snapped {moved:+.1f} s)".replace("-", "−")
