"""How much a guide may hold, so that `check` stays quick and the listening screen responsive.

Real guides are far inside these limits: the Noein guide is 280 lines, its longest remark 8 lines
and 715 characters. The limits are chosen from measurements (`benchmarks/fuzz_guides.py`,
`benchmarks/bench_parse.py`): a guide at every limit parses in about a second and under 100 MB on
the slowest machine here, and one remark at its limit is a few hundred blocks for the screen to
draw (the screen froze on a remark of 5,000 paragraphs).
"""

from __future__ import annotations

MAX_BYTES = 2_000_000
"""A guide file larger than this is refused before it is read into memory."""
MAX_LINES = 50_000
"""Lines in a guide file."""
MAX_TRACKS = 1_000
"""Tracks in a guide (a box set of many discs fits; split larger ones into one guide per disc)."""
MAX_REMARKS = 1_000
"""Remarks in one track (an LRC-timed hour-long track has about 1,000 lines)."""
MAX_PIECE_LINES = 200
"""Lines of text in one remark, one track's introduction, or the guide's introduction or
afterword, counting the blank lines between its paragraphs."""
MAX_PIECE_CHARS = 20_000
"""Characters in one remark, introduction or afterword."""

SPLIT_GUIDE = (
    "split it into several guides (one per disc, say); see 'Limits' in `ostguide help format`"
)


def piece_too_long(text: str) -> str | None:
    """What is too long about a remark's (or introduction's) text, or None when it fits."""
    lines = text.count("\n") + 1
    if lines > MAX_PIECE_LINES:
        return f"{lines:,} lines long; at most {MAX_PIECE_LINES:,} are allowed"
    if len(text) > MAX_PIECE_CHARS:
        return f"{len(text):,} characters long; at most {MAX_PIECE_CHARS:,} are allowed"
    return None
