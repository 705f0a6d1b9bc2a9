"""Knowing tracks by their sound: each of the listener's files is compared with each track the
sidecar describes, first roughly (their chromas warped onto each other a second at a time, after
the pitch check), then the closest few by aligning them fully: a copy of the track lines up
closely and has its onsets where the author's are (`Alignment.same`). Files and tracks are paired
as a minimum-cost assignment; a file sounding like no track (another album, whatever its tags
say, or another song of this one in the same key over the same chords) is paired with none.

numpy is imported here only, when files are identified.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from ..analysis.model import Analysis
from ..guide.model import TrackId
from ..library.match import min_cost_assignment
from .align import SAME_COST, align, band, chroma_of, pitch_check, pooled, unit, warp
from .sound import LEVELS, TrackSound

POOL_SECONDS = 1.0
"""Chroma frames are averaged over about this long for the rough comparison."""
NEAR = 0.05
"""Tracks whose rough distance from a file is below this are aligned with it fully (measured:
a copy of the track at most 0.007; another song of the album in the same key 0.02 and more)."""
SHORTLIST = 3
"""At most this many of the roughly nearest tracks are aligned fully with each file."""
MIN_SECONDS = 10.0
"""Tracks shorter than this are too short to know by their sound (they are left to tags)."""
LENGTHS = (0.5, 2.0)
"""A file is compared only with tracks whose length is within these ratios of its own."""

File = TypeVar("File", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Identified:
    """The track a file sounds like."""

    track: TrackId
    distance: float
    """How far its chroma is from the track's (below `SAME`; 0 identical)."""


def distance(author: TrackSound, listener: Analysis) -> float:
    """How unlike the author's track the listener's file sounds: the mean cosine distance of
    their chromas, a second at a time, along the best warping path (0 identical)."""
    if not author.frames or not listener.chroma:
        return 1.0
    ours = chroma_of(author.chroma, LEVELS)
    theirs = chroma_of(listener.chroma, 255)
    turn, _ = pitch_check(ours, theirs, author.tuning, listener.tuning)
    theirs = np.roll(theirs, -turn, axis=1)
    factor = max(1, round(POOL_SECONDS / author.step))
    a, b = pooled(ours, factor), pooled(theirs, factor)
    if not len(a) or not len(b):
        return 1.0
    return warp(unit(a), unit(b), band(len(a), author.step * factor))[2]


def identify(
    sounds: Mapping[TrackId, TrackSound], files: Mapping[File, Analysis]
) -> dict[File, Identified]:
    """The track each file is a copy of, no track twice; files like no track are left out."""
    tracks = list(sounds)
    names = list(files)
    if not names or not tracks:
        return {}
    costs = [_costs(sounds, tracks, files[name]) for name in names]
    padded = [row + [SAME_COST] * len(names) for row in costs]  # "no track" costs SAME_COST
    chosen = min_cost_assignment(padded)
    found: dict[File, Identified] = {}
    for name, row, column in zip(names, costs, chosen, strict=True):
        if column < len(tracks) and row[column] < SAME_COST:
            found[name] = Identified(tracks[column], round(row[column], 4))
    return found


def _costs(
    sounds: Mapping[TrackId, TrackSound], tracks: list[TrackId], analysis: Analysis
) -> list[float]:
    """For each track, how far the file's music is from it when fully aligned (1.0 when it is
    no copy of it, or too far apart to align)."""
    rough = []
    for k, track in enumerate(tracks):
        ratio = analysis.duration / max(sounds[track].duration, 1e-6)
        if LENGTHS[0] <= ratio <= LENGTHS[1]:
            rough.append((distance(sounds[track], analysis), k))
    row = [1.0] * len(tracks)
    for near, k in sorted(rough)[:SHORTLIST]:
        if near < NEAR:
            found = align(sounds[tracks[k]], analysis)
            row[k] = found.cost if found.same else 1.0
    return row
