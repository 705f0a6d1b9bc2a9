"""A whole album of AAC files (`.m4a`) played through a session on SDL's `disk` driver: which tracks
were heard, in what order, and how far the session's current track lagged behind the sound.

Run as a script (the driver must be chosen before pygame starts), or through `measure`:

    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=out.raw python tests/album_heard.py FOLDER out.raw [.m4a]

Each track is a tone of its own pitch. The copies are made as the screen has them made (the first
track's now, the others in the background), the session plays from the first track and is ticked
every 50 ms; at each tick the capture's size says what had been played by then. The script prints
JSON: the tracks heard in order (runs of one pitch longer than 80 ms), and the longest time the
sound was on a track before the session said it was.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from audiogen import make_tone
from boundary import RATE, on_the_disk_driver, session_for

from ostguide.player.decoded import decode, decode_ahead

PITCHES = (300.0, 450.0, 600.0, 750.0)
SECONDS = 1.2
WINDOW = RATE * 40 // 1000
"""Samples in one window of the pitch tracker (40 ms)."""
TICK = 0.05


def pitch_track(mono: np.ndarray) -> list[int]:
    """The track (1-based) sounding in each 40 ms window, 0 for silence or a mix."""
    tracks = []
    for first in range(0, len(mono) - WINDOW, WINDOW):
        window = mono[first : first + WINDOW]
        if np.abs(window).max() < 0.02:
            tracks.append(0)
            continue
        crossings = np.count_nonzero(np.diff(np.signbit(window)))
        pitch = crossings / 2 / (WINDOW / RATE)
        nearest = min(range(len(PITCHES)), key=lambda k: abs(PITCHES[k] - pitch))
        tracks.append(nearest + 1 if abs(PITCHES[nearest] - pitch) < 60 else 0)
    return tracks


def heard_in_order(tracks: list[int]) -> list[int]:
    """The track of each run of one pitch longer than 80 ms, in order (a track played twice
    shows twice: a tone's phase jumps where it starts again, which breaks the run)."""
    order: list[int] = []
    run_track, run = 0, 0
    for track in [*tracks, -1]:
        if track == run_track:
            run += 1
            continue
        if run_track > 0 and run * 40 > 80:
            order.append(run_track)
        run_track, run = track, 1
    return order


def main() -> None:
    folder, raw = Path(sys.argv[1]), Path(sys.argv[2])
    suffix = sys.argv[3] if len(sys.argv) > 3 else ".m4a"
    files = [
        make_tone(folder / f"{n:02d}{suffix}", SECONDS, freq=pitch)
        for n, pitch in enumerate(PITCHES, start=1)
    ]
    decode(files[:1])
    decode_ahead(files[1:])
    session = session_for(files, 256)
    session.play(0)
    samples: list[tuple[int, int]] = []
    deadline = time.monotonic() + 20.0
    while not session.finished and time.monotonic() < deadline:
        time.sleep(TICK)
        session.tick()
        samples.append((raw.stat().st_size // 4, session.index + 1))
    time.sleep(0.3)
    mono = np.fromfile(raw, dtype="<i2")[0::2] / 32768
    tracks = pitch_track(mono)
    lag = 0.0
    for frames, shown in samples:
        window = frames // WINDOW - 1
        sounding = tracks[window] if 0 <= window < len(tracks) else 0
        if sounding > shown:  # the sound is on a later track than the session says
            began = next(i for i, t in enumerate(tracks) if t == sounding)
            lag = max(lag, (frames - began * WINDOW) / RATE)
    print(json.dumps({"heard": heard_in_order(tracks), "max_lag_ms": 1000 * lag}))


def measure(suffix: str = ".m4a") -> dict[str, object]:
    """Run this script in a subprocess on the disk driver (the tracks in the format `suffix`
    names); what it prints, as a dict."""
    return on_the_disk_driver(Path(__file__), lambda scratch, raw: [scratch, str(raw), suffix])


if __name__ == "__main__":
    main()
