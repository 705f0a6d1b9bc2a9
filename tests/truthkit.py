"""What the whole-album truth test needs around the runner (`truth.py`): a generated album (each
track a steady tone of its own frequency, so the capture says which track sounded when), its guide
and settings, running cases in parallel, and reading the capture back.

A case's expectation is the list of stretches the listener should hear: each a track, where in
it the stretch starts, and whether it followed the previous stretch by itself (a gapless change)
or was started by a key. From the capture come the stretches really heard, the silence at each
gapless change, and, at every moment of sound, the track and remark it belongs to; from the
runner's log, what the controller and the screen said at each moment. The checks compare them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from bisect import bisect_right
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import soundfile
from audiogen import make_tone, tone

from ostguide.guide.model import TrackId
from ostguide.player.decoded import mixer_path
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

RATE = 44100
"""The disk driver's capture: 16-bit little-endian stereo at 44.1 kHz (4 bytes a sample)."""
WINDOW = 220
"""Samples in one analysis window (5 ms)."""
SILENT = 300
"""Peak below which a window is silence (the tones peak at 0.2 of full scale, 6,554)."""
BASE_HZ, STEP_HZ = 1000.0, 400.0
"""Track n's tone: BASE_HZ + STEP_HZ·(n − 1); 400 Hz apart is four zero crossings a window."""
REMARK_AT = 0.45
"""Every track has a remark at its start and one this far into it."""
RAMP = (0.1, 0.3)
"""With `Case.ramp`, a track's tone grows from the first to the second of these (parts of full
scale) over its length: its loudness says where in the track each moment of the capture is."""
WENT_BACK = 0.02
"""A fall in a ramped tone's loudness this large from one window to the next (part of full
scale, about 0.1 s of a 1 s track) is the music going back (a repeat, an A–B loop)."""
TESTS = Path(__file__).parent


@dataclass(frozen=True)
class Mark:
    """Where in its track the music was heard when a key was pressed (read from the ramp of a
    ramped case): an A–B loop's A or B."""

    key: int
    """The press (index among the script's keys)."""


@dataclass(frozen=True)
class Hear:
    """A stretch of a track the listener should hear."""

    track: int
    """Index of the track in the album."""
    start: float | Mark = 0.0
    """Where in the track it starts (seconds, or where a key was pressed)."""
    key: int | None = None
    """The press (index among the script's keys) that started it; None when it follows the
    stretch before by itself, without a gap (or begins the run). A stretch that a key ends
    has no length to check; any other plays to the track's end (or to `end`)."""
    end: float | Mark | None = None
    """Where the stretch ends when the music goes back before the track's end (an A–B loop's
    B), by itself."""
    again: bool = False
    """Heard once or more in a row (the passes of an A–B loop, however many the keys allow)."""

    @property
    def begins(self) -> float:
        """`start` in seconds (marks are read from the capture first: `resolved`)."""
        assert not isinstance(self.start, Mark), "a mark is read from the capture first"
        return self.start

    def ends(self, length: float) -> float:
        """`end` in seconds, else the track's `length`."""
        assert not isinstance(self.end, Mark), "a mark is read from the capture first"
        return length if self.end is None else self.end


@dataclass(frozen=True)
class Case:
    """An album, where it starts, what is pressed when, and what must be heard."""

    name: str
    formats: Sequence[str]
    """Each track's file suffix (`.flac`…); all the same with `image`."""
    lengths: Sequence[float]
    """Seconds, multiples of 1/75 (a CUE sheet's frame)."""
    hear: Sequence[Hear]
    script: Sequence[Sequence[Any]] = ()
    """Steps for the runner: ("at", track, seconds), ("sleep", seconds), ("press", key…)."""
    image: bool = False
    """One FLAC file of the whole album with a CUE sheet, instead of a file per track."""
    resume: tuple[int, float] | None = None
    """The place remembered from last time (track index, seconds)."""
    themes: Sequence[int] = ()
    """Tracks that state the guide's one theme (`t` then enter tours them)."""
    links: dict[int, tuple[int, float]] = field(default_factory=dict)
    """Track index → (track, seconds) its middle remark links to."""
    ramp: bool = False
    """Each tone grows louder through its track (`RAMP`): the capture then says where in the
    track each stretch begins and ends, and when the music went back (`WENT_BACK`)."""

    def freq(self, track: int) -> float:
        return BASE_HZ + STEP_HZ * track

    def remarks(self, track: int) -> list[float]:
        """The times of a track's remarks, in order."""
        return [0.0, round(REMARK_AT * self.lengths[track], 2)]


