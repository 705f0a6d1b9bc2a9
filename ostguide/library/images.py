"""Single-file album images: one long audio file and a CUE sheet that says where each track starts.

`split_images` replaces an image among the scanned files by its tracks: each is an `AudioFile`
for the same path with the sheet's number, title and album, and the span it covers (`start` at the
track's INDEX 01, `end` where the next track starts). Only a FILE that holds two tracks or more is
an image; a sheet that lists one track per file changes nothing. A list of `0:00 Title` lines in
a `.txt` file beside one long recording (an album posted with a video) cuts it the same way.

Real sheets vary. Text may be UTF-8 (with or without BOM), Shift-JIS or Windows-1252. A sheet
without a FILE line (MusicBrainz exports) is taken to describe the only audio file beside it, or
the one named like the sheet; one whose FILE names a file that is not there (`CDImage.wav`, the
image before it was compressed and renamed) the one recording beside it long enough to hold its
tracks, with a notice saying so. A cuesheet embedded in a FLAC (its CUESHEET block or tag, read by
the scan) cuts that file as a sheet beside it would, when no sheet beside it does. Problems are one
line each, naming the sheet and the line, and leave the other tracks playing: a FILE that is
missing, unreadable or in a format that cannot be played here; a track that starts before the one
above it or past the end of the file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ostguide.atomic import FileTooLarge, read_regular
from ostguide.formats import AUDIO_EXTENSIONS, format_of
from ostguide.guide.diagnostics import Findings, Severity
from ostguide.guide.model import format_time
from ostguide.library.cuesheet import CueSheet, SheetTrack, audio_of, read_sheet_partly
from ostguide.library.scan import AudioFile
from ostguide.library.timestamps import read_track_list
from ostguide.textfile import decode

MAX_SHEET_BYTES = 1 << 20
"""A CUE sheet or track list larger than this is not read (real ones are a few kilobytes)."""

LONG_RECORDING = 600.0
"""Seconds a recording must last for a list of timestamps beside it to be its track list (a song
with timed lyrics in a text file is not an album)."""


@dataclass(frozen=True, slots=True)
class Split:
    """The files with every album image replaced by its tracks, and what went wrong."""

    files: list[AudioFile]
    """Whole files and image tracks, in the order given (an image's tracks where it was)."""
    notices: list[str]
    """One line per problem: `Noein.cue:7: …`."""


def split_images(files: Sequence[AudioFile]) -> Split:
    """Find the CUE sheets beside `files` and cut the images they describe into tracks."""
    by_path = {audio.path: audio for audio in files}
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for audio in files:
        by_folder[audio.path.parent].append(audio.path)
    tracks: dict[Path, list[AudioFile]] = {}
    notices: list[str] = []
    for folder, beside in by_folder.items():
        sheets, lists = _listings_in(folder)
        for sheet_path in sheets:
            for image, cut in _cut(sheet_path, by_path, beside, notices).items():
                tracks.setdefault(image, cut)
        for list_path in lists:
            for image, cut in _cut_by_timestamps(list_path, by_path, beside, notices).items():
                tracks.setdefault(image, cut)
    for audio in files:  # a sheet beside the file, with titles, is preferred to an embedded one
        if audio.cuesheet is not None and audio.sheet is None and audio.path not in tracks:
            embedded = _cut_embedded(audio, notices)
            if embedded:
                tracks[audio.path] = embedded
    result: list[AudioFile] = []
    for audio in files:
        result.extend(tracks.get(audio.path, [audio]))
    return Split(result, notices)


def _listings_in(folder: Path) -> tuple[list[Path], list[Path]]:
    """The `.cue` and the `.txt` files in a folder, by name."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if not entry.name.startswith("."))
    except OSError:
        return [], []
    sheets = [folder / name for name in names if name.lower().endswith(".cue")]
    lists = [folder / name for name in names if name.lower().endswith(".txt")]
    return sheets, lists


def _cut_by_timestamps(
    list_path: Path, by_path: dict[Path, AudioFile], beside: list[Path], notices: list[str]
) -> dict[Path, list[AudioFile]]:
    """The tracks a list of timestamps gives the one long recording `beside` it; nothing (and no
    notice) for any other text file."""
    found = recording_beside(list_path, beside)
    if found is None:
        return {}
    recording = by_path[found]
    if (recording.length or 0.0) < LONG_RECORDING or _unplayable(recording):
        return {}
    try:
        text = read_regular(list_path, MAX_SHEET_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    entries = read_track_list(text, list_path)
    if len(entries) < 2:
        return {}
    listed = tuple(
        SheetTrack(number, title, found.name, seconds, line, 1, 0, line)
        for number, (line, seconds, title) in enumerate(entries, start=1)
    )
    sheet = CueSheet("", "", listed)
    return {found: _tracks_of(sheet, list_path, recording, list(listed), notices)}


def _cut(
    sheet_path: Path, by_path: dict[Path, AudioFile], beside: list[Path], notices: list[str]
) -> dict[Path, list[AudioFile]]:
    """The image tracks one sheet gives, by image file; its problems added to `notices`."""
    sheet = _read(sheet_path, notices)
    if sheet is None:
        return {}
    by_file: dict[str, list[SheetTrack]] = defaultdict(list)
    for track in sheet.tracks:
        by_file[track.file].append(track)
    cut: dict[Path, list[AudioFile]] = {}
    for name, in_file in by_file.items():
        if len(in_file) < 2:
            continue
        where = f"{sheet_path.name}:{in_file[0].file_line or in_file[0].line}"
        image = _image_of(sheet_path, name, by_path, beside)
        if image is None and name:
            image = _fitting_recording(in_file, by_path, beside, set(by_file))
            if image is not None:
                notices.append(
                    f'{where}: FILE "{name}" is not beside the sheet; its tracks are taken from '
                    f"{image.path.name}, the one recording beside it long enough to hold them"
                )
        if image is None:
            missing = (
                f'FILE "{name}" is not beside the sheet'
                if name
                else "the sheet names no FILE, and no one recording beside it is named like it"
            )
            notices.append(f"{where}: {missing}; its tracks are left out")
            continue
        problem = _unplayable(image)
        if problem:
            notices.append(f"{where}: {image.path.name} {problem}; its tracks are left out")
            continue
        if not name:
            notices.append(
                f"{where}: the sheet names no FILE; its tracks are taken from {image.path.name}"
            )
        cut[image.path] = _tracks_of(sheet, sheet_path, image, in_file, notices)
    return {path: tracks for path, tracks in cut.items() if tracks}


def _cut_embedded(audio: AudioFile, notices: list[str]) -> list[AudioFile]:
    """The tracks a cuesheet embedded in `audio` gives it (its FILE lines name the file itself,
    often by an older name, so they are not followed)."""
    assert audio.cuesheet is not None
    sheet, found = read_sheet_partly(audio.cuesheet, audio.path)
    for diagnostic in found.in_order():
        if diagnostic.severity is Severity.ERROR:
            notices.append(_notice(diagnostic.line, diagnostic.message, audio.path))
    if len(sheet.tracks) < 2:
        return []
    problem = _unplayable(audio)
    if problem:
        notices.append(f"{audio.path.name}: {problem}; its embedded cuesheet is not used")
        return []
    return _tracks_of(sheet, audio.path, audio, list(sheet.tracks), notices)


def _fitting_recording(
    in_file: list[SheetTrack], by_path: dict[Path, AudioFile], beside: list[Path], named: set[str]
) -> AudioFile | None:
    """For a FILE that is not there: the one recording beside the sheet that the sheet's other
    FILEs do not name and that is long enough to hold these tracks; None when not exactly one."""
    last = max(track.start for track in in_file)
    taken = {name.replace("\\", "/").rsplit("/", 1)[-1] for name in named}
    fitting = [
        by_path[path]
        for path in beside
        if path.name not in taken and (by_path[path].length or 0.0) > last
    ]
    return fitting[0] if len(fitting) == 1 else None


def _read(sheet_path: Path, notices: list[str]) -> CueSheet | None:
    """The sheet, as much of it as reads well; its errors as notices (the first of each line)."""
    try:
        data = read_regular(sheet_path, MAX_SHEET_BYTES)
    except FileTooLarge:
        notices.append(f"{sheet_path.name}: too large to be a CUE sheet; not read")
        return None
    except OSError as error:
        notices.append(f"{sheet_path.name}: cannot be read ({error.strerror or error})")
        return None
    findings = Findings(sheet_path)
    text = decode(data, findings, cue_sheet=True, binary_help="a CUE sheet is text")
    if text is None:
        notices.extend(_notice(d.line, d.message, sheet_path) for d in findings.diagnostics)
        return None
    sheet, found = read_sheet_partly(text, sheet_path)
    for diagnostic in found.in_order():
        if diagnostic.severity is Severity.ERROR:
            notices.append(_notice(diagnostic.line, diagnostic.message, sheet_path))
    return sheet


def _notice(line: int, message: str, sheet_path: Path) -> str:
    return f"{sheet_path.name}:{line}: {message}"


def _image_of(
    sheet_path: Path, name: str, by_path: dict[Path, AudioFile], beside: list[Path]
) -> AudioFile | None:
    """The scanned file a FILE line names; without a FILE line, the one audio file beside the
    sheet (or the one named like it). None when there is no such file among those scanned."""
    folder = sheet_path.parent
    if name:
        found = audio_of(folder, name)
        if found is None:
            return None
        return by_path.get(found) or AudioFile(found, 0, 0)
    found = recording_beside(sheet_path, beside)
    return None if found is None else by_path[found]


def recording_beside(listing: Path, audio: Sequence[Path]) -> Path | None:
    """Which of the `audio` files beside a track listing (a CUE sheet without FILE, a list of
    timestamps) it describes: the one named like it, else the only one; None when that is not
    clear."""
    named = [path for path in audio if path.stem == listing.stem]
    chosen = named or audio
    return chosen[0] if len(chosen) == 1 else None


def _unplayable(image: AudioFile) -> str:
    """Why an image cannot be played here, or ""."""
    if image.path.suffix.lower() not in AUDIO_EXTENSIONS:
        return f"is {format_of(image.path.name)}, which cannot be played here (convert it to FLAC)"
    if image.problem:
        return f"cannot be read ({image.problem})"
    return ""


def _tracks_of(
    sheet: CueSheet,
    sheet_path: Path,
    image: AudioFile,
    in_file: list[SheetTrack],
    notices: list[str],
) -> list[AudioFile]:
    """One `AudioFile` per track of the image, in time order; tracks whose INDEX 01 goes
    backwards or lies past the end of the file are left out with a notice."""
    kept: list[SheetTrack] = []
    for track in in_file:
        where = f"{sheet_path.name}:{track.index_line}"
        if kept and track.start <= kept[-1].start:
            notices.append(
                f"{where}: track {track.number:02d} starts before track {kept[-1].number:02d}"
                " ends (INDEX 01 goes backwards); left out"
            )
        elif image.length and track.start >= image.length:
            notices.append(
                f"{where}: track {track.number:02d} starts past the end of {image.path.name}"
                f" ({format_time(image.length)}); left out"
            )
        else:
            kept.append(track)
    tracks: list[AudioFile] = []
    for index, track in enumerate(kept):
        end = kept[index + 1].start if index + 1 < len(kept) else None
        stop = end if end is not None else image.length
        tracks.append(
            replace(
                image,
                title=track.title or None,
                album=sheet.title or image.album,
                artist=sheet.performer or image.artist,
                disc=sheet.disc if sheet.disc is not None else image.disc,
                track=track.number,
                length=None if stop is None else stop - track.start,
                sheet=sheet_path,
                start=track.start,
                end=end,
            )
        )
    return tracks
