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


def test_no_japanese_track_titles_without_a_source(guide: Guide) -> None:
    """The review gives none, and no source for the five the guide had could be found."""
    japanese = [title for t in guide.tracks for title in t.alt_titles if JAPANESE.search(title)]
    assert japanese == []


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
    assert "possibly the most\nnoteworthy" in track(guide, 8).intro
    assert '"possibly", as the most noteworthy' in guide.afterword


def sentence(text: str, words: str) -> str:
    """The one sentence of `text` (line breaks as spaces) that holds `words`."""
    found = [s for s in re.split(r"(?<=\.)\s+", " ".join(text.split())) if words in s]
    assert len(found) == 1, (words, found)
    return found[0]


@pytest.mark.parametrize(
    ("where", "words", "hedge"),
    [
        pytest.param("intro", "hardly anyone had seen Noein", "reviewer had talked to", id="few"),
        pytest.param(1, "trademarks", "writing for choir", id="harmony-and-choral-writing"),
        pytest.param(9, "Renaissance", "something of a", id="somewhat-renaissance"),
        pytest.param(10, "Bach", "certain pieces by", id="certain-music-by-bach"),
        pytest.param("afterword", "Holst", "possible", id="holst-and-beethoven"),
        pytest.param("afterword", "ballet", "To the reviewer", id="ballet-is-an-opinion"),
        pytest.param("afterword", "Jeremy Soule", "reviewer's ear", id="soule-is-an-opinion"),
        pytest.param(11, "clarinets", "the review says", id="clarinet-attributed"),
        pytest.param(23, "genre", "for the review", id="genre-attributed"),
        pytest.param("intro", "misshapen", "As the reviewer describes it", id="art-attributed"),
    ],
)
def test_the_reviews_hedges_and_opinions_stay_its_own(
    guide: Guide, where: int | str, words: str, hedge: str
) -> None:
    if where == "intro":
        text = guide.intro
    elif where == "afterword":
        text = guide.afterword.split("### Who's who")[0]
    else:
        assert isinstance(where, int)
        chosen = track(guide, where)
        text = "\n\n".join((chosen.intro, *(cue.text for cue in chosen.cues)))
    assert hedge in sentence(text, words)


@pytest.mark.parametrize(
    "phrase",
    [
        "most obvious",
        "the clearest",
        "never found a large audience",
        "composers often use",
        "pounding stops",
        "voices enter",
        "two halves",
        "two chapters",
        "dense, dramatic writing for strings",
        "shared by three tracks. First heard in Tomodachi to Tomo ni (10), as a",
    ],
)
def test_claims_taken_back_after_review(result: ParseResult, phrase: str) -> None:
    assert phrase not in " ".join("\n".join(result.lines).split())


def test_the_shangri_la_change_is_told_by_what_the_review_hears(guide: Guide) -> None:
    """Calm after aggression, and choral writing: not voices entering (O Fortuna has a choir)."""
    second = " ".join(remark(guide, 1, "second section").text.split())
    assert "calm where the first was aggressive" in second
    assert "the second section has arrived" in second
    assert "yet to come" in second


def test_the_wrapped_theme_link_marks_its_remark(guide: Guide) -> None:
    assert guide.statements("shangri-la")[0] == (0, 0)


@pytest.mark.parametrize(
    ("theme", "words"),
    [
        ("shangri-la", ["whole ensemble", "same rhythm", "cello", "slow, unhurried notes"]),
        ("haruka", ["whistle", "gentle lilt", "dragging pace"]),
        ("friendship", ["groups of instruments", "skipping rhythms", "clarinets", "compound time"]),
    ],
)
def test_themes_say_on_what_and_how_the_tune_moves(
    guide: Guide, theme: str, words: list[str]
) -> None:
    found = guide.theme(theme)
    assert found is not None
    for word in words:
        assert word in found.description


def test_every_commented_track_says_how_it_unfolds_or_that_the_review_does_not(
    guide: Guide,
) -> None:
    no_timeline = "No timeline: the review describes this track as a whole."
    undiscussed = ("Not discussed track by track", "does not discuss it further")
    for t in guide.tracks:
        if not t.has_commentary:
            continue
        told = bool(t.cues) or no_timeline in t.intro or any(u in t.intro for u in undiscussed)
        assert told, t.id
    assert [t.id.number for t in guide.tracks if no_timeline in t.intro] == [10, 11, 19, 23]


def test_jikuu_teni_in_the_reviews_order(guide: Guide) -> None:
    first, second = track(guide, 5).cues
    assert first.stamp == Stamp(0.0, None) and "oboe" in first.text
    assert second.stamp.approximate and "leads on into passages for strings" in second.text
    assert "only a guess" in second.text


def test_yuu_no_theme_is_ternary_like_its_sister_track(guide: Guide) -> None:
    cues = track(guide, 12).cues
    assert [cue.stamp for cue in cues] == [cue.stamp for cue in track(guide, 9).cues]
    assert ["(A)" in cues[0].text, "(B)" in cues[1].text, "(A)" in cues[2].text] == [True] * 3
    assert "seems to follow a ternary" in " ".join(track(guide, 12).intro.split())


def test_how_to_read_explains_the_placed_stamps(guide: Guide) -> None:
    how = " ".join(guide.intro.split())
    assert "`≈` (as in `≈1:51`)" in how
    assert "explained at the end of this page" in how


def test_the_funeral_march_is_named(guide: Guide) -> None:
    assert "funeral march" in track(guide, 19).intro


@pytest.mark.parametrize(
    ("name", "says", "never"),
    [
        (
            "Sakuraba Motoi",
            "keyboardist who came to video game music from progressive rock",
            "strings",
        ),
        ("Modest Mussorgsky", "used Leopold Stokowski's own version", "best known in"),
    ],
)
def test_whos_who_as_the_sources_found_have_it(
    guide: Guide, name: str, says: str, never: str
) -> None:
    entry = next(e for e in guide.afterword.split("\n- ") if e.startswith(f"**{name}**"))
    entry = " ".join(entry.split())
    assert says in entry
    assert never not in entry


TERMS_USED = (
    "tutti",
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
    "compound time",
    "acciaccaturas",
    "sarabande",
    "tabla",
    "tambura",
    "drones",
    "common-practice period",
    "leitmotifs",
    "oboe",
    "clarinets",
    "cello",
    "harp",
    "whistle",
    "funeral march",
    "choir",
    "pulse",
    "texture",
    "solo",
    "early music",
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
    assert found[19] == ["solo", "cello", "chord", "funeral march"]
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
