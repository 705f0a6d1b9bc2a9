"""What a listener hears across track boundaries, measured on SDL's `disk` driver.

Run as a script (the driver must be chosen before pygame starts):

    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=out.raw python tests/boundary.py KIND FOLDER BUFFER \
        out.raw [LEAD]

KIND is `files` (two halves of one chirp as two FLAC files), `m4a` (the halves as AAC in `.m4a`,
decoded to copies before they play), `image` (the same chirp as one FLAC
file cut in two by spans) or `positions` (an image of four tracks, each played by hand, paused
after a moment, its position compared with what was heard). A session plays them the way the
screen does, ticking four times a second, from LEAD seconds before the boundary (0.5 by default,
the least: seeks stop that far from a file's end). The silence SDL_mixer inserts between two files
is the rest of the mixing buffer in which the first one ends, so it depends on LEAD. The script
prints JSON: the longest silence inside the sound (milliseconds), and how far each reported
position is from the audio actually written (within one mixing buffer: the disk driver may not yet
have written the last buffer counted when the player pauses).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import soundfile
from audiogen import chirp, locate, write_mp4

from ostguide.guide.model import Album, Guide, Track, TrackId
from ostguide.player.clock import MonotonicClock
from ostguide.player.decoded import mixer_path
from ostguide.player.interface import Source, Span
from ostguide.player.mixer import open_mixer
from ostguide.player.transport import Transport
from ostguide.session import Session

RATE = 44100
LENGTH = 4.0
SPLIT = 1.6137
"""Where the first track ends (seconds)."""
STARTS = (0.0, 0.9, 2.05, 3.1)
"""The four tracks of the `positions` image."""


def session_for(sources: Sequence[Source], buffer: int) -> Session:
    tracks = tuple(Track(TrackId(1, n), f"Track {n}", n) for n in range(1, len(sources) + 1))
    guide = Guide(Path("g.md"), Album("Boundaries"), tracks=tracks)
    transport = Transport(MonotonicClock(), open_mixer(frequency=RATE, buffer=buffer))
    files = {track.id: source for track, source in zip(tracks, sources, strict=True)}
    return Session(guide, transport, files)


def across(sources: Sequence[Source], buffer: int, lead: float) -> list[float]:
    """Play the album through the boundary; pause 0.3 s into the second track; its position."""
    session = session_for(sources, buffer)
    session.play(0, SPLIT - lead)
    while session.index == 0:
        time.sleep(0.25)
        session.tick()
    time.sleep(0.3)
    session.transport.pause()
    time.sleep(0.3)  # the device writes the last buffers out only as later (silent) ones follow
    return [session.position]


def by_hand(image: Path, buffer: int) -> list[float]:
    """Play each track of the image from 0.2 s in, pause after 0.4 s; the positions."""
    ends = [*STARTS[1:], None]
    session = session_for([Span(image, s, e) for s, e in zip(STARTS, ends, strict=True)], buffer)
    positions = []
    for index in range(len(STARTS)):
        session.play(index, 0.2, paused=False)
        time.sleep(0.4)
        session.transport.pause()
        positions.append(session.position)
        time.sleep(0.3)
    return positions


def longest_silence(mono: np.ndarray) -> float:
    """The longest run of exact zeros between the first and last sound, in milliseconds (a chirp
    crosses zero on single samples only)."""
    sound = np.flatnonzero(mono != 0)
    inner = mono[sound[0] : sound[-1] + 1] == 0
    longest = run = 0
    for silent in inner.tolist():
        run = run + 1 if silent else 0
        longest = max(longest, run)
    return 1000 * longest / RATE if longest > 2 else 0.0


def heard_ends(mono: np.ndarray, reference: np.ndarray) -> list[float]:
    """Where in the chirp each stretch of sound (between pauses) ended, in seconds."""
    quiet = np.flatnonzero(np.abs(mono) > 1e-3)
    breaks = np.flatnonzero(np.diff(quiet) > RATE // 10)
    ends = [*(quiet[breaks] + 1).tolist(), int(quiet[-1]) + 1]
    return [(locate(mono[end - 2048 : end], reference) + 2048) / RATE for end in ends]


def measure(kind: str, buffer: int, lead: float = 0.5) -> dict[str, object]:
    """Run this script in a subprocess on the disk driver; what it prints, as a dict."""
    return on_the_disk_driver(
        Path(__file__), lambda scratch, raw: [kind, scratch, str(buffer), str(raw), str(lead)]
    )


def on_the_disk_driver(
    script: Path, arguments: Callable[[str, Path], list[str]]
) -> dict[str, object]:
    """Run `script` in a subprocess on SDL's disk driver, with a scratch folder (its caches in
    it) and the capture file, which `arguments(scratch, capture)` hands it; the JSON it prints."""
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "out.raw"
        env = os.environ | {
            "SDL_AUDIODRIVER": "disk",
            "SDL_DISKAUDIOFILE": str(raw),
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
            "XDG_CACHE_HOME": str(Path(scratch) / "cache"),
            "PYTHONPATH": os.pathsep.join([str(here.parent), str(here)]),
        }
        done = subprocess.run(
            [sys.executable, str(script), *arguments(scratch, raw)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    kind, folder, buffer = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    raw = Path(sys.argv[4])
    lead = float(sys.argv[5]) if len(sys.argv) > 5 else 0.5
    samples = chirp(LENGTH, RATE)
    whole = folder / "whole.flac"
    soundfile.write(whole, samples, RATE, format="FLAC")
    cut = round(SPLIT * RATE)
    if kind == "files":
        halves = [folder / "a.flac", folder / "b.flac"]
        soundfile.write(halves[0], samples[:cut], RATE, format="FLAC")
        soundfile.write(halves[1], samples[cut:], RATE, format="FLAC")
        positions = across(list(halves), buffer, lead)
        starts = [cut / RATE]
    elif kind == "m4a":
        halves = [folder / "a.m4a", folder / "b.m4a"]
        write_mp4(halves[0], samples[:cut], RATE)
        write_mp4(halves[1], samples[cut:], RATE)
        for half in halves:  # as the screen has the album's copies made when the music arrives
            mixer_path(half)
        positions = across(list(halves), buffer, lead)
        starts = [cut / RATE]
    elif kind == "image":
        spans = [Span(whole, 0.0, cut / RATE), Span(whole, cut / RATE, None)]
        positions = across(spans, buffer, lead)
        starts = [cut / RATE]
    else:
        positions = by_hand(whole, buffer)
        starts = list(STARTS)
    mono = np.fromfile(raw, dtype="<i2")[0::2] / 32768
    heard = heard_ends(mono, samples[:, 0])
    errors = [1000 * (p - (h - s)) for p, h, s in zip(positions, heard, starts, strict=True)]
    gap = longest_silence(mono) if kind != "positions" else None
    print(json.dumps({"gap_ms": gap, "position_errors_ms": errors}))


if __name__ == "__main__":
    main()
