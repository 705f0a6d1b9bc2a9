"""Playback accuracy, measured on the audio actually played (SDL's `disk` driver).

    python benchmarks/bench_playback.py [--drift-seconds 300]

1. Seek accuracy per format. The file is a chirp whose pitch encodes the time, so any few
   thousand samples of the driver's output can be placed in the source by correlation. For each
   target the player seeks while paused and plays 0.25 s (where it landed vs the request; what it
   reports at the pause vs what was heard last), then seeks while playing and plays 0.25 s (what it
   reports vs what was heard). Goal: within 50 ms.
   WAV: SDL_mixer truncates WAV seeks to whole seconds. The player asks for the whole second below
   the target and reports that second as its position, so "landed - requested" shows the snap
   (up to -1 s) while "reported - heard" stays near zero: the clock tells the truth about the sound.
   MP3 VBR (informational): mpg123 plays ~70-95 ms of silence after a seek, then the audio that
   belongs at that moment, so sound starts late but the reported position still matches it.
2. Position drift over a long OGG track: the position the player reports at the end vs the seconds
   of audio the driver wrote. The driver runs slightly fast against the wall clock, which is why the
   position comes from `get_pos()` (audio handed over), never from the wall clock. Goal: < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ["SDL_AUDIODRIVER"] = "disk"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import soundfile  # noqa: E402
from audiogen import chirp, locate, make_long_tone, make_tone, sound_stretches  # noqa: E402

from ostguide.player.mixer import MixerPlayer, open_mixer  # noqa: E402
from ostguide.player.quiet import divert_stderr, restore_stderr  # noqa: E402

RATE = 44100
"""The mixer's output rate: the disk file holds 16-bit stereo at this rate (176,400 bytes/s)."""
CHIRP_SECONDS = 12.0
TARGETS = (1.37, 2.5, 3.81, 5.25, 6.6)
PLAYING_JUMP = 4.0
"""The seek while playing goes this far past the paused target."""
SNIPPET = 2048
PAUSE = 0.2
"""Seconds paused between measurements: the silence that separates stretches of sound."""
GAP = int(0.15 * RATE)
"""Quiet samples that separate two stretches (more than the silence a VBR MP3 seek can leave)."""


def write_formats(folder: Path) -> dict[str, Path]:
    """The chirp as MP3 CBR, MP3 VBR, OGG, FLAC, Opus and WAV."""
    files = {
        name: make_tone(folder / f"chirp{suffix}", 0, samples=chirp(CHIRP_SECONDS, rate))
        for name, suffix, rate in [
            ("OGG", ".ogg", RATE),
            ("FLAC", ".flac", RATE),
            ("Opus", ".opus", 48000),
            ("WAV", ".wav", RATE),
            ("MP3 VBR", ".mp3", RATE),
        ]
    }
    cbr = folder / "chirp-cbr.mp3"
    soundfile.write(
        cbr,
        chirp(CHIRP_SECONDS, RATE),
        RATE,
        format="MP3",
        subtype="MPEG_LAYER_III",
        bitrate_mode="CONSTANT",
        compression_level=0.3,
    )
    return {"MP3 CBR": cbr, **files}


def open_disk(raw: Path) -> MixerPlayer:
    """(Re)open the mixer on the disk driver, writing to `raw`."""
    pygame.mixer.quit()
    os.environ["SDL_DISKAUDIOFILE"] = str(raw)
    return open_mixer(frequency=RATE, buffer=1024)


def read_raw(raw: Path) -> np.ndarray:
    """The left channel of what the disk driver wrote, as floats in [-1, 1]."""
    pygame.mixer.quit()
    return np.fromfile(raw, dtype="<i2")[0::2].astype("float64") / 32768


