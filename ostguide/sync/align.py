"""Aligning the listener's copy of a track with the author's description of it.

1. Pitch check: both chromas are read relative to their own recording's tuning, so a copy played
   2 % fast (34 cents sharp) has the author's chroma; when the tunings lie either side of a
   quarter tone, the listener's chroma is turned by a semitone, whichever way the pitch profiles
   agree.
2. A dynamic time warping of the two chromas (cosine distance, silence its own class) within a
   band around the diagonal, allowed to begin and end off the corner at a cost per frame left
   out, gives the path of matching frames.
3. The path gives the speed (the line most of it follows, then a least-squares fit with an
   offset per piece) and the pieces: where the offset left after the speed jumps by
   more than a few tenths of a second, something was cut or inserted.
4. The author's clearest onsets, moved by that map, are paired with the listener's onsets within
   a few hundredths of a second, and the speed and each piece's offset are fitted to the pairs
   by least squares; a piece with too few pairs, or pairs that scatter, is unsure, and so is a
   second either side of each join.

numpy is imported here only, by the analysis worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..analysis.model import Analysis
from ..analysis.timemap import Piece, TimeMap
from .sound import LEVELS, TrackSound

Floats = NDArray[np.floating[Any]]
Ints = NDArray[np.intp]

MIN_FRAMES = 10
"""Copies with fewer chroma frames than this are not aligned."""
BAND_SECONDS = 20.0
"""How far off the diagonal (seconds) the warping path may go, besides `BAND_SHARE`."""
BAND_SHARE = 0.05
"""… and this share of the track (for speeds a few per cent off)."""
EDGE_COST = 0.1
"""What each frame left out before the path begins or after it ends costs: more than a close
match (about 0.02 a frame), less than music that is only alike (0.2 and more), so that a
lead-in is skipped rather than matched."""
MAX_CELLS = 12_000_000
"""Frames are averaged in pairs (or more) until the warping's band has at most this many cells."""
STRAIGHT = 3
"""A path's run of more right (or down) steps than this is one copy going on alone."""
SPEED_SPAN = 3.0
"""Seconds at least between the two points of the path through which a line is guessed."""
CANDIDATES = 400
"""Lines guessed through pairs of points of the path, for the speed."""
INLIER = 0.15
"""Seconds a point of the path may be off a line and still follow it."""
JUMP = 0.3
"""A change of offset (seconds) beyond which the path has gone through a cut or an insert."""
SETTLE = 2.0
"""Seconds the offset must stay changed to count as a jump, not a wobble of the path."""
SMOOTH = 1.5
"""Seconds either side over which the path's offset is median-filtered."""
PAIR_WITHIN = (0.12, 0.05)
"""How close (seconds) an onset of the listener's must be to a moved one of the author's, in
the first and the second fit."""
MIN_PAIRS = 8
"""A piece with fewer paired onsets is unsure."""
MAX_SCATTER = 0.03
"""A piece whose pairs scatter more than this (RMS, seconds) around the fit is unsure."""
JOIN_UNSURE = 1.0
"""Seconds either side of a join that are unsure."""
EDGE_SLACK = 0.05
"""Seconds the listener's copy may begin later or end sooner than the author's without the
moments there counting as unsure."""
MAX_SHIFT = 70.0
"""Cents: a pitch check that would need more than this turns the chroma another semitone."""


SAME_COST = 0.04
"""Two copies of one recording warp with a mean chroma distance below this (measured: at most
0.015 under every transform of the benchmark; another song of the same album, in the same key
over the same chords, 0.06 and more)."""
SAME_PAIRED = 0.6
"""… and at least this share of the author's onsets is found where the map puts them (measured:
0.78 and more; another song of the album 0.5 and less)."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The time map found, and how well the two copies matched."""

    map: TimeMap
    cost: float
    """Mean chroma distance along the path (0 identical, about 0.5 for unrelated music)."""
    paired: float | None
    """Share of the author's onsets the listener's copy has where the map puts them; None when
    the author's copy has fewer than `MIN_PAIRS` onsets (music without attacks: a drone)."""

    @property
    def same(self) -> bool:
        """Whether the listener's file is a copy of the author's recording."""
        onsets_agree = self.paired is None or self.paired >= SAME_PAIRED
        return self.cost < SAME_COST and onsets_agree


