"""Importing timings (LRC, CUE sheets, ID3 chapters, description timestamps): what each format
gives, every diagnostic's exact headline, and rendered Markdown that the guide parser reads back."""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest
from audiogen import make_tone
from mutagen import id3

from ostguide.authoring.cuesheet import parse_cue
from ostguide.authoring.imported import Format, Imported, ImportedCue, ImportedTrack, clean
from ostguide.authoring.importers import detect, import_file, render, source_lines
from ostguide.authoring.lrc import parse_lrc
from ostguide.authoring.render import stamp
from ostguide.authoring.timestamps import parse_timestamps
from ostguide.guide.diagnostics import Diagnostic, Severity
from ostguide.guide.parser import parse_text
from ostguide.guide.writer import toml_string
from ostguide.library.cuesheet import read_sheet


def text_of(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def headlines(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.headline() for d in diagnostics]


def cues_of(imported: Imported | None) -> list[tuple[float, str]]:
    assert imported is not None
    return [(round(cue.seconds, 3), cue.text) for cue in imported.cues]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text_of(text).encode(encoding))
    return path


# LRC ----------------------------------------------------------------------------------------

LRC = Path("song.lrc")


def test_lrc_metadata_multi_tags_offset_and_order() -> None:
    imported, diagnostics = parse_lrc(
        text_of(
            """
            [ti:Shangri-La]
            [ar:Kaji Yuki]
            [al:Noein OST]
            [by:someone]
            [length:04:12]
            [offset:+500]

            [00:12.00][00:45.10]Chorus <00:13.00>sung twice
            [00:05.5]Verse
            [00:30:25]Bridge, hundredths after a colon
            [01:00]
            [01:10]   Whole   seconds
            """
        ),
        LRC,
    )
    assert diagnostics == []
    assert imported is not None
    assert (imported.kind, imported.title, imported.performer) == (
        "cues",
        "Shangri-La",
        "Kaji Yuki",
    )
    # A positive offset makes every line show 0.5 s sooner; the blank line at 1:00 is skipped.
    assert cues_of(imported) == [
        (5.0, "Verse"),
        (11.5, "Chorus sung twice"),
        (29.75, "Bridge, hundredths after a colon"),
        (44.6, "Chorus sung twice"),
        (69.5, "Whole seconds"),
    ]


def test_lrc_negative_offset_shows_lines_later() -> None:
    imported, diagnostics = parse_lrc("[offset:-1250]\n[00:01.00]First\n", LRC)
    assert diagnostics == []
    assert cues_of(imported) == [(2.25, "First")]


def test_lrc_offset_before_zero_is_clamped_with_a_warning() -> None:
    imported, diagnostics = parse_lrc("[offset:2000]\n[00:01.00]First\n[00:03.00]Second\n", LRC)
    assert headlines(diagnostics) == [
        "song.lrc:2:1: warning: the offset moves this line before 0:00; placed at 0:00"
    ]
    assert cues_of(imported) == [(0.0, "First"), (1.0, "Second")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "[00:01.00]a\n[01:75.00]b\n",
            ["song.lrc:2:5: error: seconds must be below 60 in [01:75.00]"],
        ),
        ("[1:05.2500]a\n", ["song.lrc:1:2: error: malformed LRC tag [1:05.2500]"]),
        ("[Chorus]\n[00:01]a\n", ["song.lrc:1:2: error: malformed LRC tag [Chorus]"]),
        ("[00:01]a\n  [01:05 b\n", ["song.lrc:2:3: error: unterminated LRC tag: missing ']'"]),
        (
            "[offset: soon]\n[00:01]a\n",
            ["song.lrc:1:9: error: the offset must be whole milliseconds in [offset: soon]"],
        ),
        (
            "[00:01]a\n[99999999:00]b\n",
            ["song.lrc:2:2: error: the time is too large in [99999999:00]"],
        ),
        pytest.param(
            "[00:01]a\n[01:" + "9" * 5000 + "]b\n",
            [f"song.lrc:2:5: error: seconds must be below 60 in [01:{'9' * 5000}]"],
            id="seconds too long for int()",
        ),
        (
            "[offset: -1000000]\n[00:01]a\n",
            ["song.lrc:1:10: error: the offset is too large in [offset: -1000000]"],
        ),
        ("", ["song.lrc:1:1: error: no timed lines found"]),
        (
            "[ti:Only metadata]\nplain words\n",
            [
                "song.lrc:1:1: error: no timed lines found",
                "song.lrc:2:1: warning: line without a time tag, skipped",
            ],
        ),
    ],
)
def test_lrc_errors(source: str, expected: list[str]) -> None:
    imported, diagnostics = parse_lrc(source, LRC)
    assert imported is None
    assert headlines(diagnostics) == expected