def ramp_tone(seconds: float, freq: float) -> np.ndarray:
    """A stereo tone whose loudness grows through it (`RAMP`), as float32 samples."""
    t = np.arange(int(seconds * RATE)) / RATE
    level = RAMP[0] + (RAMP[1] - RAMP[0]) * t / seconds
    mono = (level * np.sin(2 * np.pi * freq * t)).astype("float32")
    return np.column_stack([mono, mono])


def ramp_position(mono: np.ndarray, sample: int, length: float) -> float:
    """Where in a ramped track of `length` seconds the window at `sample` is, by its loudness."""
    peak = np.abs(mono[sample : sample + WINDOW].astype(np.int32)).max() / 32768
    return float((peak - RAMP[0]) / (RAMP[1] - RAMP[0]) * length)


def stamp(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:06.3f}"


def guide_text(case: Case) -> str:
    """The guide of a case's album: a remark at each track's start and middle, its links, its
    theme."""
    lines = ["+++", 'title = "Truth"', 'composer = "Tones"']
    if case.themes:
        lines += ["", "[themes]", 'motif = { name = "The Motif", description = "Tones." }']
    lines += ["+++", ""]
    for n, _ in enumerate(case.lengths):
        lines += [f"## {n + 1:02d}. Tone {n + 1}", ""]
        if n in case.themes:
            lines += ["- Themes: motif", ""]
        for k, at in enumerate(case.remarks(n)):
            text = f"Remark {k} of tone {n + 1}."
            if k == 1 and n in case.links:
                target, where = case.links[n]
                text += f" Compare [tone {target + 1}](#{target + 1:02d}@{stamp(where)})."
            lines += [f"[{stamp(at)}] {text}", ""]
    return "\n".join(lines)


def prepare(case: Case, folder: Path) -> dict[str, Any]:
    """Write the case's album, guide, settings and script into `folder`; what the runner and
    the checks need to know."""
    music = folder / "music"
    music.mkdir(parents=True)
    if case.image:
        samples = np.concatenate([tone(s, RATE, case.freq(n)) for n, s in enumerate(case.lengths)])
        soundfile.write(music / "Truth.flac", samples, RATE, format="FLAC")
        sheet = ['PERFORMER "Tones"', 'TITLE "Truth"', 'FILE "Truth.flac" WAVE']
        start = 0.0
        for n, seconds in enumerate(case.lengths):
            frames = round(start * 75)
            sheet += [
                f"  TRACK {n + 1:02d} AUDIO",
                f'    TITLE "Tone {n + 1}"',
                f"    INDEX 01 {frames // 4500:02d}:{frames // 75 % 60:02d}:{frames % 75:02d}",
            ]
            start += seconds
        (music / "Truth.cue").write_text("\n".join(sheet) + "\n")
    else:
        for n, (suffix, seconds) in enumerate(zip(case.formats, case.lengths, strict=True)):
            tags = {"title": f"Tone {n + 1}", "album": "Truth"}
            tags["tracknumber"] = f"{n + 1}/{len(case.lengths)}"
            ramped = ramp_tone(seconds, case.freq(n)) if case.ramp else None
            name = f"{n + 1:02d} Tone {n + 1}{suffix}"
            make_tone(music / name, seconds, freq=case.freq(n), tags=tags, samples=ramped)
    (folder / "truth.md").write_text(guide_text(case))
    env = home_in(folder)
    if case.resume is not None:
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            config, _ = load_config()
            state, _ = State.load()
            memory = SettingsMemory("truth", config, state)
            memory.place(TrackId(1, case.resume[0] + 1), case.resume[1])
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    write_case(folder, list(case.script), 2 * sum(case.lengths) + 10)
    return env


