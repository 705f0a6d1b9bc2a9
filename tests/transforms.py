"""Another copy of a recording, as listeners have them: a different lead-in, a little fast (as a
vinyl rip or a PAL transfer is, sharp too) or stretched (same pitch), a second cut or added, a
louder "remaster" (EQ and clipping), a 128k MP3, mono. Each transform knows where every moment of
the original went, so a test can check where an alignment put it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
from numpy.typing import NDArray

Stereo = NDArray[np.float32]
MP3_LEVEL = 0.6
"""libsndfile's compression level that writes 128 kbit/s constant-rate MP3."""


@dataclass(frozen=True)
class Copy:
    """A transformed copy and where the original's moments are in it."""

    samples: Stereo
    where: Callable[[float], float | None]
    """The copy's time of the original's time `t`; None when that moment was cut."""
    suffix: str = ".flac"
    """The format the copy is written in."""


def _same(t: float) -> float:
    return t


def lead_in(samples: Stereo, rate: int, seconds: float) -> Copy:
    """`seconds` of near-silence added before the music (negative: that much taken off)."""
    if seconds >= 0:
        hiss = np.random.default_rng(0).standard_normal((int(seconds * rate), 2)) * 1e-4
        return Copy(np.vstack([hiss.astype(np.float32), samples]), lambda t: t + seconds)
    cut = int(-seconds * rate)
    return Copy(samples[cut:], lambda t: t + seconds if t + seconds >= 0 else None)


def speed(samples: Stereo, rate: int, factor: float) -> Copy:
    """Played `factor` times as fast, pitch and all (resampled, as a fast turntable)."""
    count = int(len(samples) / factor)
    positions = np.arange(count) * factor
    index = np.arange(len(samples))
    out = np.column_stack([np.interp(positions, index, samples[:, c]) for c in range(2)])
    return Copy(out.astype(np.float32), lambda t: t / factor)


def stretch(samples: Stereo, rate: int, factor: float) -> Copy:
    """Played `factor` times as fast at the same pitch (a phase vocoder)."""
    out = np.column_stack([_vocoder(samples[:, c], factor) for c in range(2)])
    return Copy(out.astype(np.float32), lambda t: t / factor)


