"""Matching files to tracks: naming styles, messy folders, the assignment, and the report."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from albums import NOEIN_TRACKLIST
from hypothesis import given
from hypothesis import strategies as st

from ostguide.guide.model import Track, TrackId
from ostguide.library.match import HINTED, MIN_SCORE, match, min_cost_assignment
from ostguide.library.report import format_assignment
from ostguide.library.scan import AudioFile

MUSIC = Path("/music/Noein")


def noein_tracks(disc: int = 1) -> list[Track]:
    return [
        Track(id=TrackId(disc, n), title=title, line=n)
        for n, title in enumerate(NOEIN_TRACKLIST, start=1)
    ]


def audio(name: str, folder: Path = MUSIC, **tags: object) -> AudioFile:
    return AudioFile(folder / name, 1000, 0, **tags)  # type: ignore[arg-type]


def assigned(tracks: list[Track], files: list[AudioFile], **options: object) -> dict[str, str]:
    """Track id → file name (or "-") of the assignment."""
    result = match(tracks, files, **options)  # type: ignore[arg-type]
    return {str(m.track): m.file.path.name if m.file else "-" for m in result.matches}


def _clip(title: str) -> str:
    return "Noein_" + title.replace("’", "").replace(", ", "_").replace(" ", "_") + ".mp3"


def _dashed(n: int, title: str) -> str:
    return f"{n:02d}-" + title.lower().replace("’", "").replace(", ", "-").replace(" ", "-")


STYLES: dict[str, Callable[[int, str], AudioFile]] = {
    "numbered flac, untagged": lambda n, t: audio(f"{n:02d} {t}.flac"),
    "dashed lowercase mp3, untagged": lambda n, t: audio(_dashed(n, t) + ".mp3"),
    "album-prefixed clips, untagged": lambda n, t: audio(_clip(t)),
    "titles only, untagged": lambda n, t: audio(f"{t}.ogg"),
    "disc-numbered names": lambda n, t: audio(f"1-{n:02d} {t}.flac"),
    "tagged, meaningless names": lambda n, t: audio(
        f"Track{(n * 7) % 23 + 1:02d}.mp3", title=t, track=n, album="Noein OST"
    ),
    "tagged numbers only": lambda n, t: audio(f"AUDIO_{n * 37 % 101}.flac", track=n),
    "tagged clips without numbers": lambda n, t: audio(_clip(t), title=t, album="Noein"),
}


@pytest.mark.parametrize("style", STYLES)
def test_a_whole_rip_in_every_naming_style(style: str) -> None:
    files = [STYLES[style](n, title) for n, title in enumerate(NOEIN_TRACKLIST, start=1)]
    random.Random(style).shuffle(files)
    result = match(noein_tracks(), files)
    assert result.complete
    assert result.leftovers == ()
    for m in result.matches:
        assert m.file is not None
        expected = STYLES[style](m.track.number, NOEIN_TRACKLIST[m.track.number - 1])
        assert m.file.path == expected.path, (m, expected)
        assert m.confidence >= MIN_SCORE


@pytest.mark.parametrize(
    ("title", "alt_titles", "file", "expected"),
    [
        ("Still Another Wanderer", (), audio("wanderer.ogg"), "wanderer.ogg"),
        ("La’cryma, Chika Sekai", (), audio("Noein_Lacryma_Chika_Sekai.mp3"), "Noein_"),
        ("Baron no Tono", ("Baron to Tono",), audio("Baron to Tono.mp3"), "Baron to Tono.mp3"),
        ("Shangri-La", ("シャングリラ",), audio("x.flac", title="シャングリラ"), "x.flac"),
        ("Shangri-La", (), audio("x.flac", title="シャングリラ"), "x.flac"),
        ("Shangri-La", (), audio("ｼｬﾝｸﾞﾘﾗ.mp3"), "ｼｬﾝｸﾞﾘﾗ.mp3"),
        ("Haikyo no Chijou", (), audio("廃墟の地上.flac"), "廃墟の地上.flac"),
        ("Omoi", (), audio("運命の轍.flac"), "-"),
        ("Shangri-La", ("シャングリラ",), audio("ｼｬﾝｸﾞﾘﾗ.mp3"), "ｼｬﾝｸﾞﾘﾗ.mp3"),
        ("Omoi", (), audio("silence.ogg"), "-"),
        ("Yuruyaka na Kanashimi", (), audio("silence.ogg"), "-"),
        ("Shangri-La", (), audio("The Shangri-La.mp3"), "The Shangri-La.mp3"),
        ("The Wanderer", (), audio("Wanderer, The.mp3"), "Wanderer, The.mp3"),
    ],
)
def test_one_track_one_file(
    title: str, alt_titles: tuple[str, ...], file: AudioFile, expected: str
) -> None:
    track = Track(id=TrackId(1, 5), title=title, line=1, alt_titles=alt_titles)
    result = match([track], [file])
    chosen = result.matches[0].file
    if expected == "-":
        assert chosen is None
        assert result.leftovers == (file,)
    else:
        assert chosen is not None and chosen.path.name.startswith(expected)
        assert result.leftovers == ()


def test_clips_with_a_stray_file_and_gaps() -> None:
    """The review's clips: every other track, a silence file, the ’ spelled without it."""
    files = [audio(_clip(title)) for title in NOEIN_TRACKLIST[::2]] + [audio("silence.ogg")]
    result = match(noein_tracks(), files)
    names = {str(m.track): m.file.path.name if m.file else "-" for m in result.matches}
    assert names["01"] == "Noein_Shangri-La.mp3"
    assert names["23"] == "Noein_Lacryma_Jikuu_Kai.mp3"
    assert names["04"] == "-"  # its near namesake 23 is taken by its own track
    assert sum(name != "-" for name in names.values()) == 12
    assert [f.path.name for f in result.leftovers] == ["silence.ogg"]
    assert result.missing == tuple(TrackId(1, n) for n in range(2, 24, 2))