def home_in(folder: Path) -> dict[str, str]:
    """A home of its own for one case in `folder` (its settings, state and caches), where stamps
    are neither snapped nor placed on the music; the environment that points there."""
    home = folder / "home"
    env = {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "HOME": str(home),
    }
    for made in env.values():
        Path(made).mkdir(parents=True, exist_ok=True)
    (home / "config" / "ostguide").mkdir(parents=True)
    (home / "config" / "ostguide" / "config.toml").write_text(
        "snap_stamps = false\nplace_remarks = false\n"
    )
    return env


def write_case(folder: Path, script: list[Any], timeout: float) -> None:
    """What the runner plays in `folder`: `truth.md` over `music/`, the keys of `script`, and
    the seconds after which it gives up."""
    (folder / "case.json").write_text(
        json.dumps({"guide": "truth.md", "music": "music", "script": script, "timeout": timeout})
    )


def run(folder: Path, home: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Play the case prepared in `folder` through the runner on the disk driver, with the
    settings folders of `home`."""
    env = (
        os.environ
        | home
        | {
            "SDL_AUDIODRIVER": "disk",
            "SDL_DISKAUDIOFILE": str(folder / "capture.raw"),
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
            "TEXTUAL_ANIMATIONS": "none",
            "PYTHONPATH": os.pathsep.join([str(TESTS.parent), str(TESTS)]),
        }
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no MPRIS on a desktop the tests run beside
    return subprocess.run(
        [sys.executable, str(TESTS / "truth.py"), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_prepared(runs: Sequence[tuple[Path, dict[str, str]]], parallel: int = 3) -> None:
    """Play each prepared (folder, settings folders) through the runner, `parallel` at a time
    (each mostly waits on its sound); what the runner printed goes to `runner.txt` beside it."""

    def one(prepared: tuple[Path, dict[str, str]]) -> None:
        folder, home = prepared
        done = run(folder, home)
        (folder / "runner.txt").write_text(f"exit {done.returncode}\n{done.stdout}\n{done.stderr}")

    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, runs))


@dataclass
class Heard:
    """A stretch of one track's tone in the capture."""

    track: int
    first: int
    """Sample where it begins."""
    last: int
    """Sample after its end."""
    silent: list[tuple[int, int]] = field(default_factory=list)
    """Pauses inside it: (first, last) samples of silence."""

    @property
    def sounding(self) -> float:
        """Seconds of its tone, pauses left out."""
        return (self.last - self.first - sum(b - a for a, b in self.silent)) / RATE


class AudioClock:
    """The sound written by each moment of the monotonic clock, from the runner's record of the
    capture's growth: the driver flushes 4,096 bytes at a time, so at each recorded step the
    capture held exactly that much, and between two steps it is interpolated (within one
    1,024-byte mixing buffer, 6 ms)."""

    def __init__(self, steps: Sequence[Sequence[float]]) -> None:
        self._times = np.array([t for t, _ in steps])
        self._sizes = np.array([size for _, size in steps], dtype=float)

    def sample_at(self, moment: float) -> int:
        """The capture's sample (frame) being written at `moment`."""
        return int(np.interp(moment, self._times, self._sizes)) // 4


def capture(folder: Path) -> np.ndarray:
    """The left channel of what the disk driver wrote, as 16-bit integers."""
    return np.fromfile(folder / "capture.raw", dtype="<i2")[0::2]


def labels(mono: np.ndarray, case: Case) -> np.ndarray:
    """Per 5 ms window: the track whose tone sounds (−1: silence, −2: neither — a window
    across a change)."""
    count = len(mono) // WINDOW
    windows = mono[: count * WINDOW].reshape(count, WINDOW).astype(np.int32)
    peaks = np.abs(windows).max(axis=1)
    crossings = np.count_nonzero(np.diff(np.signbit(windows), axis=1), axis=1)
    hz = crossings * RATE / (2 * WINDOW)
    track = np.rint((hz - BASE_HZ) / STEP_HZ).astype(int)
    known = (track >= 0) & (track < len(case.lengths))
    near = np.abs(hz - (BASE_HZ + STEP_HZ * track)) < STEP_HZ / 3
    return np.where(peaks < SILENT, -1, np.where(known & near, track, -2))


def stretches(mono: np.ndarray, case: Case, splits: Sequence[int] = ()) -> list[Heard]:
    """The stretches of tone in the capture, in order. A run of one track's windows continues
    across silence (a pause) and windows across a change; it is cut at the `splits` (samples
    where a key moved within the same track) and, in a ramped case, where the music went back."""
    marks = labels(mono, case)
    heard: list[Heard] = []
    quiet_since: int | None = None
    cuts = sorted(splits)
    loud = 0.0
    for w, mark in enumerate(marks.tolist()):
        at = w * WINDOW
        if mark == -1:
            quiet_since = at if quiet_since is None else quiet_since
            continue
        if mark == -2:
            continue
        current = heard[-1] if heard else None
        cut = current is not None and any(current.last <= c < at + WINDOW for c in cuts)
        peak = np.abs(mono[at : at + WINDOW].astype(np.int32)).max() / 32768
        cut = cut or (case.ramp and peak < loud - WENT_BACK)
        loud = peak
        if current is not None and current.track == mark and not cut:
            if quiet_since is not None and quiet_since > current.last - WINDOW:
                current.silent.append((current.last, at))
            current.last = at + WINDOW
        else:
            heard.append(Heard(mark, at, at + WINDOW))
        quiet_since = None
    return [h for h in heard if h.last - h.first > 3 * WINDOW]


def quiet_run(mono: np.ndarray, first: int, last: int, floor: int = 64) -> int:
    """The longest run of samples at most `floor` from zero in `mono[first:last]`."""
    quiet = np.abs(mono[max(first, 0) : last].astype(np.int32)) <= floor
    if not quiet.any():
        return 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.view(np.int8), [0]])))
    return int((edges[1::2] - edges[0::2]).max())