def _vocoder(x: NDArray[np.float32], factor: float, size: int = 2048, hop: int = 512) -> Stereo:
    window = np.hanning(size).astype(np.float32)
    frames = np.lib.stride_tricks.sliding_window_view(np.pad(x, (size, size)), size)[::hop]
    spectra = np.fft.rfft(frames * window)
    steps = np.arange(0, len(spectra) - 1, factor)
    bins = np.arange(size // 2 + 1)
    expected = 2 * np.pi * hop * bins / size
    phase = np.angle(spectra[0])
    out = np.zeros(len(steps) * hop + size, dtype=np.float64)
    norm = np.zeros_like(out)
    for k, step in enumerate(steps):
        low = int(step)
        share = step - low
        a, b = spectra[low], spectra[low + 1]
        magnitude = (1 - share) * np.abs(a) + share * np.abs(b)
        frame = np.fft.irfft(magnitude * np.exp(1j * phase), size) * window
        out[k * hop : k * hop + size] += frame
        norm[k * hop : k * hop + size] += window**2
        advance = np.angle(b) - np.angle(a) - expected
        advance -= 2 * np.pi * np.round(advance / (2 * np.pi))
        phase = phase + expected + advance
    result = out / np.maximum(norm, 1e-3)
    return result[size : size + int(len(x) / factor)].astype(np.float32)


def cut(samples: Stereo, rate: int, at: float, seconds: float = 1.0) -> Copy:
    """`seconds` taken out at `at`."""
    first, last = int(at * rate), int((at + seconds) * rate)

    def where(t: float) -> float | None:
        return t if t < at else None if t < at + seconds else t - seconds

    return Copy(np.vstack([samples[:first], samples[last:]]), where)


def insert(samples: Stereo, rate: int, at: float, source: float, seconds: float = 1.0) -> Copy:
    """`seconds` of the music from `source` played again at `at` (an extended cut)."""
    first = int(at * rate)
    extra = samples[int(source * rate) : int((source + seconds) * rate)]
    return Copy(
        np.vstack([samples[:first], extra, samples[first:]]),
        lambda t: t if t < at else t + seconds,
    )


def remaster(samples: Stereo, rate: int) -> Copy:
    """Bass up 6 dB, treble down 4 dB, 9 dB louder and clipped: a loudness-war remaster."""
    spectrum = np.fft.rfft(samples, axis=0)
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    gain = 1 + 1.0 / (1 + (freqs / 150) ** 2) - 0.37 / (1 + (4000 / np.maximum(freqs, 1)) ** 2)
    shaped = np.fft.irfft(spectrum * gain[:, None], len(samples), axis=0)
    louder = np.clip(shaped * 10 ** (9 / 20), -0.9, 0.9)
    return Copy(louder.astype(np.float32), _same)


def mp3(samples: Stereo, rate: int) -> Copy:
    """The same music, to be written as a 128 kbit/s MP3."""
    return Copy(samples, _same, ".mp3")


def mono(samples: Stereo, rate: int) -> Copy:
    """Both channels mixed into one (written as one channel)."""
    mixed = samples.mean(axis=1, keepdims=True)
    return Copy(mixed.astype(np.float32), _same)


def write(copy: Copy, rate: int, path: Path) -> Path:
    """The copy as a file (FLAC, or a 128k MP3), in blocks (libsndfile's encoders dislike
    minutes at once)."""
    path = path.with_suffix(copy.suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = (
        {"format": "MP3", "bitrate_mode": "CONSTANT", "compression_level": MP3_LEVEL}
        if copy.suffix == ".mp3"
        else {"format": "FLAC", "subtype": "PCM_16"}
    )
    channels = copy.samples.shape[1]
    with soundfile.SoundFile(path, "w", rate, channels, **extra) as out:
        for first in range(0, len(copy.samples), 10 * rate):
            out.write(copy.samples[first : first + 10 * rate])
    return path


def vinyl(samples: Stereo, rate: int) -> Copy:
    """All at once: 1.7 s more lead-in, 2 % fast and sharp, a second cut, EQ and clipping, mono,
    then an MP3."""
    steps = [lead_in(samples, rate, 1.7)]
    steps.append(speed(steps[-1].samples, rate, 1.02))
    steps.append(cut(steps[-1].samples, rate, 0.6 * len(steps[-1].samples) / rate))
    steps.append(remaster(steps[-1].samples, rate))
    steps.append(mono(steps[-1].samples, rate))

    def where(t: float) -> float | None:
        moved: float | None = t
        for step in steps:
            moved = None if moved is None else step.where(moved)
        return moved

    return Copy(steps[-1].samples, where, ".mp3")


TRANSFORMS: dict[str, Callable[[Stereo, int], Copy]] = {
    "same file": lambda s, r: Copy(s, _same),
    "lead-in +3 s": lambda s, r: lead_in(s, r, 3.0),
    "lead-in −3 s": lambda s, r: lead_in(s, r, -3.0),
    "2 % faster, sharp": lambda s, r: speed(s, r, 1.02),
    "2 % slower, flat": lambda s, r: speed(s, r, 0.98),
    "2 % faster, same pitch": lambda s, r: stretch(s, r, 1.02),
    "2 % slower, same pitch": lambda s, r: stretch(s, r, 0.98),
    "1 s cut": lambda s, r: cut(s, r, 0.45 * len(s) / r),
    "1 s inserted": lambda s, r: insert(s, r, 0.55 * len(s) / r, 0.2 * len(s) / r),
    "EQ and clipping": remaster,
    "MP3 128k": mp3,
    "mono": mono,
    "all at once": vinyl,
}
"""The copies the benchmark and the tests align, by name."""
