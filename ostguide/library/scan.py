"""Reading the listener's audio files: their tags and lengths, through a cache.

`scan` walks a folder and returns an `AudioFile` for every file with an audio extension. Tags
come from mutagen, repaired when an old tagger stored Japanese text as Latin-1 (`repair`), with the
track total (`3/23`), whether the file is lossless, and an embedded cuesheet (a FLAC's CUESHEET
block, or a `CUESHEET` tag in a FLAC, WavPack or APE file). A file mutagen cannot read is still
listed, by name, with the problem noted.
`ScanCache` remembers what was read, keyed by (path, size, mtime_ns), in a JSON file in the user
cache folder, so scanning an unchanged folder again opens no audio file at all; the titles read
into romaji (`romanize`) are kept there too, so that matching them again loads no dictionary.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mutagen
from mutagen.apev2 import APEv2File
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode
from mutagen.mp4 import MP4

from ostguide import paths
from ostguide.atomic import read_regular, write_atomically
from ostguide.formats import AUDIO_EXTENSIONS, PLAYABLE, UNPLAYABLE
from ostguide.library.repair import repair
from ostguide.library.romanize import known, remember
from ostguide.safetext import visible

MAX_NUMBER_DIGITS = 6
"""Digits a disc or track number tag may have; a longer one is not read as a number."""
MAX_EMBEDDED_SHEET = 1 << 16
"""Characters an embedded cuesheet may have (real ones are a few kilobytes); a longer one is
ignored."""
_LOSSLESS = frozenset({".flac", ".wav", ".wv", ".ape"})
"""Extensions that are always lossless (an `.m4a` is when its codec is ALAC)."""

CACHE_VERSION = 2
"""Format of the cache file; a cache of another version is ignored."""
_ENTRY_FIELDS = 13
"""Values in one cache entry (see `_to_entry`)."""
MAX_CACHE_BYTES = 64_000_000
"""A larger cache file is ignored (50,000 files take about 12 MB)."""

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) while a folder is scanned."""

log = logging.getLogger(__name__)

_ID3_FRAMES = {"title": "TIT2", "album": "TALB", "artist": "TPE1", "track": "TRCK", "disc": "TPOS"}
_EASY_KEYS = {
    "title": ("title",),
    "album": ("album",),
    "artist": ("artist",),
    "track": ("tracknumber", "track"),
    "disc": ("discnumber", "disc"),
    "total": ("tracktotal", "totaltracks"),
}


@dataclass(frozen=True, slots=True)
class AudioFile:
    """One of the listener's audio files and what its tags say."""

    path: Path
    """Where the file is (absolute when it comes from `scan`)."""
    size: int
    """Size in bytes when it was read."""
    mtime_ns: int
    """Modification time in nanoseconds when it was read."""
    title: str | None = None
    """Title tag."""
    album: str | None = None
    """Album tag."""
    artist: str | None = None
    """Artist tag."""
    disc: int | None = None
    """Disc number tag (`1` of `1/2`)."""
    track: int | None = None
    """Track number tag (`3` of `3/23`)."""
    length: float | None = None
    """Length in seconds as mutagen reports it."""
    length_estimated: bool = False
    """The length is a guess (an MP3 without a Xing/LAME header): take the player's word for it."""
    problem: str | None = None
    """Why the file could not be read, if it could not; its tags are then empty."""
    sheet: Path | None = None
    """For a track of an album image: the CUE sheet (or list of timestamps) that cuts it out of
    the file."""
    start: float = 0.0
    """For a track of an album image: where it starts in the file (its INDEX 01), in seconds."""
    end: float | None = None
    """For a track of an album image: where the next track starts; None: the file's end."""
    total: int | None = None
    """How many tracks the tags say the disc has (`23` of `3/23`)."""
    lossless: bool = False
    """FLAC, WAV or ALAC: preferred over a lossy copy of the same album."""
    cuesheet: str | None = None
    """The cuesheet embedded in the file (a FLAC's CUESHEET block or tag), as sheet text."""


