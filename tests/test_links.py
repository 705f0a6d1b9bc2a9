"""The links of a track's commentary, in reading order, for the keyboard."""

from __future__ import annotations

from pathlib import Path

from ostguide.guide.links import Link, links_in
from ostguide.guide.parser import parse_text

GUIDE = """\
## 01. One

See [the *motif*](#motif) first, and ![a picture](x.png).

[0:00] Back in [Two](#02@0:10), or [the review](https://example.org/r).

[0:10] No link here.

[0:20] A [link [with] brackets](#02).
"""


def test_links_come_in_reading_order_with_their_remark() -> None:
    guide = parse_text(GUIDE, Path("g.md")).guide
    assert guide is not None
    assert links_in(guide.tracks[0]) == (
        Link("the motif", "#motif", None),
        Link("Two", "#02@0:10", 0),
        Link("the review", "https://example.org/r", 0),
        Link("link [with] brackets", "#02", 2),
    )


def test_a_track_without_links_has_none() -> None:
    guide = parse_text("## 01. One\n\n[0:00] Plain words.\n", Path("g.md")).guide
    assert guide is not None
    assert links_in(guide.tracks[0]) == ()
