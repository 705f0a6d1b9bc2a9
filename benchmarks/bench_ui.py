"""The listening screen as the listener meets it: each row of issue 24's table against a baseline
measured in the same run (this machine is shared: absolute times drift, ratios much less).

    python benchmarks/bench_ui.py [--quick] [--only startup,keys,lag,cpu,rss,gap,size]

It runs the checkout it lives in (`python -m ostguide` with the checkout first on PYTHONPATH),
whatever is installed. Each program runs as a child on a pseudo-terminal of 120×40
(TERM=xterm-256color, COLORTERM=truecolor) with its own XDG folders in a temporary directory, so
the user's config, state, scan cache and guides are never touched. Audio goes through SDL's disk
driver, whose file tells what was actually heard, and when.

| figure | baseline (same run) | goal |
|---|---|---|
| first remark of Noein on screen (warm scan cache) | a one-label Textual app (`bare`) | ≤ 1.5× |
| (floor) the same widget kinds in plain Textual (`bare_screen`) | bare | — |
| music audible (first loud sample in the disk file) | bare | ≤ 1.2× |
| (floor) pygame alone, lean import, playing the first file | bare | — |
| `n` on a 1,000 × 10 guide, to a settled screen (worst) | `n` on Noein | ≤ 0.06 s |
| highlight lag vs the audio written, p95 / max, from the first remark | SDL's buffer | ≤ 30/60 ms |
| CPU paused − an idle bare app | the idle bare app | ≤ +0.1 point |
| CPU playing − pygame alone at the same 256-frame buffer | pygame alone | ≤ +0.3 point |
| RSS, Noein with a Japanese-tagged rip (opened again, caches warm) | a Latin rip | ≤ 100 MB |
| gap between two files (longest silence in the disk file at a change) | — | 0 ms |
| (earlier) 1,000 tracks: first remark, n/p/], RSS, parse | Noein | ≤ 1.3×, 0.1 s, 100 MB, 0.3 s |

Highlight lag: a one-track guide (60 s FLAC tone, a remark every 0.5618 s whose text is a marker).
The terminal output is parsed for the moment each remark's marker is first drawn on the highlight
background; the disk file's size is polled every millisecond for the moment it holds the audio up
to that remark's time (the music's first sample is found in the file, so the silence before it
does not count). The disk driver writes one 1024-byte buffer (256 frames, 5.8 ms) at a time and
the app's clock counts audio handed to SDL a buffer before it is written: a lag can come out
negative. The first 10 s (when the screen is still mounting remarks) are also shown apart.

Gap: three FLAC files cut from one continuous tone, played as an album; the longest run of
near-silent samples around each change (the tone crosses zero in one sample).
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import numpy as np  # noqa: E402
from albums import NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM  # noqa: E402
from audiogen import make_tone, tone, write_tags  # noqa: E402
from bench_parse import make_guide  # noqa: E402

from ostguide.guide.parser import load_guide, parse_text  # noqa: E402

CACHE = Path("/tmp/ostguide-bench-ui")
"""Generated audio, kept between runs (a marker file says a folder is complete)."""
PYCACHE = CACHE / "pycache"
"""Compiled modules of the children (every run's first start of each program compiles them)."""
NOEIN = ROOT / "guides" / "noein.md"
OSTGUIDE = [sys.executable, "-m", "ostguide"]
COLUMNS, ROWS = 120, 40
TRACK_SECONDS = 40.0
"""Length of each track of the rip (libsndfile 1.2.2 crashes writing much longer OGG at once)."""
SETTLE = 2.0
"""Seconds between the first screen and the start of a CPU window."""
REST = 6.0
"""Seconds after pausing before the paused CPU window: the device is closed by then."""
BIG_TRACKS = 1_000
"""The most tracks a guide may hold (`ostguide.guide.limits`)."""
QUIET = 0.3
"""A screen is settled when nothing has been drawn for this long."""
NEXTS = 8
"""Presses of `n` timed on each guide (the worst counts)."""
SIZE_KEYS = (b"n", b"p", b"]")
LAG_SECONDS = 60
AFTER_LAST_CUE = 0.5
EARLY = 10.0
"""The lag of the first seconds (remarks still being mounted) is also shown apart."""
CUE_SPACING_MS = 562
"""About 0.56 s: over 100 remark changes in a minute, meeting the app's timers at every phase."""
CUE_TIMES_MS = range(0, (LAG_SECONDS - 2) * 1000, CUE_SPACING_MS)
BYTES_PER_SECOND = 44100 * 2 * 2
"""What the disk driver writes for one second: 44.1 kHz, 16-bit, stereo."""
LOUD = 100
"""A sample above this (of 32,767) is music, not the silence before it."""
QUIET_SAMPLE = 64
"""A sample at most this far from zero counts as silence when looking for a gap."""
GAP_SECONDS = (2.0, 2.0, 2.0)
GAP_HZ = 1000.0
FIRST_REMARK = "fierce and martial"
"""Words of the Noein guide's first remark."""
BIG_FIRST_REMARK = "Remark 0 of track 1:"
BARE_LABEL = "bare textual app"
BARE_APP = f"""
from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label({BARE_LABEL!r})


Bare().run()
"""
BARE_TICKER = f"""
import itertools
from textual.app import App, ComposeResult
from textual.widgets import Label, Static


class Ticker(App[None]):
    def compose(self) -> ComposeResult:
        yield Label({BARE_LABEL!r})
        self.line = Static("")
        yield self.line

    def on_mount(self) -> None:
        self.count = itertools.count()
        self.set_interval(0.25, self.tick)

    def tick(self) -> None:
        n = next(self.count)
        head = n % 118
        self.line.update(f"▶ 0:{{n % 60:02d}} / 0:40\\n" + "━" * head + "●" + "─" * (117 - head))


Ticker().run()
"""
"""A bare app redrawing a two-line, 120-column transport line four times a second: what the
listening screen's own redraws cost at most, as the play head moves on a 40 s track."""
PLAIN_APP = """
import sys
from pathlib import Path
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static

from ostguide.guide.parser import load_guide

guide = load_guide(Path(sys.argv[1])).guide
track = guide.tracks[0]


class Plain(App[None]):
    BINDINGS = [("q", "quit", "Quit"), ("n", "next", "Next")]

    def compose(self) -> ComposeResult:
        yield Static(guide.album.title)
        with Horizontal():
            self.tracks = OptionList(*(t.title for t in guide.tracks))
            yield self.tracks
            with VerticalScroll():
                self.heading = Static(track.title)
                yield self.heading
                self.remarks = [Static(cue.text) for cue in track.cues]
                yield from self.remarks
        yield Static("0:00 / 2:51")
        yield Footer()

    def action_next(self) -> None:
        index = (self.tracks.highlighted or 0) + 1
        self.tracks.highlighted = index
        shown = guide.tracks[index]
        self.heading.update(shown.title)
        for remark, cue in zip(self.remarks, shown.cues):
            remark.update(cue.text)


Plain().run()
"""
"""`bare_screen`: the widget kinds of the listening screen in plain Textual (a header, a list of
the tracks, one widget per remark of the first track, a transport line, a key line); `n` puts
the next track's remarks in the same widgets."""
PYGAME_ALONE = """
import sys, time
for name in ("pygame.surfarray", "pygame.sndarray", "pygame.pkgdata"):
    sys.modules[name] = None
import pygame.mixer

pygame.mixer.init(frequency=44100, buffer=256)
files = sys.argv[1:]
pygame.mixer.music.load(files[0])
pygame.mixer.music.play()
for name in files[1:]:
    pygame.mixer.music.queue(name)
print("playing", flush=True)
time.sleep(3600)
"""
"""pygame alone (imported without its array modules, as ostguide does), playing the rip."""
COUNT_PARSES = """
import atexit, sys
from ostguide.guide import parser
from ostguide import cli

count = [0]
original = parser.parse_text


def counted(*args, **kwargs):
    count[0] += 1
    return original(*args, **kwargs)


parser.parse_text = counted
atexit.register(lambda: open(sys.argv[1], "w").write(str(count[0])))
cli.main(sys.argv[2:])
"""
QUIT_BARE = b"\x11"
"""ctrl+q: a plain Textual app's quit key."""
QUIT_OSTGUIDE = b"q"
SEGMENT = re.compile(rb"\x1b\[([0-9;]*)m([^\x1b]*)")
"""A Select Graphic Rendition sequence and the text drawn with it."""
BACKGROUND = re.compile(rb"(?:^|;)48;2;(\d+);(\d+);(\d+)")
MARKER = re.compile(rb"cue(\d\d\d)")


def isolated_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment for a child: XDG folders under `root`, a truecolor terminal, no banner,
    this checkout first on the module path, and compiled modules kept (in `PYCACHE`, outside the
    checkout) as an installed copy has them: a child that compiled every module from its source
    each time (with PYTHONDONTWRITEBYTECODE set, as on these machines) would count 80 ms of
    compiling that no listener's start pays."""
    env = dict(os.environ)
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        SDL_AUDIODRIVER="dummy",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        PYTHONPYCACHEPREFIX=str(PYCACHE),
    )
    env.update(extra)
    return env