def read_audio_file(path: Path, size: int, mtime_ns: int) -> AudioFile:
    """Read a file's tags and length with mutagen; never raises, notes a problem instead."""
    try:
        audio = mutagen.File(path, easy=True)
    except (mutagen.MutagenError, OSError) as error:
        return AudioFile(path, size, mtime_ns, problem=_describe(error))
    if audio is None:
        return AudioFile(path, size, mtime_ns, problem="not a recognised audio file")
    values = _tag_values(audio.tags)
    info = audio.info
    length = getattr(info, "length", None)
    estimated = isinstance(audio, MP3) and info.bitrate_mode == BitrateMode.UNKNOWN
    lossless = path.suffix.lower() in _LOSSLESS or (
        isinstance(audio, MP4) and getattr(info, "codec", "") == "alac"
    )
    return AudioFile(
        path,
        size,
        mtime_ns,
        title=values.get("title"),
        album=values.get("album"),
        artist=values.get("artist"),
        disc=leading_int(values.get("disc")),
        track=leading_int(values.get("track")),
        length=float(length) if length else None,
        length_estimated=estimated,
        total=trailing_int(values.get("track")) or leading_int(values.get("total")),
        lossless=lossless,
        cuesheet=_embedded_sheet(audio, path.name),
    )


def _embedded_sheet(audio: Any, name: str) -> str | None:
    """A file's cuesheet: its `CUESHEET` tag (as foobar2000 writes it in FLAC, WavPack and APE
    files), else a FLAC's CUESHEET metadata block written out as a sheet (numbers and times; the
    block has no titles)."""
    tags: Any = audio.tags
    texts = _easy(tags, "cuesheet") if isinstance(audio, FLAC | APEv2File) and tags else None
    if texts:
        text = visible(str(texts[0]), lines=True)  # a tag: outside text
        return text if len(text) <= MAX_EMBEDDED_SHEET else None
    if not isinstance(audio, FLAC):
        return None
    block: Any = audio.cuesheet
    rate = audio.info.sample_rate
    if block is None or not rate:
        return None
    lines = [f'FILE "{name}" WAVE']
    for track in block.tracks:
        index = next((i for i in track.indexes if i.index_number == 1), None)
        if index is None or not 1 <= track.track_number <= 99:
            continue  # the lead-out (170 on a CD) and tracks without INDEX 01
        frames = round((track.start_offset + index.index_offset) * 75 / rate)
        time = f"{frames // 4500:02d}:{frames // 75 % 60:02d}:{frames % 75:02d}"
        lines += [f"  TRACK {track.track_number:02d} AUDIO", f"    INDEX 01 {time}"]
    return "\n".join(lines) + "\n" if len(lines) > 1 else None


def _describe(error: Exception) -> str:
    message = str(error).strip()
    return f"unreadable: {message}" if message else f"unreadable ({type(error).__name__})"


def _tag_values(tags: Any) -> dict[str, str]:
    """First text of each tag we use, repaired (see `repair`); raw ID3 frames (WAV) or easy
    list-valued keys. Tags are outside text: control characters are shown as pictures of them."""
    if tags is None:
        return {}
    values: dict[str, str] = {}
    if isinstance(tags, ID3):
        frames_of: Any = tags.getall  # mutagen's ID3 is untyped
        for name, frame_id in _ID3_FRAMES.items():
            frames: list[Any] = frames_of(frame_id)
            if frames and frames[0].text:
                values[name] = str(frames[0].text[0]).strip()
    else:
        for name, keys in _EASY_KEYS.items():
            texts = next((found for key in keys if (found := _easy(tags, key))), None)
            if texts:
                values[name] = str(texts[0]).strip()
    return {name: visible(repair(text), lines=True) for name, text in values.items() if text}


def _easy(tags: Any, key: str) -> Any:
    """The values of an easy key, or None (EasyMP4 and EasyID3 refuse keys they do not know)."""
    try:
        return tags.get(key)
    except (KeyError, ValueError):
        return None


def leading_int(text: str | None) -> int | None:
    """`3` from "3", "03" or "3/23"; None for anything else, a number too long to be a track's
    included (Python's int() refuses one of more than 4,300 digits)."""
    if text is None:
        return None
    return _number(text.split("/", 1)[0])


def trailing_int(text: str | None) -> int | None:
    """`23` from "3/23"; None without a total or for anything else."""
    if text is None or "/" not in text:
        return None
    return _number(text.split("/", 1)[1])


