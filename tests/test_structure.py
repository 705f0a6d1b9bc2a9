"""Matching that trusts a folder's numbering: rips tagged in Japanese, bare `Track01.wav` names,
two discs numbered from 1; and the folders that must not be forced onto the guide by numbers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from albums import NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM, NOEIN_TRACKLIST
from audiogen import make_tone
from hypothesis import given
from hypothesis import strategies as st

from ostguide.cli import EXIT_OK, main
from ostguide.guide.model import Track, TrackId
from ostguide.library.match import MIN_SCORE, match
from ostguide.library.romanize import _converter, known, remember, romanize
from ostguide.library.scan import AudioFile, ScanCache, scan

RIP = Path("/music/ノエイン")
COUNT = len(NOEIN_TRACKLIST)


def noein_tracks() -> list[Track]:
    return [Track(TrackId(1, n), title, n) for n, title in enumerate(NOEIN_TRACKLIST, start=1)]


def japanese_rip(folder: Path = RIP, album: str | None = NOEIN_JAPANESE_ALBUM) -> list[AudioFile]:
    """`01. シャングリラ.flac` … tagged in Japanese with numbers, shuffled."""
    files = [
        AudioFile(folder / f"{n:02d}. {title}.flac", 1, 0, title=title, album=album, track=n)
        for n, title in enumerate(NOEIN_JAPANESE, start=1)
    ]
    random.Random(13).shuffle(files)
    return files


def chosen(
    files: list[AudioFile], tracks: list[Track] | None = None, **options: object
) -> dict[str, str]:
    """Track id → the file's name, or "-"."""
    result = match(tracks or noein_tracks(), files, **options)  # type: ignore[arg-type]
    return {str(m.track): m.file.path.name if m.file else "-" for m in result.matches}


def in_order(names: list[str]) -> dict[str, str]:
    return {f"{n:02d}": name for n, name in enumerate(names, start=1)}


def test_a_rip_tagged_in_japanese_is_matched_by_number() -> None:
    expected = in_order([f"{n:02d}. {t}.flac" for n, t in enumerate(NOEIN_JAPANESE, start=1)])
    assert chosen(japanese_rip()) == expected
    assert chosen(japanese_rip(), album="Noein OST", also=[NOEIN_JAPANESE_ALBUM]) == expected
    assert chosen(japanese_rip(album=None), album="Noein OST") == expected


def test_the_reason_says_the_place_and_the_title() -> None:
    result = match(noein_tracks(), japanese_rip(), also=[NOEIN_JAPANESE_ALBUM])
    reasons = {str(m.track): (m.reason, m.confidence) for m in result.matches}
    assert reasons["03"] == ("track 3 of 23 in an album of 23; title 廃墟の地上", 1.0)
    assert reasons["09"] == ("track 9 of 23 in an album of 23", 0.9)  # ハルカの家: ie, not uchi


def test_bare_track_names_without_tags() -> None:
    files = [AudioFile(Path(f"/music/cd/Track{n:02d}.wav"), 1, 0) for n in range(1, COUNT + 1)]
    expected = in_order([f"Track{n:02d}.wav" for n in range(1, COUNT + 1)])
    assert chosen(files) == expected
    assert match(noein_tracks(), files).matches[2].reason == "track 3 of 23 in an album of 23"


def test_a_misnumbered_file_is_placed_by_its_romanised_title() -> None:
    files = japanese_rip()
    wrong = next(f for f in files if f.track == 3)
    files[files.index(wrong)] = AudioFile(wrong.path, 1, 0, title=wrong.title, track=4)
    assert chosen(files)["03"] == "03. 廃墟の地上.flac"
    assert chosen(files)["04"] == "04. ラクリマ、近い世界.flac"