def test_lrc_warnings_keep_the_import() -> None:
    imported, diagnostics = parse_lrc("[offset:100]\n[offset:900]\nnot timed\n[00:02.00]a\n", LRC)
    assert headlines(diagnostics) == [
        "song.lrc:2:2: warning: a second offset (the first on line 1), ignored",
        "song.lrc:3:1: warning: line without a time tag, skipped",
    ]
    assert cues_of(imported) == [(1.9, "a")]


# CUE sheets ---------------------------------------------------------------------------------

ALBUM_CUE = """
    REM GENRE Soundtrack
    REM COMMENT "ExactAudioCopy v1.6"
    PERFORMER "Kajiura Yuki"
    TITLE "Noein C:\\OST 1"
    FILE "album.wav" WAVE
      TRACK 01 AUDIO
        TITLE "Shangri-La"
        PERFORMER "Someone Else"
        INDEX 01 00:00:00
      TRACK 02 AUDIO
        TITLE Kakute, Tatakau
        INDEX 00 00:03:50
        INDEX 01 00:04:00
      TRACK 03 AUDIO
        INDEX 01 00:07:37
    """


def test_one_file_album_rip_takes_the_last_length_from_the_audio(tmp_path: Path) -> None:
    # The sheet names the WAV it was ripped to; the folder holds the FLAC it was compressed into.
    make_tone(tmp_path / "album.flac", 12.0)
    sheet = write(tmp_path / "album.cue", ALBUM_CUE)
    imported, diagnostics = import_file(sheet)
    assert diagnostics == []
    assert imported is not None
    assert (imported.kind, imported.title, imported.performer) == (
        "tracks",
        "Noein C:\\OST 1",
        "Kajiura Yuki",
    )
    assert [(t.number, t.title, t.file) for t in imported.tracks] == [
        (1, "Shangri-La", None),
        (2, "Kakute, Tatakau", None),
        (3, "", None),
    ]
    lengths = [t.length for t in imported.tracks]
    assert lengths == pytest.approx([4.0, 3 + 37 / 75, 12.0 - (7 + 37 / 75)], abs=0.01)


def test_one_file_album_rip_without_its_audio_leaves_the_last_length_unknown(
    tmp_path: Path,
) -> None:
    imported, diagnostics = import_file(write(tmp_path / "album.cue", ALBUM_CUE))
    assert diagnostics == []
    assert imported is not None
    assert [t.length for t in imported.tracks] == pytest.approx([4.0, 3 + 37 / 75, None])


def test_multi_file_sheet_gives_each_track_its_file(tmp_path: Path) -> None:
    make_tone(tmp_path / "02 Kakute.wav", 3.0)
    sheet = write(
        tmp_path / "multi.cue",
        """
        TITLE Noein
        FILE 01 Shangri-La.wav WAVE
          TRACK 01 AUDIO
            TITLE "Shangri-La"
            INDEX 01 00:00:00
        FILE "02 Kakute.wav" WAVE
          TRACK 02 AUDIO
            TITLE "Kakute"
            INDEX 01 00:00:00
        """,
    )
    imported, diagnostics = import_file(sheet)
    assert diagnostics == []
    assert imported is not None
    assert [(t.number, t.length, t.file) for t in imported.tracks] == [
        (1, None, "01 Shangri-La.wav"),
        (2, pytest.approx(3.0, abs=0.01), "02 Kakute.wav"),
    ]


