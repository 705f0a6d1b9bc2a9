"""The result of analysing one audio file: plain tuples of numbers, no numpy, so that the screen
and the pure functions that use it need nothing heavy."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from math import isfinite


class AnalysisError(Exception):
    """A file that cannot be analysed; the message says why, in a few words."""


NOT_NUMBERS = "its samples are not all numbers (NaN or infinite values)"


@dataclass(frozen=True, slots=True, eq=False)
class Analysis:
    """What a file sounds like over time. Compared by identity: one file, one analysis."""

    duration: float
    """Seconds of audio decoded."""
    step: float
    """Seconds between two values of `loudness` and of `novelty` (about a tenth)."""
    loudness: tuple[float, ...]
    """Level in dB relative to full scale, value `k` covering the `step` from `k * step`."""
    novelty: tuple[float, ...]
    """How much the sound (level and spectrum, in dB) differs just before and just after
    `k * step`; peaks are where the music changes."""
    onsets: tuple[float, ...]
    """Times in seconds where a note or a hit begins, ascending."""
    strengths: tuple[float, ...]
    """How sharply each onset stands above its surroundings (same order as `onsets`)."""
    chroma: bytes = b""
    """Which notes sound: twelve bytes per `step` (C to B, each 0–255 relative to the loudest
    of its frame, all 0 in silence), read relative to `tuning`."""
    tuning: float = 0.0
    """Where the recording's notes lie, in cents from equal temperament at A = 440 Hz."""

    def __post_init__(self) -> None:
        """Every value is a finite number: a file with NaN or infinite samples (a damaged
        32-bit float WAV) is not analysed rather than drawn and placed on with NaN."""
        series = (self.loudness, self.novelty, self.onsets, self.strengths)
        if not all(map(isfinite, chain((self.duration, self.step, self.tuning), *series))):
            raise AnalysisError(NOT_NUMBERS)

    def within(self, start: float, end: float | None) -> Analysis:
        """The part from `start` to `end` seconds (None: to the end), its times counted from
        `start`: a track of an album image. The envelopes are cut at the nearest `step`."""
        stop = self.duration if end is None else min(end, self.duration)
        first, last = round(start / self.step), round(stop / self.step)
        kept = [k for k, onset in enumerate(self.onsets) if start <= onset < stop]
        return Analysis(
            max(0.0, stop - start),
            self.step,
            self.loudness[first:last],
            self.novelty[first:last],
            tuple(self.onsets[k] - start for k in kept),
            tuple(self.strengths[k] for k in kept),
            self.chroma[first * 12 : last * 12],
            self.tuning,
        )
