"""Guide skeletons from generated album folders: what they say, that they check clean, and where
they are written."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import mutagen
import pytest
from audiogen import make_tone, strip_xing
from hypothesis import given, settings
from hypothesis import strategies as st
from mutagen.id3 import ID3, TPE2, TPUB, TXXX

from ostguide import paths
from ostguide.atomic import FileExistsAlready
from ostguide.authoring.scaffold import (
    FIRST_REMARK,
    ScaffoldError,
    Skeleton,
    scaffold,
    slug,
    write_skeleton,
)
from ostguide.catalog import find_guide
from ostguide.guide.model import Guide, TrackId
from ostguide.guide.parser import load_guide, parse_text
from ostguide.guide.writer import heading, toml_string

ALBUM = {
    "album": "Noein: Mou Hitori no Kimi e Original Soundtrack",
    "artist": "Various",
    "albumartist": "Nanase Hikaru",
    "composer": "Hikaru Nanase",
    "date": "2006-01-12",
    "organization": "Lantis",
    "catalognumber": "LACA-5460",
    "discnumber": "1/1",
}


def tagged(path: Path, seconds: float = 0.2, **tags: str) -> Path:
    """A tone tagged with the album's tags, overridden or extended by `tags`."""
    return make_tone(path, seconds, tags={**ALBUM, **tags})


def clean(skeleton: Skeleton) -> Guide:
    """The skeleton parsed: it must check without a single error or warning."""
    result = parse_text(skeleton.text, Path(f"{skeleton.name}.md"))
    assert result.diagnostics == (), [d.headline() for d in result.diagnostics]
    assert result.guide is not None
    return result.guide


def ids_and_titles(guide: Guide) -> list[tuple[int, int, str]]:
    return [(track.id.disc, track.id.number, track.title) for track in guide.tracks]


def test_a_tagged_album_gives_front_matter_and_one_heading_per_track(tmp_path: Path) -> None:
    folder = tmp_path / "Noein"
    tagged(folder / "b.flac", 1.2, title="Kakute, Tatakau", tracknumber="2/3")
    tagged(folder / "c.flac", 65.3, title="Shangri-La", tracknumber="1/3")
    tagged(folder / "a.flac", 0.2, title="Omoi", tracknumber="3/3")

    skeleton = scaffold(folder)

    assert skeleton.name == "noein-mou-hitori-no-kimi-e-original-soundtrack"
    assert skeleton.notes == ()
    assert skeleton.text == (
        "+++\n"
        'title = "Noein: Mou Hitori no Kimi e Original Soundtrack"\n'
        'composer = "Hikaru Nanase"\n'
        'label = "Lantis"\n'
        'catalogue = "LACA-5460"\n'
        "released = 2006-01-12\n"
        "discs = 1\n"
        "+++\n"
        "\n"
        "## 01. Shangri-La\n"
        "\n"
        "- Length: 1:05\n"
        "- File: c.flac\n"
        "\n"
        "[0:00] \n"
        "\n"
        "## 02. Kakute, Tatakau\n"
        "\n"
        "- Length: 0:01\n"
        "- File: b.flac\n"
        "\n"
        "[0:00] \n"
        "\n"
        "## 03. Omoi\n"
        "\n"
        "- File: a.flac\n"
        "\n"
        "[0:00] \n"
    )
    guide = clean(skeleton)
    assert guide.album.title == ALBUM["album"]
    assert (guide.album.composer, guide.album.label, guide.album.catalogue) == (
        "Hikaru Nanase",
        "Lantis",
        "LACA-5460",
    )
    assert (guide.album.released, guide.album.discs) == ("2006-01-12", 1)
    assert [(t.title, t.length, t.files) for t in guide.tracks] == [
        ("Shangri-La", 65.0, ("c.flac",)),
        ("Kakute, Tatakau", 1.0, ("b.flac",)),
        ("Omoi", None, ("a.flac",)),
    ]
    assert all(t.cues and t.cues[0].stamp.seconds == 0 and not t.cues[0].text for t in guide.tracks)