def test_two_discs_both_numbered_from_one() -> None:
    tracks = [
        Track(TrackId(disc, n), f"{title} {disc}", n)
        for disc in (1, 2)
        for n, title in enumerate(NOEIN_TRACKLIST[:12], start=1)
    ]
    folders = [
        AudioFile(Path(f"/music/Noein/CD{disc}/Track{n:02d}.wav"), 1, 0)
        for disc in (2, 1)
        for n in range(1, 13)
    ]
    tags = [
        AudioFile(Path(f"/music/Noein/{disc}{n:02d}.flac"), 1, 0, title="曲", disc=disc, track=n)
        for disc in (1, 2)
        for n in range(1, 13)
    ]
    for files in (folders, tags):
        result = match(tracks, files)
        for m in result.matches:
            assert m.file is not None
            assert (m.file.disc or int(m.file.path.parent.name[-1])) == m.track.disc
            assert m.file.path.stem.endswith(f"{m.track.number:02d}")
        assert result.matches[13].reason.startswith("disc 2 track 2 of 12 in an album of 24")


def test_a_folder_holding_two_albums_is_not_forced() -> None:
    """Two untagged albums of 23 numbered files in one folder: numbers say nothing."""
    files = [
        AudioFile(Path(f"/music/mix/{n:02d} 曲{k}.flac"), 1, 0) for k in "ab" for n in range(1, 24)
    ]
    assert set(chosen(files).values()) == {"-"}


def test_a_partial_rip_is_not_forced_by_numbers_alone() -> None:
    files = [AudioFile(Path(f"/music/some/Track{n:02d}.wav"), 1, 0) for n in range(1, 11)]
    assert set(chosen(files).values()) == {"-"}
    tagged = [
        AudioFile(Path(f"/music/some/{n:02d}.flac"), 1, 0, album=NOEIN_JAPANESE_ALBUM, track=n)
        for n in range(1, 11)
    ]
    named = chosen(tagged, also=[NOEIN_JAPANESE_ALBUM])
    assert named == {f"{n:02d}": f"{n:02d}.flac" if n <= 10 else "-" for n in range(1, 24)}


def test_another_album_with_as_many_tracks_is_not_this_one() -> None:
    other = [
        AudioFile(Path(f"/music/canaan/{n:02d}.flac"), 1, 0, album="Canaan OST", track=n)
        for n in range(1, 24)
    ]
    assert set(chosen(other, album="Noein OST").values()) == {"-"}
    titled = [
        AudioFile(Path(f"/music/x/{n:02d} {t}.flac"), 1, 0, title=t, track=n)
        for n, t in enumerate(["Opening", "Battle", "Sunset", "Rain"] * 6, start=1)
    ][:COUNT]
    assert set(chosen(titled).values()) == {"-"}


def test_lengths_that_disagree_reveal_a_wrong_folder() -> None:
    tracks = [Track(t.id, t.title, t.line, length=100.0 + t.id.number) for t in noein_tracks()]
    right = [
        AudioFile(Path(f"/m/a/Track{n:02d}.wav"), 1, 0, length=100.0 + n) for n in range(1, 24)
    ]
    wrong = [AudioFile(Path(f"/m/b/Track{n:02d}.wav"), 1, 0, length=300.0) for n in range(1, 24)]
    assert chosen(right, tracks)["05"] == "Track05.wav"
    assert set(chosen(wrong, tracks).values()) == {"-"}
    both = match(tracks, wrong + right)
    assert all(m.file is not None and m.file.path.parent.name == "a" for m in both.matches)


@given(
    st.lists(
        st.tuples(st.integers(0, 25), st.integers(1, 2), st.sampled_from([*NOEIN_JAPANESE, ""])),
        max_size=30,
    )
)
def test_no_file_serves_two_tracks(rows: list[tuple[int, int, str]]) -> None:
    files = [
        AudioFile(Path(f"/m/CD{disc}/{k:02d}.flac"), 1, 0, title=t or None, track=n or None)
        for k, (n, disc, t) in enumerate(rows)
    ]
    tracks = noein_tracks() + [Track(TrackId(2, n), f"Extra {n}", 30 + n) for n in (1, 2)]
    result = match(tracks, files)
    used = [m.file for m in result.matches if m.file is not None]
    assert len({id(f) for f in used}) == len(used)
    assert len(used) + len(result.leftovers) == len(files)
    assert all(m.confidence >= MIN_SCORE for m in result.matches if m.file is not None)


