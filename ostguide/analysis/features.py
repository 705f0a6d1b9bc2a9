"""Decoding a file with libsndfile and reducing it to envelopes as it streams by.

The file is read in blocks, mixed down to mono and thinned out (averaging a few samples) to about
11 kHz, which is plenty for loudness, timbre and onsets. Short spectra (25 ms, every 10 ms) give
the onsets (spectral flux in dB, peak-picked against a moving threshold) and, averaged per tenth of
a second, the loudness and band levels from which the novelty curve is computed (the distance
between the average band levels of the few seconds before and after each moment). Only these
envelopes are kept, so memory stays bounded whatever the file's length.

numpy and soundfile are imported here only, so nothing else pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile
from numpy.typing import NDArray

from .chroma import ChromaStreamer
from .model import NOT_NUMBERS, Analysis, AnalysisError

Floats = NDArray[np.floating[Any]]

MAX_SECONDS = 5400.0
"""Longer files are not analysed: memory grows by about 30 MB an hour, and an hour and a half
is longer than any track (a whole album in one file still fits)."""
MIN_RATE = 4000
"""Sample rates below this are not analysed."""
TARGET_RATE = 11025
"""Roughly the rate the audio is thinned out to before analysis."""
FRAME_RATE = 10
"""About how many values per second the loudness and novelty envelopes have."""
HOPS_PER_FRAME = 10
"""Short spectra per envelope value: one about every 10 ms."""
FFT_SECONDS = 0.025
"""Length of a short spectrum (rounded to a power of two of samples)."""
BLOCK = 1 << 15
"""Thinned-out samples decoded at a time."""
BANDS = 24
"""Logarithmically spaced bands from `LOWEST_HZ` to the top, for timbre and onsets."""
LOWEST_HZ = 50.0
FLOOR_DB = -100.0
"""Levels are clipped here (digital silence)."""
SILENT_DB = -70.0
"""A file whose loudest tenth of a second is below this is silent."""
NOVELTY_SECONDS = 5.0
"""How far before and after a moment the novelty compares."""
SMOOTH_SECONDS = 0.5
"""Band powers are averaged over this long before the novelty compares their levels."""
NOVELTY_RANGE_DB = 50.0
"""Band levels more than this below the file's loudest band level count as that low."""
NOVELTY_CHUNK = 4096
"""Frames of novelty computed at a time (bounding the memory used for long files)."""
STEADY_DB = 3.0
"""How much a band's level may waver (dB) and still count as steady, for the novelty."""
ONSET_WAIT = 0.05
"""Two onsets are at least this far apart (seconds)."""
ONSET_PEAK = 0.03
"""An onset's flux is the largest within this many seconds either side."""
ONSET_BEFORE, ONSET_AFTER = 0.1, 0.07
"""The moving threshold averages the flux this far before and after (seconds)."""
ONSET_MIN_DB = 1.5
"""An onset's flux must exceed the moving average by this (mean dB rise per band)."""
ONSET_NOISE = 3.0
"""… and by this many times the typical (median) spread of the flux over the file."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How a file of a given sample rate is cut up."""

    rate: int
    """The file's sample rate."""
    thin: int
    """Samples averaged into one."""
    hop: int
    """Thinned samples between two short spectra."""
    size: int
    """Thinned samples in one short spectrum (a power of two)."""

    @classmethod
    def for_rate(cls, rate: int) -> Plan:
        thin = max(1, round(rate / TARGET_RATE))
        analysed = rate / thin
        hop = max(1, round(analysed / (FRAME_RATE * HOPS_PER_FRAME)))
        size = 1 << max(6, round(np.log2(analysed * FFT_SECONDS)))
        return cls(rate, thin, hop, size)

    @property
    def hop_seconds(self) -> float:
        """Seconds between two short spectra."""
        return self.hop * self.thin / self.rate


def analyse(path: Path, max_seconds: float = MAX_SECONDS) -> Analysis:
    """Decode `path` and compute its envelopes; raises AnalysisError saying why it cannot."""
    try:
        sound = soundfile.SoundFile(str(path))
    except (soundfile.LibsndfileError, RuntimeError, OSError, TypeError) as error:
        raise AnalysisError(f"cannot be decoded ({_reason(error)})") from error
    with sound:
        if sound.samplerate < MIN_RATE:
            raise AnalysisError(f"its sample rate ({sound.samplerate} Hz) is too low to analyse")
        if sound.frames > max_seconds * sound.samplerate:
            raise AnalysisError(f"it is longer than {max_seconds / 3600:g} hours")
        plan = Plan.for_rate(sound.samplerate)
        streamer = _Streamer(plan)
        limit = int(max_seconds * sound.samplerate)
        read = 0
        try:
            for block in sound.blocks(plan.thin * BLOCK, dtype="float32", always_2d=True):
                read += len(block)
                if read > limit:
                    raise AnalysisError(f"it is longer than {max_seconds / 3600:g} hours")
                if not np.isfinite(block).all():  # a damaged 32-bit float file
                    raise AnalysisError(NOT_NUMBERS)
                streamer.feed(_thin(block, plan.thin))
        except (soundfile.LibsndfileError, RuntimeError) as error:
            raise AnalysisError(f"decoding failed after {read / sound.samplerate:.1f} s") from error
        if read < 0.9 * sound.frames:
            decoded, header = read / sound.samplerate, sound.frames / sound.samplerate
            raise AnalysisError(f"it ends after {decoded:.1f} s of {header:.1f}")
    return streamer.finish(read / plan.rate)