def test_every_format_gives_its_title_number_and_length(tmp_path: Path) -> None:
    folder = tmp_path / "mix"
    for number, suffix in enumerate((".wav", ".opus", ".ogg", ".mp3", ".flac"), start=1):
        tagged(folder / f"t{suffix}", 1.2, title=f"Track{suffix}", tracknumber=str(number))

    guide = clean(scaffold(folder))

    assert [(t.title, t.files, t.length) for t in guide.tracks] == [
        (f"Track{suffix}", (f"t{suffix}",), 1.0)
        for suffix in (".wav", ".opus", ".ogg", ".mp3", ".flac")
    ]
    assert guide.album.title == ALBUM["album"]


FRAMES: dict[str, Any] = {"TPE2": TPE2, "TPUB": TPUB}
"""ID3 frames by id (mutagen is untyped); any other key is a TXXX description."""
USER_FRAME: Any = TXXX


def id3_extras(path: Path, frames: Mapping[str, str]) -> None:
    """Add album-artist, publisher and TXXX frames to a WAV or MP3 file's ID3 tag."""
    audio: Any = mutagen.File(path)
    assert isinstance(audio.tags, ID3)
    add: Any = audio.tags.add
    for key, value in frames.items():
        if key in FRAMES:
            add(FRAMES[key](encoding=3, text=[value]))
        else:
            add(USER_FRAME(encoding=3, desc=key, text=[value]))
    audio.save()


@pytest.mark.parametrize(
    ("suffix", "tags", "frames", "expected"),
    [
        (".flac", {"label": "Lantis", "catalognumber": "LACA-1"}, {}, ("Lantis", "LACA-1")),
        (".ogg", {"organization": "Lantis", "CATALOGNUMBER": "LACA-2"}, {}, ("Lantis", "LACA-2")),
        (".opus", {"publisher": "Victor", "catalog": "VICL-3"}, {}, ("Victor", "VICL-3")),
        (".mp3", {"organization": "Lantis", "catalognumber": "LACA-4"}, {}, ("Lantis", "LACA-4")),
        (".mp3", {}, {"LABEL": "Lantis", "Catalog Number": "LACA-5"}, ("Lantis", "LACA-5")),
        (".wav", {}, {"TPUB": "Lantis", "CATALOGNUMBER": "LACA-6"}, ("Lantis", "LACA-6")),
    ],
)
def test_label_and_catalogue_are_read_from_every_kind_of_tag(
    tmp_path: Path,
    suffix: str,
    tags: dict[str, str],
    frames: dict[str, str],
    expected: tuple[str, str],
) -> None:
    path = make_tone(tmp_path / "album" / f"01 x{suffix}", 0.2, tags={"title": "X", **tags})
    if frames:
        id3_extras(path, frames)

    guide = clean(scaffold(tmp_path / "album"))

    assert (guide.album.label, guide.album.catalogue) == expected


@pytest.mark.parametrize(
    ("tags", "composer"),
    [
        ({"composer": "Kanno", "albumartist": "Seatbelts", "artist": "Yoko"}, "Kanno"),
        ({"albumartist": "Seatbelts", "artist": "Yoko"}, "Seatbelts"),
        ({"artist": "Yoko"}, "Yoko"),
        ({}, ""),
    ],
)
def test_the_composer_is_the_composer_else_the_album_artist_else_the_artist(
    tmp_path: Path, tags: dict[str, str], composer: str
) -> None:
    make_tone(tmp_path / "a" / "01 x.ogg", 0.2, tags={"title": "X", **tags})

    skeleton = scaffold(tmp_path / "a")

    assert clean(skeleton).album.composer == composer
    assert ("composer = " in skeleton.text) == bool(composer)