def test_cue_sheet_with_crlf_and_unquoted_values() -> None:
    source = "TITLE Plain Title\r\nFILE a.wav WAVE\r\nTRACK 1 AUDIO\r\nINDEX 01 1:02:03\r\n"
    imported, diagnostics = parse_cue(source, Path("x.cue"))
    assert diagnostics == []
    assert imported is not None
    assert imported.title == "Plain Title"
    assert imported.tracks == (ImportedTrack(1, 1, "", None, "a.wav"),)


HEAD = 'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            HEAD + "    INDEX 01 00:04:75\n",
            ["s.cue:3:20: error: frames must be two digits below 75 in 00:04:75"],
        ),
        (
            HEAD + "    INDEX 01 00:60:00\n",
            ["s.cue:3:17: error: seconds must be two digits below 60 in 00:60:00"],
        ),
        (HEAD + "    INDEX 01 0:4\n", ["s.cue:3:14: error: malformed time 0:4"]),
        (HEAD + "    INDEX 01\n", ["s.cue:3:13: error: INDEX 01 needs a time"]),
        (
            HEAD + "    INDEX\n",
            [
                "s.cue:2:3: error: track 01 has no INDEX 01",
                "s.cue:3:10: error: expected an index number and a time",
            ],
        ),
        (
            HEAD + "    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 00 00:03:00\n",
            ["s.cue:4:3: error: track 02 has no INDEX 01"],
        ),
        (
            HEAD + "    INDEX 01 00:00:00\n    INDEX 01 00:01:00\n",
            ["s.cue:4:1: error: a second INDEX 01 (the first on line 3)"],
        ),
        ('FILE "a.wav" WAVE\nINDEX 01 00:00:00\n', ["s.cue:2:1: error: INDEX before any TRACK"]),
        (
            "TRACK 01 AUDIO\n",
            [
                "s.cue:1:1: warning: the sheet names no FILE (as MusicBrainz writes them): "
                "its tracks are read",
                "s.cue:1:1: error: track 01 has no INDEX 01",
            ],
        ),
        (
            'TITLE "Unclosed\n' + HEAD + "    INDEX 01 00:00:00\n",
            ["s.cue:1:7: error: unterminated quoted value"],
        ),
        ('FILE "a.wav" WAVE\nTRACK one AUDIO\n', ["s.cue:2:7: error: expected a track number"]),
        (
            HEAD + "    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 01 1000000:00:00\n",
            ["s.cue:5:14: error: the time is too large in 1000000:00:00"],
        ),
        pytest.param(
            HEAD + "    INDEX 01 00:" + "9" * 5000 + ":00\n",
            [f"s.cue:3:17: error: seconds must be two digits below 60 in 00:{'9' * 5000}:00"],
            id="seconds too long for int()",
        ),
        pytest.param(
            HEAD + "    INDEX " + "0" * 5000 + "2 00:00:00\n",
            ["s.cue:2:3: error: track 01 has no INDEX 01"],
            id="index number too long for int()",
        ),
        (
            'FILE "a.wav" WAVE\n  TRACK 1000000 AUDIO\n',
            ["s.cue:2:9: error: track number is too large"],
        ),
        ("REM only a comment\n", ["s.cue:1:1: error: no audio TRACK found"]),
        ("§ what\n", ["s.cue:1:1: error: expected a CUE command"]),
        (
            HEAD + "    INDEX 01 00:05:00\n  TRACK 02 AUDIO\n    INDEX 01 00:04:00\n",
            ["s.cue:2:3: error: track 01 does not start before track 02"],
        ),
        (
            'FILE "a.bin" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n',
            [
                "s.cue:1:1: error: no audio TRACK found",
                "s.cue:2:12: warning: MODE1/2352 track 01 is not audio, skipped",
            ],
        ),
    ],
)
def test_cue_errors(source: str, expected: list[str]) -> None:
    imported, diagnostics = parse_cue(source, Path("s.cue"))
    assert imported is None
    assert headlines(diagnostics) == expected


