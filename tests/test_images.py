"""Single-file album images with a CUE sheet: cut into tracks, matched, scaffolded and imported;
sheets as real rippers and MusicBrainz write them, in UTF-8 and the Windows code pages; and the
bad sheets that must leave the other tracks playing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile
from albums import NOEIN_JAPANESE, NOEIN_JAPANESE_ALBUM, NOEIN_TRACKLIST
from audiogen import chirp, make_tone

from ostguide.authoring.importers import import_file
from ostguide.authoring.scaffold import scaffold
from ostguide.cli import EXIT_OK, main
from ostguide.guide.diagnostics import Severity
from ostguide.guide.model import Album, Guide, Track, TrackId
from ostguide.guide.parser import parse_text
from ostguide.library.images import split_images
from ostguide.library.locate import locate
from ostguide.library.match import match
from ostguide.library.report import format_assignment
from ostguide.library.scan import ScanCache, scan

RATE = 44100
STARTS = ["00:00:00", "00:02:00", "00:04:30"]
"""Where the three tracks start (mm:ss:ff, 75 frames a second): 0 s, 2 s and 4.4 s."""
TITLES = NOEIN_JAPANESE[:3]


def image(folder: Path, seconds: float = 6.0, name: str = "Noein.flac") -> Path:
    """A continuous chirp written as one FLAC file, the album image."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    soundfile.write(path, chirp(seconds, RATE), RATE, format="FLAC")
    return path


def ripper_sheet(file_line: str = 'FILE "Noein.flac" WAVE', starts: list[str] = STARTS) -> str:
    """A sheet the way EAC writes one: REM lines, FLAGS, ISRC, an INDEX 00 pregap."""
    lines = [
        "REM GENRE Soundtrack",
        "REM DATE 2006",
        'REM COMMENT "ExactAudioCopy v1.6"',
        'PERFORMER "七瀬光"',
        f'TITLE "{NOEIN_JAPANESE_ALBUM}"',
        file_line,
    ]
    for number, (title, start) in enumerate(zip(TITLES, starts, strict=True), start=1):
        lines += [f"  TRACK {number:02d} AUDIO", f'    TITLE "{title}"', "    FLAGS DCP"]
        lines += [f"    ISRC JPLA0050000{number}", "    REM REPLAYGAIN_TRACK_GAIN -3.2 dB"]
        if number > 1:
            lines.append("    INDEX 00 00:01:50")
        lines.append(f"    INDEX 01 {start}")
    return "\r\n".join(lines) + "\r\n"


def cut(
    folder: Path, tmp_path: Path
) -> tuple[list[tuple[str | None, int | None, float, float | None]], list[str]]:
    """(title, number, start, end) of every file after the images are cut, and the notices."""
    split = split_images(scan(folder, cache=ScanCache(tmp_path / "cache.json")))
    spans = [(f.title, f.track, round(f.start, 3), f.end) for f in split.files]
    return spans, split.notices


EXPECTED = [
    (TITLES[0], 1, 0.0, 2.0),
    (TITLES[1], 2, 2.0, 4.4),
    (TITLES[2], 3, 4.4, None),
]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp932"], ids=["utf-8", "utf-8 with BOM", "shift-jis"]
)
def test_an_image_is_cut_into_its_tracks(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "rip"
    image(folder)
    (folder / "Noein.cue").write_bytes(ripper_sheet().encode(encoding))
    spans, notices = cut(folder, tmp_path)
    assert spans == EXPECTED
    assert notices == []


def test_the_image_tracks_carry_the_sheet_album_and_length(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder)
    (folder / "Noein.cue").write_text(ripper_sheet(), encoding="utf-8")
    files = split_images(scan(folder, cache=ScanCache(tmp_path / "c.json"))).files
    assert {f.album for f in files} == {NOEIN_JAPANESE_ALBUM}
    assert [f.artist for f in files] == ["七瀬光"] * 3
    assert [round(f.length or 0, 3) for f in files] == [2.0, 2.4, 1.6]
    assert {f.sheet for f in files} == {folder / "Noein.cue"}


def test_a_windows_1252_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder)
    sheet = ripper_sheet().replace(TITLES[0], "Café")
    (folder / "Noein.cue").write_bytes(sheet.encode("cp1252", "replace"))
    spans, _ = cut(folder, tmp_path)
    assert spans[0][0] == "Café"


def test_a_musicbrainz_sheet_without_file_is_read_with_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder, name="Noein OST.flac")
    (folder / "Noein.cue").write_text(ripper_sheet(file_line="REM no FILE"), encoding="utf-8")
    spans, notices = cut(folder, tmp_path)
    assert spans == EXPECTED
    assert notices == [
        "Noein.cue:7: the sheet names no FILE; its tracks are taken from Noein OST.flac"
    ]


def test_match_prints_the_sheets_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "rip"
    image(folder, name="Noein OST.flac")
    (folder / "Noein.cue").write_text(ripper_sheet(file_line="REM no FILE"), encoding="utf-8")
    main(["match", "noein", "--music", str(folder)])
    assert (
        "ostguide: Noein.cue:7: the sheet names no FILE; its tracks are taken from Noein OST.flac"
        in capsys.readouterr().err.splitlines()
    )


