"""Where the listener's music for a guide is.

In order: the folder given with `--music DIR`, the folder remembered for the guide, else a search
of the user's music folder for the album folder whose tags and names best match the guide. The
search is bounded: it looks a few levels deep at a limited number of folders, and when the music
folder holds many files it reads tags only in the folders whose names look most like the guide
(titles also in romaji, the album's other titles and catalogue number, a numbering as long as
the guide). When two folders match as well (a FLAC and an MP3 copy), the lossless one is chosen
and the other named.
"""

from __future__ import annotations

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
from ostguide.library.romanize import has_japanese, romanize
from ostguide.library.scan import Progress, ScanCache, audio_entry, walk

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

SAME_MATCH = 0.05
"""Folders whose match is this close to the best are copies of the album: the lossless one is
chosen."""

_SHAPE = 0.25
"""What a folder numbered 1..N, N the guide's track count, adds to its name likeness."""


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
    others: tuple[Path, ...] = ()
    """Other folders that hold the album as well (a lossy copy of the one chosen)."""


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
        how = f"not found: --music {explicit} is not a folder{_why_not(explicit)}"
        return Location(None, Source.NOT_FOUND, how)
    note = ""
    if remembered is not None:
        if remembered.is_dir():
            return Location(remembered, Source.REMEMBERED, "remembered for this guide")
        note = f"remembered folder {_tilde(remembered)} is gone; "
    root = music if music is not None else paths.music_dir()
    if not root.is_dir():
        how = f"{note}not found: {_tilde(root)} does not exist; run with --music DIR"
        return Location(None, Source.NOT_FOUND, how)
    found = find_album_folders(guide, root, cache=cache, progress=progress)
    if not found:
        how = f"{note}not found: looked in {_tilde(root)}; run with --music DIR"
        return Location(None, Source.NOT_FOUND, how)
    folder, *others = found
    how = f"{note}found in {_tilde(folder)}"
    if others:
        copies = ", ".join(_tilde(other) for other in others)
        how = f"{how} (chosen as the lossless copy; also a copy in {copies})"
    return Location(folder, Source.FOUND, how, tuple(others))


def find_album_folders(
    guide: Guide, root: Path, *, cache: ScanCache, progress: Progress | None = None
) -> list[Path]:
    """The folder below `root` that best matches the guide, then the other folders that match
    as well (copies of the album); none when no folder matches enough. Of copies, the one with
    the most lossless files comes first.

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
    scores: dict[Path, tuple[float, float]] = {}
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
        lossless = sum(1 for m in assignment.matches if m.file is not None and m.file.lossless)
        if score >= FOUND_MIN:
            scores[folder] = (score, lossless / max(1, len(guide.tracks)))
    cache.save()
    best = max((score for score, _ in scores.values()), default=0.0)
    copies = [folder for folder, (score, _) in scores.items() if score >= best - SAME_MATCH]
    return sorted(copies, key=lambda folder: (-scores[folder][1], -scores[folder][0]))


def album_folders(root: Path) -> dict[Path, list[tuple[Path, int, int]]]:
    """Folders below `root` holding audio, each with its files' (path, size, mtime_ns).

    Disc subfolders are merged into their parent. At most MAX_FOLDERS folders are listed, at most
    SEARCH_DEPTH levels deep; hidden folders are skipped, links to folders followed once each.
    """
    albums: dict[Path, list[tuple[Path, int, int]]] = defaultdict(list)
    for name, _, entries in walk(str(root), max_depth=SEARCH_DEPTH, max_folders=MAX_FOLDERS):
        folder = Path(name)
        album = folder.parent if disc_of_folder(folder.name) and folder != root else folder
        for entry in entries:
            if (found := audio_entry(entry)) is not None:
                path, size, mtime_ns = found
                albums[album].append((Path(path), size, mtime_ns))
    return {folder: sorted(albums[folder]) for folder in sorted(albums)}


def _name_likeness(guide: Guide, folder: Path, found: list[tuple[Path, int, int]]) -> float:
    """How much a folder looks like the guide's album by names only (no file is opened): its
    file names against the track titles (Japanese names also in romaji), its name against the
    album's titles and catalogue number, and its numbering against the guide's track count."""
    split = [split_track_number(path.stem) for path, _, _ in found]
    names = [_romaji(normalize_title(rest)) for _, _, rest in split]
    titled = 0
    for track in guide.tracks:
        for title in (track.title, *track.alt_titles):
            near = process.extractOne(
                _romaji(normalize_title(title)), names, scorer=fuzz.WRatio, score_cutoff=85
            )
            if near is not None:
                titled += 1
                break
    share = titled / max(1, len(guide.tracks))
    name = _romaji(fold(folder.name))
    album = max(fuzz.WRatio(_romaji(fold(title)), name) for title in guide.album.titles) / 100
    catalogue = fold(guide.album.catalogue)
    if catalogue and catalogue in name:
        album = 1.0
    numbers = sorted(number for _, number, _ in split if number is not None)
    shape = _SHAPE if numbers == list(range(1, len(guide.tracks) + 1)) else 0.0
    return share + 0.5 * album + shape


def _romaji(text: str) -> str:
    """Folded text with its Japanese in romaji (unchanged without Japanese)."""
    return fold(romanize(text)) if has_japanese(text) else text


def real_folder(path: Path) -> Path:
    """`path` with `~` expanded and links resolved where they can be; a loop of links (which
    `resolve()` reports with a RuntimeError) or an unreadable one leaves it absolute as given."""
    expanded = path.expanduser()
    try:
        return expanded.resolve()
    except (RuntimeError, OSError):
        return expanded.absolute()


def _why_not(path: Path) -> str:
    """Why `path` cannot be listed, in parentheses, when the system says more than that."""
    try:
        path.stat()
    except OSError as error:
        return f" ({error.strerror})" if error.strerror else ""
    return ""


def _tilde(path: Path) -> str:
    """`path` with the home folder written `~`."""
    home = Path.home()
    if path.is_relative_to(home):
        return str(Path("~") / path.relative_to(home))
    return str(path)