def test_two_discs_that_both_have_a_track_6() -> None:
    tracks = [
        Track(id=TrackId(1, 6), title="Mirai no Haruka", line=1),
        Track(id=TrackId(2, 6), title="Mirai no Haruka (Piano)", line=2),
        Track(id=TrackId(2, 7), title="Omoi", line=3),
    ]
    files = [
        audio("06 Mirai no Haruka.flac", folder=MUSIC / "CD2"),
        audio("06 Mirai no Haruka.flac", folder=MUSIC / "CD1"),
        audio("07 Omoi.flac", folder=MUSIC / "CD2"),
    ]
    by_tag = [
        audio("a.mp3", title="Mirai no Haruka", disc=2, track=6),
        audio("b.mp3", title="Mirai no Haruka", disc=1, track=6),
        audio("c.mp3", title="Omoi", disc=2, track=7),
    ]
    for given_files in (files, by_tag):
        result = match(tracks, given_files)
        chosen = {m.track: m.file for m in result.matches}
        assert chosen[TrackId(1, 6)] is given_files[1]
        assert chosen[TrackId(2, 6)] is given_files[0]
        assert chosen[TrackId(2, 7)] is given_files[2]


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("Noein_Shangri-La.mp3", "clips/Noein_Shangri-La.mp3"),
        ("clips/noein_shangri-la.mp3", "clips/Noein_Shangri-La.mp3"),
        ("rip/01 Shangri-La.flac", "rip/01 Shangri-La.flac"),
        ("other/Noein_Shangri-La.mp3", "rip/01 Shangri-La.flac"),
    ],
)
def test_hints_name_the_file(hint: str, expected: str) -> None:
    track = Track(id=TrackId(1, 1), title="Shangri-La", line=1, files=(hint,))
    files = [
        audio("01 Shangri-La.flac", folder=Path("/music/rip"), title="Shangri-La", track=1),
        audio("Noein_Shangri-La.mp3", folder=Path("/music/clips")),
    ]
    result = match([track], files, root=Path("/music"))
    found = result.matches[0]
    assert found.file is not None
    assert found.file.path.relative_to("/music").as_posix() == expected
    assert (found.reason == HINTED) == (not hint.startswith("other"))