def disk_env(root: Path, raw: Path) -> dict[str, str]:
    """`isolated_env` with the audio written to `raw` by SDL's disk driver."""
    return isolated_env(root, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))


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
        self.last_output = self.started

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
        self.last_output = time.monotonic()
        return data

    def wait_for(
        self, text: str, timeout: float = 30.0, also: Callable[[], None] | None = None
    ) -> float:
        """Seconds from the process start until `text` is on the terminal; `also` is called
        between reads."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{text!r} never appeared:\n{bytes(self.output[-2000:])!r}")
            self.read(0.002 if also else 0.05)
            if also is not None:
                also()
        return time.monotonic() - self.started

    def settle(self, timeout: float = 10.0) -> float:
        """Wait until nothing has been drawn for `QUIET` s; the moment of the last output."""
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last_output < QUIET and time.monotonic() < deadline:
            self.read(0.01)
        return self.last_output

    def press(self, key: bytes) -> float:
        """Press a key; seconds until the screen settled again."""
        self.settle()
        pressed = time.monotonic()
        os.write(self.master, key)
        while self.last_output < pressed and time.monotonic() - pressed < 10:
            self.read(0.01)
        return max(0.0, self.settle() - pressed)

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


def rss_mb(pid: int) -> float:
    """VmRSS of a process in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key == "VmRSS":
            return int(rest.split()[0]) * 1024 / 1e6
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_percent(terminal: Terminal, seconds: float) -> float:
    """CPU of the child over `seconds` of wall clock, in % of one core."""
    cpu_before, wall_before = cpu_seconds(terminal.pid), time.monotonic()
    terminal.drain(seconds)
    return 100 * (cpu_seconds(terminal.pid) - cpu_before) / (time.monotonic() - wall_before)


