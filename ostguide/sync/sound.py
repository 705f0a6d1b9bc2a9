"""What the author's copy of a track sounds like, as compact as the sidecar keeps it: which
pitch classes sound each tenth of a second (a chroma of twelve 2-bit levels), the recording's
tuning, and its clearest onsets. Made from the analysis of the author's file; plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.model import Analysis

LEVELS = 3
"""A chroma value is kept as 0 to this (2 bits): rounded share of the frame's loudest class."""
ONSETS_PER_SECOND = 4.0
"""At most this many onsets a second are kept on average: the strongest."""
ONSET_UNIT = 0.005
"""Onset times are kept to this many seconds."""


@dataclass(frozen=True, slots=True)
class TrackSound:
    """What one track of the author's copy sounds like."""

    duration: float
    """Seconds of audio."""
    step: float
    """Seconds between two chroma frames (about a tenth)."""
    tuning: float
    """Cents from equal temperament at A = 440 Hz."""
    chroma: bytes
    """Twelve values per frame, C first, each 0 to `LEVELS`; all 0 in silence."""
    onsets: tuple[float, ...]
    """The clearest onsets' times (seconds), ascending."""

    @property
    def frames(self) -> int:
        """How many chroma frames there are."""
        return len(self.chroma) // 12


def describe(analysis: Analysis) -> TrackSound:
    """The compact description of an analysed file: chroma levels rounded to `LEVELS`, and the
    strongest onsets (at most `ONSETS_PER_SECOND` on average), to `ONSET_UNIT`."""
    chroma = bytes(round(value * LEVELS / 255) for value in analysis.chroma)
    keep = int(ONSETS_PER_SECOND * analysis.duration)
    ranked = sorted(
        zip(analysis.strengths, analysis.onsets, strict=True), key=lambda pair: -pair[0]
    )
    onsets = sorted(round(onset / ONSET_UNIT) * ONSET_UNIT for _, onset in ranked[:keep])
    return TrackSound(
        round(analysis.duration, 3),
        analysis.step,
        analysis.tuning,
        chroma,
        tuple(round(onset, 3) for onset in onsets),
    )
