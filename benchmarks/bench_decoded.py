"""How AAC (`.m4a`) reaches pygame's mixer, against an MP3 of the same length.

    python benchmarks/bench_decoded.py [--seconds 240] [--measure 8]

Each way runs in its own subprocess on SDL's `disk` driver with the listening buffer (256 frames),
so what was played can be counted against the wall clock:

- `mp3`: the MP3 as the mixer plays it (the baseline).
- `copy`: (a) the player's way: decode with PyAV to a FLAC copy, then the mixer plays the copy.
  Start-up is reported cold (decoding) and warm (the copy cached).
- `fileobj`: (b) a Python file object that serves decoded PCM as WAV to
  `pygame.mixer.music.load(fileobj, "wav")`; SDL's audio thread calls its `read()`, taking the GIL.
- `chunks`: (c) decoded half-second chunks played as `pygame.mixer.Sound`s queued on a `Channel`
  by a feeder thread.

Start-up: from asking to play to the mixer playing. CPU: seconds of process CPU per second of
playback over `--measure` seconds, idle and with the main thread busy (pure Python). Dropouts: for
(b) how much later than the sound it had SDL's audio thread came back for more (waiting for the
GIL), the longest and how often by over a buffer (5.8 ms: a real device runs dry), for (c) how
often the feeder found the channel silent. The audio
lost (wall clock less audio written) is printed too, but the disk driver's pace wanders with the
machine's load, so it says little.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

RATE = 44100
BUFFER = 256
WAYS = ("mp3", "copy", "fileobj", "chunks")


def music(seconds: float) -> Any:
    """Something like music for the codecs: a chord that changes every two seconds, and a little
    noise (a pure tone would flatter AAC)."""
    import numpy as np

    rng = np.random.default_rng(19)
    t = np.arange(int(seconds * RATE)) / RATE
    root = 110.0 * 2 ** (np.floor(t / 2.0) % 12 / 12)
    chord = sum(np.sin(2 * np.pi * root * ratio * t) for ratio in (1.0, 1.26, 1.5, 2.0))
    mono = 0.08 * chord + 0.01 * rng.standard_normal(len(t))
    return np.column_stack([mono, mono * 0.9]).astype(np.float32)


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def busy(seconds: float) -> None:
    """The main thread working in Python (drawing, matching) for `seconds`."""
    end = time.perf_counter() + seconds
    total = 0
    while time.perf_counter() < end:
        total += sum(range(200))


class WavStream:
    """(b): decoded PCM served as a WAV file, decoding as SDL reads (kept in memory: enough for
    a measurement)."""

    def __init__(self, path: Path) -> None:
        import av

        self.container = av.open(str(path))
        stream = self.container.streams.audio[0]
        frames = int(stream.duration * stream.time_base * RATE) if stream.duration else 1 << 30
        self.frames = self.container.decode(stream)
        self.resampler = av.AudioResampler(format="s16", layout="stereo", rate=RATE)
        size = frames * 4
        header = b"RIFF" + (36 + size).to_bytes(4, "little") + b"WAVEfmt "
        header += (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (2).to_bytes(2, "little")
        header += RATE.to_bytes(4, "little") + (RATE * 4).to_bytes(4, "little")
        header += (4).to_bytes(2, "little") + (16).to_bytes(2, "little")
        header += b"data" + size.to_bytes(4, "little")
        self.buffer = bytearray(header)
        self.total = len(header) + size
        self.position = 0
        self.reads: list[tuple[float, int]] = []
        """When SDL's audio thread called `read`, and how many bytes it asked for (to find how
        long it waited for the GIL beyond the sound it already had)."""

    def read(self, size: int = -1) -> bytes:
        self.reads.append((time.perf_counter(), size))
        if self.position >= self.total:  # SDL looks for chunks after the data: there are none
            return b""
        end = self.total if size < 0 else min(self.position + size, self.total)
        while len(self.buffer) < end and self._more():
            pass
        data = bytes(self.buffer[self.position : end])
        self.position += len(data)
        return data

    def _more(self) -> bool:
        frame = next(self.frames, None)
        if frame is None:
            return False
        for piece in self.resampler.resample(frame):
            self.buffer += piece.to_ndarray().tobytes()
        return True

    def seek(self, position: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.position, 2: self.total}[whence]
        self.position = max(0, base + position)
        return self.position

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.container.close()


def run_way(way: str, folder: Path, raw: Path, measure: float) -> dict[str, float]:
    """In the subprocess: play one way, report start-up, CPU and audio lost."""
    import pygame

    from ostguide.player import decoded

    pygame.mixer.init(frequency=RATE, buffer=BUFFER)
    result: dict[str, float] = {}
    began = time.perf_counter()
    feeder = None
    stream: WavStream | None = None
    stop = threading.Event()
    if way == "mp3":
        pygame.mixer.music.load(str(folder / "music.mp3"))
        pygame.mixer.music.play()
    elif way == "copy":
        copy = decoded.mixer_path(folder / "music.m4a")
        result["decode_s"] = time.perf_counter() - began
        warm = time.perf_counter()
        pygame.mixer.music.load(str(decoded.mixer_path(folder / "music.m4a")))
        pygame.mixer.music.play()
        result["warm_start_s"] = time.perf_counter() - warm
        result["copy_mb"] = copy.stat().st_size / 1e6
    elif way == "fileobj":
        stream = WavStream(folder / "music.m4a")
        pygame.mixer.music.load(stream, "wav")
        pygame.mixer.music.play()
    else:
        feeder = _chunks(folder / "music.m4a", stop)
    result["start_s"] = time.perf_counter() - began
    for phase in ("idle", "busy"):
        size0, wall0, cpu0 = raw.stat().st_size, time.perf_counter(), cpu()
        if phase == "busy":
            busy(measure)
        else:
            time.sleep(measure)
        played = (raw.stat().st_size - size0) / (RATE * 4)
        wall = time.perf_counter() - wall0
        result[f"cpu_{phase}"] = (cpu() - cpu0) / wall
        result[f"lost_{phase}_ms"] = 1000 * (wall - played)
        if stream is not None:
            reads = [(t, size) for t, size in stream.reads if t >= wall0 and size > 0]
            stalls = [b - a - size / (RATE * 4) for (a, size), (b, _) in itertools.pairwise(reads)]
            result[f"max_stall_{phase}_ms"] = 1000 * max(stalls, default=0.0)
            late = sum(stall > BUFFER / RATE for stall in stalls)
            result[f"stalls_over_a_buffer_{phase}"] = float(late)
    stop.set()
    if feeder is not None:
        feeder.join()
        result["underruns"] = float(getattr(feeder, "underruns", 0))
    return result


def _chunks(path: Path, stop: threading.Event) -> threading.Thread:
    """(c): a feeder thread that keeps one half-second Sound queued behind the playing one."""
    import av
    import numpy as np
    import pygame

    container = av.open(str(path))
    frames = container.decode(container.streams.audio[0])
    resampler = av.AudioResampler(format="s16", layout="stereo", rate=RATE)
    channel = pygame.mixer.Channel(0)

    def chunk() -> Any:
        pieces: list[Any] = []
        gathered = 0
        while gathered < RATE // 2:
            frame = next(frames, None)
            if frame is None:
                break
            for piece in resampler.resample(frame):
                pieces.append(piece.to_ndarray())
                gathered += piece.samples
        data = np.concatenate(pieces, axis=1).reshape(-1, 2)
        return pygame.mixer.Sound(buffer=data.tobytes())

    channel.play(chunk())

    class Feeder(threading.Thread):
        underruns = 0

        def run(self) -> None:
            while not stop.is_set():
                if not channel.get_busy():
                    self.underruns += 1
                    channel.play(chunk())
                elif channel.get_queue() is None:
                    channel.queue(chunk())
                time.sleep(0.01)

    feeder = Feeder(daemon=True)
    feeder.start()
    return feeder


def measured(way: str, folder: Path, measure: float) -> dict[str, float]:
    raw = folder / f"{way}.raw"
    env = os.environ | {
        "SDL_AUDIODRIVER": "disk",
        "SDL_DISKAUDIOFILE": str(raw),
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    command = [sys.executable, __file__, "--way", way, "--folder", str(folder)]
    done = subprocess.run(
        [*command, "--raw", str(raw), "--measure", str(measure)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=240.0)
    parser.add_argument("--measure", type=float, default=8.0)
    parser.add_argument("--way", choices=WAYS)
    parser.add_argument("--ways", nargs="+", choices=WAYS, default=list(WAYS))
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--raw", type=Path)
    args = parser.parse_args()
    if args.way:
        print(json.dumps(run_way(args.way, args.folder, args.raw, args.measure)))
        return
    import soundfile
    from audiogen import write_mp4

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        samples = music(args.seconds)
        soundfile.write(folder / "music.mp3", samples, RATE, format="MP3")
        write_mp4(folder / "music.m4a", samples, RATE)
        print(f"{args.seconds:.0f} s of music; MP3 and AAC (.m4a); buffer {BUFFER} frames")
        header = f"{'way':8} {'start s':>8} {'cpu idle':>9} {'cpu busy':>9}"
        print(f"{header} {'lost idle ms':>13} {'lost busy ms':>13}  more")
        for way in args.ways:
            r = measured(way, folder, args.measure)
            more = {k: round(v, 3) for k, v in r.items() if not k.startswith(("cpu", "lost"))}
            more.pop("start_s")
            print(
                f"{way:8} {r['start_s']:8.3f} {r['cpu_idle']:9.1%} {r['cpu_busy']:9.1%}"
                f" {r['lost_idle_ms']:13.0f} {r['lost_busy_ms']:13.0f}  {more}"
            )


if __name__ == "__main__":
    main()