def edge_silence(path: Path) -> tuple[int, int]:
    """Near-silent samples at the start and at the end of a file as decoded (a lossy codec's
    padding; AAC and WavPack as the player's copy has them): part of the file, not a gap the
    player made."""
    data, rate = soundfile.read(mixer_path(path), dtype="int16", always_2d=True)
    loud = np.flatnonzero(np.abs(data[:, 0].astype(np.int32)) > 64)
    scale = RATE / rate
    if not len(loud):
        return 0, 0
    return round(loud[0] * scale), round((len(data) - 1 - loud[-1]) * scale)


@dataclass
class Verdict:
    """What a case's run proved: its figures, and every way it failed."""

    heard: list[int]
    expected: list[int]
    worst_gap_ms: float = 0.0
    """The longest silence the player made at a gapless change (a file's own padding left out)."""
    worst_controller_ms: float = 0.0
    """The longest time the controller named another track than the one sounding."""
    worst_screen_ms: float = 0.0
    """The longest time the screen showed another track or remark than the one sounding."""
    stamp_shown_ms: float = 0.0
    """The longest a remark written with `i` took to be shown (the file written and read)."""
    problems: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        heard = "".join(str(t + 1) for t in self.heard)
        expected = "".join(str(t + 1) for t in self.expected)
        gap, controller, screen = (
            self.worst_gap_ms,
            self.worst_controller_ms,
            self.worst_screen_ms,
        )
        stamp = f"  stamp shown {self.stamp_shown_ms:3.0f} ms" if self.stamp_shown_ms else ""
        return (
            f"{name:<12} heard {heard:<10} expected {expected:<10} gap {gap:4.1f} ms"
            f"  controller {controller:3.0f} ms  screen {screen:3.0f} ms{stamp}"
        )


