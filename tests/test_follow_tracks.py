"""Which guide track another player is playing, by the library's matcher."""

from __future__ import annotations

from dataclasses import replace

import pytest
from uikit import sample_guide

from ostguide.follow.reading import Playing
from ostguide.follow.tracks import TrackFinder
from ostguide.guide.model import Guide, TrackId


@pytest.mark.parametrize(
    ("playing", "expected"),
    [
        (Playing("a", "01 Opening.flac", "Opening", "Sample Soundtrack", None, 1), "01"),
        (Playing("b", "/music/Sample/02 Interlude.flac"), "02"),
        (Playing("c", "https://radio.example/stream", "Finale"), "03"),
        (Playing("d", "/x/Rhapsody.flac", "Bohemian Rhapsody", "A Night at the Opera"), None),
    ],
)
def test_tags_file_names_and_titles_find_the_track(playing: Playing, expected: str | None) -> None:
    found = TrackFinder(sample_guide).track_of(playing)
    assert (None if found is None else str(found)) == expected


def test_a_queue_is_matched_one_track_per_entry() -> None:
    queue = [
        Playing("1", "02 Interlude.flac"),
        Playing("2", "zzz.flac"),
        Playing("3", "01 Opening.flac"),
    ]
    assert TrackFinder(sample_guide).tracks_of(queue) == {2: TrackId(1, 1), 0: TrackId(1, 2)}


def test_an_edited_guide_is_matched_afresh() -> None:
    guide: list[Guide] = [sample_guide()]
    finder = TrackFinder(lambda: guide[0])
    playing = Playing("a", None, "Opening")
    assert finder.track_of(playing) == TrackId(1, 1)
    first, *rest = guide[0].tracks
    guide[0] = replace(guide[0], tracks=(replace(first, id=TrackId(1, 9)), *rest))
    assert finder.track_of(playing) == TrackId(1, 9)
