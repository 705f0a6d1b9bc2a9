"""Where the listener's music for a guide is.

In order: the folder given with `--music DIR`, the folder remembered for the guide, else a search
of the user's music folder for the album folder whose tags and names best match the guide. The
search is bounded: it looks a few levels deep at a limited number of folders, and when the music
folder holds many files it reads tags only in the folders whose names look most like the guide.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rapidfuzz import fuzz, process

from ostguide import paths
from ostguide.guide.model import Guide
from ostguide.library.images import split_images
from ostguide.library.match import match
from ostguide.library.normalize import disc_of_folder, fold, normalize_title, split_track_number
from ostguide.library.scan import Progress, ScanCache, audio_entry

SEARCH_DEPTH = 6
"""How many folder levels below the music folder are searched."""

MAX_FOLDERS = 20_000
"""How many folders a search lists at most."""

FULL_SCAN_LIMIT = 2_000
"""Up to this many audio files, a search reads the tags of all of them (cached); above it, only
the files of the SHORTLIST folders whose names look most like the guide."""

SHORTLIST = 8
"""Folders whose tags are read when the music folder is too big to read entirely."""

FOUND_MIN = 0.3
"""Share of the guide a folder must match (mean confidence over its tracks) to be chosen."""


class Source(StrEnum):
    """How the music folder was found."""

    EXPLICIT = "explicit"
    REMEMBERED = "remembered"
    FOUND = "found"
    NOT_FOUND = "not found"


@dataclass(frozen=True, slots=True)
class Location:
    """The music folder to use for a guide, and how it was found."""

    folder: Path | None
    """The folder, or None when none was given, remembered or found."""
    source: Source
    """Which way it was found."""
    how: str
    """A sentence for the screen: "from --music", "found in ~/Music/Noein", "not found: …"."""


def locate(
    guide: Guide,
    *,
    cache: ScanCache,
    explicit: Path | None = None,
    remembered: Path | None = None,
    music: Path | None = None,
    progress: Progress | None = None,
) -> Location:
    """The music folder for `guide`: `explicit`, else `remembered`, else searched for in `music`.

    `music` defaults to the user's music folder (`paths.music_dir()`); `progress` is called with
    (files read, files to read) while tags are read during a search.
    """
    if explicit is not None:
        if explicit.is_dir():
            return Location(explicit, Source.EXPLICIT, "from --music")
        return Location(None, Source.NOT_FOUND, f"not found: --music {explicit} is not a folder")
    note = ""
    if remembered is not None:
        if remembered.is_dir():
            return Location(remembered, Source.REMEMBERED, "remembered for this guide")
        note = f"remembered folder {_tilde(remembered)} is gone; "
    root = music if music is not None else paths.music_dir()
    if not root.is_dir():
        how = f"{note}not found: {_tilde(root)} does not exist; run with --music DIR"
        return Location(None, Source.NOT_FOUND, how)
    folder = find_album_folder(guide, root, cache=cache, progress=progress)
    if folder is None:
        how = f"{note}not found: looked in {_tilde(root)}; run with --music DIR"
        return Location(None, Source.NOT_FOUND, how)
    return Location(folder, Source.FOUND, f"{note}found in {_tilde(folder)}")


def find_album_folder(
    guide: Guide, root: Path, *, cache: ScanCache, progress: Progress | None = None
) -> Path | None:
    """The folder below `root` that best matches the guide, or None if none matches enough.

    A folder's disc subfolders (`CD1`, `Disc 2`) count as part of it.
    """
    folders = album_folders(root)
    total = sum(len(found) for found in folders.values())
    if total > FULL_SCAN_LIMIT:
        likeness = {
            folder: _name_likeness(guide, folder, found) for folder, found in folders.items()
        }
        ranked = sorted(folders, key=lambda folder: (-likeness[folder], str(folder)))
        folders = {folder: folders[folder] for folder in ranked[:SHORTLIST]}
        total = sum(len(found) for found in folders.values())
    album = guide.album
    best = FOUND_MIN
    chosen: Path | None = None
    done = 0
    if progress is not None:
        progress(0, total)
    for folder, found in folders.items():
        files = []
        for path, size, mtime_ns in found:
            files.append(cache.read(path, size, mtime_ns))
            done += 1
            if progress is not None:
                progress(done, total)
        images = split_images(files).files
        assignment = match(guide.tracks, images, album=album.title, also=album.also, root=folder)
        score = sum(m.confidence for m in assignment.matches) / max(1, len(guide.tracks))
        if score > best or (chosen is None and score == best):
            best, chosen = score, folder
    cache.save()
    return chosen


def album_folders(root: Path) -> dict[Path, list[tuple[Path, int, int]]]:
    """Folders below `root` holding audio, each with its files' (path, size, mtime_ns).

    Disc subfolders are merged into their parent. At most MAX_FOLDERS folders are listed, at most
    SEARCH_DEPTH levels deep; hidden folders and links to folders are skipped.
    """
    albums: dict[Path, list[tuple[Path, int, int]]] = defaultdict(list)
    pending = [(root, 0)]
    listed = 0
    while pending and listed < MAX_FOLDERS:
        folder, depth = pending.pop()
        listed += 1
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        album = folder.parent if disc_of_folder(folder.name) and folder != root else folder
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth < SEARCH_DEPTH:
                    pending.append((Path(entry.path), depth + 1))
            elif (found := audio_entry(entry)) is not None:
                path, size, mtime_ns = found
                albums[album].append((Path(path), size, mtime_ns))
    return {folder: sorted(albums[folder]) for folder in sorted(albums)}


def _name_likeness(guide: Guide, folder: Path, found: list[tuple[Path, int, int]]) -> float:
    """How much a folder looks like the guide's album by names only (no file is opened)."""
    names = [normalize_title(split_track_number(path.stem)[2]) for path, _, _ in found]
    titled = 0
    for track in guide.tracks:
        for title in (track.title, *track.alt_titles):
            near = process.extractOne(
                normalize_title(title), names, scorer=fuzz.WRatio, score_cutoff=85
            )
            if near is not None:
                titled += 1
                break
    share = titled / max(1, len(guide.tracks))
    album = max(fuzz.WRatio(fold(title), fold(folder.name)) for title in guide.album.titles) / 100
    return share + 0.5 * album


def _tilde(path: Path) -> str:
    """`path` with the home folder written `~`."""
    home = Path.home()
    if path.is_relative_to(home):
        return str(Path("~") / path.relative_to(home))
    return str(path)