def build_rip(folder: Path, titles: Sequence[str] | None = None, album: str | None = None) -> Path:
    """The Noein album as a listener's tagged OGG rip (tagged with `titles` and `album` when
    given: the Japanese ones, say)."""
    result = load_guide(NOEIN)
    assert result.guide is not None, "the bundled Noein guide does not parse"
    guide = result.guide
    if not (folder / ".complete").exists():
        template = make_tone(folder / ".template.ogg", TRACK_SECONDS)
        for n, track in enumerate(guide.tracks):
            number = track.id.number
            title = titles[n] if titles else track.title
            path = folder / f"{number:02d} {title}.ogg"
            shutil.copyfile(template, path)
            write_tags(
                path,
                {
                    "title": title,
                    "album": album or guide.album.title,
                    "artist": guide.album.composer,
                    "tracknumber": f"{number}/{len(guide.tracks)}",
                    "discnumber": "1/1",
                },
            )
        (folder / ".complete").touch()
    return folder


def build_gap_album(folder: Path) -> Path:
    """Three FLAC files cut from one continuous tone, and their guide."""
    if not (folder / ".complete").exists():
        samples = tone(sum(GAP_SECONDS), 44100, GAP_HZ)
        start = 0
        for n, seconds in enumerate(GAP_SECONDS, start=1):
            end = start + round(seconds * 44100)
            make_tone(
                folder / "music" / f"{n:02d} Part {n}.flac",
                seconds,
                samples=samples[start:end],
                tags={"title": f"Part {n}", "tracknumber": f"{n}/{len(GAP_SECONDS)}"},
            )
            start = end
        lines = ["+++", 'title = "Bench Gap"', "+++", ""]
        for n, seconds in enumerate(GAP_SECONDS, start=1):
            lines += [f"## {n:02d}. Part {n}", "", f"- Length: 0:{seconds:02.0f}", ""]
            lines += [f"[0:00] Part {n} begins.", ""]
        (folder / "benchgap.md").write_text("\n".join(lines), encoding="utf-8")
        (folder / ".complete").touch()
    return folder


@dataclass
class Startup:
    """Seconds to each first frame (and the first sound), per kind of run."""

    bare: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    remark: list[float] = field(default_factory=list)
    audible: list[float] = field(default_factory=list)
    pygame_audible: list[float] = field(default_factory=list)


def first_screen(argv: Sequence[str], env: Mapping[str, str], text: str, key: bytes) -> float:
    """Seconds from starting `argv` until `text` is drawn; the program is then quit."""
    terminal = Terminal(argv, env)
    try:
        return terminal.wait_for(text)
    finally:
        terminal.quit(key)


def until_audible(terminal: Terminal, audible: Audible, timeout: float = 20.0) -> float:
    """Seconds from the child's start to its first loud sample."""
    deadline = time.monotonic() + timeout
    while audible.heard is None and time.monotonic() < deadline:
        terminal.read(0.002)
        audible()
    if audible.heard is None:
        raise RuntimeError("the music never became audible")
    return audible.heard - terminal.started


def first_remark_and_sound(work: Path, rip: Path, run: int) -> tuple[float, float]:
    """Seconds to the first remark on screen and to the first sound in the disk file."""
    raw = work / f"startup{run}.raw"
    audible = Audible(raw)
    terminal = Terminal([*OSTGUIDE, str(NOEIN), "--music", str(rip)], disk_env(work / "warm", raw))
    try:
        remark = terminal.wait_for(FIRST_REMARK, also=audible)
        return remark, until_audible(terminal, audible)
    finally:
        terminal.quit(QUIT_OSTGUIDE)
        raw.unlink(missing_ok=True)


def pygame_audible(work: Path, rip: Path, run: int) -> float:
    """Seconds until pygame alone (lean import) is heard playing the rip's first file."""
    raw = work / f"alone{run}.raw"
    files = sorted(str(p) for p in rip.glob("*.ogg"))[:1]
    terminal = Terminal([sys.executable, "-c", PYGAME_ALONE, *files], disk_env(work / "alone", raw))
    try:
        return until_audible(terminal, Audible(raw))
    finally:
        terminal.process.kill()
        terminal.quit(b"")
        raw.unlink(missing_ok=True)


