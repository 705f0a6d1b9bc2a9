"""Fuzzing the parser and `check` with mutated real guides: tracebacks, the slowest parse, memory.

    python benchmarks/fuzz_guides.py [--count 10000] [--seed 1] [--keep DIR]

Each guide is one of the real guides (guides/noein.md, tests/guides/sample.md) with one to six
mutations from tests/mutations.py: bytes flipped, spans deleted, lines repeated (up to 200 times),
dropped or swapped, the file cut short, and hostile fragments inserted (5,000-digit numbers, 3,000
open brackets, stray fences and front-matter fences, NULs, lone CRs, BOMs, stamps and links at
their edges). Every guide is parsed and then checked the way `ostguide check` does it (through the
file system, every diagnostic rendered).

Among the fragments are the escape sequences that set a terminal's title (OSC 0/2), write its
clipboard (OSC 52), clear (CSI 2J) or reset (ESC c) it, C1 controls, and TOML escapes that make
them in the front matter.

Reports:
- tracebacks: any exception out of parse or check (goal 0), grouped by type and place, with the
  guides that raised written to --keep for replay;
- unsafe: `check` output holding a control character, and guides that load with one in their
  text (goal 0 each);
- the slowest parse and check, with the guide's size and lines;
- peak memory: the largest peak allocation of one parse and check (tracemalloc, measured again
  after the timed run on the 20 slowest and the 20 largest guides), and the process's peak RSS,
  which also holds the generator's copies of its largest guide (mutations reach 30 MB; ostguide
  refuses those after reading their size).
"""

from __future__ import annotations

import argparse
import heapq
import io
import random
import resource
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mutations import mutated, seed_guides  # noqa: E402
from test_fuzz import strings_in  # noqa: E402

from ostguide.cli import check_guides  # noqa: E402
from ostguide.guide.parser import parse_bytes  # noqa: E402
from ostguide.safetext import is_visible  # noqa: E402


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--count", type=int, default=10_000, help="guides to try")
    options.add_argument("--seed", type=int, default=1, help="random seed (runs replay exactly)")
    options.add_argument("--keep", type=Path, help="write guides that raised into this folder")
    args = options.parse_args()
    rng = random.Random(args.seed)
    seeds = seed_guides()
    failures: Counter[str] = Counter()
    slowest: list[tuple[float, int, bytes]] = []
    """The 20 slowest parses (a heap, fastest first), with their guides."""
    parse_times: list[float] = []
    largest: list[tuple[int, int, bytes]] = []
    """The 20 largest guides (a heap, smallest first)."""
    slowest_check = (0.0, 0)
    errors = 0
    unsafe_outputs = unsafe_guides = 0
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzzed.md"
        started = time.perf_counter()
        for number in range(args.count):
            data = mutated(rng, seeds)
            try:
                start = time.perf_counter()
                result = parse_bytes(data, path)
                parsed = time.perf_counter() - start
                path.write_bytes(data)
                start = time.perf_counter()
                out = io.StringIO()
                check_guides([str(path)], out)
                checked = time.perf_counter() - start
                unsafe_outputs += not is_visible(out.getvalue().replace("\n", " "))
                texts = strings_in(result.guide) if result.guide is not None else []
                unsafe_guides += not all(is_visible(t.replace("\n", " ")) for t in texts)
            except Exception as error:  # what the fuzzing is looking for
                frame = traceback.extract_tb(error.__traceback__)[-1]
                place = f"{Path(frame.filename).name}:{frame.lineno}"
                failures[f"{type(error).__name__} at {place}"] += 1
                if args.keep is not None:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"guide-{args.seed}-{number}.md").write_bytes(data)
                continue
            errors += result.guide is None
            parse_times.append(parsed)
            heapq.heappush(slowest, (parsed, number, data))
            if len(slowest) > 20:
                heapq.heappop(slowest)
            heapq.heappush(largest, (len(data), number, data))
            if len(largest) > 20:
                heapq.heappop(largest)
            slowest_check = max(slowest_check, (checked, number))
        elapsed = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    slowest.sort(reverse=True)
    parse_times.sort()
    print(f"guides: {args.count:,} (seed {args.seed}) in {elapsed:.1f} s; {errors:,} with errors")
    print(f"tracebacks: {sum(failures.values())} (goal 0)")
    print(
        f"unsafe: {unsafe_outputs} check outputs with a control character, {unsafe_guides} "
        "guides loaded with one (goal 0 each)"
    )
    for place, count in failures.most_common():
        print(f"  {count:>5}  {place}")
    if slowest:
        seconds, number, data = slowest[0]
        lines = data.count(b"\n") + 1
        print(
            f"slowest parse: {seconds * 1000:.1f} ms (guide {number}: {len(data) / 1000:.0f} kB, "
            f"{lines:,} lines); median {parse_times[len(parse_times) // 2] * 1000:.2f} ms"
        )
    print(f"slowest check: {slowest_check[0] * 1000:.1f} ms (guide {slowest_check[1]})")
    heaviest = (0, 0)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzzed.md"
        for number, data in [(n, d) for _, n, d in slowest] + [(n, d) for _, n, d in largest]:
            path.write_bytes(data)
            tracemalloc.start()
            parse_bytes(data, path)
            check_guides([str(path)], io.StringIO())
            heaviest = max(heaviest, (tracemalloc.get_traced_memory()[1], number))
            tracemalloc.stop()
    print(
        f"peak memory: {heaviest[0] / 1e6:.1f} MB for one parse and check (guide {heaviest[1]}); "
        f"{peak_rss:.0f} MB RSS for the whole run, generator included"
    )


if __name__ == "__main__":
    main()
