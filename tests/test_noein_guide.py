"""The bundled Noein guide: it checks clean and says what the album and the review say."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from albums import NOEIN_TRACKLIST

from ostguide.catalog import bundled_dir
from ostguide.guide.model import Cue, Guide, Stamp, Track, TrackId
from ostguide.guide.parser import ParseResult, load_guide, parse_target

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return load_guide(bundled_dir() / "noein.md")


@pytest.fixture(scope="module")
def guide(result: ParseResult) -> Guide:
    assert result.guide is not None
    return result.guide


def track(guide: Guide, number: int) -> Track:
    found = guide.track(TrackId(1, number))
    assert found is not None
    return found


def test_checks_clean(result: ParseResult) -> None:
    assert [d.headline() for d in result.diagnostics] == []
    assert result.guide is not None


def test_tracklist(guide: Guide) -> None:
    assert [t.id for t in guide.tracks] == [TrackId(1, n) for n in range(1, 24)]
    assert tuple(t.title for t in guide.tracks) == NOEIN_TRACKLIST


def test_japanese_titles(guide: Guide) -> None:
    japanese = {
        t.id.number: title for t in guide.tracks for title in t.alt_titles if JAPANESE.search(title)
    }
    assert japanese == {
        1: "シャングリラ",
        2: "かくて、闘う",
        6: "未来のハルカ",
        7: "カラスのテーマ",
        9: "ハルカの家",
    }


@pytest.mark.parametrize(
    ("number", "spelling"),
    [(11, "Baron to Tono"), (19, "Unmei no Kanashisa"), (8, "Ryuukihei-tachi no Tataki")],
)
def test_review_spellings_are_alt_titles(guide: Guide, number: int, spelling: str) -> None:
    assert spelling in track(guide, number).alt_titles


def test_album_facts(guide: Guide) -> None:
    album = guide.album
    assert album.title == "Noein: Mou Hitori no Kimi e Original Soundtrack"
    assert album.composer == "Nanase Hikaru (Itou Masumi)"
    assert (album.label, album.catalogue) == ("Lantis", "LACA-5460")
    assert album.released == dt.date(2006, 1, 12).isoformat()
    assert album.year == "2006"
    assert album.discs == 1
    assert "Random Curiosity" in album.source
    assert album.extra == ()
    assert album.also == ("ノエイン もうひとりの君へ オリジナルサウンドトラック",)


@pytest.mark.parametrize(
    ("theme", "numbers"),
    [("shangri-la", [1, 19]), ("haruka", [9, 12]), ("friendship", [10, 11, 13])],
)
def test_themes_and_the_tracks_that_state_them(
    guide: Guide, theme: str, numbers: list[int]
) -> None:
    assert [t.id for t in guide.themes] == ["shangri-la", "haruka", "friendship"]
    found = guide.theme(theme)
    assert found is not None and found.name and found.description
    assert [guide.tracks[i].id.number for i in guide.tracks_stating(theme)] == numbers


def test_every_cross_reference_resolves(guide: Guide, result: ParseResult) -> None:
    refs = [
        ref
        for t in guide.tracks
        for ref in (*t.intro_refs, *(r for cue in t.cues for r in cue.refs))
    ]
    assert len(refs) >= 20
    for ref in refs:
        if ref.theme is not None:
            assert guide.theme(ref.theme) is not None, ref
        else:
            assert ref.track is not None and guide.track(ref.track) is not None, ref
    fragments = re.findall(r"\]\(#([^)]*)\)", "\n".join(result.lines))
    assert len(fragments) > len(refs)  # the intro and afterword link too
    for fragment in fragments:
        target = parse_target(fragment)
        if isinstance(target, str):
            assert guide.theme(target) is not None, fragment
        else:
            assert target is not None and guide.track(target[0]) is not None, fragment


def test_no_invented_seconds(guide: Guide) -> None:
    stamps = [cue.stamp for t in guide.tracks for cue in t.cues]
    assert stamps
    for stamp in stamps:
        assert stamp == Stamp(0.0, None) or (stamp.seconds is None and stamp.approximate), stamp
    assert all(t.length is None for t in guide.tracks)


def remark(guide: Guide, number: int, words: str) -> Cue:
    """The remark of a track whose text mentions `words`."""
    matching = [cue for cue in track(guide, number).cues if words in cue.text]
    assert len(matching) == 1, (number, words)
    return matching[0]


@pytest.mark.parametrize(
    ("number", "words", "low", "high"),
    [
        (1, "second section", 0.3, 0.7),
        (4, "low strings", 0.3, 0.7),
        (7, "turns abruptly to a choir", 0.5, 0.5),
        (9, "comes back", 0.5, 0.9),
        (6, "Picardy third", 0.9, 1.0),
    ],
    ids=[
        "shangri-la-second-section",
        "lacryma-low-strings",
        "karasu-choir",
        "haruka-return",
        "picardy",
    ],
)
def test_remarks_the_review_calls_for(
    guide: Guide, number: int, words: str, low: float, high: float
) -> None:
    stamp = remark(guide, number, words).stamp
    assert stamp.approximate and stamp.fraction is not None
    assert low <= stamp.fraction <= high
