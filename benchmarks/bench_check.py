"""How long `ostguide check` takes on a guide of broken links, and how much it prints, as the
guide grows to the size limit (`ostguide.guide.limits.MAX_BYTES`): one remark whose single line
is nothing but links to a theme that does not exist, the shape that once took 264 s and printed
44 MB for 1.05 MB. The goal: time growing linearly, output bounded (`MAX_ALIKE` of a kind).

    python benchmarks/bench_check.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from ostguide.cli import check_guides  # noqa: E402

LINK = "[a](#zz) "
SIZES = (131_000, 262_000, 525_000, 1_050_000)
"""Bytes of the guide (the largest as large as the one reported)."""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "links.md"
        for size in SIZES:
            links = size // len(LINK)
            path.write_text("## 01. A\n\n[0:00] " + LINK * links + "\n", encoding="utf-8")
            out = io.StringIO()
            start = time.perf_counter()
            check_guides([str(path)], out)
            elapsed = time.perf_counter() - start
            print(
                f"{size / 1e6:.2f} MB, {links:,} broken links on one line: {elapsed:.2f} s, "
                f"{len(out.getvalue().encode()) / 1000:.1f} kB printed"
            )


if __name__ == "__main__":
    main()