LENGTH_TOLERANCE = 0.06
"""Seconds a stretch's length may be off (a lossy codec's padding)."""
KEY_LATENCY = 0.25
"""The longest a stretch started by a key may take to sound after the key is pressed (and it
must not sound before, but for the window the press falls in: a pause kept across a move plays
nothing until the key that resumes)."""
GAP_MS = 6.0
"""The longest silence allowed between two files (one 256-frame mixing buffer is 5.8 ms)."""
LAG_MS = 50.0
"""The longest the controller or the screen may disagree with the sound."""
STAMP_TOLERANCE = 0.1
REDRAW = 0.15
"""Seconds after the screen draws a track's commentary (at the start, and at each change of
track) before its highlighted remark is compared: the commentary is rebuilt on the event loop
first. The track itself is compared throughout."""


def judge(case: Case, folder: Path, guide_stamps: dict[int, list[float]]) -> Verdict:
    """Compare what the capture says was heard with the case's expectation and with what the
    controller and the screen said (`guide_stamps`: each track's remark times in the guide as
    the run left it)."""
    log = json.loads((folder / "log.json").read_text())
    mono = capture(folder)
    clock = AudioClock(log["clock"])
    presses = [[clock.sample_at(t), *rest] for t, *rest in log["presses"]]
    samples = [[clock.sample_at(t), *rest] for t, *rest in log["samples"]]
    splits = [
        presses[e.key][0]
        for before, e in pairwise(case.hear)
        if e.key is not None and e.track == before.track
    ]
    heard = stretches(mono, case, splits)
    expected = [resolved(e, case, mono, presses) for e in expand(case.hear, len(heard))]
    verdict = Verdict([h.track for h in heard], [e.track for e in expected])
    if verdict.heard != verdict.expected:
        verdict.problems.append(f"heard tracks {verdict.heard}, expected {verdict.expected}")
        return verdict
    plan = list(zip(heard, expected, strict=True))
    for n, (h, e) in enumerate(plan):
        ended_by_key = n + 1 < len(plan) and plan[n + 1][1].key is not None
        wanted = e.ends(case.lengths[e.track]) - e.begins
        if not ended_by_key and abs(h.sounding - wanted) > LENGTH_TOLERANCE:
            verdict.problems.append(
                f"track {e.track + 1} sounded {h.sounding:.3f} s, expected {wanted:.3f} s"
            )
        if e.key is not None and not -WINDOW <= h.first - presses[e.key][0] <= KEY_LATENCY * RATE:
            late = (h.first - presses[e.key][0]) / RATE
            verdict.problems.append(
                f"track {e.track + 1} began {late:+.3f} s after the key that starts it"
            )
        if case.ramp:
            verdict.problems += ramp_problems(case, mono, h, e, ended_by_key)
    verdict.worst_gap_ms = worst_gap(case, folder, mono, plan)
    if verdict.worst_gap_ms > GAP_MS:
        verdict.problems.append(f"a gapless change left {verdict.worst_gap_ms:.1f} ms of silence")
    added = stamped(plan, presses)
    cues, edits = guide_cues(case, guide_stamps, added, samples)
    controller, screen = disagreements(case, mono, plan, samples, cues, edits)
    verdict.stamp_shown_ms = max((1000 * (b - a) / RATE for a, b in edits), default=0.0)
    verdict.worst_controller_ms, verdict.worst_screen_ms = controller.ms, screen.ms
    for who, worst in (("controller", controller), ("screen", screen)):
        if worst.ms > LAG_MS:
            verdict.problems.append(f"the {who} disagreed with the sound for {worst}")
    verdict.problems += stamp_problems(case, added, guide_stamps)
    last = samples[-1]
    if last[2] != "ended" or last[1] != heard[-1].track or last[3] != heard[-1].track:
        verdict.problems.append(f"at the end the app said {last[1:]}, not track {heard[-1].track}")
    return verdict


