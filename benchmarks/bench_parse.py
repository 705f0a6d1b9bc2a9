"""How long parsing a guide takes as it grows: 125 to 1,000 tracks (the most a guide may hold, see
`ostguide.guide.limits`) of 10 remarks each.

Every generated guide is valid (the benchmark checks it parses without a diagnostic), and its
remarks vary the way real ones do: exact times, milliseconds, approximate fractions, LRC-style
lines, links to other tracks (some to a moment) and to themes. The goal is under 0.3 s for 1,000
tracks (10,000 remarks), growing linearly.

    python benchmarks/bench_parse.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ostguide.guide.parser import parse_text

SIZES = (125, 250, 500, 1_000)
CUES_PER_TRACK = 10
GOAL_SECONDS = 0.3
LENGTH = 240
"""Every track's known length in seconds (4:00): stamps stay inside it and in time order."""
THEMES = ("shangri-la", "haruka", "friendship", "karasu", "lacryma", "noein", "atori", "tobi")


def _stamp(track: int, cue: int) -> str:
    """The cue-th stamp of a track, in time order within its kind (times, fractions)."""
    if cue == 0:
        return "[0:00]"
    if cue % 4 == 0:
        return f"[~{cue * 20 / LENGTH * 100:.1f}%]"
    seconds = cue * 20 + track % 17
    millis = f".{track % 1000:03d}" if cue % 3 == 0 else ""
    return f"[{seconds // 60}:{seconds % 60:02d}{millis}]"


def make_guide(tracks: int, cues: int = CUES_PER_TRACK) -> str:
    """A valid guide with `tracks` tracks of `cues` remarks each."""
    out = [
        "+++",
        'title = "Benchmark Original Soundtrack"',
        'composer = "Nobody in Particular"',
        "released = 2006-01-12",
        "",
        "[themes]",
        *(
            f'{theme} = {{ name = "The {theme} theme", description = "Recurs." }}'
            for theme in THEMES
        ),
        "+++",
        "",
        "# Benchmark",
        "",
        "An introduction that links to [the first track](#1) and [a theme](#haruka).",
        "",
    ]
    for number in range(1, tracks + 1):
        theme = THEMES[number % len(THEMES)]
        out += [
            f"## {number:02d}. Track number {number}",
            "",
            f"- Also: Alternative title {number}; Another, with a comma",
            f"- Length: {LENGTH // 60}:{LENGTH % 60:02d}",
            f"- File: {number:04d} Track number {number}.flac",
            f"- Themes: {theme}",
            "",
            f"Untimed words about track {number}, before its first remark.",
            "",
        ]
        for cue in range(cues):
            other = (number * 7 + cue) % tracks + 1
            moment = f"@{cue}:{number % 60:02d}" if cue % 2 else ""
            out.append(
                f"{_stamp(number, cue)} Remark {cue} of track {number}: the strings answer "
                f"[track {other}](#{other}{moment}) with [the {theme} theme](#{theme})."
            )
            if cue % 5 != 4:
                out += ["A second line of the same paragraph, *with emphasis*.", ""]
    out += ["## Afterword", "", "Closing words.", ""]
    return "\n".join(out)


def best_time(text: str, repeat: int, expected_cues: int) -> float:
    """The fastest of `repeat` parses, after checking the guide parses cleanly."""
    path = Path("bench.md")
    result = parse_text(text, path)
    assert result.guide is not None and not result.diagnostics, result.diagnostics[:3]
    assert sum(len(track.cues) for track in result.guide.tracks) == expected_cues
    del result
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = parse_text(text, path)
        times.append(time.perf_counter() - start)
        del result  # freed outside the timing: the parse is measured, not the clean-up after it
    return min(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=7, help="parses per size (best is kept)")
    repeat = options.parse_args().repeat
    print(f"{'tracks':>7} {'cues':>7} {'size':>9} {'best':>9} {'µs/cue':>8} {'growth':>14}")
    previous: tuple[int, float] | None = None
    seconds = 0.0
    for tracks in SIZES:
        text = make_guide(tracks)
        cues = tracks * CUES_PER_TRACK
        seconds = best_time(text, repeat, cues)
        growth = ""
        if previous is not None:
            growth = f"×{seconds / previous[1]:.2f} for ×{tracks / previous[0]:.1f}"
        print(
            f"{tracks:>7,} {cues:>7,} {len(text.encode()) / 1e6:>7.2f}MB {seconds:>8.3f}s "
            f"{seconds / cues * 1e6:>8.1f} {growth:>14}"
        )
        previous = (tracks, seconds)
    verdict = "met" if seconds < GOAL_SECONDS else "MISSED"
    print(f"goal: under {GOAL_SECONDS} s at {SIZES[-1]:,} tracks: {verdict} ({seconds:.3f} s)")


if __name__ == "__main__":
    main()