@pytest.mark.parametrize(
    ("number", "disc"), [("2", 2), ("9" * 5000, None)], ids=["2", "5,000 digits"]
)
def test_a_disc_number_is_read_unless_it_is_too_long_for_one(number: str, disc: int | None) -> None:
    sheet, diagnostics = read_sheet(
        f"REM DISCNUMBER {number}\n{HEAD}    INDEX 01 00:00:00\n", Path("s.cue")
    )
    assert sheet is not None and sheet.disc == disc
    assert diagnostics == []


def test_cue_track_starting_where_its_audio_ends(tmp_path: Path) -> None:
    make_tone(tmp_path / "a.wav", 2.0)
    sheet = write(tmp_path / "s.cue", HEAD + "    INDEX 01 00:05:00\n")
    imported, diagnostics = import_file(sheet)
    assert imported is None
    assert headlines(diagnostics) == [
        f"{sheet}:2:3: error: track 01 starts where its audio file ends (0:02)"
    ]


def test_cue_warnings_keep_the_import() -> None:
    source = "CATALOG 4988003\nFOO bar\n" + HEAD + "    FLAGS DCP\n    INDEX 01 00:00:00\n"
    imported, diagnostics = parse_cue(source, Path("s.cue"))
    assert headlines(diagnostics) == [
        "s.cue:2:1: warning: unknown CUE command FOO, ignored",
    ]
    assert imported is not None
    assert [t.number for t in imported.tracks] == [1]


@pytest.mark.parametrize(
    ("encoding", "title", "expected"),
    [
        ("cp1252", "Café Noir", "s.cue:1:11: warning: the sheet is not UTF-8 (byte 0xe9): "),
        ("cp1252", "Pokémon", "s.cue:1:11: warning: the sheet is not UTF-8 (byte 0xe9): "),
        ("cp932", "シャングリラ", "s.cue:1:8: warning: the sheet is not UTF-8 (byte 0x83): "),
    ],
)
def test_cue_sheet_in_a_windows_code_page(
    tmp_path: Path, encoding: str, title: str, expected: str
) -> None:
    sheet = tmp_path / "s.cue"
    sheet.write_bytes(f'TITLE "{title}"\n{HEAD}    INDEX 01 00:00:00\n'.encode(encoding))
    imported, diagnostics = import_file(sheet)
    assert imported is not None
    assert imported.title == title
    name = "Shift-JIS" if encoding == "cp932" else "Windows-1252"
    assert headlines(diagnostics) == [f"{sheet}:{expected.split(':', 1)[1]}read as {name}"]
    assert source_lines(sheet)[0] == f'TITLE "{title}"'


# ID3 chapters -------------------------------------------------------------------------------


def chaptered_mp3(path: Path) -> Path:
    """A short MP3 with a title, a performer and three chapters, added out of order."""
    make_tone(path, 3.0)
    frames: Any = id3  # mutagen's ID3 frames are untyped
    tags = frames.ID3()
    tags.add(frames.TIT2(encoding=3, text=["Episode 1"]))
    tags.add(frames.TPE1(encoding=3, text=["Host"]))
    starts = {"ch1": (1500, "The middle"), "ch0": (0, "Opening"), "ch2": (2250, "")}
    for element, (start, title) in starts.items():
        sub = [frames.TIT2(encoding=3, text=[title])] if title else []
        tags.add(
            frames.CHAP(element_id=element, start_time=start, end_time=start + 500, sub_frames=sub)
        )
    tags.add(
        frames.CTOC(
            element_id="toc",
            flags=frames.CTOCFlags.TOP_LEVEL | frames.CTOCFlags.ORDERED,
            child_element_ids=["ch0", "ch1", "ch2"],
            sub_frames=[],
        )
    )
    tags.save(path)
    return path


def test_id3_chapters_in_time_order(tmp_path: Path) -> None:
    imported, diagnostics = import_file(chaptered_mp3(tmp_path / "episode.mp3"))
    assert diagnostics == []
    assert imported is not None
    assert (imported.kind, imported.title, imported.performer) == ("cues", "Episode 1", "Host")
    assert cues_of(imported) == [(0.0, "Opening"), (1.5, "The middle"), (2.25, "Chapter 3")]


