"""Track boundaries as heard: the silence between two tracks, and the clock inside an album image.

    python benchmarks/bench_gapless.py [--runs 8]

Each measurement runs `tests/boundary.py` in a subprocess on SDL's `disk` driver, which writes the
audio played to a file, and a session playing the tracks as the screen does (4 Hz ticks):

1. two files (halves of one chirp), the first played from a little before its end: the longest
   silence across the boundary, at the listening buffer (256 frames) and at the old 1,024, over
   `--runs` starting points spread over one buffer (the silence is the rest of the buffer the
   first file ends in, so it depends on where that file was started). Goal: 5 ms.
2. the same chirp as one image cut in two spans. Goal: no silence.
3. the clock: how far the position reported after the boundary, and that of each of four tracks
   of an image played by hand, is from the audio actually written. Goal: 20 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from boundary import measure  # noqa: E402

from ostguide.player.transport import BUFFER_FRAMES  # noqa: E402

RATE = 44100
GAP_GOAL_MS = 5.0
POSITION_GOAL_MS = 20.0


def numbers(value: object) -> list[float]:
    assert isinstance(value, list)
    return [float(item) for item in value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8, help="starting points per buffer size")
    runs = parser.parse_args().runs
    rows: list[tuple[str, str, str]] = []
    errors: list[float] = []
    for buffer in (BUFFER_FRAMES, 1024):
        step = buffer / RATE / runs
        results = [measure("files", buffer, 0.5 + step * k) for k in range(runs)]
        gaps = [float(str(r["gap_ms"])) for r in results]
        errors += [abs(e) for r in results for e in numbers(r["position_errors_ms"])]
        verdict = "ok" if max(gaps) <= GAP_GOAL_MS else "MISSED"
        goal = f"{GAP_GOAL_MS:g} ms {verdict}" if buffer == BUFFER_FRAMES else "(old buffer)"
        rows.append(
            (
                f"gap between two files, {buffer}-frame buffer",
                f"max {max(gaps):.2f} ms, mean {sum(gaps) / len(gaps):.2f} ms over {runs} starts",
                goal,
            )
        )
    image = measure("image", BUFFER_FRAMES)
    errors += [abs(e) for e in numbers(image["position_errors_ms"])]
    rows.append(("gap between two tracks of an image", f"{image['gap_ms']:.1f} ms", "0 ms"))
    rows.append(
        (
            "clock after a boundary (files and image)",
            f"max {max(errors):.1f} ms off what was heard",
            f"{POSITION_GOAL_MS:g} ms {'ok' if max(errors) <= POSITION_GOAL_MS else 'MISSED'}",
        )
    )
    inside = [abs(e) for e in numbers(measure("positions", BUFFER_FRAMES)["position_errors_ms"])]
    rows.append(
        (
            "clock inside an image, 4 tracks by hand",
            f"max {max(inside):.1f} ms off what was heard",
            f"{POSITION_GOAL_MS:g} ms {'ok' if max(inside) <= POSITION_GOAL_MS else 'MISSED'}",
        )
    )
    width = max(len(name) for name, _, _ in rows)
    for name, figure, goal in rows:
        print(f"{name:<{width}}  {figure:<42}  {goal}")


if __name__ == "__main__":
    main()