@pytest.mark.slow
def test_match_explains_a_generated_japanese_rip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real files tagged `1/23`…`23/23` in Japanese, scanned, and the bundled guide's `match`."""
    rip = tmp_path / "ノエイン"
    for n, title in enumerate(NOEIN_JAPANESE, start=1):
        tags = {"title": title, "album": NOEIN_JAPANESE_ALBUM, "tracknumber": f"{n}/23"}
        make_tone(rip / f"{n:02d}. {title}.flac", 0.2, tags=tags)
    files = scan(rip, cache=ScanCache(tmp_path / "cache.json"))
    assert [f.track for f in files] == list(range(1, 24))
    assert main(["match", "noein", "--music", str(rip)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith("03"))
    assert "03. 廃墟の地上.flac" in row
    assert row.endswith("track 3 of 23 in an album of 23; title 廃墟の地上")
    assert not any("not used" in line or "not found" in line for line in lines)


def test_generated_bare_wav_rips_of_two_discs_numbered_from_one(tmp_path: Path) -> None:
    """Untagged `Track01.wav` … on CD1 and CD2, read from disk: each track by disc and number."""
    rip = tmp_path / "Noein"
    for disc in (1, 2):
        for n in range(1, 13):
            make_tone(rip / f"CD{disc}" / f"Track{n:02d}.wav", 0.05)
    tracks = [
        Track(TrackId(disc, n), title, n)
        for disc, titles in ((1, NOEIN_TRACKLIST[:12]), (2, (*NOEIN_TRACKLIST[12:], "Bonus")))
        for n, title in enumerate(titles, start=1)
    ]
    files = scan(rip, cache=ScanCache(tmp_path / "cache.json"))
    result = match(tracks, files, root=rip)
    shown = {
        str(m.track): m.file.path.relative_to(rip).as_posix() for m in result.matches if m.file
    }
    assert shown == {
        str(TrackId(disc, n)): f"CD{disc}/Track{n:02d}.wav" for disc in (1, 2) for n in range(1, 13)
    }
    assert result.matches[12].reason == "disc 2 track 1 of 12 in an album of 24"


@pytest.fixture
def fresh_romaji(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: nothing romanised yet, and pykakasi not loaded."""
    monkeypatch.setattr("ostguide.library.romanize._known", {})
    _converter.cache_clear()


@pytest.mark.usefixtures("fresh_romaji")
def test_a_latin_library_never_loads_the_romanisation() -> None:
    """pykakasi's dictionary takes half a second to load: only a Japanese title may ask for it."""
    latin = [
        AudioFile(RIP / f"{n:02d} {t}.flac", 1, 0, title=t, album="Noein OST", track=n)
        for n, t in enumerate(NOEIN_TRACKLIST, start=1)
    ]
    assert match(noein_tracks(), latin, album="Noein", also=[NOEIN_JAPANESE_ALBUM]).complete
    assert _converter.cache_info().currsize == 0
    match(noein_tracks(), japanese_rip())
    assert _converter.cache_info().currsize == 1


@pytest.mark.usefixtures("fresh_romaji")
def test_romaji_kept_in_the_scan_cache_spare_loading_the_dictionary_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "scan.json"
    first = ScanCache(cache_file)
    match(noein_tracks(), japanese_rip())
    assert _converter.cache_info().currsize == 1
    first.save()
    assert romanize("廃墟の地上") == "haikyo no chijou"

    monkeypatch.setattr("ostguide.library.romanize._known", {})  # the next run
    _converter.cache_clear()
    ScanCache(cache_file)
    again = match(noein_tracks(), japanese_rip())
    assert again.complete and _converter.cache_info().currsize == 0


@pytest.mark.usefixtures("fresh_romaji")
def test_romaji_read_from_the_cache_are_checked() -> None:
    taken = remember(
        {
            "廃墟の地上": "haikyo no chijou",
            "Latin": "latin",  # nothing to romanise
            "時空転移": "jikuu\x1b[2Jteni",  # a terminal command
            "未来": 42,
            "カラス" * 400: "karasu",
        }
    )
    assert taken == 1
    assert known() == {"廃墟の地上": "haikyo no chijou"}
