"""How well and how fast another copy of a track is aligned with the author's, on generated songs
(melodies over chords, bass and drums, in sections that change and repeat).

    python benchmarks/bench_align.py [--seeds 3] [--seconds 300] [--album 8] [--compare]

Prints, with the goals of issue 23:

1. per transform of each song (lead-in ±3 s; 2 % faster or slower, sharp or at the same pitch;
   1 s cut; 1 s inserted; EQ and clipping; MP3 128k; mono; all of them at once), 40 stamps at
   random times moved through the time map: the error's median (goal ≤ 20 ms), 95th percentile
   (≤ 80 ms) and maximum, the share marked unsure, and the stamps more than 250 ms off that were
   NOT marked unsure (goal 0; a stamp in a cut counts when not unsure);
2. CPU time of the listener's side per 5 minutes of audio (the largest of any song): decoding
   and analysing the file, and aligning it (goal: both together ≤ 3 s of one core);
3. the sidecar's size per 5 minutes (goal ≤ 8 KB);
4. identification: the songs of an album, each as one of the copies above, shuffled and
   untagged, two of them missing, with songs of another album among them: how many are known,
   wrongly known, not known, and how many of the other album's are rejected although tracks are
   free for them (goal 100 %, 0 wrong, all rejected);
5. with --compare (needs `pip install dtw-python`), the same alignments with dtw-python's warping
   in place of ours, for accuracy and time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402
import songgen  # noqa: E402
import transforms  # noqa: E402

from ostguide.analysis.features import analyse  # noqa: E402
from ostguide.guide.model import TrackId  # noqa: E402
from ostguide.sync import align as aligning  # noqa: E402
from ostguide.sync.identify import NEAR, distance, identify  # noqa: E402
from ostguide.sync.sidecar import SyncedTrack, write_sidecar  # noqa: E402
from ostguide.sync.sound import describe  # noqa: E402

STAMPS = 40
MISSING = 2
"""Tracks of the album the listener's set lacks, in the identification."""
UNSURE_BEYOND = 0.25


def dtw_python_warp(a: Any, b: Any, width: int) -> tuple[Any, Any, float]:
    """`ostguide.sync.align.warp` done by dtw-python (same band, symmetric steps, open ends)."""
    from dtw import dtw

    found = dtw(
        a,
        b,
        dist_method="cosine",
        step_pattern="asymmetric",
        window_type="sakoechiba",
        window_args={"window_size": width + abs(len(a) - len(b))},
        open_begin=True,
        open_end=True,
    )
    rows, columns = np.asarray(found.index1), np.asarray(found.index2)
    return rows, columns, float(np.mean(1 - np.sum(a[rows] * b[columns], axis=1)))


def measure(
    folder: Path, seeds: int, seconds: float, compare: bool
) -> tuple[dict[str, list[Any]], list[float]]:
    """Rows of (errors, unsure flags, bad count, cpu) per transform and method; sidecar sizes."""
    results: dict[str, list[Any]] = defaultdict(list)
    sizes: list[float] = []
    rate = songgen.RATE
    for seed in range(seeds):
        song = songgen.song(100 + seed, seconds)
        original = transforms.write(
            transforms.TRANSFORMS["same file"](song.samples, rate), rate, folder / f"song{seed}"
        )
        sound = describe(analyse(original))
        sidecar = folder / f"song{seed}.sync"
        write_sidecar(sidecar, {TrackId(1, 1): SyncedTrack(original.name, sound)})
        sizes.append(sidecar.stat().st_size * 300 / sound.duration)
        stamps = np.sort(np.random.default_rng(seed).uniform(0, song.seconds - 0.5, STAMPS))
        for name, make in transforms.TRANSFORMS.items():
            copy = make(song.samples, rate)
            path = transforms.write(copy, rate, folder / f"song{seed}-{len(results)}")
            started = time.process_time()
            analysis = analyse(path)
            analysed = time.process_time() - started
            methods: dict[str, Callable[..., Any]] = {"numpy": aligning.warp}
            if compare:
                methods["dtw-python"] = dtw_python_warp
            for method, warp in methods.items():
                original_warp, aligning.warp = aligning.warp, warp
                try:
                    started = time.process_time()
                    found = aligning.align(sound, analysis)
                    spent = time.process_time() - started
                finally:
                    aligning.warp = original_warp
                per_five = 300 / max(analysis.duration, 1)
                row = _score(found.map, copy.where, stamps)
                results[f"{name}|{method}"].append((*row, analysed * per_five, spent * per_five))
            path.unlink()
    return results, sizes


