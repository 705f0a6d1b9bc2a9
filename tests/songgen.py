"""Generated songs for the alignment tests and benchmark: melodies over chords, bass and drums,
in sections that change (verse, chorus, a drumless bridge in another key) and repeat, as real
tracks do. Never steady tones: the repeats make alignment as hard as music makes it.

`song(seed, seconds)` builds one, tuned to A = 440 Hz in equal temperament; the seed decides the
key, the tempo, the tunes and the order of sections, so a failing case replays exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

RATE = 44100
Mono = NDArray[np.float32]

MAJOR = (0, 2, 4, 5, 7, 9, 11)
"""Semitones of the major scale."""
PROGRESSIONS = {
    "verse": (0, 5, 3, 4),  # I vi IV V, as scale degrees from 0
    "chorus": (3, 4, 2, 5),  # IV V iii vi
    "bridge": (1, 4, 0, 0),  # ii V I I
}
"""Chords per bar of each kind of section."""
FORMS = (
    ("intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"),
    ("intro", "verse", "verse", "chorus", "bridge", "verse", "chorus", "chorus", "outro"),
    ("verse", "chorus", "verse", "chorus", "bridge", "chorus"),
)
"""Orders of sections a song may follow (repeated to fill its length)."""
BARS = 4
"""Bars per section."""


@dataclass(frozen=True)
class Song:
    """A generated song and what is known about it."""

    samples: NDArray[np.float32]
    """Stereo samples, `RATE` per second."""
    sections: tuple[float, ...]
    """When each section starts (seconds)."""
    onsets: tuple[float, ...]
    """When each melody note and drum hit starts (seconds), ascending."""

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


def hz(note: float) -> float:
    """The frequency of a MIDI note number (69 is A 440)."""
    return 440.0 * 2 ** ((note - 69) / 12)


def _tone(note: float, seconds: float, harmonics: int, decay: float) -> Mono:
    """A note of `harmonics` partials falling off as 1/k, dying away over `decay` seconds
    (0: held), with a 5 ms attack and release."""
    count = int(seconds * RATE)
    t = np.arange(count, dtype=np.float32) / RATE
    base = hz(note)
    wave = np.zeros(count, dtype=np.float32)
    for k in range(1, harmonics + 1):
        if base * k < RATE / 2.5:
            wave += np.sin(np.float32(2 * np.pi * base * k) * t) / k
    envelope = np.minimum(1.0, t / 0.005) * np.minimum(1.0, (seconds - t) / 0.005)
    if decay:
        envelope = envelope * np.exp(-t / decay)
    shaped: Mono = (wave * envelope).astype(np.float32)
    return shaped


def _hit(kind: str, rng: np.random.Generator) -> Mono:
    """A drum hit: a kick (a falling sine), a snare (noise and a tone) or a hi-hat (thin noise)."""
    length = int(0.25 * RATE)
    t = np.arange(length, dtype=np.float32) / RATE
    if kind == "kick":
        phase = 2 * np.pi * (50 * t + 60 * 0.03 * (1 - np.exp(-t / 0.03)))
        return (np.sin(phase) * np.exp(-t / 0.08)).astype(np.float32)
    noise = rng.standard_normal(length).astype(np.float32)
    if kind == "snare":
        body = 0.5 * np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.04)
        return (0.6 * noise * np.exp(-t / 0.06) + body).astype(np.float32)
    return (0.25 * np.diff(noise, prepend=0) * np.exp(-t / 0.015)).astype(np.float32)


def _add(out: Mono, sound: Mono, at: float, gain: float) -> None:
    first = int(at * RATE)
    if first >= len(out):
        return
    part = sound[: len(out) - first]
    out[first : first + len(part)] += gain * part


def _chord(key: int, degree: int) -> tuple[int, int, int]:
    """The triad on a scale degree of the key, as MIDI notes around middle C."""
    notes = [key + MAJOR[(degree + k) % 7] + 12 * ((degree + k) // 7) for k in (0, 2, 4)]
    return notes[0], notes[1], notes[2]


def _tune(rng: np.random.Generator, beats: int) -> list[tuple[float, int]]:
    """A melody for a section: (beat, scale step) pairs, eighths and quarters."""
    notes: list[tuple[float, int]] = []
    beat, step = 0.0, int(rng.integers(0, 5))
    while beat < beats:
        notes.append((beat, step))
        beat += float(rng.choice([0.5, 0.5, 1.0, 1.0, 1.5]))
        step = int(np.clip(step + rng.integers(-2, 3), -2, 9))
    return notes


def song(seed: int, seconds: float = 60.0) -> Song:
    """A song of about `seconds` (whole sections, at least one)."""
    rng = np.random.default_rng(seed)
    key = 55 + int(rng.integers(0, 8))
    tempo = float(rng.uniform(84, 136))
    beat = 60.0 / tempo
    bar = 4 * beat
    form = FORMS[int(rng.integers(len(FORMS)))]
    tunes = {kind: _tune(rng, BARS * 4) for kind in ("verse", "chorus", "bridge", "intro")}
    sections: list[str] = []
    while not sections or len(sections) * BARS * bar < seconds - BARS * bar / 2:
        sections.append(form[len(sections) % len(form)])
    total = len(sections) * BARS * bar + 1.5
    left = np.zeros(int(total * RATE), dtype=np.float32)
    right = np.zeros_like(left)
    drums = {kind: _hit(kind, rng) for kind in ("kick", "snare", "hat")}
    starts: list[float] = []
    onsets: list[float] = []
    for number, kind in enumerate(sections):
        start = number * BARS * bar
        starts.append(start)
        shift = 2 if kind == "bridge" else 0
        chords = PROGRESSIONS.get(kind, PROGRESSIONS["verse"])
        bright = kind == "chorus"
        for b in range(BARS):
            at = start + b * bar
            for note in _chord(key + shift, chords[b % len(chords)]):
                pad = _tone(note, bar, 6 if bright else 3, 0.0)
                _add(left, pad, at, 0.05)
                _add(right, pad, at, 0.04)
            root = _chord(key + shift, chords[b % len(chords)])[0] - 24
            for k in range(4):
                _add(left, _tone(root, beat * 0.9, 4, 0.3), at + k * beat, 0.18)
                _add(right, _tone(root, beat * 0.9, 4, 0.3), at + k * beat, 0.18)
        if kind != "outro":
            tune = tunes["intro" if kind == "intro" else kind]
            for when, step in tune:
                note = key + shift + 12 + MAJOR[step % 7] + 12 * (step // 7)
                at = start + when * beat
                sound = _tone(note, min(1.2, 2 * beat), 5, 0.25)
                _add(left, sound, at, 0.16)
                _add(right, sound, at, 0.2)
                onsets.append(at)
        if kind in ("verse", "chorus"):
            for k in range(BARS * 8):
                at = start + k * beat / 2
                hits = ["hat"] + (["kick"] if k % 4 == 0 else ["snare"] if k % 4 == 2 else [])
                for hit in hits:
                    _add(left, drums[hit], at, 0.3)
                    _add(right, drums[hit], at, 0.3)
                if k % 2 == 0:
                    onsets.append(at)
    stereo = np.column_stack([left, right])
    stereo *= 0.5 / max(1e-9, float(np.abs(stereo).max()))
    return Song(
        stereo.astype(np.float32),
        tuple(round(s, 4) for s in starts),
        tuple(sorted({round(o, 4) for o in onsets})),
    )
