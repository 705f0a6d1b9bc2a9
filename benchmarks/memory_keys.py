"""Does the listening screen's memory level off under random keys, or grow for ever?

    python benchmarks/memory_keys.py [--minutes 6] [--edits] [--seed 1]

ostguide runs on a pseudo-terminal (tests/ptyrun.py) with its own XDG folders, reading along the
Noein guide (a copy, so edits stay in the temporary folder), while random keys arrive every 50 ms:
tracks, remarks, seeks, pause, volume, mute, following, the track list, the themes view and help
(opened and closed again). With --edits, stamping, retiming and undo (`i`, `r`, `u`) are among
them, so the guide file grows as it would under a listener stamping for that long.

VmRSS is read from /proc every 15 s. Reported: RSS at each sample, and the growth rate (MB per
minute) over the first and second half of the run. A leak keeps growing in the second half;
memory that levels off does not.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from kill_loop import environment  # noqa: E402
from ptyrun import Terminal  # noqa: E402

BROWSE = [
    "n", "p", "]", "[", "\x1b[C", "\x1b[D", " ", "+", "-", "m", "f", "l", "z", "x", "k",
    "\x7f", "t", "\x1b", "?", "?",
]  # fmt: skip
EDITS = ["i", "r", "u"]
SAMPLE_EVERY = 15.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def rate(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of RSS against time, in MB per minute."""
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    num = sum((t - mean_t) * (m - mean_m) for t, m in samples)
    den = sum((t - mean_t) ** 2 for t, _ in samples) or 1.0
    return num / den * 60


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--minutes", type=float, default=6.0)
    options.add_argument("--edits", action="store_true", help="stamp, retime and undo too")
    options.add_argument("--seed", type=int, default=1)
    args = options.parse_args()
    rng = random.Random(args.seed)
    keys = BROWSE + (EDITS if args.edits else [])
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        env = environment(home)
        guide = home / "noein.md"
        shutil.copy(ROOT / "guides" / "noein.md", guide)
        terminal = Terminal([str(guide)], env, home)
        try:
            terminal.wait_for("Shangri-La")
            time.sleep(2.0)
            started = time.monotonic()
            samples = [(0.0, rss_mb(terminal.process.pid))]
            next_sample = SAMPLE_EVERY
            pressed = 0
            while (elapsed := time.monotonic() - started) < args.minutes * 60:
                if terminal.process.poll() is not None:
                    raise SystemExit(f"ostguide ended: {terminal.text()[-2000:]}")
                terminal.press(rng.choice(keys))
                pressed += 1
                with terminal._lock:  # what was drawn is not what is measured: drop it
                    terminal.output.clear()
                if elapsed >= next_sample:
                    samples.append((elapsed, rss_mb(terminal.process.pid)))
                    next_sample += SAMPLE_EVERY
                time.sleep(0.05)
            grown = guide.stat().st_size
        finally:
            terminal.close()
    half = len(samples) // 2
    print(f"{pressed:,} keys in {args.minutes:g} min ({'with' if args.edits else 'without'} edits)")
    print("RSS MB: " + " ".join(f"{m:.0f}" for _, m in samples))
    print(f"growth: {rate(samples[: half + 1]):+.2f} MB/min in the first half, "
          f"{rate(samples[half:]):+.2f} MB/min in the second")  # fmt: skip
    print(f"guide file at the end: {grown / 1000:.0f} kB")


if __name__ == "__main__":
    main()