def _number(text: str) -> int | None:
    """A short decimal number, or None."""
    head = text.strip()
    fits = len(head) <= MAX_NUMBER_DIGITS and head.isdecimal() and head.isascii()
    return int(head) if fits else None


class ScanCache:
    """What earlier scans read, keyed by (path, size, mtime_ns), kept in a JSON file.

    A missing, unreadable or corrupt cache file counts as empty and is rewritten by `save`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.cache_dir() / "scan.json"
        self.opened = 0
        """How many audio files were read with mutagen through this cache (misses)."""
        self._romaji = 0
        """How many romanised titles the cache file held (more now: it is written again)."""
        self._entries: dict[str, list[Any]] = self._load()
        self._changed = False
        self._unwritable = False
        """A write failed: the cache is kept in memory only, and the failure told once."""

    def _load(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(read_regular(self.path, MAX_CACHE_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
            log.warning("ignoring scan cache %s: %s", self.path, error)
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            log.warning("ignoring scan cache %s: not a version %d cache", self.path, CACHE_VERSION)
            return {}
        romaji = data.get("romaji")
        if isinstance(romaji, dict):
            self._romaji = remember(romaji)
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def lookup(self, path: Path, size: int, mtime_ns: int) -> AudioFile | None:
        """The cached reading of this file, if it has not changed since."""
        entry = self._entries.get(str(path))
        if not isinstance(entry, list) or len(entry) != _ENTRY_FIELDS:
            return None
        if entry[0] != size or entry[1] != mtime_ns:
            return None
        return _from_entry(path, entry)

    def read(self, path: Path, size: int, mtime_ns: int) -> AudioFile:
        """The file from the cache, or read with mutagen and remembered."""
        cached = self.lookup(path, size, mtime_ns)
        if cached is not None:
            return cached
        self.opened += 1
        audio = read_audio_file(path, size, mtime_ns)
        self._entries[str(path)] = _to_entry(audio)
        self._changed = True
        return audio

    def forget_under(self, folder: Path, keep: set[str]) -> None:
        """Drop entries for files below `folder` that are not in `keep` (deleted files)."""
        start = str(folder).rstrip(os.sep) + os.sep
        gone = [key for key in self._entries if key.startswith(start) and key not in keep]
        for key in gone:
            del self._entries[key]
        self._changed = self._changed or bool(gone)

    def save(self) -> None:
        """Write the cache atomically if anything changed; a failure is logged (once: a search
        and the scan after it both save), not raised, and not tried again."""
        romaji = known()
        if not (self._changed or len(romaji) > self._romaji) or self._unwritable:
            return
        data = {"version": CACHE_VERSION, "files": self._entries, "romaji": romaji}
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            log.warning("could not write scan cache %s: %s", self.path, error)
            self._unwritable = True
            return
        self._changed = False
        self._romaji = len(romaji)


def _to_entry(audio: AudioFile) -> list[Any]:
    return [
        audio.size,
        audio.mtime_ns,
        audio.title,
        audio.album,
        audio.artist,
        audio.disc,
        audio.track,
        audio.length,
        audio.length_estimated,
        audio.problem,
        audio.total,
        audio.lossless,
        audio.cuesheet,
    ]


def _from_entry(path: Path, entry: list[Any]) -> AudioFile | None:
    size, mtime_ns, title, album, artist, disc, track, length, estimated, problem = entry[:10]
    total, lossless, cuesheet = entry[10:]
    texts = (title, album, artist, problem, cuesheet)
    numbers = (disc, track, total)
    if not all(text is None or isinstance(text, str) for text in texts):
        return None
    if not all(number is None or type(number) is int for number in numbers):
        return None
    if not (length is None or isinstance(length, int | float)) or not isinstance(estimated, bool):
        return None
    if not isinstance(lossless, bool) or len(cuesheet or "") > MAX_EMBEDDED_SHEET:
        return None
    return AudioFile(
        path,
        size,
        mtime_ns,
        title=title,
        album=album,
        artist=artist,
        disc=disc,
        track=track,
        length=None if length is None else float(length),
        length_estimated=estimated,
        problem=problem,
        total=total,
        lossless=lossless,
        cuesheet=cuesheet,
    )


def unplayable_notice(folder: Path) -> str | None:
    """A sentence about the audio files below `folder` in formats ostguide cannot play (WMA,
    APE, …), or None when there are none."""
    kinds: Counter[str] = Counter()
    for _, _, entries in walk(str(folder)):
        for entry in entries:
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix in UNPLAYABLE:
                kinds[UNPLAYABLE[suffix]] += 1
    if not kinds:
        return None
    count = sum(kinds.values())
    named = " and ".join(kind for kind, _ in kinds.most_common(2))
    files = "1 file is" if count == 1 else f"{count} files are"
    return f"{files} {named}, which ostguide cannot play; convert them to {PLAYABLE}"


def audio_paths(folder: Path) -> list[tuple[Path, int, int]]:
    """(path, size, mtime_ns) of every audio file below `folder`, sorted by path (see `walk`)."""
    found = [
        audio
        for _, _, entries in walk(str(folder))
        for entry in entries
        if (audio := audio_entry(entry)) is not None
    ]
    found.sort(key=lambda item: item[0].split(os.sep))
    return [(Path(path), size, mtime_ns) for path, size, mtime_ns in found]


def walk(
    root: str, *, max_depth: int | None = None, max_folders: int | None = None
) -> Iterator[tuple[str, int, list[os.DirEntry[str]]]]:
    """(folder, depth, entries by name) for `root` and every folder below it, without recursion
    (a folder nested thousands of levels deep is only a long walk).

    Hidden files and folders (names starting with a dot) are left out. A link to a folder is
    followed, but every folder is visited once (by device and inode), so a link back up the tree
    ends instead of looping. Folders deeper than `max_depth` are not entered, at most `max_folders`
    are listed, and a folder that cannot be listed is skipped with a log message.
    """
    try:
        top = os.stat(root)
    except OSError as error:
        log.warning("cannot list %s: %s", root, error)
        return
    seen = {(top.st_dev, top.st_ino)}
    pending = [(root, 0)]
    listed = 0
    while pending and (max_folders is None or listed < max_folders):
        folder, depth = pending.pop()
        listed += 1
        try:
            with os.scandir(folder) as listing:
                entries = sorted(
                    (entry for entry in listing if not entry.name.startswith(".")),
                    key=lambda entry: entry.name,
                )
        except OSError as error:
            log.warning("cannot list %s: %s", folder, error)
            continue
        files: list[os.DirEntry[str]] = []
        below: list[str] = []
        for entry in entries:
            if not _is_folder(entry):
                files.append(entry)
            elif max_depth is None or depth < max_depth:
                try:
                    info = entry.stat()
                except OSError:
                    continue
                if (info.st_dev, info.st_ino) not in seen:
                    seen.add((info.st_dev, info.st_ino))
                    below.append(entry.path)
        yield folder, depth, files
        pending.extend((path, depth + 1) for path in reversed(below))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder or a link to one (a broken link is neither)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def audio_entry(entry: os.DirEntry[str]) -> tuple[str, int, int] | None:
    """(path, size, mtime_ns) of a regular audio file; None for anything else. A FIFO or device
    named like audio is skipped: reading it could block forever."""
    if os.path.splitext(entry.name)[1].lower() not in AUDIO_EXTENSIONS:
        return None
    try:
        if not entry.is_file():
            return None
        stat = entry.stat()
    except OSError as error:
        log.warning("cannot stat %s: %s", entry.path, error)
        return None
    return entry.path, stat.st_size, stat.st_mtime_ns


def scan(folder: Path, *, cache: ScanCache, progress: Progress | None = None) -> list[AudioFile]:
    """Every audio file below `folder`, in path order, read through `cache` (which is saved).

    Raises FileNotFoundError / NotADirectoryError when `folder` itself is not a folder; problems
    with single files are noted on their `AudioFile` instead.
    """
    root = folder.absolute()
    if not root.is_dir():
        raise (NotADirectoryError if root.exists() else FileNotFoundError)(str(root))
    found = audio_paths(root)
    total = len(found)
    if progress is not None:
        progress(0, total)
    files: list[AudioFile] = []
    for done, (path, size, mtime_ns) in enumerate(found, start=1):
        files.append(cache.read(path, size, mtime_ns))
        if progress is not None:
            progress(done, total)
    cache.forget_under(root, {str(path) for path, _, _ in found})
    cache.save()
    return files