def _score(
    found: Any, where: Callable[[float], float | None], stamps: Any
) -> tuple[list[float], list[bool], int]:
    errors: list[float] = []
    unsure: list[bool] = []
    bad = 0
    for stamp in stamps:
        truth = where(float(stamp))
        moved, sure = found.where(float(stamp))
        unsure.append(not sure)
        if truth is None:
            bad += sure
            continue
        error = abs(moved - truth)
        errors.append(error)
        bad += sure and error > UNSURE_BEYOND
    return errors, unsure, bad


def report(results: dict[str, list[Any]]) -> None:
    print(
        f"{'copy':<24} {'method':<10} {'stamps':>6} {'median':>8} {'p95':>8} {'max':>8} "
        f"{'unsure':>7} {'bad':>4} {'analyse':>8} {'align':>6}"
    )
    every: dict[str, list[float]] = defaultdict(list)
    for key, rows in results.items():
        name, method = key.split("|")
        errors = [e * 1000 for row in rows for e in row[0]]
        unsure = [u for row in rows for u in row[1]]
        bad = sum(row[2] for row in rows)
        analysing = max(row[3] for row in rows)
        aligning_ = max(row[4] for row in rows)
        every[method].extend(errors)
        print(
            f"{name:<24} {method:<10} {len(unsure):>6} {np.median(errors):>6.1f}ms "
            f"{np.percentile(errors, 95):>6.1f}ms {max(errors):>6.0f}ms "
            f"{100 * np.mean(unsure):>6.1f}% {bad:>4} {analysing:>7.2f}s {aligning_:>5.2f}s"
        )
    for method, errors in every.items():
        print(
            f"{'all copies':<24} {method:<10} {len(errors):>6} {np.median(errors):>6.1f}ms "
            f"{np.percentile(errors, 95):>6.1f}ms {max(errors):>6.0f}ms"
        )


def identification(folder: Path, count: int) -> None:
    """An album's songs as copies, shuffled and untagged, with another album's among them."""
    rate = songgen.RATE
    names = list(transforms.TRANSFORMS)
    sounds = {}
    files = {}
    truth: dict[str, TrackId | None] = {}
    for k in range(count):
        song = songgen.song(200 + k, 60 + 15 * (k % 4))
        original = transforms.write(
            transforms.TRANSFORMS["same file"](song.samples, rate), rate, folder / "a"
        )
        sounds[TrackId(1, k + 1)] = describe(analyse(original))
        if k >= count - MISSING:
            continue  # the listener lacks these: the other album's songs must not take them
        copy = transforms.TRANSFORMS[names[k % len(names)]](song.samples, rate)
        label = f"file{k:02d}"
        files[label] = analyse(transforms.write(copy, rate, folder / label))
        truth[label] = TrackId(1, k + 1)
    for k in range(count // 2):
        other = songgen.song(900 + k, 60 + 15 * (k % 4))
        label = f"other{k:02d}"
        files[label] = analyse(
            transforms.write(
                transforms.TRANSFORMS["same file"](other.samples, rate), rate, folder / label
            )
        )
        truth[label] = None
    shuffled = dict(random.Random(1).sample(sorted(files.items()), len(files)))
    started = time.process_time()
    found = identify(sounds, shuffled)
    spent = time.process_time() - started
    present = count - MISSING
    known = sum(1 for f, t in truth.items() if t is not None and f in found and found[f].track == t)
    wrong = sum(1 for f, t in truth.items() if f in found and found[f].track != t)
    missed = sum(1 for f, t in truth.items() if t is not None and f not in found)
    rejected = sum(1 for f, t in truth.items() if t is None and f not in found)
    print(
        f"\nidentification: {known}/{present} known, {wrong} wrong, {missed} not known; "
        f"{rejected}/{count // 2} of another album rejected, though {MISSING} tracks had no "
        f"file ({spent:.1f} s CPU for {len(files)} files × {count} tracks)"
    )
    same = [distance(sounds[t], files[f]) for f, t in truth.items() if t is not None]
    others = [
        distance(sounds[track], files[f])
        for f, t in truth.items()
        for track in sounds
        if track != t
    ]
    print(
        f"rough distance of a copy to its own track: at most {max(same):.3f}; "
        f"to any other track (or of another album's song): at least {min(others):.3f} "
        f"(full alignment below {NEAR})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--album", type=int, default=8)
    parser.add_argument("--compare", action="store_true", help="also dtw-python's warping")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ostguide-bench-align-") as scratch:
        folder = Path(scratch)
        results, sizes = measure(folder, args.seeds, args.seconds, args.compare)
        report(results)
        print(f"\nsidecar per 5 minutes: {min(sizes) / 1024:.1f}–{max(sizes) / 1024:.1f} KB")
        identification(folder, args.album)


if __name__ == "__main__":
    main()