def test_id3_file_without_tag_or_chapters(tmp_path: Path) -> None:
    bare = make_tone(tmp_path / "bare.mp3", 1.0)
    assert headlines(import_file(bare)[1]) == [
        f"{bare}:1:1: error: the file has no ID3 tag, so no chapters"
    ]
    tagged = make_tone(tmp_path / "tagged.mp3", 1.0, tags={"title": "No chapters"})
    assert headlines(import_file(tagged)[1]) == [
        f"{tagged}:1:1: error: the ID3 tag has no chapters (CHAP frames)"
    ]
    assert source_lines(tagged) == ()


# Description timestamps ---------------------------------------------------------------------

DESCRIPTION = """
    Full soundtrack, enjoy! Chapters:
    0:00 Intro
    - 1:05 – Shangri-La
    (12:34) Kakute, Tatakau
    [2:03] Third | a pipe
    1:02:03 - Finale
    Thanks for 1:00 of your time
    """


def test_timestamps_of_mixed_forms_out_of_order() -> None:
    imported, diagnostics = parse_timestamps(text_of(DESCRIPTION), Path("d.txt"))
    assert headlines(diagnostics) == ["d.txt:5:2: warning: 2:03 comes before the time on line 4"]
    assert cues_of(imported) == [
        (0.0, "Intro"),
        (65.0, "Shangri-La"),
        (123.0, "Third | a pipe"),
        (754.0, "Kakute, Tatakau"),
        (3723.0, "Finale"),
    ]


def test_timestamps_need_not_start_at_zero() -> None:
    imported, diagnostics = parse_timestamps("0:30 Late start\n1:00 Then\n", Path("d.txt"))
    assert diagnostics == []
    assert cues_of(imported) == [(30.0, "Late start"), (60.0, "Then")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Just a description.\nNo times here.\n",
            ["d.txt:1:1: error: no line starts with a timestamp and a title"],
        ),
        (
            "0:00 Intro\n1:75 Oops\n",
            ["d.txt:2:3: error: seconds must be two digits below 60 in 1:75"],
        ),
        (
            "0:00 Intro\n1:75:00 Oops\n",
            ["d.txt:2:3: error: minutes must be two digits below 60 in 1:75:00"],
        ),
        (
            "0:00 Intro\n99999999999:00 y\n",
            ["d.txt:2:1: error: the time is too large in 99999999999:00"],
        ),
        (
            "0:00 Intro\n- 1000000:00:00 y\n",
            ["d.txt:2:3: error: the time is too large in 1000000:00:00"],
        ),
        (
            "2:00\n",
            [
                "d.txt:1:1: warning: a timestamp without a title, skipped",
                "d.txt:1:1: error: no line starts with a timestamp and a title",
            ],
        ),
    ],
)
def test_timestamp_errors(source: str, expected: list[str]) -> None:
    imported, diagnostics = parse_timestamps(source, Path("d.txt"))
    assert imported is None
    assert headlines(diagnostics) == expected


# Detection and reading files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.LRC", b"", "lrc"),
        ("a.cue", b"", "cue"),
        ("a.txt", b"[00:01.00]looks like LRC, but .txt says timestamps", "timestamps"),
        ("a.mp3", b"", "chapters"),
        ("a.wav", b"", "chapters"),
        ("noext", b"ID3\x04\x00", "chapters"),
        ("noext", b'REM x\nFILE "a.wav" WAVE\n  TRACK 01 AUDIO\n', "cue"),
        ("lyrics", b"[ar:Someone]\n", "lrc"),
        ("lyrics", b"intro words\n[01:05.20]line\n", "lrc"),
        ("desc", b"Chapters\n0:00 Intro\n", "timestamps"),
        ("notes", b"nothing timed here\n", None),
    ],
)
def test_detect(name: str, content: bytes, expected: Format | None) -> None:
    assert detect(Path(name), content) == expected