def test_a_sheet_per_track_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    for n in (1, 2):
        make_tone(folder / f"{n:02d}.flac", 0.3)
    sheet = "".join(
        f'FILE "{n:02d}.flac" WAVE\n TRACK {n:02d} AUDIO\n  INDEX 01 00:00:00\n' for n in (1, 2)
    )
    (folder / "album.cue").write_text(sheet, encoding="utf-8")
    spans, notices = cut(folder, tmp_path)
    assert spans == [(None, None, 0.0, None), (None, None, 0.0, None)]
    assert notices == []


@pytest.mark.parametrize(
    ("file_line", "starts", "expected_spans", "notice"),
    [
        (
            'FILE "Missing.flac" WAVE',
            ["00:00:00", "00:02:00", "00:07:00"],  # Noein.flac (6 s) cannot hold them
            [(None, None, 0.0, None)],
            'Noein.cue:6: FILE "Missing.flac" is not beside the sheet; its tracks are left out',
        ),
        (
            'FILE "Noein.flac" WAVE',
            ["00:00:00", "00:04:30", "00:02:00"],
            [(TITLES[0], 1, 0.0, 4.4), (TITLES[1], 2, 4.4, None)],
            "Noein.cue:26: track 03 starts before track 02 ends (INDEX 01 goes backwards);"
            " left out",
        ),
        (
            'FILE "Noein.flac" WAVE',
            ["00:00:00", "00:02:00", "00:09:00"],
            [(TITLES[0], 1, 0.0, 2.0), (TITLES[1], 2, 2.0, None)],
            "Noein.cue:26: track 03 starts past the end of Noein.flac (0:06); left out",
        ),
        (
            'FILE "Noein.flac" WAVE',
            ["00:00:00", "00:02:00", "00:04:99"],
            [(TITLES[0], 1, 0.0, 2.0), (TITLES[1], 2, 2.0, None)],
            "Noein.cue:26: frames must be two digits below 75 in 00:04:99",
        ),
    ],
    ids=["file missing", "backwards", "past the end", "bad time"],
)
def test_a_bad_sheet_says_where_and_the_other_tracks_stay(
    tmp_path: Path,
    file_line: str,
    starts: list[str],
    expected_spans: list[tuple[str | None, int | None, float, float | None]],
    notice: str,
) -> None:
    folder = tmp_path / "rip"
    image(folder)
    (folder / "Noein.cue").write_text(ripper_sheet(file_line, starts), encoding="utf-8")
    spans, notices = cut(folder, tmp_path)
    assert spans == expected_spans
    assert notices == [notice]


