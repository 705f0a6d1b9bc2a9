"""Knowing tracks by their sound: each of the listener's files is compared with each track the
sidecar describes (their chromas warped onto each other a second at a time, after the pitch
check), and files and tracks are paired as a minimum-cost assignment. A file sounding like no
track (another album, whatever its tags say) is paired with none.

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
from .align import band, chroma_of, pitch_check, pooled, unit, warp
from .sound import LEVELS, TrackSound

POOL_SECONDS = 1.0
"""Chroma frames are averaged over about this long before comparing."""
SAME = 0.1
"""A file whose chroma, warped onto a track's, differs by less than this on average (cosine
distance) is a copy of that track; unrelated music of one album differs by 0.2 and more."""
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
    costs: list[list[float]] = []
    for name in names:
        analysis = files[name]
        row = []
        for track in tracks:
            ratio = analysis.duration / max(sounds[track].duration, 1e-6)
            alike = LENGTHS[0] <= ratio <= LENGTHS[1]
            row.append(distance(sounds[track], analysis) if alike else 1.0)
        costs.append(row)
    if not names or not tracks:
        return {}
    padded = [row + [SAME] * len(names) for row in costs]  # "no track" costs SAME
    chosen = min_cost_assignment(padded)
    found: dict[File, Identified] = {}
    for name, row, column in zip(names, costs, chosen, strict=True):
        if column < len(tracks) and row[column] < SAME:
            found[name] = Identified(tracks[column], round(row[column], 4))
    return found
