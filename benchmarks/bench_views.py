"""How long the listener waits for the views opened over the listening screen: About (`a`), the
first time and again, and a search (ctrl+p, a word typed, until its hits are listed).

    python benchmarks/bench_views.py [--runs N]

Each run is a fresh process (the first opening pays for what is imported or built on first use)
driving the Noein guide under Textual's pilot at 120×40, reading along without a device; the
machine's load average is printed beside the figures, since this machine is shared.

| figure | goal |
|---|---|
| About, first opening: `a` pressed to the screen drawn | ≤ 0.2 s |
| a search: a word typed to its hits listed | ≤ 0.2 s |
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


async def measure() -> dict[str, float]:
    """One run: the seconds each view took, in this process."""
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    from textual.widgets import OptionList
    from uikit import load, make_rig

    from ostguide.ui.aboutscreen import AboutScreen

    rig = make_rig(load(ROOT / "guides" / "noein.md"))
    figures: dict[str, float] = {}
    async with rig.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name in ("about, first", "about, again"):
            start = time.perf_counter()
            await pilot.press("a")
            while not isinstance(rig.app.screen, AboutScreen):
                await asyncio.sleep(0.001)
            await pilot.pause()  # drawn
            figures[name] = time.perf_counter() - start
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press(*"shangrila")
        while (
            not rig.app.screen.query(OptionList)
            or not rig.app.screen.query_one(OptionList).option_count
        ):
            await asyncio.sleep(0.001)
        await pilot.pause()
        figures["search"] = time.perf_counter() - start
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(measure())))
        return
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {args.runs} runs")
    for name in runs[0]:
        values = [run[name] for run in runs]
        print(
            f"{name:<14} median {statistics.median(values) * 1000:6.0f} ms"
            f"  max {max(values) * 1000:6.0f} ms"
        )


if __name__ == "__main__":
    main()