def test_import_file_format_override_and_failures(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes", "nothing timed\n0:05 but this\n")
    assert detect(notes, notes.read_bytes()) == "timestamps"
    lrc = write(tmp_path / "lyrics.txt", "[00:01.50]Sung\n")
    assert cues_of(import_file(lrc, "lrc")[0]) == [(1.5, "Sung")]
    unknown = write(tmp_path / "plain", "no times at all\n")
    assert headlines(import_file(unknown)[1]) == [
        f"{unknown}:1:1: error: cannot tell what kind of timings this is"
    ]
    missing = tmp_path / "missing.lrc"
    assert headlines(import_file(missing)[1]) == [
        f"{missing}:1:1: error: cannot read the file: No such file or directory"
    ]
    assert source_lines(missing) == ()


def test_lrc_that_is_not_utf8_is_one_error_with_its_place(tmp_path: Path) -> None:
    lrc = tmp_path / "song.lrc"
    lrc.write_bytes(b"\xef\xbb\xbf[ti:ok]\n[00:01.00]Caf\xe9\n")
    imported, diagnostics = import_file(lrc)
    assert imported is None
    assert headlines(diagnostics) == [f"{lrc}:2:14: error: the file is not UTF-8 text (byte 0xe9)"]
    assert source_lines(lrc) == ("[ti:ok]", "[00:01.00]Caf\ufffd", "")
    rendered = diagnostics[0].render(source_lines(lrc))
    assert rendered.splitlines()[1:3] == [" 2 | [00:01.00]Caf\ufffd", "   |              ^"]


def test_binary_text_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "song.lrc"
    binary.write_bytes(b"[00:01]a\n\0\0")
    imported, diagnostics = import_file(binary)
    assert imported is None
    assert [(d.line, d.severity, d.message) for d in diagnostics] == [
        (2, Severity.ERROR, "this looks like a binary file")
    ]


# Rendering ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "[0:00]"),
        (65.25, "[1:05.250]"),
        (59.9996, "[1:00]"),
        (600.001, "[10:00.001]"),
        (3723, "[1:02:03]"),
        (3723.5, "[1:02:03.500]"),
    ],
)
def test_stamp(seconds: float, expected: str) -> None:
    assert stamp(seconds) == expected


def check_cues_round_trip(imported: Imported | None) -> None:
    """Rendered remarks, pasted under a track heading, parse cleanly at the same times."""
    assert imported is not None and imported.kind == "cues"
    result = parse_text("## 01. X\n\n" + render(imported), Path("g.md"))
    assert headlines(list(result.diagnostics)) == []
    assert result.guide is not None
    parsed = [(cue.stamp.seconds, cue.text) for cue in result.guide.tracks[0].cues]
    assert parsed == [(round(cue.seconds, 3), cue.text) for cue in imported.cues]


def test_every_cue_format_renders_remarks_the_parser_reads(tmp_path: Path) -> None:
    check_cues_round_trip(parse_lrc("[00:01.00]a\n[00:02.5]b [1:00]\n[61:00.00]c\n", LRC)[0])
    check_cues_round_trip(parse_timestamps(text_of(DESCRIPTION), Path("d.txt"))[0])
    check_cues_round_trip(import_file(chaptered_mp3(tmp_path / "e.mp3"))[0])


def test_the_latest_times_importers_accept_render_stamps_the_parser_reads() -> None:
    check_cues_round_trip(parse_lrc("[offset:-999999]\n[999999:59.999]a\n", LRC)[0])
    check_cues_round_trip(parse_timestamps("999999:59 a\n999999:59:59 b\n", Path("d.txt"))[0])


def test_rendered_remarks_text() -> None:
    imported = Imported("cues", cues=(ImportedCue(0, "Intro"), ImportedCue(65.25, "Theme")))
    assert render(imported) == "[0:00] Intro\n\n[1:05.250] Theme\n"


