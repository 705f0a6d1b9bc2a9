"""Rips of the Noein album shaped the way listeners' copies really are (issue 19's table), built
from tones, tagged with mutagen, with sheets in their own encodings; and the tally of a match
against what each track should have got.

Each builder returns a `Rip`: the folder (or music folder) it made and, per guide track, the file
(and for an album image the start of its span) that should serve it; an empty `expected` says no
file should (another album).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import mutagen
import mutagen.flac
import numpy as np
from albums import (
    NOEIN_ALBUM,
    NOEIN_ENGLISH,
    NOEIN_JAPANESE,
    NOEIN_JAPANESE_ALBUM,
    NOEIN_TRACKLIST,
    NOEIN_VOL2_ALBUM,
    NOEIN_VOL2_JAPANESE,
)
from audiogen import make_tone, tone
from mutagen.id3 import ID3, TALB, TIT2, TPE1, TRCK

from ostguide.launch import Library

COUNT = len(NOEIN_TRACKLIST)
SECONDS = 1.0
"""Length of each generated track."""
ARTIST = "Nanase Hikaru"


@dataclass(frozen=True)
class Rip:
    """A generated rip and what each track should be played from."""

    folder: Path
    """The album folder (or, for a search, the music folder)."""
    expected: dict[int, tuple[Path, float]] = field(default_factory=dict)
    """Track number → (file, start of its span in the file)."""


@dataclass(frozen=True)
class Tally:
    """How a match did against a rip: tracks right, wrong, without a file."""

    correct: int
    wrong: int
    missing: int

    def __str__(self) -> str:
        return f"{self.correct} / {self.wrong} / {self.missing}"


def tally(library: Library, rip: Rip) -> Tally:
    """Count the guide's tracks whose file is the expected one, another one, or none."""
    assert library.assignment is not None, library.location.how
    correct = wrong = missing = 0
    for chosen in library.assignment.matches:
        if chosen.file is None:
            missing += 1
            continue
        want = rip.expected.get(chosen.track.number)
        got = (chosen.file.path, chosen.file.start)
        if want is not None and want[0] == got[0] and abs(want[1] - got[1]) < 0.01:
            correct += 1
        else:
            wrong += 1
    return Tally(correct, wrong, missing)


def _frequency(number: int) -> float:
    return 220.0 + 20.0 * number


def itunes(folder: Path, codec: str = "aac") -> Rip:
    """An iTunes rip: `01 Shangri-La.m4a` with proper tags (title, album, artist, n/23)."""
    expected = {}
    for number, title in enumerate(NOEIN_TRACKLIST, start=1):
        path = folder / f"{number:02d} {title}.m4a"
        tags = {"title": title, "album": NOEIN_ALBUM, "artist": ARTIST}
        tags["tracknumber"] = f"{number}/{COUNT}"
        make_tone(path, SECONDS, freq=_frequency(number), codec=codec, tags=tags)
        expected[number] = (path, 0.0)
    return Rip(folder, expected)


def fan_translated(folder: Path, tagged: bool) -> Rip:
    """`06 - Haruka of the Future.mp3`: titles in English, with or without tags (n/23)."""
    expected = {}
    for number, title in enumerate(NOEIN_ENGLISH, start=1):
        path = folder / f"{number:02d} - {title}.mp3"
        tags = None
        if tagged:
            tags = {"title": title, "album": "Noein OST", "tracknumber": f"{number}/{COUNT}"}
        make_tone(path, SECONDS, freq=_frequency(number), tags=tags)
        expected[number] = (path, 0.0)
    return Rip(folder, expected)


def _mojibake(text: str, encoding: str = "cp932") -> str:
    """What an old tagger left: `text`'s bytes in a Japanese encoding, read as Latin-1."""
    return text.encode(encoding).decode("latin-1")


def garbled(folder: Path, encoding: str = "cp932") -> Rip:
    """An old MP3 rip: `03 廃墟の地上.mp3`, its Japanese tags stored as Shift-JIS bytes in Latin-1
    ID3v2.3 frames and an ID3v1 tag."""
    expected = {}
    for number, title in enumerate(NOEIN_JAPANESE, start=1):
        path = folder / f"{number:02d} {title}.mp3"
        make_tone(path, SECONDS, freq=_frequency(number))
        tags = ID3()
        tags.add(TIT2(encoding=0, text=[_mojibake(title, encoding)]))
        tags.add(TALB(encoding=0, text=[_mojibake(NOEIN_JAPANESE_ALBUM, encoding)]))
        tags.add(TPE1(encoding=0, text=[_mojibake("七瀬光", encoding)]))
        tags.add(TRCK(encoding=0, text=[f"{number}/{COUNT}"]))
        tags.save(path, v1=2, v2_version=3)
        expected[number] = (path, 0.0)
    return Rip(folder, expected)


def _image(path: Path) -> tuple[Path, list[float]]:
    """A 23-track album image (a tone per track) and each track's start."""
    rate = 44100
    samples = [tone(SECONDS, rate, _frequency(n)) for n in range(1, COUNT + 1)]
    make_tone(path, COUNT * SECONDS, samples=np.concatenate(samples))
    return path, [SECONDS * (n - 1) for n in range(1, COUNT + 1)]


def _cue_time(seconds: float) -> str:
    frames = round(seconds * 75)
    return f"{frames // 4500:02d}:{frames // 75 % 60:02d}:{frames % 75:02d}"


