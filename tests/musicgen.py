"""Generated music with known section changes and onsets, for the analysis tests and benchmark.

Every piece is made from a few sounds (a chord pad, a bright saw chord, noise, plucked notes,
drum hits), levels given as RMS in dB relative to full scale, and a seed, so a failing case can be
replayed exactly. `CHANGES` and `STEADY` name kinds of pieces; `piece(kind, seed)` builds one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Mono = NDArray[np.float64]
RATE = 44100


@dataclass(frozen=True)
class Piece:
    """Generated audio and what is known about it."""

    kind: str
    samples: NDArray[np.float32]
    """Stereo samples."""
    rate: int
    changes: tuple[float, ...] = ()
    """Times (s) of the section changes (the middle of a gradual one)."""
    onsets: tuple[float, ...] = ()
    """Times (s) where a note or hit begins."""

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def at_level(x: Mono, db: float) -> Mono:
    """`x` scaled so that its RMS is `db` dB relative to full scale."""
    rms = float(np.sqrt(np.mean(x**2))) or 1.0
    return x * (10 ** (db / 20) / rms)


def pad(seconds: float, rate: int, root: float, db: float) -> Mono:
    """A sustained major chord of sines with a slow tremolo."""
    t = np.arange(int(seconds * rate)) / rate
    chord = sum(np.sin(2 * np.pi * root * ratio * t) for ratio in (1.0, 1.26, 1.5, 2.0))
    return at_level(chord * (1 + 0.15 * np.sin(2 * np.pi * 0.3 * t)), db)


def saw(seconds: float, rate: int, root: float, db: float) -> Mono:
    """A bright sustained chord: sawtooth waves, rich in harmonics."""
    t = np.arange(int(seconds * rate)) / rate
    chord = np.zeros_like(t)
    for ratio in (1.0, 1.26, 1.5):
        chord += 2 * ((root * ratio * t) % 1.0) - 1
    return at_level(chord, db)


def noise(seconds: float, rate: int, db: float, rng: np.random.Generator) -> Mono:
    """White noise."""
    return at_level(rng.standard_normal(int(seconds * rate)), db)


def plucks(seconds: float, rate: int, times: Mono, db: float, rng: np.random.Generator) -> Mono:
    """A plucked note (harmonics dying away over about half a second) starting at each time."""
    out = np.zeros(int(seconds * rate))
    length = int(1.2 * rate)
    t = np.arange(length) / rate
    for start in times:
        freq = float(rng.choice([196.0, 247.0, 294.0, 330.0, 392.0, 440.0, 523.0]))
        note = sum(np.sin(2 * np.pi * freq * k * t) / k for k in range(1, 6))
        note = note * np.exp(-t / 0.15) * np.minimum(1.0, t / 0.002)
        gain = 10 ** (rng.uniform(-4, 4) / 20)
        first = int(start * rate)
        piece = note[: len(out) - first]
        out[first : first + len(piece)] += gain * piece
    return at_level(out, db)


def hits(seconds: float, rate: int, times: Mono, db: float, rng: np.random.Generator) -> Mono:
    """A drum hit (a burst of noise dying away in a tenth of a second) at each time."""
    out = np.zeros(int(seconds * rate))
    length = int(0.2 * rate)
    envelope = np.exp(-np.arange(length) / rate / 0.03)
    for start in times:
        first = int(start * rate)
        burst = rng.standard_normal(length) * envelope
        piece = burst[: len(out) - first]
        out[first : first + len(piece)] += piece
    return at_level(out, db)


def beats(seconds: float, every: float, start: float = 0.25) -> Mono:
    """Regular times from `start`, `every` seconds apart."""
    return np.arange(start, seconds - 0.3, every)


def scattered(seconds: float, rng: np.random.Generator, gap: tuple[float, float]) -> Mono:
    """Irregular times with gaps drawn from `gap` (seconds)."""
    times = [rng.uniform(0.2, 0.6)]
    while times[-1] < seconds - 1.0:
        times.append(times[-1] + rng.uniform(*gap))
    return np.array(times[:-1])


def ramp(x: Mono, rate: int, at: float, fade: float, start_db: float, end_db: float) -> Mono:
    """`x` with its gain going from `start_db` to `end_db` (linearly in dB) over `fade` seconds
    centred on `at`; a fade of 0 is a step."""
    t = np.arange(len(x)) / rate
    share = np.clip((t - (at - fade / 2)) / fade, 0, 1) if fade else (t >= at).astype(float)
    return x * 10 ** ((start_db + (end_db - start_db) * share) / 20)


def crossfade(a: Mono, b: Mono, rate: int, at: float, fade: float, depth: float = 0.0) -> Mono:
    """`a` giving way to `b` at `at` over `fade` seconds (a step if 0): an equal-power crossfade,
    or with a `depth` in dB each fades linearly in dB between 0 and -`depth` (and is silent
    beyond)."""
    t = np.arange(len(a)) / rate
    share = np.clip((t - (at - fade / 2)) / fade, 0, 1) if fade else (t >= at).astype(float)
    if not depth:
        return a * np.cos(share * np.pi / 2) + b * np.sin(share * np.pi / 2)
    out_gain = np.where(share < 1, 10 ** (-depth * share / 20), 0.0)
    in_gain = np.where(share > 0, 10 ** (-depth * (1 - share) / 20), 0.0)
    return a * out_gain + b * in_gain


def _stereo(mono: Mono, rng: np.random.Generator, hiss_db: float = -65.0) -> NDArray[np.float32]:
    """Two channels with a little hiss each, clipped to full scale like a real rip."""
    hiss = 10 ** (hiss_db / 20)
    left = mono + hiss * rng.standard_normal(len(mono))
    right = mono + hiss * rng.standard_normal(len(mono))
    return np.clip(np.column_stack([left, right]), -1, 1).astype(np.float32)


Builder = Callable[[float, float, np.random.Generator], tuple[Mono, float]]
"""(seconds, change time, rng) → (mono samples, time of the change as heard)."""


def _level_step(up: bool, fade: float) -> Builder:
    def build(seconds: float, at: float, rng: np.random.Generator) -> tuple[Mono, float]:
        root = rng.uniform(150, 300)
        quiet, loud = rng.uniform(-38, -30), rng.uniform(-16, -10)
        base = pad(seconds, RATE, root, 0.0) + plucks(
            seconds, RATE, scattered(seconds, rng, (0.4, 1.2)), -6.0, rng
        )
        start, end = (quiet, loud) if up else (loud, quiet)
        return ramp(at_level(base, 0.0), RATE, at, fade, start, end), at

    return build


def _timbre(
    make_b: Callable[[float, float, np.random.Generator], Mono], fade: float, depth: float = 0.0
) -> Builder:
    def build(seconds: float, at: float, rng: np.random.Generator) -> tuple[Mono, float]:
        db = rng.uniform(-22, -14)
        a = pad(seconds, RATE, rng.uniform(150, 300), db)
        return crossfade(a, make_b(seconds, db, rng), RATE, at, fade, depth), at

    return build


def _drums_enter(seconds: float, at: float, rng: np.random.Generator) -> tuple[Mono, float]:
    db = rng.uniform(-22, -14)
    a = pad(seconds, RATE, rng.uniform(150, 300), db)
    drums = hits(seconds, RATE, beats(seconds, 0.5), db, rng)
    return a + drums * (np.arange(len(a)) / RATE >= at), at


def _saw(seconds: float, db: float, rng: np.random.Generator) -> Mono:
    return saw(seconds, RATE, rng.uniform(150, 300), db)


def _noise(seconds: float, db: float, rng: np.random.Generator) -> Mono:
    return noise(seconds, RATE, db, rng)


def _high_pad(seconds: float, db: float, rng: np.random.Generator) -> Mono:
    return pad(seconds, RATE, rng.uniform(900, 1400), db)


CHANGES: dict[str, Builder] = {
    "sudden, quiet to loud": _level_step(True, 0.0),
    "sudden, loud to quiet": _level_step(False, 0.0),
    "gradual, quiet to loud": _level_step(True, 6.0),
    "gradual, loud to quiet": _level_step(False, 6.0),
    "timbre, pad to saw": _timbre(_saw, 0.0),
    "timbre, pad to noise": _timbre(_noise, 0.0),
    "timbre, low to high": _timbre(_high_pad, 0.0),
    "gradual, pad to saw, in dB": _timbre(_saw, 4.0, 30.0),
    "gradual, pad to saw, equal power": _timbre(_saw, 4.0),
    "drums enter": _drums_enter,
}
"""Kinds of piece with one section change."""


def _steady_noise(seconds: float, rng: np.random.Generator) -> Mono:
    return noise(seconds, RATE, rng.uniform(-30, -15), rng)


def _steady_melody(seconds: float, rng: np.random.Generator) -> Mono:
    root = rng.uniform(150, 300)
    melody = plucks(seconds, RATE, scattered(seconds, rng, (0.2, 0.7)), -16.0, rng)
    return pad(seconds, RATE, root, -24.0) + melody


def _steady_groove(seconds: float, rng: np.random.Generator) -> Mono:
    drums = hits(seconds, RATE, beats(seconds, 0.4), -18.0, rng)
    return pad(seconds, RATE, rng.uniform(150, 300), -20.0) + drums


def _chord_changes(seconds: float, rng: np.random.Generator) -> Mono:
    """A chord every two seconds from a few roots: harmony moves, the section does not."""
    out = np.zeros(int(seconds * RATE))
    span = 2 * RATE
    roots = (262.0, 220.0, 175.0, 196.0)  # I vi IV V, over and over
    turn = int(rng.integers(len(roots)))
    for first in range(0, len(out), span):
        chord = pad(2.0, RATE, roots[(turn + first // span) % len(roots)], -20.0)
        out[first : first + span] = chord[: len(out) - first]
    return out


STEADY: dict[str, Callable[[float, np.random.Generator], Mono]] = {
    "steady noise": _steady_noise,
    "steady melody over a pad": _steady_melody,
    "steady groove": _steady_groove,
    "a chord every two seconds": _chord_changes,
}
"""Kinds of piece with no section change."""


def piece(kind: str, seed: int, seconds: float | None = None) -> Piece:
    """A piece of a kind from `CHANGES` (its change at 20–80 %) or `STEADY`."""
    rng = np.random.default_rng(seed)
    length = seconds if seconds is not None else float(rng.uniform(40, 90))
    if kind in STEADY:
        return Piece(kind, _stereo(STEADY[kind](length, rng), rng), RATE)
    at = round(float(rng.uniform(0.2, 0.8)) * length, 2)
    mono, change = CHANGES[kind](length, at, rng)
    return Piece(kind, _stereo(mono, rng), RATE, changes=(change,))


ONSET_KINDS = ("plucks over a pad", "drum hits over a pad", "plucks over noise")


def onset_piece(kind: str, seed: int, seconds: float = 20.0) -> Piece:
    """A piece of a kind from `ONSET_KINDS`, with every onset known."""
    rng = np.random.default_rng(seed)
    times = scattered(seconds, rng, (0.15, 0.7))
    if kind == "plucks over a pad":
        mono = pad(seconds, RATE, rng.uniform(150, 300), -30.0) + plucks(
            seconds, RATE, times, -16.0, rng
        )
    elif kind == "drum hits over a pad":
        mono = pad(seconds, RATE, rng.uniform(150, 300), -26.0) + hits(
            seconds, RATE, times, -16.0, rng
        )
    else:
        mono = noise(seconds, RATE, -36.0, rng) + plucks(seconds, RATE, times, -16.0, rng)
    return Piece(kind, _stereo(mono, rng), RATE, onsets=tuple(np.round(times, 4).tolist()))