def test_cue_sheet_renders_a_whole_guide(tmp_path: Path) -> None:
    make_tone(tmp_path / "album.flac", 12.0)
    imported, _ = import_file(write(tmp_path / "album.cue", ALBUM_CUE))
    assert imported is not None
    markdown = render(imported)
    assert markdown == text_of(
        """
        +++
        title = "Noein C:\\\\OST 1"
        composer = "Kajiura Yuki"
        +++

        ## 01. Shangri-La

        - Length: 0:04

        [0:00]

        ## 02. Kakute, Tatakau

        - Length: 0:03

        [0:00]

        ## 03. Track 03

        - Length: 0:05

        [0:00]
        """
    )
    result = parse_text(markdown, Path("album.md"))
    assert headlines(list(result.diagnostics)) == []
    assert result.guide is not None
    assert result.guide.album.title == imported.title
    assert [(t.title, t.length) for t in result.guide.tracks] == [
        ("Shangri-La", 4.0),
        ("Kakute, Tatakau", 3.0),
        ("Track 03", 5.0),
    ]


def test_rendered_guide_escapes_toml_and_carries_files_and_discs() -> None:
    title = 'Quote " backslash \\ tab \t newline \n delete \x7f bell \x07'
    imported = Imported(
        "tracks",
        title=title,
        tracks=(
            ImportedTrack(1, 1, "One", 3723.4, "01 One.flac", (ImportedCue(1.5, "Early"),)),
            ImportedTrack(2, 5, "Five", None, None),
        ),
    )
    markdown = render(imported)
    shown = 'Quote " backslash \\ tab newline delete ␡ bell ␇'  # a guide holds no controls
    assert tomllib.loads(markdown.split("+++")[1])["title"] == shown
    assert "composer" not in markdown
    assert tomllib.loads(markdown.split("+++")[1])["discs"] == 2
    result = parse_text(markdown, Path("g.md"))
    assert headlines(list(result.diagnostics)) == []
    assert result.guide is not None
    assert result.guide.album.title == shown
    one, five = result.guide.tracks
    assert (str(one.id), one.length, one.files, one.cues[0].stamp.seconds) == (
        "01",
        3723.0,
        ("01 One.flac",),
        1.5,
    )
    assert (str(five.id), five.length, five.files, five.cues[0].text) == ("2-05", None, (), "")


def test_guide_without_title_or_performer_has_no_front_matter() -> None:
    markdown = render(Imported("tracks", tracks=(ImportedTrack(1, 1, "One", None, None),)))
    assert markdown == "## 01. One\n\n[0:00]\n"


def test_headings_and_file_fields_read_back_as_the_sheet_wrote_them(tmp_path: Path) -> None:
    sheet = """
        FILE "a; b.wav" WAVE
          TRACK 01 AUDIO
            TITLE "No. 5 #"
            INDEX 01 00:00:00
        FILE " padded.wav" WAVE
          TRACK 02 AUDIO
            INDEX 01 00:00:00
        FILE "03 Fine.wav" WAVE
          TRACK 03 AUDIO
            TITLE "C#"
            INDEX 01 00:00:00
        """
    imported, diagnostics = import_file(write(tmp_path / "album.cue", sheet))
    assert diagnostics == []
    assert imported is not None

    result = parse_text(render(imported), Path("album.md"))

    assert headlines(list(result.diagnostics)) == []
    assert result.guide is not None
    assert [(t.title, t.files) for t in result.guide.tracks] == [
        ("No. 5 #", ()),
        ("Track 02", ()),
        ("C#", ("03 Fine.wav",)),
    ]


def test_rendered_front_matter_escapes_strings_as_new_does() -> None:
    title = "".join(map(chr, range(0x20))) + '\x7f " \\ end'
    markdown = render(
        Imported("tracks", title=title, tracks=(ImportedTrack(1, 1, "One", None, None),))
    )

    shown = clean(title)  # control characters as pictures: a guide holds none
    assert shown == '␀␁␂␃␄␅␆␇␈ ␎␏␐␑␒␓␔␕␖␗␘␙␚␛ ␡ " \\ end'
    assert markdown.splitlines()[1] == f"title = {toml_string(shown)}"
    assert tomllib.loads(markdown.split("+++")[1])["title"] == shown
