"""The listening screen as the listener meets it: startup, CPU, memory and highlight lag.

    python benchmarks/bench_ui.py

Every figure is taken from outside the app: each program runs as a child process on a
pseudo-terminal of 120×40 (TERM=xterm-256color, COLORTERM=truecolor) with its own XDG folders in a
temporary directory, so the user's config, state, scan cache and guides are never touched.

1. Time to first screen: from just before the process is started until a known text (the album
   title; the label of a bare Textual app) arrives on the terminal. Medians of interleaved runs of
   the bare app, of ostguide cold (fresh XDG folders: empty scan cache, no config) and of ostguide
   warm (the scan cache and config left by an untimed first run), on SDL's dummy audio driver.
   Goal: ostguide warm ≤ 1.3× the bare app.
2. CPU while playing: `ostguide noein --music RIP` on a generated 23-track rip (40 s OGG tones,
   tagged like a ripper would), utime + stime of the process from /proc over 30 s of playback that
   starts 2 s after the first screen. The audio thread decodes in the same process, so decoding is
   included. Goal ≤ 2 % of one core.
3. Memory: VmHWM (peak) and VmRSS (at the end of the 30 s) of the same process. Goal ≤ 100 MB.
4. Highlight lag: a one-track guide (60 s FLAC tone, a remark every 3.155 s whose text is a marker),
   played through SDL's disk driver. The terminal output is parsed for the moment each remark's
   marker is first drawn on the highlight background; the disk file's size is polled every
   millisecond for the moment it holds the audio up to that remark's time (the music's first
   sample is found in the file, so the silence before it does not count). Lag is the first moment
   minus the second. Goal p95 ≤ 50 ms.

The disk driver writes one 1024-frame buffer (4096 bytes, 23 ms) at a time, so the audio side is
known to within one buffer. The app's clock (`get_pos()`) counts audio handed to SDL, which is
mixed a buffer before the driver writes it: a lag can come out slightly negative.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402
from audiogen import make_tone, write_tags  # noqa: E402

from ostguide.catalog import bundled_dir  # noqa: E402
from ostguide.guide.parser import load_guide  # noqa: E402

CACHE = Path("/tmp/ostguide-bench-ui")
"""Generated audio, kept between runs (a marker file says a folder is complete)."""
OSTGUIDE = str(Path(sys.executable).with_name("ostguide"))
COLUMNS, ROWS = 120, 40
REPEATS = 7
TRACK_SECONDS = 40.0
"""Length of each track of the rip (libsndfile 1.2.2 crashes writing much longer OGG at once)."""
SETTLE = 2.0
"""Seconds between the first screen and the start of the CPU window."""
CPU_SECONDS = 30.0
LAG_SECONDS = 60
AFTER_LAST_CUE = 0.5
"""How long the audio file is still watched after the last remark appeared."""
CUE_SPACING_MS = 3155
"""A remark every 3 s plus 0.618 of the app's 0.25 s tick: successive remarks meet the 4 Hz timer
at evenly spread phases. (At exactly 3 s, twelve ticks, every remark would meet it at the same
phase and the lags would all be alike.)"""
CUE_TIMES_MS = range(0, (LAG_SECONDS - 2) * 1000, CUE_SPACING_MS)
BYTES_PER_SECOND = 44100 * 2 * 2
"""What the disk driver writes for one second: 44.1 kHz, 16-bit, stereo."""
LOUD = 100
"""A sample above this (of 32,767) is music, not the silence before it."""
BARE_LABEL = "bare textual app"
BARE_APP = f"""
from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label({BARE_LABEL!r})


Bare().run()
"""
QUIT_BARE = b"\x11"
"""ctrl+q: the bare app's quit key."""
QUIT_OSTGUIDE = b"q"
SEGMENT = re.compile(rb"\x1b\[([0-9;]*)m([^\x1b]*)")
"""A Select Graphic Rendition sequence and the text drawn with it."""
BACKGROUND = re.compile(rb"(?:^|;)48;2;(\d+);(\d+);(\d+)")
MARKER = re.compile(rb"cue(\d\d)")