def test_wav_album_artist_comes_from_its_raw_id3_frame(tmp_path: Path) -> None:
    path = make_tone(tmp_path / "a" / "01 x.wav", 0.2, tags={"title": "X", "album": "A"})
    id3_extras(path, {"TPE2": "Nanase Hikaru"})

    assert clean(scaffold(tmp_path / "a")).album.composer == "Nanase Hikaru"


@pytest.mark.parametrize(
    ("date", "line", "released"),
    [
        ("2006-01-12", "released = 2006-01-12", "2006-01-12"),
        ("2006-01-12T10:00:00Z", "released = 2006-01-12", "2006-01-12"),
        ("2006", 'released = "2006"', "2006"),
        ("2006-02-30", 'released = "2006-02-30"', "2006-02-30"),
        ("Jan 2006", 'released = "Jan 2006"', "Jan 2006"),
    ],
)
def test_the_release_date_is_a_toml_date_when_it_is_one(
    tmp_path: Path, date: str, line: str, released: str
) -> None:
    make_tone(tmp_path / "a" / "01 x.flac", 0.2, tags={"title": "X", "date": date})

    skeleton = scaffold(tmp_path / "a")

    assert line in skeleton.text.splitlines()
    assert clean(skeleton).album.released == released


@pytest.mark.parametrize(
    ("layout", "hint"),
    [
        ("disc tags", "{disc}-{number:02d} {title}.ogg"),
        ("CD folders", "CD{disc}/{number:02d} {title}.ogg"),
        ("disc folders, untagged", "Disc {disc}/{number:02d} {title}.ogg"),
    ],
)
def test_a_two_disc_set_numbers_tracks_by_disc(tmp_path: Path, layout: str, hint: str) -> None:
    folder = tmp_path / "set"
    tracks = [
        (disc, number, title) for disc in (1, 2) for number, title in ((1, "Alpha"), (2, "Beta"))
    ]
    for disc, number, title in tracks:
        path = folder / hint.format(disc=disc, number=number, title=title)
        if layout == "disc tags":
            tags = {"title": title, "tracknumber": str(number), "discnumber": f"{disc}/2"}
            make_tone(path, 0.2, tags={"album": "Set", **tags})
        elif layout == "CD folders":
            make_tone(path, 0.2, tags={"title": title, "tracknumber": str(number), "album": "Set"})
        else:
            make_tone(path, 0.2)

    skeleton = scaffold(folder)
    guide = clean(skeleton)

    assert "discs = 2" in skeleton.text.splitlines()
    assert [line for line in skeleton.text.splitlines() if line.startswith("## ")] == [
        "## 1-01. Alpha",
        "## 1-02. Beta",
        "## 2-01. Alpha",
        "## 2-02. Beta",
    ]
    assert guide.album.discs == 2
    assert ids_and_titles(guide) == tracks
    assert [t.files for t in guide.tracks] == [
        (hint.format(disc=disc, number=number, title=title),) for disc, number, title in tracks
    ]


def test_a_disc_total_tag_alone_makes_a_multi_disc_guide(tmp_path: Path) -> None:
    make_tone(
        tmp_path / "a" / "x.ogg", 0.2, tags={"title": "X", "tracknumber": "1", "discnumber": "1/3"}
    )

    skeleton = scaffold(tmp_path / "a")

    assert clean(skeleton).album.discs == 3
    assert "## 1-01. X" in skeleton.text.splitlines()


def test_a_disc_total_of_thousands_of_digits_is_not_a_number(tmp_path: Path) -> None:
    tags = {"title": "X", "tracknumber": "1", "discnumber": "1/" + "9" * 5000}
    make_tone(tmp_path / "a" / "x.ogg", 0.2, tags=tags)

    skeleton = scaffold(tmp_path / "a")

    assert clean(skeleton).album.discs == 1


