"""How well and how fast the listener's audio is analysed, on generated music.

    python benchmarks/bench_analysis.py [--seeds 6] [--folder /tmp/ostguide-bench-analysis]

Prints, with the goals of issue 12:

1. section changes: for each kind of change (sudden and gradual, quiet to loud and back, timbre at
   equal loudness, drums entering) and seed, an approximate remark is put at the change shifted by
   up to ±10 % of the track; found when it is placed within 0.5 s of the change. Goal ≥ 90 %.
2. false placements: remarks at 30, 50 and 70 % of music with no section change (noise, a melody,
   a groove, a chord every two seconds) that get placed anyway. Goal 0.
3. onsets: plucked notes and drum hits at known times; found when an onset is within 30 ms.
   Goal ≥ 95 %. Onsets found where there is none are counted too.
4. time to analyse 5 minutes of audio, decoding included, per format. Goal ≤ 0.5 s.
5. peak extra memory while analysing 5 minutes and an hour, measured in a fresh process as the
   growth of its peak resident size. Goal ≤ 50 MB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from audiogen import FORMATS  # noqa: E402
from musicgen import CHANGES, ONSET_KINDS, STEADY, Piece, onset_piece, piece  # noqa: E402

from ostguide.analysis.features import analyse  # noqa: E402
from ostguide.analysis.placement import place  # noqa: E402

CHANGE_WITHIN = 0.5
ONSET_WITHIN = 0.03
LONG_KIND = "sudden, quiet to loud"
MEMORY_SCRIPT = """
import sys, tracemalloc
from pathlib import Path
sys.path[:0] = {paths!r}
from ostguide.analysis.features import analyse
def peak():  # kB; ru_maxrss would carry the parent's peak over the fork
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])
before = peak()
tracemalloc.start()
analyse(Path({file!r}))
traced = tracemalloc.get_traced_memory()[1]
print((peak() - before) / 1024, traced / 2**20)
"""


def write(p: Piece, path: Path) -> Path:
    """The piece as a file in the format `path`'s suffix names, written in blocks."""
    fmt, subtype, rate = FORMATS[path.suffix]
    samples = p.samples
    if rate != p.rate:  # Opus wants 48 kHz: stretch the time axis by linear interpolation
        old = np.arange(len(samples)) / p.rate
        new = np.arange(int(len(samples) * rate / p.rate)) / rate
        samples = np.column_stack([np.interp(new, old, samples[:, c]) for c in range(2)])
        samples = samples.astype(np.float32)
    with soundfile.SoundFile(path, "w", rate, 2, subtype, format=fmt) as out:
        for first in range(0, len(samples), rate * 10):
            out.write(samples[first : first + rate * 10])
    return path


def changes(folder: Path, seeds: int) -> None:
    print(f"\n1. Section changes (found within {CHANGE_WITHIN} s of the change)")
    print(f"   {'kind':34} {'seed':>4} {'length':>7} {'nominal':>8} {'change':>7} {'placed':>7}")
    found = total = 0
    for kind in CHANGES:
        for seed in range(seeds):
            p = piece(kind, seed)
            analysis = analyse(write(p, folder / "change.wav"))
            rng = np.random.default_rng(1000 + seed)
            change = p.changes[0]
            nominal = change + float(rng.uniform(-0.1, 0.1)) * p.seconds
            placed = place(nominal, p.seconds, analysis)
            ok = placed is not None and abs(placed - change) <= CHANGE_WITHIN
            found += ok
            total += 1
            shown = "—" if placed is None else f"{placed:.1f}"
            mark = "" if ok else "  MISSED"
            print(
                f"   {kind:34} {seed:>4} {p.seconds:>7.1f} {nominal:>8.1f} {change:>7.1f} "
                f"{shown:>7}{mark}"
            )
    print(f"   found {found}/{total} = {found / total:.0%} (goal ≥ 90 %)")


def steady(folder: Path, seeds: int) -> None:
    print("\n2. False placements on music with no section change (remarks at 30, 50, 70 %)")
    false = total = 0
    for kind in STEADY:
        for seed in range(seeds):
            p = piece(kind, seed)
            analysis = analyse(write(p, folder / "steady.wav"))
            for share in (0.3, 0.5, 0.7):
                placed = place(share * p.seconds, p.seconds, analysis)
                total += 1
                if placed is not None:
                    false += 1
                    print(f"   {kind} seed {seed}: [~{share:.0%}] placed at {placed:.1f} s")
    print(f"   false placements {false}/{total} (goal 0)")


def onsets(folder: Path, seeds: int) -> None:
    print(f"\n3. Onsets (found within {ONSET_WITHIN * 1000:.0f} ms)")
    hit_all = known_all = 0
    for kind in ONSET_KINDS:
        hits = known = extra = 0
        errors: list[float] = []
        for seed in range(seeds):
            p = onset_piece(kind, seed)
            analysis = analyse(write(p, folder / "onsets.wav"))
            found = np.array(analysis.onsets)
            true = np.array(p.onsets)
            for onset in true:
                error = float(np.min(np.abs(found - onset))) if len(found) else 1.0
                hits += error <= ONSET_WITHIN
                if error <= ONSET_WITHIN:
                    errors.append(float(found[np.argmin(np.abs(found - onset))] - onset))
            extra += sum(1 for f in found if np.min(np.abs(true - f)) > ONSET_WITHIN)
            known += len(true)
        hit_all += hits
        known_all += known
        print(
            f"   {kind:24} {hits}/{known} = {hits / known:.1%}, mean error "
            f"{np.mean(errors) * 1000:+.1f} ms, {extra} found where there is none"
        )
    print(f"   all: {hit_all / known_all:.1%} (goal ≥ 95 %)")


def timing(folder: Path) -> None:
    print("\n4. Analysis time for 5 minutes of audio, decoding included (goal ≤ 0.5 s)")
    print("   best of 3: CPU seconds of this process (wall clock, which other load inflates)")
    p = piece(LONG_KIND, 0, seconds=300.0)
    for suffix in FORMATS:
        path = folder / f"five-minutes{suffix}"
        if not path.exists():
            write(p, path)
        cpu, wall = min(_timed(path) for _ in range(3))
        print(f"   {suffix:6} {cpu:.2f} s ({wall:.2f} s)")


def _timed(path: Path) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    analyse(path)
    return time.process_time() - cpu, time.perf_counter() - wall


def memory(folder: Path) -> None:
    print("\n5. Peak extra memory while analysing (goal ≤ 50 MB)")
    hour = folder / "one-hour.flac"
    if not hour.exists():
        five = folder / "five-minutes.flac"
        data, rate = soundfile.read(five, dtype="float32")
        with soundfile.SoundFile(hour, "w", rate, 2, "PCM_16", format="FLAC") as out:
            for _ in range(12):
                out.write(data)
    for path in (folder / "five-minutes.ogg", folder / "five-minutes.mp3", hour):
        script = MEMORY_SCRIPT.format(paths=[str(ROOT)], file=str(path))
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        resident, traced = (float(figure) for figure in result.stdout.split())
        print(
            f"   {path.name:20} {max(resident, traced):5.1f} MB  (resident growth "
            f"{resident:.1f} MB, Python and numpy allocations {traced:.1f} MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.gettempdir()) / "ostguide-bench-analysis"
    folder.mkdir(parents=True, exist_ok=True)
    changes(folder, args.seeds)
    steady(folder, args.seeds)
    onsets(folder, args.seeds)
    timing(folder)
    memory(folder)
    print(
        f"\n(this process's peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )


if __name__ == "__main__":
    main()