def test_an_image_in_a_format_that_cannot_play(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    folder.mkdir()
    (folder / "Noein.tta").write_bytes(b"TTA1\x00")
    make_tone(folder / "booklet-sound.flac", 0.2)
    (folder / "Noein.cue").write_text(ripper_sheet('FILE "Noein.tta" WAVE'), encoding="utf-8")
    spans, notices = cut(folder, tmp_path)
    assert spans == [(None, None, 0.0, None)]
    assert notices == [
        "Noein.cue:6: Noein.tta is TTA, which cannot be played here (convert it to FLAC);"
        " its tracks are left out"
    ]


def test_the_image_tracks_match_the_guide_by_number_and_show_their_span(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder)
    (folder / "Noein.cue").write_bytes(ripper_sheet().encode("cp932"))
    tracks = [Track(TrackId(1, n), t, n) for n, t in enumerate(NOEIN_TRACKLIST[:3], start=1)]
    files = split_images(scan(folder, cache=ScanCache(tmp_path / "c.json"))).files
    result = match(tracks, files, root=folder)
    assert [(m.file.start, m.file.end) for m in result.matches if m.file] == [
        (0.0, 2.0),
        (2.0, 4.4),
        (4.4, None),
    ]
    _, *lines = format_assignment(tracks, result)
    assert "Noein.flac 0:02–0:04" in lines[1]
    assert lines[2].endswith("track 3 of 3 in an album of 3; title 廃墟の地上")
    assert "Noein.flac 0:04–0:06" in lines[2]


def test_new_writes_one_heading_per_sheet_track(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder)
    (folder / "Noein.cue").write_text(ripper_sheet(), encoding="utf-8")
    result = parse_text(scaffold(folder, cache=ScanCache(tmp_path / "c.json")).text, Path("g.md"))
    assert result.guide is not None
    guide = result.guide
    assert [(t.id.number, t.title, t.length) for t in guide.tracks] == [
        (1, TITLES[0], 2.0),
        (2, TITLES[1], 2.0),
        (3, TITLES[2], 2.0),  # 1.6 s, written to the nearest second
    ]
    assert all(t.files == () for t in guide.tracks)
    assert guide.album.title == NOEIN_JAPANESE_ALBUM


def test_timestamps_beside_one_recording_are_its_track_list(tmp_path: Path) -> None:
    long_recording(tmp_path / "Noein OST full album.flac", 11)
    listing = tmp_path / "description.txt"
    listing.write_text("Tracklist:\n0:00 Shangri-La\n3:21 Kakute, Tatakau\n7:02 Omoi\n")
    imported, diagnostics = import_file(listing)
    assert imported is not None and imported.kind == "tracks"
    assert [(t.number, t.title, round(t.length or 0, 2)) for t in imported.tracks] == [
        (1, "Shangri-La", 201.0),
        (2, "Kakute, Tatakau", 221.0),
        (3, "Omoi", 238.0),
    ]
    assert [d.severity for d in diagnostics] == [Severity.WARNING]
    assert "Noein OST full album.flac" in diagnostics[0].message


@pytest.mark.parametrize("beside", [None, "song"])
def test_timestamps_alone_or_beside_a_song_stay_remarks(tmp_path: Path, beside: str | None) -> None:
    if beside:
        long_recording(tmp_path / "Song.flac", 4)
    listing = tmp_path / "description.txt"
    listing.write_text("0:00 Shangri-La\n0:03 Kakute, Tatakau\n")
    imported, _ = import_file(listing)
    assert imported is not None and imported.kind == "cues"


@pytest.mark.slow
def test_match_shows_a_23_track_image(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled guide against an image of 23 two-second tracks, sheet in Shift-JIS."""
    folder = tmp_path / "ノエイン"
    image(folder, seconds=46.0)
    lines = ['FILE "Noein.flac" WAVE']
    for n, title in enumerate(NOEIN_JAPANESE, start=1):
        seconds = 2 * (n - 1)
        lines += [
            f"TRACK {n:02d} AUDIO",
            f'TITLE "{title}"',
            f"INDEX 01 {seconds // 60:02d}:{seconds % 60:02d}:00",
        ]
    (folder / "Noein.cue").write_bytes("\n".join(lines).encode("cp932"))
    assert main(["match", "noein", "--music", str(folder)]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    row = next(line for line in out if line.startswith("03"))
    assert "Noein.flac 0:04–0:06" in row and "title 廃墟の地上" in row
    assert not any("not found" in line or "not used" in line for line in out)


def test_the_search_for_the_music_finds_an_image_folder(tmp_path: Path) -> None:
    music = tmp_path / "Music"
    image(music / "ノエイン")
    (music / "ノエイン" / "Noein.cue").write_bytes(ripper_sheet().encode("cp932"))
    for n in (1, 2, 3):
        tags = {"title": f"Theme {n}", "album": "Canaan OST", "tracknumber": f"{n}/3"}
        make_tone(music / "Canaan" / f"{n:02d}.flac", 0.2, tags=tags)
    tracks = tuple(Track(TrackId(1, n), t, n) for n, t in enumerate(NOEIN_TRACKLIST[:3], start=1))
    guide = Guide(Path("noein.md"), Album("Noein OST", also=(NOEIN_JAPANESE_ALBUM,)), tracks=tracks)
    found = locate(guide, cache=ScanCache(tmp_path / "c.json"), music=music)
    assert found.folder == music / "ノエイン"


def long_recording(path: Path, minutes: float) -> Path:
    """A quiet recording of `minutes`, small on disk (8 kHz mono silence)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, np.zeros(int(minutes * 60 * 8000), dtype="float32"), 8000, format="FLAC")
    return path


def test_timestamps_beside_one_long_recording_cut_it_into_tracks(tmp_path: Path) -> None:
    folder = tmp_path / "video rip"
    long_recording(folder / "Noein OST full album.flac", 11)
    (folder / "description.txt").write_text(
        "Noein OST\nTracklist:\n0:00 Shangri-La\n3:21 Kakute, Tatakau\n7:02 - Omoi\nThanks!\n",
        encoding="utf-8",
    )
    spans, notices = cut(folder, tmp_path)
    assert spans == [
        ("Shangri-La", 1, 0.0, 201.0),
        ("Kakute, Tatakau", 2, 201.0, 422.0),
        ("Omoi", 3, 422.0, None),
    ]
    assert notices == []


def test_timestamps_beside_a_song_are_not_a_track_list(tmp_path: Path) -> None:
    folder = tmp_path / "single"
    long_recording(folder / "Song.flac", 4)
    (folder / "Song.txt").write_text("0:00 first verse\n0:40 chorus\n", encoding="utf-8")
    (folder / "notes.txt").write_bytes(b"\xff\xfe not text")
    spans, notices = cut(folder, tmp_path)
    assert (spans, notices) == ([(None, None, 0.0, None)], [])


def test_a_sheet_without_file_among_several_recordings_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "rip"
    image(folder, name="Disc 1.flac")
    image(folder, name="Disc 2.flac")
    (folder / "Noein.cue").write_text(ripper_sheet(file_line="REM no FILE"), encoding="utf-8")
    spans, notices = cut(folder, tmp_path)
    assert spans == [(None, None, 0.0, None), (None, None, 0.0, None)]
    assert notices == [
        "Noein.cue:7: the sheet names no FILE, and no one recording beside it is named like it;"
        " its tracks are left out"
    ]