def align(author: TrackSound, listener: Analysis) -> Alignment:
    """How the listener's copy lines up with the author's description of the track (with a
    cost of 1, no copy of it, when either has less than a second of chroma)."""
    ours = chroma_of(author.chroma, LEVELS)
    theirs_raw = chroma_of(listener.chroma, 255)
    if min(len(ours), len(theirs_raw)) < MIN_FRAMES:
        return Alignment(TimeMap.identity(), 1.0, None)
    turn, shift = pitch_check(ours, theirs_raw, author.tuning, listener.tuning)
    theirs = np.roll(theirs_raw, -turn, axis=1)
    factor = _factor(len(ours), author.step)
    a, b = pooled(ours, factor), pooled(theirs, factor)
    width = band(len(a), author.step * factor)
    path_a, path_b, cost = warp(unit(a), unit(b), width)
    step_a, step_b = author.step * factor, listener.step * factor
    straight = _diagonal(path_a, path_b)
    times_a = path_a[straight] * step_a
    times_b = path_b[straight] * step_b
    speed = _speed(times_a, times_b)
    for _ in range(2):  # the pieces found with a rough speed give a closer one, and again
        pieces = _pieces(times_a, times_b, speed)
        speed = _path_speed(times_a, times_b, pieces, speed)
    pieces = _pieces(times_a, times_b, speed)
    onsets_a = np.asarray(author.onsets, dtype=np.float64)
    onsets_b = np.asarray(listener.onsets, dtype=np.float64)
    speed, fitted, share = _fit(onsets_a, onsets_b, speed, pieces)
    paired = share if len(onsets_a) >= MIN_PAIRS else None
    unsure = _unsure(fitted, speed, author.duration, listener.duration)
    found = TimeMap(speed, tuple(fitted), round(shift, 1), tuple(unsure))
    return Alignment(found, cost, paired)


def chroma_of(data: bytes, top: int) -> Floats:
    """Chroma bytes (twelve a frame, 0 to `top`) as frames of values from 0 to 1."""
    values = np.frombuffer(data, dtype=np.uint8).reshape(-1, 12)
    return values.astype(np.float32) / top


def pitch_check(
    ours: Floats, theirs: Floats, tuning: float, their_tuning: float
) -> tuple[int, float]:
    """By how many semitones (−1, 0, 1) the listener's chroma is turned against the author's,
    and the listener's pitch against the author's in cents."""
    mine, yours = ours.sum(axis=0), theirs.sum(axis=0)
    options = []
    for turn in (-1, 0, 1):
        shift = their_tuning - tuning + 100 * turn
        agreement = float(np.dot(mine, np.roll(yours, -turn)))
        agreement /= float(np.linalg.norm(mine) * np.linalg.norm(yours)) or 1.0
        options.append((abs(shift) > MAX_SHIFT, -agreement, turn, shift))
    _, _, turn, shift = min(options)
    return turn, shift


def band(frames: int, step: float) -> int:
    """How far off the diagonal (frames) the warping path of a track of `frames` may go."""
    return int(BAND_SECONDS / step + BAND_SHARE * frames)


