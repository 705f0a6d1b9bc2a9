"""Issue 19's table: the Noein album as listeners' copies really are, each row a generated rip
that must match 23 of 23 (the second volume alone: none, and the report says why)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rips
from albums import NOEIN_VOL2_ALBUM
from audiogen import write_tags

from ostguide.catalog import bundled_dir
from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, main
from ostguide.guide.model import Guide
from ostguide.guide.parser import load_guide
from ostguide.launch import Library, find_library

ROWS: dict[str, Callable[[Path], rips.Rip]] = {
    "iTunes AAC": lambda folder: rips.itunes(folder / "Noein", "aac"),
    "iTunes ALAC": lambda folder: rips.itunes(folder / "Noein", "alac"),
    "fan-translated, tagged": lambda folder: rips.fan_translated(folder / "Noein", tagged=True),
    "fan-translated, untagged": lambda folder: rips.fan_translated(folder / "Noein", tagged=False),
    "old MP3, Shift-JIS as Latin-1": lambda folder: rips.garbled(folder / "ノエイン"),
    "old MP3, EUC-JP as Latin-1": lambda folder: rips.garbled(folder / "ノエイン", "euc_jp"),
    "image, renamed, CP932 sheet": lambda folder: rips.renamed_image(folder / "Noein"),
    "image, CUESHEET block": lambda folder: rips.embedded(folder / "Noein", "block"),
    "image, CUESHEET tag": lambda folder: rips.embedded(folder / "Noein", "tag"),
    "WavPack image, Cuesheet tag": lambda folder: rips.embedded_wavpack(folder / "Noein"),
}
"""Rows matched in a folder given with --music."""

SEARCHED: dict[str, Callable[[Path], rips.Rip]] = {
    "among 100 soundtracks": rips.among_many,
    "two copies": rips.two_copies,
}
"""Rows found by searching the music folder."""


def noein() -> Guide:
    result = load_guide(bundled_dir() / "noein.md")
    assert result.guide is not None
    return result.guide


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS)
def test_a_real_rip_matches_every_track(row: str, tmp_path: Path) -> None:
    rip = ROWS[row](tmp_path)
    library = find_library(noein(), explicit=rip.folder)
    assert str(rips.tally(library, rip)) == "23 / 0 / 0"


@pytest.mark.slow
@pytest.mark.parametrize("row", SEARCHED)
def test_a_real_rip_is_found_in_the_music_folder(row: str, isolated_home: Path) -> None:
    rip = SEARCHED[row](isolated_home / "Music")
    library: Library = find_library(noein())
    assert str(rips.tally(library, rip)) == "23 / 0 / 0"


@pytest.mark.slow
def test_the_second_volume_alone_gives_no_track_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rip = rips.volume_two(tmp_path / "Noein Vol. 2")
    library = find_library(noein(), explicit=rip.folder)
    assert str(rips.tally(library, rip)) == "0 / 0 / 23"
    assert library.assignment is not None
    assert library.assignment.refused == (
        "Noein Vol. 2: its tags number 20 tracks (1/20); the guide has 23",
    )
    assert main(["match", "noein", "--music", str(rip.folder)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "Not matched by their numbers:\n  Noein Vol. 2: its tags number 20 tracks" in out


@pytest.mark.slow
def test_the_second_volume_untotalled_is_refused_by_its_album_tag(tmp_path: Path) -> None:
    rip = rips.volume_two(tmp_path / "Noein Vol. 2")
    for path in rip.folder.iterdir():
        write_tags(path, {"tracknumber": path.name[:2]})
    library = find_library(noein(), explicit=rip.folder)
    assert str(rips.tally(library, rip)) == "0 / 0 / 23"
    assert library.assignment is not None
    assert library.assignment.refused == (
        f"Noein Vol. 2: its album ({NOEIN_VOL2_ALBUM}) is another album",
    )


@pytest.mark.slow
def test_match_names_the_other_copy(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rips.two_copies(isolated_home / "Music")
    assert main(["match", "noein"]) == EXIT_OK
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "Music folder: "
        f"{isolated_home / 'Music' / 'Noein OST [FLAC]'} (found in ~/Music/Noein OST [FLAC] "
        "(chosen as the lossless copy; also a copy in ~/Music/Noein OST (2006) [MP3 128k]))"
    )


@pytest.mark.slow
def test_files_that_cannot_play_are_named(tmp_path: Path) -> None:
    rip = rips.itunes(tmp_path / "Noein")
    for number in (1, 2):
        (rip.folder / f"{number:02d} Bonus.wma").write_bytes(b"0&\xb2u")
    library = find_library(noein(), explicit=rip.folder)
    assert library.notices == (
        "Noein: 2 files are WMA, which ostguide cannot play; convert them to "
        "MP3, OGG, Opus, FLAC, WAV, AAC/ALAC (.m4a), WavPack or APE",
    )


@pytest.mark.slow
def test_titles_in_another_language_lower_nothing(tmp_path: Path) -> None:
    rip = rips.fan_translated(tmp_path / "Noein", tagged=True)
    library = find_library(noein(), explicit=rip.folder)
    assert library.assignment is not None
    matches = library.assignment.matches
    assert min(m.confidence for m in matches) >= 0.9
    assert matches[1].reason == "track 2 of 23 in an album of 23; titled And So, We Fight"
