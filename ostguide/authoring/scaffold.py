"""A guide skeleton from a folder of audio: `ostguide new DIR [-o FILE] [--force]`.

`scaffold` reads the folder's tags with mutagen (through the scan cache, plus the album-level tags
the scan does not keep) and writes the front matter and one heading per track in disc/track order,
each with its known length, a file hint and an empty `[0:00]` remark to fill in. What it had to
guess (titles from file names, files without track numbers, ...) comes back as `notes`.
`write_skeleton` puts the result in the user's guide folder without overwriting anything unasked.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import mutagen
from mutagen.id3 import ID3

from ostguide import paths
from ostguide.atomic import create_file
from ostguide.catalog import SUFFIX
from ostguide.formats import AUDIO_EXTENSIONS
from ostguide.guide.stamps import MAX_DIGITS
from ostguide.guide.writer import (
    file_field,
    front_matter,
    heading,
    length_field,
    one_line,
    toml_string,
)
from ostguide.library.images import split_images
from ostguide.library.normalize import disc_of_folder, split_track_number
from ostguide.library.scan import AudioFile, ScanCache, leading_int, scan
from ostguide.safetext import visible

FIRST_REMARK = "[0:00] "
"""The empty remark each track starts with, for the author to fill in."""

_MAX_NUMBER = 10**MAX_DIGITS - 1
"""The largest disc or track number a heading may carry."""
_MAX_SLUG = 60
_LISTED = 5
"""How many file names a note lists before saying how many more there are."""

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")
_SPACES = re.compile(" {2,}")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

_VORBIS_KEYS = {
    "composer": ("composer",),
    "albumartist": ("albumartist", "album artist"),
    "date": ("date", "year"),
    "label": ("label", "organization", "publisher"),
    "catalogue": ("catalognumber", "catalog number", "catalog"),
    "discnumber": ("discnumber",),
    "disctotal": ("disctotal", "totaldiscs"),
}
"""Vorbis comment names (any case) of the album-level tags, first found wins."""
_ID3_FRAMES = {
    "composer": "TCOM",
    "albumartist": "TPE2",
    "date": "TDRC",
    "label": "TPUB",
    "discnumber": "TPOS",
}
_ID3_TXXX = {
    "label": ("LABEL",),
    "catalogue": ("CATALOGNUMBER", "CATALOG NUMBER", "CATALOG"),
    "disctotal": ("DISCTOTAL", "TOTALDISCS"),
}
"""User-defined ID3 text frames (by description, any case) for what ID3 has no frame for."""


class ScaffoldError(Exception):
    """The folder cannot become a guide: it is missing, not a folder, or holds no readable audio."""


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A guide skeleton ready to be written."""

    name: str
    """File name without `.md`: what `ostguide NAME` opens it by."""
    text: str
    """The guide's Markdown."""
    notes: tuple[str, ...] = ()
    """What was guessed or left out, as sentences for the author."""
    name_note: str = ""
    """How `name` was chosen when the title could not give it; worth saying only when the guide
    is written under that name."""


@dataclass(slots=True)
class _Entry:
    """A file on its way to becoming a track."""

    file: AudioFile
    hint: str
    """Path relative to the folder, with `/` separators."""
    disc: int
    number: int | None
    title: str