def resolved(e: Hear, case: Case, mono: np.ndarray, presses: list[list[Any]]) -> Hear:
    """`e` with its marks as seconds into its track, as the ramp says they were heard."""

    def seconds(where: float | Mark | None) -> float | None:
        if not isinstance(where, Mark):
            return where
        return ramp_position(mono, presses[where.key][0] - WINDOW, case.lengths[e.track])

    start = seconds(e.start)
    assert start is not None
    return replace(e, start=start, end=seconds(e.end))


def expand(hear: Sequence[Hear], count: int) -> list[Hear]:
    """The stretches expected when `count` are heard: a stretch heard `again` as many times as
    the others leave room for (at least once)."""
    fixed = [e for e in hear if not e.again]
    times = max(count - len(fixed), 1)
    return [x for e in hear for x in ([e] * times if e.again else [e])]


def ramp_problems(case: Case, mono: np.ndarray, h: Heard, e: Hear, ended_by_key: bool) -> list[str]:
    """Where a stretch of a ramped track began and ended, by its loudness, against where it
    should have: its start, and (unless a key ended it) its `end` or the track's end."""
    length = case.lengths[e.track]
    problems = []
    began = ramp_position(mono, h.first + WINDOW, length)
    if abs(began - e.begins) > LENGTH_TOLERANCE:
        problems.append(f"track {e.track + 1} began at {began:.3f} s, expected {e.begins:.3f} s")
    ended = ramp_position(mono, h.last - 2 * WINDOW, length)
    wanted = e.ends(length)
    if not ended_by_key and abs(ended - wanted) > LENGTH_TOLERANCE:
        problems.append(f"track {e.track + 1} ended at {ended:.3f} s, expected {wanted:.3f} s")
    return problems


def worst_gap(case: Case, folder: Path, mono: np.ndarray, plan: list[tuple[Heard, Hear]]) -> float:
    """The longest silence at a gapless change, less the files' own silence at their edges."""
    worst = 0
    music = folder / "music"
    files = sorted(music.iterdir()) if not case.image else []
    edges = [edge_silence(f) for f in files if f.suffix != ".cue"]
    for (a, _), (b, e) in pairwise(plan):
        if e.key is not None:
            continue
        run = quiet_run(mono, a.last - 4 * WINDOW, b.first + 4 * WINDOW)
        own = 2 if case.image else edges[a.track][1] + edges[b.track][0]
        worst = max(worst, run - own)
    return 1000 * worst / RATE


@dataclass
class Disagreement:
    """The longest run of moments one party said something other than what sounded."""

    ms: float = 0.0
    at: float = 0.0
    """When it began, in seconds of the capture."""
    sounded: tuple[Any, ...] = ()
    """(track, remark) heard then."""
    said: tuple[Any, ...] = ()
    """What the party said then."""

    def __str__(self) -> str:
        return f"{self.ms:.0f} ms from {self.at:.3f} s: heard {self.sounded}, said {self.said}"


