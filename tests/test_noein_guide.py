"""The bundled Noein guide: it checks clean and says what the album and the review say."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from albums import NOEIN_TRACKLIST

from ostguide.catalog import bundled_dir
from ostguide.guide.glossary import for_guide
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


def test_other_titles_leave_out_the_review_typos(guide: Guide) -> None:
    others = {t.id.number: t.alt_titles for t in guide.tracks if t.alt_titles}
    assert "Baron to Tono" in others[11]
    flat = [title for titles in others.values() for title in titles]
    assert "Ryuukihei-tachi no Tataki" not in flat
    assert "Unmei no Kanashisa" not in flat


def test_no_file_names_from_the_review_clips(guide: Guide) -> None:
    assert [t.id for t in guide.tracks if t.files] == []


def test_album_facts(guide: Guide) -> None:
    album = guide.album
    assert album.title == "Noein: Mou Hitori no Kimi e Original Soundtrack Vol. 1"
    assert album.composer == "Nanase Hikaru (Itou Masumi)"
    assert (album.label, album.catalogue) == ("Lantis", "LACA-5460")
    assert album.released == dt.date(2006, 1, 12).isoformat()
    assert album.year == "2006"
    assert album.discs == 1
    assert "Random Curiosity" in album.source
    assert album.url == "https://randomc.net/2012/05/22/noein-ost-vol-1/"
    assert album.author == ""  # the copy the guide was written from does not name one
    assert [key for key, _ in album.extra] == ["credits"]
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
    assert len(refs) >= 15
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
        (9, "middle section (B)", 0.2, 0.5),
        (9, "comes back", 0.5, 0.9),
        (6, "Picardy third", 0.9, 1.0),
    ],
    ids=[
        "shangri-la-second-section",
        "lacryma-low-strings",
        "karasu-choir",
        "haruka-middle",
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


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "yet to come"), (4, "has not come yet"), (9, "B has not begun")],
)
def test_approximate_remarks_say_what_to_listen_for(guide: Guide, number: int, words: str) -> None:
    """A placement the review does not give is still useful 30 s off: it names the change."""
    assert remark(guide, number, words).stamp.approximate


def test_tracks_the_review_passes_over_are_listed_without_commentary(guide: Guide) -> None:
    """They carry no ✎ in the track list: a line saying "not discussed" would earn one."""
    silent = [t.id.number for t in guide.tracks if not t.has_commentary]
    assert silent == [2, 3, 14, 15, 16, 17, 18, 20, 21, 22]
    assert all("not discussed in the review" not in t.intro.lower() for t in guide.tracks)
    assert "passes over have no text here" in guide.intro
    assert "the Friendship Theme" in track(guide, 13).intro


def test_the_composer_is_a_woman(guide: Guide) -> None:
    assert "her credits" in guide.intro
    assert not re.search(r"\b(his|he)\b", guide.intro.split("\n\n")[0])


@pytest.mark.parametrize(
    "phrase",
    [
        "future incarnation",
        "future self",
        "sacrific",
        "band or synthesizers",
        "a broad",
        "slows",
        "same world",
        "driving the same line",
    ],
)
def test_claims_the_review_does_not_make_are_gone(result: ParseResult, phrase: str) -> None:
    assert phrase not in "\n".join(result.lines).lower()


def test_the_hedge_on_night_on_bald_mountain(guide: Guide) -> None:
    assert "possibly" in track(guide, 8).intro
    assert '"possibly"' in guide.afterword


TERMS_USED = (
    "tutti",
    "block chords",
    "polyphony",
    "appoggiaturas",
    "tremolo",
    "dissonance",
    "modulations",
    "chromatic",
    "Picardy third",
    "Tierce de Picardie",
    "open fifths",
    "ternary",
    "counterpoint",
    "gigue",
    "call and answer",
    "compound-time",
    "acciaccaturas",
    "sarabande",
    "tabla",
    "tambura",
    "drones",
    "common-practice period",
    "leitmotifs",
)


@pytest.mark.parametrize("word", TERMS_USED)
def test_every_term_the_guide_uses_is_in_the_glossary(
    guide: Guide, result: ParseResult, word: str
) -> None:
    assert word in "\n".join(result.lines)
    (term,) = for_guide(guide).terms_in(word)
    assert term.definition


def test_every_track_that_uses_terms_has_them_defined(guide: Guide) -> None:
    glossary = for_guide(guide)
    found = {t.id.number: [term.name for term in glossary.in_track(t)] for t in guide.tracks}
    assert found[11] == ["compound time", "clarinet", "acciaccatura", "grace note"]
    assert [n for n, names in found.items() if names] == [1, 4, 5, 6, 7, 9, 10, 11, 12, 19, 23]


@pytest.mark.parametrize(
    "name",
    [
        "Carl Orff",
        "Johann Sebastian Bach",
        "Modest Mussorgsky",
        "Pyotr Ilyich Tchaikovsky",
        "Gustav Holst",
        "Ludwig van Beethoven",
        "Sakuraba Motoi",
        "Kanno Yoko",
        "Jeremy Soule",
    ],
)
def test_the_afterword_introduces_the_names_it_cites(guide: Guide, name: str) -> None:
    assert f"- **{name}** (" in guide.afterword
