"""What 0 ms between two files would cost: every track decoded once to PCM and the album joined
into one FLAC that the mixer plays as spans (as it plays an album image, whose changes of track
the whole-album truth test measures at 0.0 ms), against today's queue of separate files (the rest
of one 256-frame buffer, 5.8 ms at most).

    python benchmarks/bench_joined.py [--seconds 180]

For each format the mixer plays: a music-like track of `--seconds` is decoded with PyAV to a
16-bit FLAC (the decoder `player.decoded` uses for AAC), and timed (CPU seconds per minute of
audio); the copy's size is reported per minute. Then two tracks joined into one FLAC are played
through pygame on SDL's disk driver (from one span to the next of an image the player lets the
stream play on), and the silence at the join is measured in what was written.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from audiogen import FORMATS as WRITERS  # noqa: E402
from bench_decoded import RATE, music  # noqa: E402

from ostguide.player.decoded import _decode  # noqa: E402

FORMATS = (".mp3", ".ogg", ".opus", ".flac", ".wav")
QUIET = 64
"""A sample at most this far from zero is silence."""
PLAY_JOINED = """
import sys, time
import pygame.mixer
pygame.mixer.init(frequency=44100, buffer=256)
pygame.mixer.music.load(sys.argv[1])
pygame.mixer.music.play()
time.sleep(float(sys.argv[2]))
"""


def write(path: Path, samples: np.ndarray) -> Path:
    """`samples` (at 44.1 kHz) written to `path` a second at a time (libsndfile 1.2.2 crashes
    writing minutes of Vorbis at once); Opus at its own 48 kHz, by repeating samples."""
    kind, subtype, rate = WRITERS[path.suffix]
    if rate != RATE:
        samples = samples[np.arange(int(len(samples) * rate / RATE)) * RATE // rate]
    with soundfile.SoundFile(path, "w", rate, 2, subtype, format=kind) as out:
        for start in range(0, len(samples), rate):
            out.write(samples[start : start + rate])
    return path


def decode_cost(folder: Path, seconds: float) -> dict[str, tuple[float, float]]:
    """Per format: (CPU seconds per minute of audio to decode to FLAC, MB per minute)."""
    samples = music(seconds)
    costs = {}
    for suffix in FORMATS:
        source = write(folder / f"music{suffix}", samples)
        copy = folder / f"copy{suffix}.flac"
        start = time.process_time()
        _decode(source, copy)
        spent = time.process_time() - start
        minutes = seconds / 60
        costs[suffix] = (spent / minutes, copy.stat().st_size / 1e6 / minutes)
    return costs


def joined_gap(folder: Path) -> float:
    """Milliseconds of silence where two tracks joined in one FLAC meet, as the mixer plays it."""
    t = np.arange(4 * RATE) / RATE
    tone = (0.2 * np.sin(2 * np.pi * 1000.0 * t)).astype(np.float32)
    joined = folder / "joined.flac"
    soundfile.write(joined, np.column_stack([tone, tone]), RATE, format="FLAC")  # 2 s + 2 s
    raw = folder / "joined.raw"
    env = dict(
        os.environ,
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILE=str(raw),
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    subprocess.run(
        [sys.executable, "-c", PLAY_JOINED, str(joined), "5"], env=env, check=True, timeout=30
    )
    left = np.fromfile(raw, dtype="<i2")[0::2].astype(np.int32)
    loud = np.flatnonzero(np.abs(left) > QUIET)
    around = left[loud[0] + 2 * RATE - 2205 : loud[0] + 2 * RATE + 2205]
    quiet = np.abs(around) <= QUIET
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.view(np.int8), [0]])))
    longest = int((edges[1::2] - edges[0::2]).max()) if quiet.any() else 0
    return 1000 * longest / RATE


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=float, default=180.0)
    seconds = options.parse_args().seconds
    with tempfile.TemporaryDirectory(prefix="bench-joined-") as tmp:
        folder = Path(tmp)
        costs = decode_cost(folder, seconds)
        gap = joined_gap(folder)
    print(f"decoding {seconds:.0f} s of music-like audio to 16-bit FLAC, per minute of audio:")
    for suffix, (cpu, size) in costs.items():
        print(f"  {suffix:<6} {cpu:6.2f} s of CPU   {size:5.1f} MB of FLAC")
    hour_cpu = 60 * max(cpu for cpu, _ in costs.values())
    hour_mb = 60 * max(size for _, size in costs.values())
    print(f"an hour-long album, at worst: {hour_cpu:.0f} s of CPU, {hour_mb:.0f} MB of cache")
    print(f"silence where two joined tracks meet: {gap:.1f} ms (a tone crosses zero in one sample)")


if __name__ == "__main__":
    main()