def play_for(player: MixerPlayer, seconds: float) -> None:
    """Let the mixer run, polling as the app would."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        player.poll()
        time.sleep(0.01)


def seek_run(path: Path, raw: Path) -> list[tuple[float, float, float, float, float]]:
    """Per target: (requested, landed, reported - heard paused, requested2, reported - heard)."""
    player = open_disk(raw)
    player.load(path, None, paused=True)
    reports: list[tuple[float, float]] = []
    for target in TARGETS:
        player.seek(target)
        player.resume()
        play_for(player, 0.25)
        player.pause()
        reports.append((target, player.position))
        time.sleep(PAUSE)
        player.resume()
        play_for(player, 0.12)
        player.seek(target + PLAYING_JUMP)
        play_for(player, 0.25)
        player.pause()
        reports.append((target + PLAYING_JUMP, player.position))
        time.sleep(PAUSE)
    player.stop()
    mono = read_raw(raw)
    reference = chirp(CHIRP_SECONDS, RATE)[:, 0].astype("float64")
    found = sound_stretches(mono, GAP)
    if len(found) != len(reports):
        raise RuntimeError(f"{path.name}: {len(found)} stretches of sound, {len(reports)} expected")
    rows = []
    for k in range(0, len(reports), 2):
        (target, paused_report), (jump, playing_report) = reports[k], reports[k + 1]
        (start, end), (_, end2) = found[k], found[k + 1]
        landed = locate(mono[start : start + SNIPPET], reference) / RATE
        heard = (locate(mono[end - SNIPPET : end], reference) + SNIPPET) / RATE
        heard2 = (locate(mono[end2 - SNIPPET : end2], reference) + SNIPPET) / RATE
        rows.append((target, landed, paused_report - heard, jump, playing_report - heard2))
    return rows


def drift_run(folder: Path, seconds: float) -> tuple[float, float, float, float]:
    """(reported, heard, wall, raw get_pos) after playing a long OGG for about `seconds`."""
    track = make_long_tone(folder / "long.ogg", seconds + 5)
    raw = folder / "drift.raw"
    player = open_disk(raw)
    player.load(track, None)
    started = time.monotonic()
    while player.position < seconds:
        play_for(player, 0.25)
    player.pause()
    reported, wall = player.position, time.monotonic() - started
    get_pos = pygame.mixer.music.get_pos() / 1000
    player.stop()
    (first, last), *rest = sound_stretches(read_raw(raw), GAP)
    if rest:
        raise RuntimeError("the long track's sound was interrupted")
    return reported, (last - first) / RATE, wall, get_pos


def ms(seconds: float) -> str:
    return f"{seconds * 1000:+8.1f}"


def table(title: str, header: str, lines: list[str]) -> None:
    print(f"\n{title}\n{header}\n{'-' * len(header)}")
    for line in lines:
        print(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drift-seconds", type=float, default=300.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        diverted = divert_stderr(folder / "audio.log")
        say: Callable[[str], None] = diverted.terminal.write
        try:
            sys.stdout = diverted.terminal
            say("seek accuracy (ms; landed/reported/heard come from the driver's output)\n")
            summary = []
            for name, path in write_formats(folder).items():
                rows = seek_run(path, folder / f"{path.stem}{path.suffix}.raw")
                lines = [
                    f"{target:9.2f} {ms(landed - target)} {ms(paused_err)} "
                    f"{jump:9.2f} {ms(playing_err)}"
                    for target, landed, paused_err, jump, playing_err in rows
                ]
                table(
                    name,
                    "requested  landed-req  rep-heard  requested  rep-heard (seek while playing)",
                    lines,
                )
                summary.append(
                    f"{name:8} {max(abs(r[1] - r[0]) for r in rows) * 1000:14.1f} "
                    f"{max(max(abs(r[2]), abs(r[4])) for r in rows) * 1000:16.1f}"
                )
            table("worst case per format (ms)", "format   |landed-req| |reported-heard|", summary)
            reported, heard, wall, get_pos = drift_run(folder, args.drift_seconds)
            table(
                f"position drift over {heard:.0f} s of OGG",
                "reported s   heard s   reported-heard ms   wall s   driver speed",
                [
                    f"{reported:10.3f} {heard:9.3f} {ms(reported - heard):>19} "
                    f"{wall:8.2f} {heard / wall:11.4f}x   (raw get_pos {get_pos:.3f} s)"
                ],
            )
        finally:
            sys.stdout = sys.__stdout__
            restore_stderr(diverted)


if __name__ == "__main__":
    main()