def _reason(error: Exception) -> str:
    return str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__


def _thin(block: Floats, thin: int) -> Floats:
    """Mono, with every `thin` samples averaged into one (a remainder is dropped)."""
    usable = len(block) - len(block) % thin
    thinned: Floats = block[:usable].reshape(-1, thin * block.shape[1]).mean(axis=1)
    return thinned


class _Streamer:
    """Short spectra over a stream of thinned samples, reduced to envelopes as they come."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.window = np.hanning(plan.size).astype(np.float32)
        self.first_bin, self.band_starts = _bands(plan)
        self.scale = float(plan.size * np.sum(self.window**2))
        self.pending = np.zeros(plan.size // 2, dtype=np.float32)
        """Samples not yet covered by a spectrum (starting half a spectrum early, so the first
        spectrum is centred on time 0)."""
        self.previous: Floats | None = None
        self.energy: list[Floats] = []
        self.levels: list[Floats] = []
        self.flux: list[Floats] = []
        self.chroma = ChromaStreamer(plan.rate / plan.thin, plan.hop * HOPS_PER_FRAME)

    def feed(self, samples: Floats) -> None:
        """Take more samples; compute every whole `FRAME_RATE` frame they complete."""
        self.chroma.feed(samples)
        buffer = np.concatenate([self.pending, samples])
        step = self.plan.hop * HOPS_PER_FRAME
        frames = max(0, (len(buffer) - self.plan.size) // step)
        if frames:
            self._spectra(buffer, frames * HOPS_PER_FRAME)
        self.pending = buffer[frames * step :]

    def _spectra(self, buffer: Floats, count: int) -> None:
        """`count` short spectra from the start of `buffer`, reduced to envelopes."""
        plan = self.plan
        windows = np.lib.stride_tricks.sliding_window_view(buffer, plan.size)
        spectra = np.fft.rfft(windows[: (count - 1) * plan.hop + 1 : plan.hop] * self.window)
        power = spectra.real**2 + spectra.imag**2
        banded = np.add.reduceat(power[:, self.first_bin :], self.band_starts, axis=1)
        banded = np.maximum(banded / self.scale, 10 ** (FLOOR_DB / 10))
        decibels = 10 * np.log10(banded)
        before = decibels[:1] if self.previous is None else self.previous[None, :]
        rise = np.diff(np.vstack([before, decibels]), axis=0)
        self.flux.append(np.maximum(rise, 0).mean(axis=1))
        self.previous = decibels[-1]
        frames = count // HOPS_PER_FRAME
        self.energy.append(power.sum(axis=1).reshape(frames, -1).mean(axis=1) / self.scale)
        self.levels.append(banded.reshape(frames, HOPS_PER_FRAME, -1).mean(axis=1))

    def finish(self, duration: float) -> Analysis:
        """The envelopes of everything fed, the file being `duration` seconds long."""
        step = self.plan.hop * HOPS_PER_FRAME
        remaining = len(self.pending) - self.plan.size // 2
        frames = -(-max(0, remaining) // step)
        if frames:
            padding = frames * step + self.plan.size - len(self.pending)
            self._spectra(
                np.concatenate([self.pending, np.zeros(padding, dtype=np.float32)]),
                frames * HOPS_PER_FRAME,
            )
        if not self.energy:
            raise AnalysisError("it holds no audio")
        loudness = 10 * np.log10(np.maximum(np.concatenate(self.energy), 10 ** (FLOOR_DB / 10)))
        step_seconds = self.plan.hop_seconds * HOPS_PER_FRAME
        kept = max(1, min(len(loudness), round(duration / step_seconds)))
        loudness = loudness[:kept]
        if loudness.max() < SILENT_DB:
            raise AnalysisError("it is silent")
        powers = np.concatenate(self.levels)[:kept]
        flux = np.concatenate(self.flux)[: kept * HOPS_PER_FRAME]
        onsets, strengths = pick_onsets(flux, self.plan.hop_seconds)
        inside = onsets < duration - self.plan.size * self.plan.thin / self.plan.rate / 2
        onsets, strengths = onsets[inside], strengths[inside]  # not the cut at the very end
        chroma, tuning = self.chroma.finish(kept)
        return Analysis(
            duration=duration,
            step=step_seconds,
            loudness=tuple(np.round(loudness, 2).tolist()),
            novelty=tuple(np.round(novelty(powers), 3).tolist()),
            onsets=tuple(np.round(onsets, 4).tolist()),
            strengths=tuple(np.round(strengths, 3).tolist()),
            chroma=chroma,
            tuning=round(tuning, 2),
        )


def _bands(plan: Plan) -> tuple[int, NDArray[np.intp]]:
    """The first spectrum bin analysed and where each band starts, counted from it: bands spaced
    logarithmically from `LOWEST_HZ` up, each at least one bin wide."""
    analysed = plan.rate / plan.thin
    bins = np.fft.rfftfreq(plan.size, 1 / analysed)
    first = int(np.searchsorted(bins, LOWEST_HZ))
    edges = np.geomspace(LOWEST_HZ, analysed / 2, BANDS + 1)[:-1]
    starts = np.unique(np.searchsorted(bins[first:], edges))
    return first, starts[starts < len(bins) - first]


def novelty(powers: Floats) -> Floats:
    """Per frame, how differently the bands sound in the `NOVELTY_SECONDS` before and after it.

    `powers` holds each frame's band powers. Their levels (dB, averaged over `SMOOTH_SECONDS` so
    that a beat does not count as wavering, and at most `NOVELTY_RANGE_DB` below the frame's
    loudest band) are compared: the RMS over bands of the difference of the mean levels, each
    divided by how much that band wavers within the two stretches (at least `STEADY_DB`), so that
    a melody moving about counts for less than a change of texture. 0 where either side is
    shorter than half `NOVELTY_SECONDS`.
    """
    count = len(powers)
    width = round(NOVELTY_SECONDS * FRAME_RATE)
    reach = round(SMOOTH_SECONDS * FRAME_RATE / 2)
    result = np.zeros(count, dtype=np.float32)
    if count < width:
        return result
    margin = width + reach
    for start in range(width // 2, count - width // 2, NOVELTY_CHUNK):
        stop = min(start + NOVELTY_CHUNK, count - width // 2)
        low, high = max(0, start - margin), min(count, stop + margin)
        result[start:stop] = _novelty(powers[low:high], start - low, stop - low, width, reach)
    return result


def _novelty(powers: Floats, start: int, stop: int, width: int, reach: int) -> Floats:
    """`novelty` of frames `start` to `stop` of `powers`, which reaches `width` + `reach`
    frames beyond them (or to the file's ends)."""
    count = len(powers)
    cumulative = np.vstack([np.zeros((1, powers.shape[1])), np.cumsum(powers, axis=0)])
    index = np.arange(count)
    first, last = np.maximum(index - reach, 0), np.minimum(index + reach + 1, count)
    smoothed = (cumulative[last] - cumulative[first]) / (last - first)[:, None]
    levels = 10 * np.log10(np.maximum(smoothed, 10 ** (FLOOR_DB / 10)))
    clipped = np.maximum(levels, levels.max(axis=1, keepdims=True) - NOVELTY_RANGE_DB)
    zero = np.zeros((1, levels.shape[1]))
    sums = np.vstack([zero, np.cumsum(clipped, axis=0)])
    squares = np.vstack([zero, np.cumsum(clipped**2, axis=0)])
    frames = np.arange(start, stop)
    low, high = np.maximum(frames - width, 0), np.minimum(frames + width, count)
    n_before, n_after = (frames - low)[:, None], (high - frames)[:, None]
    before = (sums[frames] - sums[low]) / n_before
    after = (sums[high] - sums[frames]) / n_after
    spread_before = (squares[frames] - squares[low]) / n_before - before**2
    spread_after = (squares[high] - squares[frames]) / n_after - after**2
    wavering = np.sqrt(np.maximum((spread_before + spread_after) / 2, 0) + STEADY_DB**2)
    novelty: Floats = np.sqrt(np.mean(((after - before) / wavering) ** 2, axis=1))
    return novelty


def pick_onsets(flux: Floats, hop: float) -> tuple[Floats, Floats]:
    """Onset times (seconds) and strengths from the spectral flux, one value every `hop` s.

    A peak counts when it is the largest within `ONSET_PEAK`, exceeds the moving average of the
    flux around it by `ONSET_MIN_DB` and by `ONSET_NOISE` times the flux's typical spread, and
    comes at least `ONSET_WAIT` after the previous onset.
    """
    if len(flux) < 3:
        return np.zeros(0), np.zeros(0)
    peak = max(1, round(ONSET_PEAK / hop))
    before, after = round(ONSET_BEFORE / hop), round(ONSET_AFTER / hop)
    sums = np.concatenate([[0.0], np.cumsum(flux)])
    index = np.arange(len(flux))
    low, high = np.maximum(index - before, 0), np.minimum(index + after + 1, len(flux))
    average = (sums[high] - sums[low]) / (high - low)
    padded = np.pad(flux, peak, constant_values=-np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * peak + 1)
    spread = float(np.median(np.abs(flux - np.median(flux))))
    excess = flux - average
    candidates = np.flatnonzero(
        (flux == windows.max(axis=1)) & (excess > max(ONSET_MIN_DB, ONSET_NOISE * spread))
    )
    wait = ONSET_WAIT / hop
    kept: list[int] = []
    for candidate in candidates.tolist():
        if not kept or candidate - kept[-1] >= wait:
            kept.append(candidate)
    chosen = np.array(kept, dtype=int)
    return chosen * hop, excess[chosen]