def _factor(frames: int, step: float) -> int:
    """How many frames (`step` seconds apart) to average into one so that the warping's band
    stays within `MAX_CELLS`."""
    factor = 1
    while frames / factor * (2 * band(frames // factor, step * factor) + 1) > MAX_CELLS:
        factor += 1
    return factor


def pooled(chroma: Floats, factor: int) -> Floats:
    if factor == 1:
        return chroma
    usable = len(chroma) - len(chroma) % factor
    pooled: Floats = chroma[:usable].reshape(-1, factor, 12).mean(axis=1)
    return pooled


def unit(chroma: Floats) -> Floats:
    """Each frame scaled to length 1, with a thirteenth class that is 1 in silence."""
    norms = np.linalg.norm(chroma, axis=1, keepdims=True)
    silent = norms < 1e-6
    scaled = np.where(silent, 0.0, chroma / np.maximum(norms, 1e-6))
    unit: Floats = np.hstack([scaled, silent.astype(np.float32)])
    return unit


def warp(a: Floats, b: Floats, width: int) -> tuple[Ints, Ints, float]:
    """The cheapest monotonic path through the frames of `a` (rows) and `b` (columns), with
    steps right, down and diagonal (which costs double, so every path weighs the same), within
    `width` frames either side of the line from corner to corner; it may start and end off the
    corners at `EDGE_COST` per frame skipped. Returns the path's rows and columns and its mean
    cost.

    Each row is one vectorised pass: the right steps within a row are a running minimum of the
    costs from above less the row's cumulative cost.
    """
    n, m = len(a), len(b)
    big = 1e9
    above = np.full(m, big)
    moves: list[tuple[int, NDArray[np.int8]]] = []
    best_end = (float("inf"), n - 1, m - 1)
    last_row = above
    for i in range(n):
        centre = i * (m - 1) / max(1, n - 1)
        low, high = max(0, int(centre) - width), min(m, int(centre) + width + 1)
        cost = 1.0 - b[low:high] @ a[i]
        diagonal = np.full(high - low, big)
        if i == 0:
            diagonal = 2 * cost + EDGE_COST * np.arange(low, high)
        else:
            previous = above[max(0, low - 1) : high - 1]
            diagonal[len(diagonal) - len(previous) :] = previous + 2 * cost[-len(previous) :]
            if low == 0:
                diagonal[0] = 2 * cost[0] + EDGE_COST * i
        down = above[low:high] + cost
        best = np.minimum(diagonal, down)
        totals = np.cumsum(cost)
        right = np.minimum.accumulate(best - totals) + totals
        row = np.minimum(best, right)
        move = np.where(row < best, 2, np.where(down < diagonal, 1, 0)).astype(np.int8)
        above = np.full(m, big)
        above[low:high] = row
        moves.append((low, move))
        if i == n - 1:
            last_row = above.copy()
        if high == m:
            column_end = float(row[-1]) + EDGE_COST * (n - 1 - i)
            if column_end < best_end[0]:
                best_end = (column_end, i, m - 1)
    ends = last_row + EDGE_COST * (m - 1 - np.arange(m))
    j = int(np.argmin(ends))
    _, end_i, end_j = best_end if best_end[0] < ends[j] else (float(ends[j]), n - 1, j)
    rows, columns = _backtrack(moves, end_i, end_j)
    mean = _path_cost(a, b, rows, columns)
    return rows, columns, mean


def _backtrack(moves: list[tuple[int, NDArray[np.int8]]], i: int, j: int) -> tuple[Ints, Ints]:
    rows, columns = [i], [j]
    while True:
        low, move = moves[i]
        step = move[j - low] if low <= j < low + len(move) else 0
        if (i == 0 and step != 2) or (j == 0 and step != 1):
            break
        if step == 0:
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
        if i < 0 or j < 0:
            break
        rows.append(i)
        columns.append(j)
    return np.array(rows[::-1]), np.array(columns[::-1])


def _diagonal(rows: Ints, columns: Ints) -> NDArray[np.bool_]:
    """The points of a path where the two copies run together: all but those in a run of more
    than `STRAIGHT` right or down steps (a lead-in, a cut or an insert). A path zigzags where
    a diagonal step costs what a right and a down step cost together: that is running
    together too."""
    steps = np.where(np.diff(rows) == 0, 1, np.where(np.diff(columns) == 0, 2, 0))
    keep = np.ones(len(rows), dtype=bool)
    start = 0
    for k in range(1, len(steps) + 1):
        if k == len(steps) or steps[k] != steps[start]:
            if steps[start] and k - start > STRAIGHT:
                keep[start : k + 1] = False
            start = k
    return keep if keep.sum() > 1 else np.ones(len(rows), dtype=bool)


def _path_cost(a: Floats, b: Floats, rows: Ints, columns: Ints) -> float:
    return float(np.mean(1.0 - np.sum(a[rows] * b[columns], axis=1)))


def _speed(times_a: Floats, times_b: Floats) -> float:
    """Listener seconds per author second: the slope of the line through two points of the path
    (at least `SPEED_SPAN` apart) that most of the path follows within `INLIER`, refitted to
    those points by least squares. A cut or an insert splits the path into pieces; the line
    found follows the longest (a median of slopes is thrown off when spans across a cut are
    most of them, as in a short track)."""
    count = len(times_a)
    rng = np.random.default_rng(0)  # the same guesses every time: the same answer
    first = rng.integers(0, count, CANDIDATES)
    second = rng.integers(0, count, CANDIDATES)
    apart = times_a[second] - times_a[first] >= SPEED_SPAN
    first, second = first[apart], second[apart]
    if not len(first):
        return 1.0
    slopes = (times_b[second] - times_b[first]) / (times_a[second] - times_a[first])
    plausible = (slopes > 0.5) & (slopes < 2.0)
    first, second, slopes = first[plausible], second[plausible], slopes[plausible]
    if not len(first):
        return 1.0
    offsets = times_b[first] - slopes * times_a[first]
    residuals = np.abs(times_b[None, :] - offsets[:, None] - slopes[:, None] * times_a[None, :])
    best = int(np.argmax((residuals < INLIER).sum(axis=1)))
    inliers = residuals[best] < INLIER
    slope, _ = np.polyfit(times_a[inliers], times_b[inliers], 1)
    return float(slope)


def _path_speed(times_a: Floats, times_b: Floats, pieces: list[Piece], speed: float) -> float:
    """The speed fitted by least squares to the path, each piece with an offset of its own."""
    starts = np.array([piece.start for piece in pieces])
    which = np.maximum(np.searchsorted(starts, times_a, side="right") - 1, 0)
    design = np.zeros((len(times_a), 1 + len(pieces)))
    design[:, 0] = times_a
    design[np.arange(len(times_a)), 1 + which] = 1.0
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return speed
    solution, *_ = np.linalg.lstsq(design, times_b, rcond=None)
    return float(solution[0])


def _pieces(times_a: Floats, times_b: Floats, speed: float) -> list[Piece]:
    """Where the offset along the path jumps, and the offset of each stretch between jumps."""
    offsets = times_b - speed * times_a
    step = float(np.median(np.diff(times_a))) or 0.1
    reach = max(1, int(SMOOTH / step))
    padded = np.pad(offsets, reach, mode="edge")
    smooth = np.median(np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1), axis=1)
    settle = max(1, int(SETTLE / step))
    pieces = [Piece(0.0, float(np.median(smooth[: settle * 2])), True)]
    k = 0
    while k < len(smooth) - settle:
        ahead = smooth[k : k + settle]
        if np.all(np.abs(ahead - pieces[-1].offset) > JUMP):
            new = float(np.median(ahead))
            middle = (new + pieces[-1].offset) / 2
            crossing = k
            while crossing > 0 and (smooth[crossing] - middle) * (new - middle) > 0:
                crossing -= 1
            pieces.append(Piece(float(times_a[crossing + 1]), new, True))
            k += settle
        else:
            k += 1
    return pieces


def _fit(
    onsets_a: Floats, onsets_b: Floats, speed: float, pieces: list[Piece]
) -> tuple[float, list[Piece], float]:
    """The speed and the pieces' offsets fitted to the onsets the two copies share; each piece
    sure when enough pairs agree closely. Also the share of the author's onsets paired."""
    starts = np.array([piece.start for piece in pieces])
    if not len(onsets_a) or not len(onsets_b):
        return speed, [Piece(p.start, p.offset, False) for p in pieces], 0.0
    which = np.maximum(np.searchsorted(starts, onsets_a, side="right") - 1, 0)
    offsets = np.array([piece.offset for piece in pieces])
    paired = np.zeros(len(onsets_a), dtype=bool)
    residual = np.zeros(len(onsets_a))
    for within in PAIR_WITHIN:
        predicted = offsets[which] + speed * onsets_a
        nearest = _nearest(onsets_b, predicted)
        residual = nearest - predicted
        paired = np.abs(residual) <= within
        if paired.sum() < 2:
            break
        design = np.zeros((int(paired.sum()), 1 + len(pieces)))
        design[:, 0] = onsets_a[paired]
        design[np.arange(len(design)), 1 + which[paired]] = 1.0
        counts = np.bincount(which[paired], minlength=len(pieces))
        solution, *_ = np.linalg.lstsq(design, nearest[paired], rcond=None)
        speed = float(solution[0])
        offsets = np.where(counts > 0, solution[1:], offsets)
    fitted = []
    for k, piece in enumerate(pieces):
        mine = paired & (which == k)
        scatter = float(np.sqrt(np.mean(residual[mine] ** 2))) if mine.any() else 1.0
        sure = int(mine.sum()) >= MIN_PAIRS and scatter <= MAX_SCATTER
        fitted.append(Piece(round(piece.start, 3), round(float(offsets[k]), 4), sure))
    return round(speed, 6), fitted, float(paired.mean())


def _nearest(sorted_times: Floats, wanted: Floats) -> Floats:
    """For each wanted time, the nearest of `sorted_times`."""
    index = np.clip(np.searchsorted(sorted_times, wanted), 1, len(sorted_times) - 1)
    before, after = sorted_times[index - 1], sorted_times[index]
    nearest: Floats = np.where(wanted - before <= after - wanted, before, after)
    if len(sorted_times) == 1:
        nearest = np.full_like(wanted, sorted_times[0])
    return nearest


def _unsure(
    pieces: list[Piece], speed: float, duration: float, their_duration: float
) -> list[tuple[float, float]]:
    """Stretches of the author's clock that cannot be placed: around each join, before the
    listener's copy begins and after it ends."""
    unsure = [
        (max(0.0, piece.start - JOIN_UNSURE), piece.start + JOIN_UNSURE) for piece in pieces[1:]
    ]
    begins = -pieces[0].offset / speed
    if begins > EDGE_SLACK:
        unsure.insert(0, (0.0, round(begins, 3)))
    ends = (their_duration - pieces[-1].offset) / speed
    if ends < duration - EDGE_SLACK:
        unsure.append((round(ends, 3), duration))
    return [(round(low, 3), round(high, 3)) for low, high in unsure]