def scaffold(folder: Path, *, cache: ScanCache | None = None) -> Skeleton:
    """A guide skeleton for the album in `folder` (subfolders included).

    Raises `ScaffoldError` when `folder` is not a folder or holds no audio that can be read.
    """
    root = folder.expanduser().absolute()
    if not root.exists():
        raise ScaffoldError(f"{folder} does not exist")
    if not root.is_dir():
        raise ScaffoldError(f"{folder} is not a folder: give the folder of the album's audio files")
    split = split_images(scan(root, cache=cache if cache is not None else ScanCache()))
    found = split.files
    if not found:
        extensions = ", ".join(sorted(AUDIO_EXTENSIONS))
        raise ScaffoldError(
            f"no audio files in {folder} or its subfolders (looked for {extensions})"
        )
    notes = list(split.notices)
    files = [audio for audio in found if audio.problem is None]
    broken = [audio for audio in found if audio.problem is not None]
    if not files:
        raise ScaffoldError(
            f"none of the audio files in {folder} could be read: {_problems(broken, root)}"
        )
    if broken:
        notes.append(
            f"skipped {_count(len(broken), 'file')} that could not be read: "
            f"{_problems(broken, root)}"
        )
    tags = [_album_tags(audio.path) for audio in files]
    entries = [_entry(audio, root) for audio in files]
    title = _album_title(files, root, notes)
    discs = max(
        max(entry.disc for entry in entries),
        max((_disc_total(tag) for tag in tags), default=1),
    )
    ordered = _in_album_order(entries, notes)
    _note_guesses(files, entries, notes)
    lines = _front_matter(title, files, tags, discs)
    for number, entry in ordered:
        lines += ["", heading(entry.disc, number, entry.title, discs > 1), ""]
        lines += _fields(entry)
        lines += [FIRST_REMARK]
    name, name_note = _name(title, root)
    return Skeleton(name, "\n".join(lines) + "\n", tuple(notes), name_note)


def _front_matter(
    title: str, files: Sequence[AudioFile], tags: Sequence[dict[str, str]], discs: int
) -> list[str]:
    """The `+++` block: each field the most common value among the files, left out if untagged."""
    texts = {
        "title": title,
        "composer": _most_common(tag.get("composer") for tag in tags)
        or _most_common(tag.get("albumartist") for tag in tags)
        or _most_common(one_line(audio.artist or "") for audio in files),
        "label": _most_common(tag.get("label") for tag in tags),
        "catalogue": _most_common(tag.get("catalogue") for tag in tags),
    }
    entries = [(key, toml_string(value)) for key, value in texts.items() if value]
    released = _most_common(tag.get("date") for tag in tags)
    if released:
        entries.append(("released", _toml_date(released)))
    return front_matter([*entries, ("discs", str(discs))])


def write_skeleton(skeleton: Skeleton, *, output: Path | None, force: bool) -> Path:
    """Write the guide and return where it went.

    The default place is the user's guide folder (created if needed), named after the skeleton, so
    that `ostguide NAME` opens it; an `output` that is a folder gets the same file name inside it.
    An existing file is only replaced with `force` (else `FileExistsAlready`), and atomically: the
    text goes to a temporary file beside it first.
    """
    file_name = f"{skeleton.name}{SUFFIX}"
    if output is None:
        target = paths.user_guides_dir() / file_name
    elif output.is_dir():
        target = output / file_name
    else:
        target = output
    create_file(target, skeleton.text.encode("utf-8"), force=force)
    return target


def _toml_date(text: str) -> str:
    """A release date as TOML: a date when the tag is a calendar date, else a string."""
    found = _ISO_DATE.fullmatch(text)
    if found:
        try:
            return dt.date.fromisoformat(found.group(1)).isoformat()
        except ValueError:
            pass
    return toml_string(text)


def _fields(entry: _Entry) -> list[str]:
    """The track's `Length` and `File` items (with the blank line after), when there are any."""
    items = []
    length = entry.file.length
    if length is not None and length >= 1 and not entry.file.length_estimated:
        items.append(length_field(length))
    named = None if entry.file.sheet is not None else file_field(entry.hint)
    if named is not None:
        items.append(named)
    return [*items, ""] if items else []


