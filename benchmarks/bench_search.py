"""How fast the full-text search is on a large guide: 2,000 tracks of 10 remarks each.

The remarks are the bundled Noein guide's, cycled, each with a sentence of made-up words added so
that the vocabulary grows the way a real guide's does (about 30,000 distinct words here): the
word-start and inside-word lookups walk the vocabulary, so a small one would flatter them.
Building the index happens once per guide (when the palette first opens; a screen can build it in
a worker thread); a query runs at every key press in the palette. The goals: under 50 ms per
query, under 2 s to build, on this guide far larger than any real one.

    python benchmarks/bench_search.py [--tracks N] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from ostguide.catalog import find_guide
from ostguide.guide.parser import load_guide, parse_text
from ostguide.guide.search import SearchIndex

CUES_PER_TRACK = 10
QUERY_GOAL = 0.050
BUILD_GOAL = 2.0
QUERIES = (
    "orff",  # a rare whole word
    "the",  # the commonest word: every remark
    "choir",
    "cho",  # word starts
    "hoir",  # inside words
    "open fifth",  # two words, both required
    "a",  # one letter: whole words and word starts only
    "shangri-la",
    "zzqx",  # nothing
)


def made_up_words(count: int, rng: random.Random) -> list[str]:
    """Pronounceable nonsense words, for a vocabulary as large as a long guide's."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(count)]


def make_guide(tracks: int) -> str:
    """A guide of `tracks` tracks whose remarks are Noein's, cycled, with made-up words."""
    noein = load_guide(find_guide("noein").path).guide
    assert noein is not None
    remarks = [cue.text.replace("\n", " ") for track in noein.tracks for cue in track.cues]
    rng = random.Random(14)
    words = made_up_words(30_000, rng)
    out = ['+++\ntitle = "Search Benchmark"\n+++\n', noein.intro, ""]
    for number in range(1, tracks + 1):
        out += [f"## {number:02d}. Track number {number}", "", "- Length: 4:00", ""]
        for cue in range(CUES_PER_TRACK):
            text = remarks[(number * CUES_PER_TRACK + cue) % len(remarks)]
            extra = " ".join(rng.choices(words, k=8))
            out += [f"[{cue * 20 // 60}:{cue * 20 % 60:02d}] {text} Here the {extra}.", ""]
    return "\n".join(out)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--tracks", type=int, default=2_000, help="tracks in the guide")
    options.add_argument("--repeat", type=int, default=7, help="runs per query (median kept)")
    args = options.parse_args()
    guide = parse_text(make_guide(args.tracks), Path("bench.md")).guide
    assert guide is not None
    start = time.perf_counter()
    index = SearchIndex(guide)
    build = time.perf_counter() - start
    remarks = sum(len(track.cues) for track in guide.tracks)
    print(f"{args.tracks:,} tracks, {remarks:,} remarks, {len(index):,} texts indexed")
    print(f"building the index: {build:.3f} s")
    print(f"{'query':<12} {'hits':>6} {'median':>9} {'worst':>9}")
    slowest = 0.0
    for query in QUERIES:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            hits = index.search(query)
            times.append(time.perf_counter() - start)
        total = len(index.search(query, limit=10**9))
        slowest = max(slowest, statistics.median(times))
        print(
            f"{query!r:<12} {total:>6,} {statistics.median(times) * 1e3:>7.2f}ms "
            f"{max(times) * 1e3:>7.2f}ms  (first: {hits[0].label if hits else '-'})"
        )
    met = slowest < QUERY_GOAL and build < BUILD_GOAL
    print(
        f"goal: queries under {QUERY_GOAL * 1e3:.0f} ms, index under {BUILD_GOAL:.0f} s: "
        f"{'met' if met else 'MISSED'} (slowest median {slowest * 1e3:.2f} ms, build {build:.3f} s)"
    )


if __name__ == "__main__":
    main()