def disagreements(
    case: Case,
    mono: np.ndarray,
    plan: list[tuple[Heard, Hear]],
    samples: list[list[Any]],
    cues: dict[int, list[tuple[float, float]]],
    edits: Sequence[tuple[int, float]] = (),
) -> tuple[Disagreement, Disagreement]:
    """The longest time the controller, and the screen, said something other than what
    sounded: the track (and, for the screen, the remark) of each moment of tone. `cues`: each
    track's remarks as the run left the guide, (time, the sample from which it exists); while
    an edit is being drawn (`edits`: from the press to the new remark shown), and for `REDRAW`
    after the screen draws a track, the screen's remark is not compared, its track is."""
    marks = labels(mono, case)
    at = [s[0] for s in samples]
    drawn = [s[0] for n, s in enumerate(samples) if n == 0 or s[3] != samples[n - 1][3]]
    redrawing = [(d, d + REDRAW * RATE) for d in [*drawn, plan[0][0].first]]
    worst = {"controller": Disagreement(), "screen": Disagreement()}
    runs: dict[str, Disagreement | None] = {"controller": None, "screen": None}
    window_ms = 1000 * WINDOW / RATE
    for h, e in plan:
        played = 0
        for w in range(h.first // WINDOW, h.last // WINDOW):
            if marks[w] != e.track:
                continue
            played += WINDOW
            time = e.begins + played / RATE
            exists = [
                (t, n)
                for n, (t, since) in enumerate(cues[e.track])
                if t <= time and since <= w * WINDOW
            ]
            remark = max(exists)[1] if exists else None
            k = bisect_right(at, w * WINDOW + WINDOW // 2) - 1
            said = samples[k] if k >= 0 else [0, None, None, None, "", None, 0]
            _, index, _, playing, named, shown, _ = said
            settling = any(a <= w * WINDOW < b for a, b in [*edits, *redrawing])
            screen_right = (
                playing == e.track
                and named == f"{e.track + 1:02d}"
                and (shown == remark or settling)
            )
            for who, right, words in (
                ("controller", index == e.track, (index,)),
                ("screen", screen_right, (playing, named, shown)),
            ):
                run = runs[who]
                if right:
                    runs[who] = None
                    continue
                if run is None:
                    run = runs[who] = Disagreement(0.0, w * WINDOW / RATE, (e.track, remark), words)
                run.ms += window_ms
                if run.ms > worst[who].ms:
                    worst[who] = run
    return worst["controller"], worst["screen"]


def guide_cues(
    case: Case,
    stamps: dict[int, list[float]],
    added: Sequence[tuple[int, int, float]],
    samples: list[list[Any]],
) -> tuple[dict[int, list[tuple[float, float]]], list[tuple[int, float]]]:
    """Each track's remarks in the guide as the run left it, in the file's order: (time, the
    sample from which the screen must show it); and each edit: (the sample `i` was pressed at,
    the sample the screen first drew the track with the remark it wrote, or infinity if it never
    did). A remark written with `i` counts from then: between the two the commentary is being
    written and drawn again (that the stamp landed where it sounded is checked apart)."""
    cues: dict[int, list[tuple[float, float]]] = {}
    edits: list[tuple[int, float]] = []
    for track, times in stamps.items():
        original = case.remarks(track)
        pressed = [sample for sample, k, _ in added if k == track]
        cues[track] = []
        for t in times:
            since = 0.0
            if t not in original and pressed:
                drawn = (s[0] for s in samples if s[3] == track and s[6] == len(times))
                since = next((at for at in drawn if at >= min(pressed)), float("inf"))
                edits.append((min(pressed), since))
            cues[track].append((t, since))
    return cues, edits


def stamped(
    plan: list[tuple[Heard, Hear]], presses: list[list[Any]]
) -> list[tuple[int, int, float]]:
    """Each `i` pressed: (the sample it was pressed at, the track sounding, the time in it as
    heard); -1 as the track when it was pressed in silence."""
    moments = []
    for sample, key, *_ in presses:
        if key != "i":
            continue
        where = next(((h, e) for h, e in plan if h.first <= sample < h.last), None)
        if where is None:
            moments.append((sample, -1, 0.0))
            continue
        h, e = where
        paused = sum(b - a for a, b in h.silent if b <= sample)
        moments.append((sample, e.track, e.begins + (sample - h.first - paused) / RATE))
    return moments


def stamp_problems(
    case: Case, moments: list[tuple[int, int, float]], stamps: dict[int, list[float]]
) -> list[str]:
    """Each `i` pressed must have written a remark under the track sounding, at its time."""
    problems = []
    for sample, track, time in moments:
        new = [t for t in stamps.get(track, []) if t not in case.remarks(track)]
        if track < 0:
            problems.append(f"`i` was pressed in silence (sample {sample})")
        elif not any(abs(t - time) <= STAMP_TOLERANCE for t in new):
            problems.append(f"`i` at {time:.2f} s into track {track + 1}: the remarks are {stamps}")
    return problems