def _entry(audio: AudioFile, root: Path) -> _Entry:
    """Disc, number and title from the tags, else from the folder and file names."""
    relative = PurePosixPath(audio.path.relative_to(root).as_posix())
    name_disc, name_number, rest = split_track_number(relative.stem)
    folder_disc = next(
        (disc for part in reversed(relative.parts[:-1]) if (disc := disc_of_folder(part))), None
    )
    disc = _valid(audio.disc, 1) or folder_disc or _valid(name_disc, 1) or 1
    number = _valid(audio.track, 0)
    if number is None:
        number = _valid(name_number, 0)
    title = one_line(audio.title or "") or _title_from_name(rest) or _title_from_name(relative.stem)
    return _Entry(audio, str(relative), disc, number, title or one_line(relative.name))


def _valid(number: int | None, lowest: int) -> int | None:
    """A disc or track number a heading can carry, or None."""
    return number if number is not None and lowest <= number <= _MAX_NUMBER else None


def _title_from_name(text: str) -> str:
    """A title from what is left of a file name: underscores as spaces, runs of spaces as one."""
    return _SPACES.sub(" ", one_line(text.replace("_", " ")))


def _in_album_order(entries: list[_Entry], notes: list[str]) -> list[tuple[int, _Entry]]:
    """(number, file) by disc and number; files without a number, or repeating one already taken
    on their disc, follow the numbered ones of their disc in name order (the order of `entries`),
    numbered on from the last. Of files sharing a number, the first by name keeps it.
    """
    ordered: list[tuple[int, _Entry]] = []
    unnumbered: list[_Entry] = []
    repeated: list[_Entry] = []
    for disc in sorted({entry.disc for entry in entries}):
        on_disc = [entry for entry in entries if entry.disc == disc]
        first: dict[int, _Entry] = {}
        for entry in on_disc:
            if entry.number is not None:
                first.setdefault(entry.number, entry)
        kept = {id(entry) for entry in first.values()}
        rest = [entry for entry in on_disc if id(entry) not in kept]
        unnumbered += [entry for entry in rest if entry.number is None]
        repeated += [entry for entry in rest if entry.number is not None]
        ordered += sorted(first.items(), key=lambda pair: pair[0])
        ordered += enumerate(rest, start=max(first, default=0) + 1)
    if unnumbered:
        where = (
            "placed after the numbered ones, in name order"
            if len(unnumbered) < len(entries)
            else "numbered in name order"
        )
        notes.append(
            f"{_count(len(unnumbered), 'file')} {_have(unnumbered)} no track number: {where} "
            f"({_listing(entry.hint for entry in unnumbered)})"
        )
    if repeated:
        notes.append(
            f"{_count(len(repeated), 'file')} "
            f"{'repeats' if len(repeated) == 1 else 'repeat'} a track number already taken on "
            f"{'its' if len(repeated) == 1 else 'their'} disc: placed after the numbered ones "
            f"({_listing(entry.hint for entry in repeated)})"
        )
    return ordered


def _note_guesses(files: Sequence[AudioFile], entries: Sequence[_Entry], notes: list[str]) -> None:
    """Notes on titles and numbers taken from file names, and on what could not be written."""
    untitled = [audio for audio in files if not one_line(audio.title or "")]
    if untitled:
        notes.append(
            f"{_count(len(untitled), 'file')} {_have(untitled)} no title tag: "
            "titles taken from the file names"
        )
    named = [
        audio
        for audio in files
        if _valid(audio.track, 0) is None
        and _valid(split_track_number(audio.path.stem)[1], 0) is not None
    ]
    if named:
        notes.append(
            f"{_count(len(named), 'file')} {_have(named)} no track number tag: "
            "numbers taken from the file names"
        )
    estimated = [audio for audio in files if audio.length_estimated]
    if estimated:
        notes.append(
            f"{_count(len(estimated), 'MP3 file')} {_have(estimated)} no exact length "
            "(no Xing/LAME header): no Length field for them"
        )
    unfit = [entry.hint for entry in entries if file_field(entry.hint) is None]
    if unfit:
        notes.append(
            f"no File field for {_count(len(unfit), 'file')} whose name a File field cannot hold "
            "(a ';', a line break or spaces around it): "
            f"{_listing(one_line(hint) for hint in unfit)}"
        )