def isolated_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment for a child: XDG folders under `root`, a truecolor terminal, no banner."""
    env = dict(os.environ)
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        SDL_AUDIODRIVER="dummy",
    )
    env.update(extra)
    return env


class Terminal:
    """A child process on a pseudo-terminal of fixed size; its output is read as it comes."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self.process.pid

    def read(self, timeout: float) -> bytes:
        """What the child drew within `timeout` seconds (empty if nothing)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return b""
        self.output += data
        return data

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Seconds from the process start until `text` is on the terminal."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{text!r} never appeared:\n{bytes(self.output[-2000:])!r}")
            self.read(0.05)
        return time.monotonic() - self.started

    def drain(self, seconds: float) -> None:
        """Keep reading the output (so the child never blocks on the terminal) for a while."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            self.read(min(left, 0.1))

    def quit(self, key: bytes) -> None:
        """Press the quit key and wait for the child to end (killing it after 10 s)."""
        os.write(self.master, key)
        deadline = time.monotonic() + 10
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.05)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process in MB (10^6 bytes)."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return values


def build_rip(folder: Path) -> tuple[Path, str]:
    """The Noein album as a listener's tagged OGG rip; returns the folder and the album title."""
    result = load_guide(bundled_dir() / "noein.md")
    assert result.guide is not None, "the bundled Noein guide does not parse"
    guide = result.guide
    if not (folder / ".complete").exists():
        template = make_tone(folder / ".template.ogg", TRACK_SECONDS)
        for track in guide.tracks:
            number = track.id.number
            path = folder / f"{number:02d} {track.title}.ogg"
            shutil.copyfile(template, path)
            write_tags(
                path,
                {
                    "title": track.title,
                    "album": guide.album.title,
                    "artist": guide.album.composer,
                    "tracknumber": f"{number}/{len(guide.tracks)}",
                    "discnumber": "1/1",
                },
            )
        (folder / ".complete").touch()
    return folder, guide.album.title


def build_lag_track(folder: Path) -> Path:
    """One tagged 60 s FLAC tone for the highlight-lag guide."""
    path = folder / "01 Tick.flac"
    if not path.exists():
        make_tone(path, LAG_SECONDS, tags={"title": "Tick", "album": "Bench Lag"})
    return path


def write_lag_guide(data_home: Path) -> str:
    """A guide of one 60 s track with a remark about every 3 s, each saying `cueNN`; its name."""
    lines = ["+++", 'title = "Bench Lag"', "+++", "", "## 01. Tick", "", "- Length: 1:00", ""]
    for k, ms in enumerate(CUE_TIMES_MS):
        minutes, seconds = divmod(ms // 1000, 60)
        lines += [f"[{minutes}:{seconds:02d}.{ms % 1000:03d}] cue{k:02d} marker.", ""]
    folder = data_home / "ostguide" / "guides"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchlag.md").write_text("\n".join(lines), encoding="utf-8")
    return "benchlag"


@dataclass
class Startup:
    """Seconds to the first screen, per kind of run."""

    bare: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)


def first_screen(argv: Sequence[str], env: Mapping[str, str], text: str, key: bytes) -> float:
    """Seconds from starting `argv` until `text` is drawn; the program is then quit."""
    terminal = Terminal(argv, env)
    try:
        return terminal.wait_for(text)
    finally:
        terminal.quit(key)


def measure_startup(work: Path, rip: Path, album: str) -> Startup:
    """Bare app, ostguide cold and ostguide warm, interleaved so that they share the conditions."""
    bare = [sys.executable, "-c", BARE_APP]
    ostguide = [OSTGUIDE, "noein", "--music", str(rip)]
    warm_env = isolated_env(work / "warm")
    first_screen(bare, isolated_env(work / "bare"), BARE_LABEL, QUIT_BARE)
    first_screen(ostguide, warm_env, album, QUIT_OSTGUIDE)
    startup = Startup()
    for run in range(REPEATS):
        startup.bare.append(first_screen(bare, isolated_env(work / "bare"), BARE_LABEL, QUIT_BARE))
        cold_env = isolated_env(work / f"cold{run}")
        startup.cold.append(first_screen(ostguide, cold_env, album, QUIT_OSTGUIDE))
        startup.warm.append(first_screen(ostguide, warm_env, album, QUIT_OSTGUIDE))
    return startup


@dataclass(frozen=True)
class Playing:
    """CPU and memory of ostguide playing the rip."""

    cpu_percent: float
    peak_mb: float
    rss_mb: float
    audio_seconds: float
    """Seconds of audio the driver wrote during the window: proof that the music played."""