def measure_startup(work: Path, rip: Path, repeats: int) -> Startup:
    """The bare app, the plain widgets, pygame alone and ostguide (warm scan cache), interleaved."""
    bare = [sys.executable, "-c", BARE_APP]
    plain = [sys.executable, "-c", PLAIN_APP, str(NOEIN)]
    bare_env = isolated_env(work / "bare")
    first_remark_and_sound(work, rip, -1)  # warms the scan cache (and the compiled modules)
    first_screen(bare, bare_env, BARE_LABEL, QUIT_BARE)
    first_screen(plain, bare_env, FIRST_REMARK, QUIT_OSTGUIDE)
    pygame_audible(work, rip, -1)
    startup = Startup()
    for run in range(repeats):
        startup.bare.append(first_screen(bare, bare_env, BARE_LABEL, QUIT_BARE))
        startup.plain.append(first_screen(plain, bare_env, FIRST_REMARK, QUIT_OSTGUIDE))
        startup.pygame_audible.append(pygame_audible(work, rip, run))
        remark, sound = first_remark_and_sound(work, rip, run)
        startup.remark.append(remark)
        startup.audible.append(sound)
    return startup


def open_and_press(
    guide: Path, text: str, env: Mapping[str, str], keys: Sequence[bytes]
) -> tuple[float, list[float], float]:
    """First remark time, key-to-settled times (paused first, so only the keys draw) and RSS."""
    terminal = Terminal([*OSTGUIDE, str(guide)], env)
    try:
        first = terminal.wait_for(text)
        terminal.drain(SETTLE)
        terminal.press(b" ")
        times = [terminal.press(key) for key in keys]
        return first, times, rss_mb(terminal.pid)
    finally:
        terminal.quit(QUIT_OSTGUIDE)


def many_remarks(tracks: int, cues: int) -> str:
    """A valid guide of `tracks` four-minute tracks of `cues` remarks each, ten seconds apart
    (`bench_parse.make_guide` spaces them 20 s apart: more than 12 would run past the end)."""
    lines = ["+++", 'title = "Many Remarks"', "+++", ""]
    for number in range(1, tracks + 1):
        lines += [f"## {number:02d}. Track number {number}", "", "- Length: 4:00", ""]
        for cue in range(cues):
            minutes, seconds = divmod(cue * 10, 60)
            lines += [
                f"[{minutes}:{seconds:02d}] Remark {cue} of track {number}: the strings answer "
                "the winds with a figure that climbs, then falls back to where it began.",
                "",
            ]
    return "\n".join(lines)


@dataclass
class Keys:
    """`n` to a settled screen on a 1,000 × 10 guide (and 500 × 20) against Noein, and in
    `bare_screen` on the 1,000 × 10 guide."""

    noein: list[float] = field(default_factory=list)
    big: list[float] = field(default_factory=list)
    long: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)


def plain_next(guide: Path, env: Mapping[str, str]) -> list[float]:
    """`n` in `bare_screen`, to a settled screen."""
    terminal = Terminal([sys.executable, "-c", PLAIN_APP, str(guide)], env)
    try:
        terminal.wait_for(BIG_FIRST_REMARK)
        terminal.drain(SETTLE)
        return [terminal.press(b"n") for _ in range(NEXTS)]
    finally:
        terminal.quit(QUIT_OSTGUIDE)