def test_a_hint_in_another_format_still_counts() -> None:
    track = Track(id=TrackId(1, 1), title="Prologue", line=1, files=("Noein_Shangri-La.mp3",))
    result = match([track], [audio("Noein_Shangri-La.ogg")])
    assert result.matches[0].reason == f"{HINTED}, in another format"


@pytest.mark.parametrize("hint", ["01 Shangri-La.wma", "rip/01 Shangri-La.AAC", "theme.mid"])
def test_a_hint_in_a_format_that_cannot_play_says_so(hint: str) -> None:
    track = Track(id=TrackId(1, 1), title="Shangri-La", line=1, files=(hint,))
    result = match([track], [audio("Something else.ogg")])
    kind = {"wma": "WMA", "AAC": "raw AAC", "mid": "MIDI"}[hint.rsplit(".", 1)[1]]
    assert result.matches[0].reason == (
        f"File: {hint} is {kind}, which ostguide cannot play; convert it to "
        "MP3, OGG, Opus, FLAC, WAV, AAC/ALAC (.m4a), WavPack or APE and name that file"
    )


def test_a_hint_naming_an_itunes_file_is_followed() -> None:
    track = Track(id=TrackId(1, 1), title="Prologue", line=1, files=("01 Shangri-La.m4a",))
    result = match([track], [audio("01 Shangri-La.m4a"), audio("Prologue.ogg")])
    assert result.matches[0].reason == HINTED


@pytest.mark.parametrize(
    ("guide_length", "expected_folder"),
    [(95.0, "tv"), (210.0, "full"), (None, "full")],
)
def test_lengths_break_ties(guide_length: float | None, expected_folder: str) -> None:
    track = Track(id=TrackId(1, 18), title="Omoi", line=1, length=guide_length)
    files = [
        audio("Omoi.mp3", folder=Path("/m/full"), length=211.0),
        audio("Omoi.mp3", folder=Path("/m/tv"), length=94.0),
    ]
    result = match([track], files)
    chosen = result.matches[0]
    assert chosen.file is not None and chosen.file.path.parent.name == expected_folder
    assert ("length" in chosen.reason) == (guide_length is not None)


def test_an_estimated_length_is_not_evidence() -> None:
    track = Track(id=TrackId(1, 18), title="Omoi", line=1, length=95.0)
    file = audio("Omoi.mp3", length=95.0, length_estimated=True)
    assert "length" not in match([track], [file]).matches[0].reason


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        (audio("x.mp3", title="Shangri-La", track=1), "track 1 of 23 in the tags; same title"),
        (audio("01 Shangri-La.flac"), "track 1 of 23 in the file name; same title"),
        (audio("Shangri-La.flac"), "title 100% alike (file name)"),
        (audio("x.mp3", title="Shangri La"), "title 100% alike (tag title)"),
    ],
)
def test_reasons_say_which_evidence_decided(file: AudioFile, reason: str) -> None:
    found = match(noein_tracks(), [file]).matches[0]
    assert found.file is file
    assert found.reason == reason


def test_the_guide_album_puts_off_files_of_other_albums() -> None:
    tracks = noein_tracks()[:1]
    other = audio("01 Opening.mp3", track=1, album="Canaan OST")
    assert match(tracks, [other]).matches[0].file is other
    assert match(tracks, [other], album="Noein OST").matches[0].file is None