def _album_title(files: Sequence[AudioFile], root: Path, notes: list[str]) -> str:
    """The most common album tag, else the folder's name."""
    albums = Counter(album for audio in files if (album := one_line(audio.album or "")))
    if not albums:
        notes.append("no album tag: title taken from the folder name")
        return one_line(root.name) or "Untitled album"
    title, count = albums.most_common(1)[0]
    if len(albums) > 1:
        notes.append(
            f"the files name {len(albums)} albums: the title is the most common one "
            f"({count} of {len(files)} files)"
        )
    return title


def _name(title: str, root: Path) -> tuple[str, str]:
    """The guide's file name: the title as a slug, else the folder's name, else `guide`; and a
    note saying so when the title could not give it."""
    name = slug(title)
    if name:
        return name, ""
    name = slug(root.name) or "guide"
    return name, f"the title has no Latin letters or digits: the file is named '{name}{SUFFIX}'"


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens: `Noein: Kimi e` → `noein-kimi-e`.

    Accents are dropped (`Café` → `cafe`), apostrophes too (`Children’s` → `childrens`); other
    scripts leave nothing, so the result may be empty. Long slugs are cut at a hyphen.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_SLUG.sub("-", ascii_text.lower().replace("'", "")).strip("-")
    if len(words) <= _MAX_SLUG:
        return words
    cut = words[: _MAX_SLUG + 1]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut[:_MAX_SLUG]


def _album_tags(path: Path) -> dict[str, str]:
    """The album-level tags the scan does not keep (composer, date, label, ...), as one-line text
    (control characters shown as pictures, as the scan shows them).

    Raw ID3 (MP3 and WAV) is read frame by frame, since easy ID3 knows no user-defined label or
    catalogue frames; Vorbis comments (Ogg, Opus, FLAC) by name, in any case.
    """
    try:
        audio = mutagen.File(path)
    except (mutagen.MutagenError, OSError):
        return {}
    tags: Any = None if audio is None else audio.tags
    if tags is None:
        return {}
    values = _id3_values(tags) if isinstance(tags, ID3) else _vorbis_values(tags)
    return {
        key: text for key, value in values.items() if (text := one_line(visible(value, lines=True)))
    }


def _id3_values(tags: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, frame_id in _ID3_FRAMES.items():
        frames = tags.getall(frame_id)
        if frames and frames[0].text:
            values[key] = str(frames[0].text[0])
    for frame in tags.getall("TXXX"):
        for key, descriptions in _ID3_TXXX.items():
            if frame.desc.upper() in descriptions and frame.text:
                values.setdefault(key, str(frame.text[0]))
    return values


def _vorbis_values(tags: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, names in _VORBIS_KEYS.items():
        for name in names:
            texts = tags.get(name)
            if texts:
                values[key] = str(texts[0])
                break
    return values


def _disc_total(tags: dict[str, str]) -> int:
    """The number of discs the tags give (`DISCTOTAL=2`, or the `2` of `1/2`), 1 if none."""
    candidates = [tags.get("disctotal", ""), tags.get("discnumber", "").partition("/")[2]]
    totals = [leading_int(text) for text in candidates]
    return max((total for total in totals if total is not None and total <= _MAX_NUMBER), default=1)


def _most_common(values: Iterable[str | None]) -> str:
    """The most frequent non-empty value (the first seen among equals), or ''."""
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else ""


def _problems(files: Sequence[AudioFile], root: Path) -> str:
    return _listing(
        f"{one_line(audio.path.relative_to(root).as_posix())} ({audio.problem})" for audio in files
    )


def _listing(items: Iterable[str]) -> str:
    """Items separated by commas, the first few only."""
    listed = list(items)
    shown = ", ".join(listed[:_LISTED])
    more = len(listed) - _LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _have(items: Sequence[object]) -> str:
    return "has" if len(items) == 1 else "have"
