"""How long the listener waits for the views opened over the listening screen: About (`a`), the
first time and again, and a search (ctrl+p, a word typed, until its hits are listed).

    python benchmarks/bench_views.py [--runs N]

Each run is a fresh process (the first opening pays for what is imported or built on first use)
driving the Noein guide under Textual's pilot at 120×40, reading along without a device; the
machine's load average is printed beside the figures, since this machine is shared.

| figure | goal |
|---|---|
| About, first opening: the command to the screen laid out | ≤ 0.2 s |
| a search (a word, and letters run together): the query to its hits listed | ≤ 0.2 s |
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


async def measure() -> dict[str, float]:
    """One run: the seconds each view took, in this process, from the command to the frame that
    shows it (the pilot's key presses wait for the app to idle, which would be counted too)."""
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    from textual.widgets import Input, OptionList
    from uikit import load, make_rig

    from ostguide.ui.aboutscreen import AboutScreen

    rig = make_rig(load(ROOT / "guides" / "noein.md"))
    app = rig.app
    figures: dict[str, float] = {}

    async def until(check: Callable[[], object]) -> None:
        while not check():
            await asyncio.sleep(0.001)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name in ("about, first", "about, again"):
            start = time.perf_counter()
            app.action_run("about")
            await until(lambda: isinstance(app.screen, AboutScreen) and app.screen.is_mounted)
            await until(lambda: app.screen.query(".about-facts").first().size.height > 0)
            figures[name] = time.perf_counter() - start
            app.pop_screen()
            await pilot.pause()
        for query in ("choir", "shangrila"):
            app.action_run("search")
            await until(lambda: app.screen.query(Input))
            await pilot.pause()
            start = time.perf_counter()
            app.screen.query_one(Input).value = query
            await until(lambda: app.screen.query_one(OptionList).option_count > 0)
            await pilot.pause()
            figures[f"search {query}"] = time.perf_counter() - start
            app.pop_screen()
            await pilot.pause()
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