def test_untagged_files_take_titles_and_numbers_from_their_names(tmp_path: Path) -> None:
    folder = tmp_path / "Noein OST"
    make_tone(folder / "01 First.ogg", 0.2)
    make_tone(folder / "02-second.mp3", 0.2)
    make_tone(folder / "03_third_piece.flac", 0.2)
    make_tone(folder / "04.wav", 0.2)

    skeleton = scaffold(folder)
    guide = clean(skeleton)

    assert [(t.id.number, t.title, t.files) for t in guide.tracks] == [
        (1, "First", ("01 First.ogg",)),
        (2, "second", ("02-second.mp3",)),
        (3, "third piece", ("03_third_piece.flac",)),
        (4, "04", ("04.wav",)),
    ]
    assert guide.album.title == "Noein OST"
    assert skeleton.name == "noein-ost"
    assert skeleton.notes == (
        "no album tag: title taken from the folder name",
        "4 files have no title tag: titles taken from the file names",
        "4 files have no track number tag: numbers taken from the file names",
    )


def test_files_without_a_number_follow_the_numbered_ones_of_their_disc(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    tagged(folder / "z first.ogg", title="First", tracknumber="1")
    tagged(folder / "y second.ogg", title="Second", tracknumber="2")
    tagged(folder / "b bonus.ogg", title="Bonus")
    tagged(folder / "a extra.ogg", title="Extra")
    tagged(folder / "c second disc.ogg", title="Other", discnumber="2/2")

    skeleton = scaffold(folder)
    guide = clean(skeleton)

    assert ids_and_titles(guide) == [
        (1, 1, "First"),
        (1, 2, "Second"),
        (1, 3, "Extra"),
        (1, 4, "Bonus"),
        (2, 1, "Other"),
    ]
    assert skeleton.notes == (
        "3 files have no track number: placed after the numbered ones, in name order "
        "(a extra.ogg, b bonus.ogg, c second disc.ogg)",
    )


def test_with_no_numbers_at_all_tracks_follow_the_file_names(tmp_path: Path) -> None:
    for name in ("b", "a", "c"):
        tagged(tmp_path / "a" / f"{name}.ogg", title=name.upper())

    skeleton = scaffold(tmp_path / "a")

    assert ids_and_titles(clean(skeleton)) == [(1, 1, "A"), (1, 2, "B"), (1, 3, "C")]
    assert skeleton.notes == (
        "3 files have no track number: numbered in name order (a.ogg, b.ogg, c.ogg)",
    )


def test_a_repeated_track_number_is_moved_after_the_numbered_ones(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    tagged(folder / "a.ogg", title="One", tracknumber="1")
    tagged(folder / "d.ogg", title="One again", tracknumber="1")
    tagged(folder / "c.ogg", title="Two", tracknumber="2")
    tagged(folder / "b.ogg", title="Unnumbered")
    tagged(folder / "e.ogg", title="Two again", tracknumber="2")

    skeleton = scaffold(folder)

    assert ids_and_titles(clean(skeleton)) == [
        (1, 1, "One"),
        (1, 2, "Two"),
        (1, 3, "Unnumbered"),
        (1, 4, "One again"),
        (1, 5, "Two again"),
    ]
    assert skeleton.notes == (
        "1 file has no track number: placed after the numbered ones, in name order (b.ogg)",
        "2 files repeat a track number already taken on their disc: placed after the numbered "
        "ones (d.ogg, e.ogg)",
    )


@pytest.mark.parametrize(
    "title",
    [
        "1984",
        "2-05 Hizashi no Naka de",
        "05. Not the number",
        "C#",
        "Prelude No. #",
        "###",
        "# Not a level-one heading",
        "Waltz ##",
        "[0:00] not a stamp",
        "[Link](#19)",
        "- not a list",
        "Afterword",
        "シャングリラ　～　Shangri-La",
        ".hack",
    ],
)
def test_a_heading_reads_back_as_its_title(title: str) -> None:
    text = f"+++\ndiscs = 2\n+++\n{heading(1, 7, title, False)}\n\n{heading(2, 10, title, True)}\n"

    result = parse_text(text, Path("t.md"))

    assert result.diagnostics == ()
    assert result.guide is not None
    assert [(t.id, t.title) for t in result.guide.tracks] == [
        (TrackId(1, 7), title),
        (TrackId(2, 10), title),
    ]


TITLE_CHARS = st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"])


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(TITLE_CHARS, min_size=1).map(str.strip).filter(bool), st.integers(0, 999))
def test_any_one_line_title_reads_back(title: str, number: int) -> None:
    result = parse_text(heading(1, number, title, False), Path("t.md"))

    assert result.guide is not None
    assert [(t.id.number, t.title) for t in result.guide.tracks] == [(number, title)]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_toml_strings_read_back_as_written(value: str) -> None:
    line = f"key = {toml_string(value)}"

    assert "\n" not in line
    assert tomllib.loads(line) == {"key": value}


def test_awkward_tag_values_stay_on_their_line_and_read_back(tmp_path: Path) -> None:
    tricky = 'He said "hi" \\ then\nleft\x07'
    tagged(tmp_path / "a" / "01.ogg", title=f"C# {tricky}", album=tricky, label=tricky)

    skeleton = scaffold(tmp_path / "a")
    guide = clean(skeleton)

    assert guide.album.title == guide.album.label == 'He said "hi" \\ then left␇'
    assert guide.tracks[0].title == 'C# He said "hi" \\ then left␇'


def test_titles_with_numbers_and_hashes_round_trip_from_tags(tmp_path: Path) -> None:
    for number, title in enumerate(("1984", "No. #", "2-05 Hizashi"), start=1):
        tagged(tmp_path / "a" / f"{number}.opus", title=title, tracknumber=str(number))

    guide = clean(scaffold(tmp_path / "a"))

    assert [t.title for t in guide.tracks] == ["1984", "No. #", "2-05 Hizashi"]


def test_a_name_the_file_field_cannot_hold_gets_no_hint_and_a_note(tmp_path: Path) -> None:
    make_tone(tmp_path / "a" / "01 Rock; Paper.ogg", 0.2)
    make_tone(tmp_path / "a" / "02 Two\nlines.ogg", 0.2)
    make_tone(tmp_path / "a" / "03 Fine.ogg", 0.2)

    skeleton = scaffold(tmp_path / "a")
    guide = clean(skeleton)

    assert [(t.title, t.files) for t in guide.tracks] == [
        ("Rock; Paper", ()),
        ("Two lines", ()),
        ("Fine", ("03 Fine.ogg",)),
    ]
    assert (
        "no File field for 2 files whose name a File field cannot hold (a ';', a line break or "
        "spaces around it): 01 Rock; Paper.ogg, 02 Two lines.ogg"
    ) in skeleton.notes


def test_an_estimated_mp3_length_is_left_out_and_said_so(tmp_path: Path) -> None:
    strip_xing(tagged(tmp_path / "a" / "01.mp3", 10, title="Vbr", tracknumber="1"))

    skeleton = scaffold(tmp_path / "a")

    assert clean(skeleton).tracks[0].length is None
    assert "- Length:" not in skeleton.text
    assert (
        "1 MP3 file has no exact length (no Xing/LAME header): no Length field for them"
        in skeleton.notes
    )


def test_unreadable_files_are_skipped_with_a_note(tmp_path: Path) -> None:
    tagged(tmp_path / "a" / "01.ogg", title="Good", tracknumber="1")
    (tmp_path / "a" / "02 broken.flac").write_bytes(b"fLaC" + bytes(range(100)))

    skeleton = scaffold(tmp_path / "a")

    assert [t.title for t in clean(skeleton).tracks] == ["Good"]
    assert len(skeleton.notes) == 1
    assert skeleton.notes[0].startswith("skipped 1 file that could not be read: 02 broken.flac (")


@pytest.mark.parametrize(
    ("album", "folder", "name", "noted"),
    [
        ("Noein Original Soundtrack", "x", "noein-original-soundtrack", False),
        ("ノエイン", "Noein OST", "noein-ost", True),
        ("ノエイン", "ノエイン", "guide", True),
    ],
)
def test_the_file_name_comes_from_the_title_else_the_folder(
    tmp_path: Path, album: str, folder: str, name: str, noted: bool
) -> None:
    tagged(tmp_path / folder / "01.ogg", album=album, title="X")

    skeleton = scaffold(tmp_path / folder)

    assert skeleton.name == name
    assert ("no Latin letters" in skeleton.name_note) == noted
    assert not any("no Latin letters" in note for note in skeleton.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Noein Original Soundtrack", "noein-original-soundtrack"),
        ("Noein: Mou Hitori no Kimi e", "noein-mou-hitori-no-kimi-e"),
        ("Café — Children’s Songs (Vol. 2)", "cafe-childrens-songs-vol-2"),
        ("ＦＦ ＶＩＩ", "ff-vii"),
        ("ノエイン", ""),
        ("word " * 30, "-".join(["word"] * 12)),
        ("x" * 80, "x" * 60),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root.mkdir(), "no audio files in"),
        (lambda root: (root.mkdir(), (root / "cover.jpg").write_bytes(b"\xff")), "no audio files"),
        (lambda root: root.write_text("not a folder"), "is not a folder"),
        (lambda root: None, "does not exist"),
        (
            lambda root: (root.mkdir(), (root / "x.flac").write_bytes(b"fLaC")),
            "none of the audio files in",
        ),
    ],
    ids=["empty", "no audio", "a file", "missing", "all unreadable"],
)
def test_a_folder_without_usable_audio_is_a_clear_error(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    root = tmp_path / "album"
    make(root)

    with pytest.raises(ScaffoldError, match=message) as caught:
        scaffold(root)

    assert str(root) in str(caught.value)


SKELETON = Skeleton("noein", '+++\ntitle = "Noein"\n+++\n\n## 01. A\n\n' + FIRST_REMARK + "\n")


def test_the_guide_goes_to_the_user_guide_folder_and_opens_by_name() -> None:
    written = write_skeleton(SKELETON, output=None, force=False)

    assert written == paths.user_guides_dir() / "noein.md"
    assert written.read_text(encoding="utf-8") == SKELETON.text
    assert find_guide("noein").path == written
    assert load_guide(written).diagnostics == ()


@pytest.mark.parametrize(("output", "expected"), [("out/mine.md", "out/mine.md"), ("", "noein.md")])
def test_output_names_a_file_or_a_folder(tmp_path: Path, output: str, expected: str) -> None:
    written = write_skeleton(SKELETON, output=tmp_path / output, force=False)

    assert written == tmp_path / expected
    assert written.read_text(encoding="utf-8") == SKELETON.text
    assert not paths.user_guides_dir().exists()


def test_an_existing_guide_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    target.write_text("my own work", encoding="utf-8")

    with pytest.raises(FileExistsAlready, match="--force") as caught:
        write_skeleton(SKELETON, output=target, force=False)

    assert isinstance(caught.value, FileExistsError)
    assert str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "my own work"

    assert write_skeleton(SKELETON, output=target, force=True) == target
    assert target.read_text(encoding="utf-8") == SKELETON.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.md"]


def test_a_default_guide_is_not_overwritten_either() -> None:
    write_skeleton(SKELETON, output=None, force=False)

    with pytest.raises(FileExistsAlready, match=r"noein\.md"):
        write_skeleton(Skeleton("noein", "other"), output=None, force=False)

    assert (paths.user_guides_dir() / "noein.md").read_text(encoding="utf-8") == SKELETON.text