def measure_playing(work: Path, rip: Path, album: str) -> Playing:
    """CPU over 30 s of steady playback, then the peak and current resident memory."""
    raw = work / "playing.raw"
    env = isolated_env(work / "playing", SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
    terminal = Terminal([OSTGUIDE, "noein", "--music", str(rip)], env)
    try:
        terminal.wait_for(album)
        terminal.drain(SETTLE)
        if b"your file" not in terminal.output:
            raise RuntimeError("ostguide is reading along, not playing the rip")
        cpu_before, wall_before, bytes_before = (
            cpu_seconds(terminal.pid),
            time.monotonic(),
            raw.stat().st_size,
        )
        terminal.drain(CPU_SECONDS)
        cpu = cpu_seconds(terminal.pid) - cpu_before
        wall = time.monotonic() - wall_before
        audio = (raw.stat().st_size - bytes_before) / BYTES_PER_SECOND
        memory = memory_mb(terminal.pid)
    finally:
        terminal.quit(QUIT_OSTGUIDE)
    return Playing(100 * cpu / wall, memory["VmHWM"], memory["VmRSS"], audio)


class HighlightWatch:
    """Parses the terminal output for the moments each remark is first drawn highlighted.

    The first screen calibrates: remark 0 is highlighted at 0:00, remark 1 is not, so their
    backgrounds are the highlighted and the plain one.
    """

    def __init__(self) -> None:
        self.pending = b""
        self.first_background: dict[int, tuple[int, ...]] = {}
        self.highlighted_at: dict[int, float] = {}

    def feed(self, data: bytes, now: float) -> None:
        """Take more output, read at `now`; a segment is parsed once the next one has begun."""
        self.pending += data
        cut = self.pending.rfind(b"\x1b")
        if cut <= 0:
            return
        complete, self.pending = self.pending[:cut], self.pending[cut:]
        for sgr, text in SEGMENT.findall(complete):
            background = BACKGROUND.search(sgr)
            if background is None:
                continue
            colour = tuple(int(v) for v in background.groups())
            for number in MARKER.findall(text):
                self._seen(int(number), colour, now)

    def _seen(self, cue: int, colour: tuple[int, ...], now: float) -> None:
        self.first_background.setdefault(cue, colour)
        if colour == self.highlight and cue not in self.highlighted_at:
            self.highlighted_at[cue] = now

    @property
    def highlight(self) -> tuple[int, ...] | None:
        """The highlighted remark's background, once remarks 0 and 1 have been drawn."""
        current, plain = self.first_background.get(0), self.first_background.get(1)
        if current is None or plain is None:
            return None
        if current == plain:
            raise RuntimeError("the highlighted remark looks like the others: cannot watch it")
        return current


@dataclass(frozen=True)
class Lag:
    """Highlight lag per remark change, and what was seen of the driver and the app."""

    lags_ms: list[float]
    missed: int
    driver_speed: float
    """Seconds of audio written per second of wall clock."""
    cpu_percent: float


def music_start(raw: Path) -> int:
    """Byte offset in the disk driver's file of the first sample of music."""
    left = np.fromfile(raw, dtype="<i2")[0::2]
    loud = np.flatnonzero(np.abs(left) > LOUD)
    if not len(loud):
        raise RuntimeError("the disk driver wrote only silence")
    return int(loud[0]) * 4


def measure_lag(work: Path, track: Path) -> Lag:
    """Play the marker guide through the disk driver and time every remark change."""
    root = work / "lag"
    raw = work / "lag.raw"
    name = write_lag_guide(root / "data")
    env = isolated_env(root, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
    watch = HighlightWatch()
    sizes: list[tuple[float, int]] = []
    changes = set(range(1, len(CUE_TIMES_MS)))
    terminal = Terminal([OSTGUIDE, name, "--music", str(track.parent)], env)
    try:
        deadline = time.monotonic() + LAG_SECONDS + 20
        cpu_start: tuple[float, float] | None = None
        while not changes <= watch.highlighted_at.keys() and time.monotonic() < deadline:
            data = terminal.read(0.001)
            now = time.monotonic()
            if data:
                watch.feed(data, now)
            size = raw.stat().st_size if raw.exists() else 0
            if not sizes or size != sizes[-1][1]:
                sizes.append((now, size))
            if cpu_start is None and watch.highlight is not None:
                cpu_start = (now, cpu_seconds(terminal.pid))
        cpu_end = (time.monotonic(), cpu_seconds(terminal.pid))
        # The highlight can move a buffer before the disk file holds the remark's audio: keep
        # watching the file a little longer so the last remark's moment is known too.
        settle = time.monotonic() + AFTER_LAST_CUE
        while time.monotonic() < settle:
            terminal.read(0.001)
            size = raw.stat().st_size
            if size != sizes[-1][1]:
                sizes.append((time.monotonic(), size))
    finally:
        terminal.quit(QUIT_OSTGUIDE)
    if cpu_start is None:
        raise RuntimeError("the lag guide's remarks never appeared")
    start = music_start(raw)
    lags: list[float] = []
    for cue in sorted(changes & watch.highlighted_at.keys()):
        target = start + CUE_TIMES_MS[cue] * BYTES_PER_SECOND // 1000
        reached = next((t for t, size in sizes if size >= target), None)
        if reached is not None:
            lags.append((watch.highlighted_at[cue] - reached) * 1000)
    (first_t, first_size), (last_t, last_size) = sizes[1], sizes[-1]
    speed = (last_size - first_size) / BYTES_PER_SECOND / (last_t - first_t)
    cpu = 100 * (cpu_end[1] - cpu_start[1]) / (cpu_end[0] - cpu_start[0])
    return Lag(lags, len(changes) - len(lags), speed, cpu)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), linearly interpolated."""
    return float(np.percentile(np.asarray(values), q))


def row(name: str, measured: str, goal: str = "", passed: bool | None = None) -> str:
    """One line of the table; `passed` is None for a figure without a goal."""
    verdict = "" if passed is None else "pass" if passed else "FAIL"
    return f"{name:<44} {measured:>22}  {goal:<16} {verdict}"


def report(startup: Startup, playing: Playing, lag: Lag) -> list[str]:
    """The table of every figure, its goal and whether it was met."""
    bare, cold, warm = (statistics.median(v) for v in (startup.bare, startup.cold, startup.warm))
    ratio, cold_ratio = warm / bare, cold / bare
    lines = [
        row("figure", "measured", "goal", None),
        "-" * 90,
        row(f"first screen, bare Textual (median of {REPEATS})", f"{bare:.3f} s"),
        row(
            "first screen, ostguide warm scan cache",
            f"{warm:.3f} s = {ratio:.2f}×",
            "≤ 1.3× bare",
            ratio <= 1.3,
        ),
        row("first screen, ostguide cold scan cache", f"{cold:.3f} s = {cold_ratio:.2f}×"),
        row(
            f"CPU playing {CPU_SECONDS:.0f} s (% of one core)",
            f"{playing.cpu_percent:.2f} %",
            "≤ 2 %",
            playing.cpu_percent <= 2,
        ),
        row("RSS peak (VmHWM)", f"{playing.peak_mb:.1f} MB", "≤ 100 MB", playing.peak_mb <= 100),
        row(
            "RSS after 30 s of playing (VmRSS)",
            f"{playing.rss_mb:.1f} MB",
            "≤ 100 MB",
            playing.rss_mb <= 100,
        ),
    ]
    if lag.lags_ms:
        p95 = percentile(lag.lags_ms, 95)
        lines += [
            row(
                f"highlight lag p50 ({len(lag.lags_ms)} changes)",
                f"{statistics.median(lag.lags_ms):.0f} ms",
            ),
            row("highlight lag p95", f"{p95:.0f} ms", "≤ 50 ms", p95 <= 50),
            row("highlight lag max", f"{max(lag.lags_ms):.0f} ms"),
        ]
    lines += [
        row("remark changes not seen on screen", str(lag.missed), "0", lag.missed == 0),
        row("CPU, a remark every 3.2 s (% of one core)", f"{lag.cpu_percent:.2f} %"),
        "",
        f"runs (s): bare {fmt(startup.bare)}; cold {fmt(startup.cold)}; warm {fmt(startup.warm)}",
        f"audio written in the CPU window: {playing.audio_seconds:.2f} s of {CPU_SECONDS:.0f} s; "
        f"disk driver speed vs wall clock: {lag.driver_speed:.4f}×",
        f"lags (ms): {', '.join(f'{v:.0f}' for v in lag.lags_ms)}",
    ]
    return lines


def fmt(values: Sequence[float]) -> str:
    """Seconds of every run, in order."""
    return " ".join(f"{v:.3f}" for v in values)


def step(what: str) -> None:
    """Say what the benchmark is doing."""
    print(f"[{time.strftime('%H:%M:%S')}] {what}", flush=True)


def main() -> None:
    step(f"generating audio (cached in {CACHE})")
    rip, album = build_rip(CACHE / "noein")
    track = build_lag_track(CACHE / "lag")
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        work = Path(tmp)
        step(f"time to first screen: bare app and ostguide, {REPEATS} runs each")
        startup = measure_startup(work, rip, album)
        step(f"CPU and memory over {CPU_SECONDS:.0f} s of playing")
        playing = measure_playing(work, rip, album)
        step(f"highlight lag over a {LAG_SECONDS} s track")
        lag = measure_lag(work, track)
    print()
    for line in report(startup, playing, lag):
        print(line)


if __name__ == "__main__":
    main()