def test_a_big_folder_with_many_albums_still_finds_the_album() -> None:
    """5,000 files: many albums numbered 1..23, one of them Noein, tags only."""
    rng = random.Random(5)
    files = [
        audio(
            f"{n:02d}.mp3",
            folder=Path(f"/music/album{a:03d}"),
            title=" ".join(rng.choice(["Theme", "Battle", "Haruka", "Sora", "Yume"]) for _ in "ab"),
            track=n,
            album=f"Album {a}",
        )
        for a in range(217)
        for n in range(1, 24)
    ]
    noein = [
        audio(f"{n:02d}.mp3", folder=Path("/music/noein"), title=t, track=n, album="Noein")
        for n, t in enumerate(NOEIN_TRACKLIST, start=1)
    ]
    everything = files[:2500] + noein + files[2500:]
    result = match(noein_tracks(), everything, album="Noein")
    assert all(m.file is not None and m.file.path.parent.name == "noein" for m in result.matches)
    assert len(result.leftovers) == len(files)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*NOEIN_TRACKLIST, "silence", "wanderer", ""]), st.integers(0, 30)
        ),
        max_size=30,
    )
)
def test_no_file_serves_two_tracks(pairs: list[tuple[str, int]]) -> None:
    files = [
        audio(f"{k:02d} {name}.mp3", track=number or None, title=name or None)
        for k, (name, number) in enumerate(pairs)
    ]
    result = match(noein_tracks(), files)
    chosen = [m.file for m in result.matches if m.file is not None]
    assert len({id(f) for f in chosen}) == len(chosen)
    assert len(chosen) + len(result.leftovers) == len(files)
    assert all(m.confidence >= MIN_SCORE for m in result.matches if m.file is not None)
    assert all(m.confidence == 0 for m in result.matches if m.file is None)


@given(
    st.integers(1, 5).flatmap(
        lambda rows: st.lists(
            st.lists(st.floats(0, 10), min_size=rows + 2, max_size=rows + 2),
            min_size=rows,
            max_size=rows,
        )
    )
)
def test_the_assignment_is_optimal(costs: list[list[float]]) -> None:
    chosen = min_cost_assignment(costs)
    assert len(set(chosen)) == len(chosen)
    best = min(
        sum(costs[r][c] for r, c in enumerate(columns))
        for columns in itertools.permutations(range(len(costs[0])), len(costs))
    )
    assert sum(costs[r][c] for r, c in enumerate(chosen)) == pytest.approx(best)


def test_an_empty_guide_or_folder() -> None:
    assert match([], [audio("a.mp3")]).leftovers == (audio("a.mp3"),)
    nothing = match(noein_tracks(), [])
    assert nothing.missing == tuple(t.id for t in noein_tracks())
    assert nothing.root is None


def test_the_report_lines_up_tracks_files_and_leftovers() -> None:
    tracks = noein_tracks()[:3]
    files = [
        audio("01 Shangri-La.flac", title="Shangri-La", track=1),
        audio("Kakute_Tatakau.mp3", folder=MUSIC / "clips"),
        audio("silence.ogg"),
        audio("broken.flac", problem="unreadable: not a valid FLAC file"),
    ]
    result = match(tracks, files, root=MUSIC)
    header, *lines = format_assignment(tracks, result)
    assert header.split() == ["#", "TRACK", "FILE", "SURE", "WHY"]
    assert header.index("FILE") == lines[0].index("01 Shangri-La")
    assert lines[0].split("  ")[0] == "01"
    assert "01 Shangri-La.flac" in lines[0] and "100%" in lines[0]
    assert "track 1 of 3 in the tags; same title" in lines[0]
    assert "clips/Kakute_Tatakau.mp3" in lines[1] and "95%" in lines[1]
    assert lines[2].startswith("03  Haikyo no Chijou") and "not found" in lines[2]
    file_column = {lines[0].index("01 Shangri-La"), lines[1].index("clips/"), lines[2].index("not")}
    assert len(file_column) == 1
    assert lines[3:] == [
        "",
        "2 files not used:",
        "  silence.ogg",
        "  broken.flac  (unreadable: not a valid FLAC file)",
    ]
    assert all(line == line.rstrip() for line in lines)


def test_the_report_counts_what_it_does_not_list() -> None:
    files = [audio(f"extra{k:03d}.ogg") for k in range(60)]
    lines = format_assignment(noein_tracks()[:1], match(noein_tracks()[:1], files))
    assert lines[-1] == "  … and 10 more"
    assert "60 files not used:" in lines