def cue_text(file_name: str, starts: list[float]) -> str:
    """A ripper's CUE sheet for the image, titles in Japanese."""
    lines = [
        f'PERFORMER "{ARTIST}"',
        f'TITLE "{NOEIN_JAPANESE_ALBUM}"',
        f'FILE "{file_name}" WAVE',
    ]
    for number, (title, start) in enumerate(zip(NOEIN_JAPANESE, starts, strict=True), start=1):
        lines += [f"  TRACK {number:02d} AUDIO", f'    TITLE "{title}"']
        lines += [f'    PERFORMER "{ARTIST}"', f"    INDEX 01 {_cue_time(start)}"]
    return "\r\n".join(lines) + "\r\n"


def renamed_image(folder: Path) -> Rip:
    """`Noein.flac` and a CP932 sheet whose FILE still names `CDImage.wav`, as EAC wrote it before
    the image was compressed and renamed."""
    image, starts = _image(folder / "Noein.flac")
    (folder / "Noein.cue").write_bytes(cue_text("CDImage.wav", starts).encode("cp932"))
    return Rip(folder, {n: (image, start) for n, start in enumerate(starts, start=1)})


def embedded(folder: Path, kind: str) -> Rip:
    """A FLAC image whose sheet is inside it: a CUESHEET metadata block ("block", no titles), or
    a `CUESHEET` tag as foobar2000 writes ("tag")."""
    image, starts = _image(folder / "Noein.flac")
    audio = mutagen.flac.FLAC(image)
    if kind == "tag":
        audio["CUESHEET"] = cue_text("Noein.flac", starts)
    else:
        sheet = mutagen.flac.CueSheet(None)
        sheet.media_catalog_number = b""
        sheet.lead_in_samples = 88200
        sheet.compact_disc = True
        for number, start in enumerate(starts, start=1):
            track = mutagen.flac.CueSheetTrack(number, round(start * 44100))
            track.indexes = [mutagen.flac.CueSheetTrackIndex(1, 0)]
            sheet.tracks.append(track)
        sheet.tracks.append(mutagen.flac.CueSheetTrack(170, round(COUNT * SECONDS * 44100)))
        audio.metadata_blocks.append(sheet)
        audio["ALBUM"] = NOEIN_ALBUM
    audio.save()
    return Rip(folder, {n: (image, start) for n, start in enumerate(starts, start=1)})


def embedded_wavpack(folder: Path) -> Rip:
    """A WavPack image with its sheet in an APEv2 `Cuesheet` tag, as foobar2000 writes it."""
    image, starts = _image(folder / "Noein.wv")
    audio = mutagen.File(image)
    if audio.tags is None:
        audio.add_tags()
    audio["Cuesheet"] = cue_text("Noein.wav", starts)
    audio.save()
    return Rip(folder, {n: (image, start) for n, start in enumerate(starts, start=1)})


def volume_two(folder: Path) -> Rip:
    """Only the second volume: 20 other tracks by the same artist, tagged n/20 in Japanese."""
    for number, title in enumerate(NOEIN_VOL2_JAPANESE, start=1):
        tags = {"title": title, "album": NOEIN_VOL2_ALBUM, "artist": ARTIST}
        tags["tracknumber"] = f"{number}/{len(NOEIN_VOL2_JAPANESE)}"
        make_tone(folder / f"{number:02d} {title}.flac", SECONDS, tags=tags)
    return Rip(folder)


def japanese_rip(folder: Path) -> Rip:
    """`01 シャングリラ.flac` tagged from a Japanese database (titles, album, n/23)."""
    expected = {}
    for number, title in enumerate(NOEIN_JAPANESE, start=1):
        path = folder / f"{number:02d} {title}.flac"
        tags = {"title": title, "album": NOEIN_JAPANESE_ALBUM}
        tags["tracknumber"] = f"{number}/{COUNT}"
        make_tone(path, SECONDS, freq=_frequency(number), tags=tags)
        expected[number] = (path, 0.0)
    return Rip(folder, expected)


_SYLLABLES = [
    "ka",
    "ze",
    "no",
    "u",
    "ta",
    "yo",
    "ru",
    "hi",
    "ka",
    "ri",
    "mi",
    "chi",
    "so",
    "ra",
    "na",
    "mi",
    "to",
    "ki",
    "ha",
    "na",
    "yu",
    "me",
]


def _romaji_title(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
        for _ in range(rng.randint(1, 3))
    ]
    return " ".join(words).title()


def among_many(music: Path, albums: int = 100) -> Rip:
    """The Japanese-tagged rip (in a folder named by its catalogue number, as many Japanese rips
    are) inside a music folder of `albums` other soundtracks, each a folder
    of 15 to 35 romaji-titled files (`03 Kazeyo Hina.mp3`, untagged copies of one tone)."""
    rng = random.Random(19)
    template = make_tone(music / ".template.mp3", 0.1)
    for album in range(albums):
        folder = music / f"{_romaji_title(rng)} Original Soundtrack {album:03d}"
        folder.mkdir(parents=True)
        for number in range(1, rng.randint(15, 35) + 1):
            os.link(template, folder / f"{number:02d} {_romaji_title(rng)}.mp3")
    rip = japanese_rip(music / "LACA-5460")
    return Rip(music, rip.expected)


def two_copies(music: Path) -> Rip:
    """The album twice: FLAC and MP3 128k; the MP3 folder's name sorts first."""
    mp3 = music / "Noein OST (2006) [MP3 128k]"
    flac = music / "Noein OST [FLAC]"
    expected = {}
    for number, title in enumerate(NOEIN_TRACKLIST, start=1):
        tags = {"title": title, "album": NOEIN_ALBUM, "tracknumber": f"{number}/{COUNT}"}
        for folder, suffix in ((mp3, ".mp3"), (flac, ".flac")):
            path = make_tone(folder / f"{number:02d} {title}{suffix}", SECONDS, tags=tags)
            if suffix == ".flac":
                expected[number] = (path, 0.0)
    return Rip(music, expected)
