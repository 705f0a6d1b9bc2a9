"""Places typed in the search: a time, a track by number, or both; and the controller going
there (the sample guide: tracks 01–04 of 40, 30, 50 and 20 s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_listening import started
from uikit import sample_guide

from ostguide.guide.goto import GoTo, go_to
from ostguide.guide.model import Stamp
from ostguide.guide.parser import parse_text

SAMPLE = sample_guide()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2:31", GoTo(None, Stamp(151.0, None))),
        (" 0:05.5 ", GoTo(None, Stamp(5.5, None))),
        ("50%", GoTo(None, Stamp(None, 0.5))),
        ("3", GoTo(2, None)),
        ("#03", GoTo(2, None)),
        ("2 0:10", GoTo(1, Stamp(10.0, None))),
        ("#2@0:10", GoTo(1, Stamp(10.0, None))),
        ("#2 @ 25%", GoTo(1, Stamp(None, 0.25))),
        ("9", None),  # no such track
        ("2:75", None),  # not a time
        ("finale", None),
        ("2 finale", None),
        ("1 2 3", None),
        ("", None),
    ],
)
def test_a_query_names_a_place_or_is_words(query: str, expected: GoTo | None) -> None:
    assert go_to(SAMPLE, query) == expected


def test_a_bare_number_counts_tracks_when_no_track_of_disc_1_has_it() -> None:
    text = '+++\ntitle = "Two"\ndiscs = 2\n+++\n\n## 1-01. A\n\n## 1-02. B\n\n## 2-01. C\n'
    guide = parse_text(text, Path("two.md")).guide
    assert guide is not None
    assert [go_to(guide, q) for q in ("2-01", "01", "#2", "3", "4")] == [
        GoTo(2, None),
        GoTo(0, None),
        GoTo(1, None),
        GoTo(2, None),  # the third track of the album: disc 2's first
        None,
    ]


def test_going_to_a_time_a_track_or_both_keeps_a_pause_and_back_returns() -> None:
    controller, _, _ = started((0, 12.0))
    view = controller.run("go_to", None, Stamp(31.0, None)).view
    assert (view.index, view.transport.position, view.cue) == (0, 31.0, 2)
    controller.run("play_pause")
    view = controller.run("go_to", 2, Stamp(None, 0.5)).view
    assert (view.index, view.transport.position, view.transport.status) == (2, 25.0, "paused")
    view = controller.run("go_to", 1, None).view
    assert (view.index, view.transport.position) == (1, 0.0)
    controller.run("back")
    view = controller.run("back").view
    assert (view.index, view.transport.position) == (0, 31.0)