def measure_keys(work: Path, repeats: int) -> Keys:
    """`n` pressed `NEXTS` times on each guide, reading along (no music), interleaved."""
    big, long = work / "keys-big.md", work / "keys-long.md"
    big.write_text(make_guide(BIG_TRACKS), encoding="utf-8")
    long.write_text(many_remarks(BIG_TRACKS // 2, 20), encoding="utf-8")
    empty = work / "no-music"
    empty.mkdir(exist_ok=True)
    keys = Keys()
    for run in range(max(1, repeats // 2)):
        for guide, text, times in (
            (NOEIN, FIRST_REMARK, keys.noein),
            (big, BIG_FIRST_REMARK, keys.big),
            (long, BIG_FIRST_REMARK, keys.long),
        ):
            env = isolated_env(work / f"keys{run}", XDG_MUSIC_DIR=str(empty))
            times.extend(open_and_press(guide, text, env, [b"n"] * NEXTS)[1])
        keys.plain.extend(plain_next(big, isolated_env(work / f"keys{run}")))
    return keys


@dataclass
class Size:
    """The 1,000-track guide against Noein, in the same setup (reading along)."""

    small_first: list[float] = field(default_factory=list)
    big_first: list[float] = field(default_factory=list)
    small_keys: list[float] = field(default_factory=list)
    big_keys: list[float] = field(default_factory=list)
    small_rss: float = 0.0
    big_rss: float = 0.0
    parse_small: float = 0.0
    parse_big: float = 0.0
    parses_on_open: int = 0


def median_parse(text: str, repeats: int) -> float:
    """Median seconds of parsing `text`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = parse_text(text, Path("bench.md"))
        times.append(time.perf_counter() - start)
        assert result.guide is not None
        del result
    return statistics.median(times)


def count_parses(work: Path, guide: Path, text: str) -> int:
    """How many times opening `guide` parses a guide before its first remark is drawn."""
    counter = work / "parses.txt"
    argv = [sys.executable, "-c", COUNT_PARSES, str(counter), str(guide)]
    terminal = Terminal(argv, isolated_env(work / "count"))
    try:
        terminal.wait_for(text)
    finally:
        terminal.quit(QUIT_OSTGUIDE)
    return int(counter.read_text())


def measure_size(work: Path, repeats: int) -> Size:
    """First screen, keys and memory of a 1,000-track guide and of Noein; parse times."""
    big_text = make_guide(BIG_TRACKS)
    big = work / "big.md"
    big.write_text(big_text, encoding="utf-8")
    empty = work / "no-music"
    empty.mkdir(exist_ok=True)
    size = Size()
    for run in range(repeats):
        for guide, text, firsts, presses in (
            (NOEIN, FIRST_REMARK, size.small_first, size.small_keys),
            (big, BIG_FIRST_REMARK, size.big_first, size.big_keys),
        ):
            env = isolated_env(work / f"size{run}", XDG_MUSIC_DIR=str(empty))
            first, times, rss = open_and_press(guide, text, env, SIZE_KEYS * 2 if run == 0 else ())
            firsts.append(first)
            presses.extend(times)
            if run == 0:
                if guide is big:
                    size.big_rss = rss
                else:
                    size.small_rss = rss
    size.parse_small = median_parse(NOEIN.read_text(encoding="utf-8"), 7)
    size.parse_big = median_parse(big_text, 7)
    size.parses_on_open = count_parses(work, big, BIG_FIRST_REMARK)
    return size


@dataclass(frozen=True)
class Cpu:
    """% of one core, each against its baseline."""

    idle_bare: float
    paused: float
    pygame_alone: float
    playing: float
    ticker: float
    """The bare app redrawing a transport line four times a second."""
    audio_seconds: float
    """Seconds of audio the driver wrote while ostguide played: proof that it did."""


def measure_cpu(work: Path, rip: Path, seconds: float) -> Cpu:
    """An idle bare app, ostguide paused (once the device is closed), pygame playing alone at
    the same buffer, ostguide playing."""
    terminal = Terminal([sys.executable, "-c", BARE_APP], isolated_env(work / "bare"))
    try:
        terminal.wait_for(BARE_LABEL)
        terminal.drain(SETTLE)
        idle = cpu_percent(terminal, seconds)
    finally:
        terminal.quit(QUIT_BARE)
    terminal = Terminal([sys.executable, "-c", BARE_TICKER], isolated_env(work / "bare"))
    try:
        terminal.wait_for(BARE_LABEL)
        terminal.drain(SETTLE)
        ticker = cpu_percent(terminal, seconds)
    finally:
        terminal.quit(QUIT_BARE)

    raw = work / "playing.raw"
    env = disk_env(work / "playing", raw)
    terminal = Terminal([*OSTGUIDE, str(NOEIN), "--music", str(rip)], env)
    try:
        terminal.wait_for(FIRST_REMARK)
        terminal.drain(SETTLE)
        if b"your file" not in terminal.output:
            raise RuntimeError("ostguide is reading along, not playing the rip")
        written = raw.stat().st_size
        playing = cpu_percent(terminal, seconds)
        audio = (raw.stat().st_size - written) / BYTES_PER_SECOND
        terminal.press(b" ")
        terminal.drain(REST)
        paused = cpu_percent(terminal, seconds)
    finally:
        terminal.quit(QUIT_OSTGUIDE)

    files = sorted(str(p) for p in rip.glob("*.ogg"))
    alone_raw = work / "alone.raw"
    terminal = Terminal(
        [sys.executable, "-c", PYGAME_ALONE, *files], disk_env(work / "alone", alone_raw)
    )
    try:
        terminal.wait_for("playing")
        terminal.drain(SETTLE)
        alone = cpu_percent(terminal, seconds)
    finally:
        terminal.process.kill()
        terminal.quit(b"")
    return Cpu(idle, paused, alone, playing, ticker, audio)


@dataclass(frozen=True)
class Rss:
    """MB resident once the music plays, per rip."""

    latin: float
    japanese_first: float
    """The Japanese rip opened for the first time (its titles read into romaji)."""
    japanese: float
    """Opened again."""


def playing_rss(work: Path, rip: Path, name: str) -> float:
    """RSS of ostguide playing `rip` (a home of its own per name, kept between opens)."""
    raw = work / f"rss-{name}.raw"
    terminal = Terminal(
        [*OSTGUIDE, str(NOEIN), "--music", str(rip)], disk_env(work / f"rss-{name}", raw)
    )
    try:
        terminal.wait_for("your file")
        terminal.drain(SETTLE)
        return rss_mb(terminal.pid)
    finally:
        terminal.quit(QUIT_OSTGUIDE)
        raw.unlink(missing_ok=True)


def measure_rss(work: Path, latin: Path, japanese: Path) -> Rss:
    """Noein playing a Latin-tagged rip and a Japanese-tagged one, each opened twice (the second
    time with every cache warm: the scan, the romaji, the analysis of the first track)."""
    playing_rss(work, latin, "latin")
    first = playing_rss(work, japanese, "japanese")
    return Rss(playing_rss(work, latin, "latin"), first, playing_rss(work, japanese, "japanese"))


def longest_quiet(samples: np.ndarray) -> int:
    """The longest run of samples at most `QUIET_SAMPLE` from zero."""
    quiet = np.abs(samples.astype(np.int32)) <= QUIET_SAMPLE
    if not quiet.any():
        return 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.view(np.int8), [0]])))
    return int((edges[1::2] - edges[0::2]).max())


def measure_gap(work: Path, album: Path) -> list[float]:
    """Milliseconds of silence at each change between the gap album's files."""
    raw = work / "gap.raw"
    guide = album / "benchgap.md"
    terminal = Terminal(
        [*OSTGUIDE, str(guide), "--music", str(album / "music")], disk_env(work / "gap", raw)
    )
    try:
        terminal.wait_for("Part 1 begins")
        terminal.drain(sum(GAP_SECONDS) + 2)
    finally:
        terminal.quit(QUIT_OSTGUIDE)
    left = np.fromfile(raw, dtype="<i2")[0::2]
    start = music_start(raw) // 4
    gaps = []
    at = start
    for seconds in GAP_SECONDS[:-1]:
        at += round(seconds * 44100)
        around = left[max(at - 2205, 0) : at + 2205]  # 50 ms either side of the change
        gaps.append(1000 * longest_quiet(around) / 44100)
    return gaps


@dataclass(frozen=True)
class Lag:
    """Highlight lag per remark change, and what was seen of the driver."""

    lags_ms: list[float]
    at: list[float]
    """When each change was due, in seconds of the track."""
    missed: int
    driver_speed: float
    """Seconds of audio written per second of wall clock."""

    def within(self, first: float, last: float) -> list[float]:
        """The lags of the changes due from `first` to `last` seconds."""
        return [lag for lag, t in zip(self.lags_ms, self.at, strict=True) if first <= t < last]


def build_lag_track(folder: Path) -> Path:
    """One tagged 60 s FLAC tone for the highlight-lag guide."""
    path = folder / "01 Tick.flac"
    if not path.exists():
        make_tone(path, LAG_SECONDS, tags={"title": "Tick", "album": "Bench Lag"})
    return path


def write_lag_guide(folder: Path) -> Path:
    """A guide of one 60 s track with a remark every 0.56 s, each saying `cueNNN`."""
    lines = ["+++", 'title = "Bench Lag"', "+++", "", "## 01. Tick", "", "- Length: 1:00", ""]
    for k, ms in enumerate(CUE_TIMES_MS):
        minutes, seconds = divmod(ms // 1000, 60)
        lines += [f"[{minutes}:{seconds:02d}.{ms % 1000:03d}] cue{k:03d} marker.", ""]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "benchlag.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class Audible:
    """Watches a disk-driver file for its first loud sample."""

    def __init__(self, raw: Path) -> None:
        self.raw = raw
        self.read_bytes = 0
        self.heard: float | None = None

    def __call__(self) -> None:
        if self.heard is not None or not self.raw.exists():
            return
        with self.raw.open("rb") as stream:
            stream.seek(self.read_bytes)
            data = stream.read()
        data = data[: len(data) // 4 * 4]
        self.read_bytes += len(data)
        if data and np.any(np.abs(np.frombuffer(data, dtype="<i2")) > LOUD):
            self.heard = time.monotonic()


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
    guide = write_lag_guide(root / "guides")
    watch = HighlightWatch()
    sizes: list[tuple[float, int]] = []
    changes = set(range(1, len(CUE_TIMES_MS)))
    terminal = Terminal([*OSTGUIDE, str(guide), "--music", str(track.parent)], disk_env(root, raw))
    try:
        deadline = time.monotonic() + LAG_SECONDS + 20
        while not changes <= watch.highlighted_at.keys() and time.monotonic() < deadline:
            data = terminal.read(0.001)
            now = time.monotonic()
            if data:
                watch.feed(data, now)
            size = raw.stat().st_size if raw.exists() else 0
            if not sizes or size != sizes[-1][1]:
                sizes.append((now, size))
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
    start = music_start(raw)
    lags: list[float] = []
    at: list[float] = []
    for cue in sorted(changes & watch.highlighted_at.keys()):
        target = start + CUE_TIMES_MS[cue] * BYTES_PER_SECOND // 1000
        reached = next((t for t, size in sizes if size >= target), None)
        if reached is not None:
            lags.append((watch.highlighted_at[cue] - reached) * 1000)
            at.append(CUE_TIMES_MS[cue] / 1000)
    (first_t, first_size), (last_t, last_size) = sizes[1], sizes[-1]
    speed = (last_size - first_size) / BYTES_PER_SECOND / (last_t - first_t)
    return Lag(lags, at, len(changes) - len(lags), speed)


def row(name: str, measured: str, against: str = "", goal: str = "", ok: bool | None = None) -> str:
    """One line of the table; `ok` is None for a figure without a goal."""
    verdict = "" if ok is None else "pass" if ok else "FAIL"
    return f"{name:<48} {measured:>14} {against:>26}  {goal:<16} {verdict}"


def p95(values: Sequence[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def top(values: Sequence[float]) -> float:
    return max(values) if values else float("nan")


@dataclass
class Results:
    """Whatever was measured (a part left out with --only is None)."""

    startup: Startup | None = None
    keys: Keys | None = None
    lag: Lag | None = None
    cpu: Cpu | None = None
    rss: Rss | None = None
    gap: list[float] | None = None
    size: Size | None = None


def report(results: Results) -> list[str]:
    """The table of every figure, its baseline, its goal and whether it was met."""
    med = statistics.median
    lines = [row("figure", "measured", "against the baseline", "goal"), "-" * 116]
    details: list[str] = []
    if (startup := results.startup) is not None:
        bare = med(startup.bare)
        remark, audible, plain = med(startup.remark), med(startup.audible), med(startup.plain)
        alone = med(startup.pygame_audible)
        lines += [
            row(
                "first remark on screen",
                f"{remark:.3f} s",
                f"{remark / bare:.2f}× bare",
                "≤ 1.5×",
                remark / bare <= 1.5,
            ),
            row(
                "  floor: bare_screen (same widgets, plain)",
                f"{plain:.3f} s",
                f"{plain / bare:.2f}× bare",
            ),
            row(
                "music audible",
                f"{audible:.3f} s",
                f"{audible / bare:.2f}× bare",
                "≤ 1.2×",
                audible / bare <= 1.2,
            ),
            row(
                "  floor: pygame alone, lean import", f"{alone:.3f} s", f"{alone / bare:.2f}× bare"
            ),
            row("  baseline: bare one-label Textual app", f"{bare:.3f} s"),
        ]
        details.append(
            f"runs (s): bare {fmt(startup.bare)}; bare_screen {fmt(startup.plain)}; "
            f"remark {fmt(startup.remark)}; audible {fmt(startup.audible)}; "
            f"pygame alone {fmt(startup.pygame_audible)}"
        )
    if (keys := results.keys) is not None:
        worst, long = top(keys.big), top(keys.long)
        lines += [
            row(
                f"`n` on {BIG_TRACKS:,} × 10, settled (worst)",
                f"{worst:.3f} s",
                f"median {med(keys.big):.3f} s",
                "≤ 0.06 s",
                worst <= 0.06,
            ),
            row(
                f"`n` on {BIG_TRACKS // 2} × 20, settled (worst)",
                f"{long:.3f} s",
                f"median {med(keys.long):.3f} s",
                "≤ 0.06 s",
                long <= 0.06,
            ),
            row(
                f"  floor: bare_screen, `n` on {BIG_TRACKS:,} × 10 (worst)",
                f"{top(keys.plain):.3f} s",
                f"median {med(keys.plain):.3f} s",
            ),
            row(
                "  baseline: `n` on Noein (worst)",
                f"{top(keys.noein):.3f} s",
                f"median {med(keys.noein):.3f} s",
            ),
        ]
        details.append(
            f"`n` (s): Noein {fmt(keys.noein)}; {BIG_TRACKS}×10 {fmt(keys.big)}; "
            f"{BIG_TRACKS // 2}×20 {fmt(keys.long)}; bare_screen {fmt(keys.plain)}"
        )
    if (lag := results.lag) is not None:
        early, later = lag.within(0, EARLY), lag.within(EARLY, LAG_SECONDS)
        lines += [
            row(
                f"highlight lag p95 / max ({len(lag.lags_ms)} changes)",
                f"{p95(lag.lags_ms):.0f} / {top(lag.lags_ms):.0f} ms",
                "vs audio written",
                "≤ 30 / 60 ms",
                p95(lag.lags_ms) <= 30 and top(lag.lags_ms) <= 60 and len(lag.lags_ms) >= 100,
            ),
            row(
                f"  first {EARLY:.0f} s / later, p95 / max",
                f"{p95(early):.0f} / {top(early):.0f} ms",
                f"{p95(later):.0f} / {top(later):.0f} ms later",
            ),
            row("  remark changes not seen on screen", str(lag.missed), "", "0", lag.missed == 0),
            row("  baseline: SDL's buffer (256 frames)", "5.8 ms"),
        ]
        details.append(
            f"disk driver speed vs wall clock: {lag.driver_speed:.4f}×; lags (ms): "
            + ", ".join(f"{v:.0f}" for v in lag.lags_ms)
        )
    if (cpu := results.cpu) is not None:
        lines += [
            row(
                "CPU paused (% of a core)",
                f"{cpu.paused:.2f} %",
                f"{cpu.paused - cpu.idle_bare:+.2f} pt vs idle bare",
                "≤ +0.1 point",
                cpu.paused - cpu.idle_bare <= 0.1,
            ),
            row("  baseline: idle bare Textual app", f"{cpu.idle_bare:.2f} %"),
            row(
                "CPU playing (% of a core)",
                f"{cpu.playing:.2f} %",
                f"{cpu.playing - cpu.pygame_alone:+.2f} pt vs pygame",
                "≤ +0.3 point",
                cpu.playing - cpu.pygame_alone <= 0.3,
            ),
            row("  baseline: pygame alone, 256-frame buffer", f"{cpu.pygame_alone:.2f} %"),
            row(
                "  floor: bare app redrawing a transport line 4×/s",
                f"{cpu.ticker:.2f} %",
                f"{cpu.ticker - cpu.idle_bare:+.2f} pt vs idle bare",
            ),
        ]
        details.append(f"audio written while ostguide played: {cpu.audio_seconds:.1f} s")
    if (rss := results.rss) is not None:
        lines += [
            row(
                "RSS, Noein, Japanese-tagged rip, opened again",
                f"{rss.japanese:.0f} MB",
                f"{rss.japanese - rss.latin:+.0f} MB vs Latin",
                "≤ 100 MB",
                rss.japanese <= 100,
            ),
            row("  the same rip opened the first time", f"{rss.japanese_first:.0f} MB"),
            row("  baseline: Latin-tagged rip, opened again", f"{rss.latin:.0f} MB"),
        ]
    if (gap := results.gap) is not None:
        lines.append(
            row(
                "gap between two files (worst)",
                f"{top(gap):.1f} ms",
                ", ".join(f"{g:.1f}" for g in gap) + " ms",
                "0 ms",
                top(gap) == 0,
            )
        )
    if (size := results.size) is not None:
        small, big = med(size.small_first), med(size.big_first)
        keys_big = top(size.big_keys)
        lines += [
            row(
                f"{BIG_TRACKS:,} × 10: first remark on screen",
                f"{big:.3f} s",
                f"{big / small:.2f}× Noein",
                "≤ 1.3×",
                big / small <= 1.3,
            ),
            row(
                "  same guide: n/p/] settled (worst)",
                f"{keys_big:.3f} s",
                f"{keys_big / med(size.small_keys):.2f}× Noein's median",
                "≤ 0.1 s",
                keys_big <= 0.1,
            ),
            row(
                "  same guide: RSS",
                f"{size.big_rss:.0f} MB",
                f"{size.big_rss / size.small_rss:.2f}× Noein",
                "≤ 100 MB",
                size.big_rss <= 100,
            ),
            row(
                f"  parse {BIG_TRACKS:,} × 10, median",
                f"{size.parse_big:.3f} s",
                f"{size.parse_big / size.parse_small:.0f}× Noein",
                "≤ 0.3 s",
                size.parse_big <= 0.3,
            ),
            row(
                "  parses when opening it",
                str(size.parses_on_open),
                "",
                "1",
                size.parses_on_open == 1,
            ),
        ]
        details.append(
            f"first remark (s): Noein {fmt(size.small_first)}; {BIG_TRACKS} {fmt(size.big_first)}"
        )
    return [*lines, "", *details]


def fmt(values: Sequence[float]) -> str:
    """Seconds of every run, in order."""
    return " ".join(f"{v:.3f}" for v in values)


def step(what: str) -> None:
    """Say what the benchmark is doing."""
    print(f"[{time.strftime('%H:%M:%S')}] {what} (load {os.getloadavg()[0]:.1f})", flush=True)


PARTS = ("startup", "keys", "lag", "cpu", "rss", "gap", "size")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="3 runs and 10 s CPU windows")
    options.add_argument("--only", default=",".join(PARTS), help="parts to measure, by name")
    args = options.parse_args()
    parts = set(args.only.split(","))
    repeats, window = (3, 10.0) if args.quick else (7, 20.0)
    step(f"generating audio (cached in {CACHE})")
    rip = build_rip(CACHE / "noein")
    results = Results()
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        work = Path(tmp)
        if "startup" in parts:
            step(f"first frame, first remark, first sound: {repeats} runs each")
            results.startup = measure_startup(work, rip, repeats)
        if "keys" in parts:
            step(f"`n` on {BIG_TRACKS:,} × 10 and {BIG_TRACKS // 2} × 20 against Noein")
            results.keys = measure_keys(work, repeats)
        if "lag" in parts:
            step(f"highlight lag over a {LAG_SECONDS} s track")
            results.lag = measure_lag(work, build_lag_track(CACHE / "lag"))
        if "cpu" in parts:
            step(f"CPU over {window:.0f} s windows: idle, playing, paused, pygame alone")
            results.cpu = measure_cpu(work, rip, window)
        if "rss" in parts:
            step("memory: Noein with a Latin and a Japanese-tagged rip")
            japanese = build_rip(CACHE / "noein-ja", NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM)
            results.rss = measure_rss(work, rip, japanese)
        if "gap" in parts:
            step("the gap between files")
            results.gap = measure_gap(work, build_gap_album(CACHE / "gap"))
        if "size" in parts:
            step(f"{BIG_TRACKS:,} tracks against 23: first remark, keys, memory, parsing")
            results.size = measure_size(work, repeats)
    print()
    for line in report(results):
        print(line)


if __name__ == "__main__":
    main()
