"""Getting a guide ready to listen to: where its music is, which file serves which track, and
remembering a folder the listener named.

Shared by `ostguide GUIDE` and `ostguide match GUIDE`; nothing here imports Textual, and the
library's modules (tag reader, matcher) are imported only when the music is looked for, so that
the screen's first frame never waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .guide.model import Guide, TrackId
from .player.interface import Source as AudioSource
from .player.interface import Span
from .settings.memory import SettingsMemory

if TYPE_CHECKING:  # the library's modules bring mutagen and rapidfuzz: imported when used
    from .library.locate import Location
    from .library.match import Assignment
    from .library.scan import AudioFile
    from .library.scan import Progress as ScanProgress
    from .sync.sound import TrackSound


@dataclass(frozen=True, slots=True)
class Library:
    """The listener's audio for a guide."""

    location: Location
    """The music folder and how it was found."""
    assignment: Assignment | None
    """Which file serves which track; None when no folder was found."""
    notices: tuple[str, ...] = ()
    """Problems with the album images' CUE sheets and the guide's sidecar, one line each
    (`Noein.cue:7: …`), and audio files in formats that cannot be played (`Noein: 23 files are
    WMA, …`)."""
    sounds: dict[TrackId, TrackSound] = field(default_factory=dict)
    """How the author's copy of each track sounds, from the guide's sidecar (none without)."""

    @property
    def files(self) -> dict[TrackId, AudioSource]:
        """The file (or the span of an album image) chosen for each track that has one."""
        if self.assignment is None:
            return {}
        return {m.track: _source(m.file) for m in self.assignment.matches if m.file is not None}

    @property
    def lengths(self) -> dict[TrackId, float]:
        """The length each chosen file's tags give, where they give one that can be trusted."""
        if self.assignment is None:
            return {}
        return {
            m.track: m.file.length
            for m in self.assignment.matches
            if m.file is not None and m.file.length and not m.file.length_estimated
        }

    @property
    def titles(self) -> dict[TrackId, str]:
        """The title each chosen file's tags give (in whatever script the listener's tagger
        wrote it), where they give one."""
        if self.assignment is None:
            return {}
        return {m.track: m.file.title for m in self.assignment.matches if m.file and m.file.title}

    def why_silent(self, guide: Guide) -> str:
        """For a listener none of whose tracks has a file: where we looked and what to do."""
        if self.location.folder is None:
            return f"No audio found: {self.location.how.removeprefix('not found: ')}."
        return (
            f"No file in {self.location.folder} matched this guide's tracks; "
            f"'ostguide match {guide.name}' shows why."
        )

    def missing(self, guide: Guide) -> tuple[TrackId, ...]:
        """Tracks without a file."""
        if self.assignment is None:
            return tuple(track.id for track in guide.tracks)
        return self.assignment.missing


def find_library(
    guide: Guide,
    *,
    remembered: Path | None = None,
    explicit: Path | None = None,
    progress: ScanProgress | None = None,
    check_all: bool = False,
) -> Library:
    """Locate (`explicit`, else `remembered`, else a search), scan (cached) and match the guide's
    audio; with a sidecar, files that tags and names placed unsurely (any file, with
    `check_all`) are settled by their sound. Touches no settings, so it can run in a thread;
    `progress` hears (files read, total)."""
    from .library.images import split_images
    from .library.locate import locate, real_folder
    from .library.match import match
    from .library.scan import ScanCache, scan, unplayable_notice
    from .sync.sidecar import read_sidecar, sidecar_path

    cache = ScanCache()
    location = locate(
        guide,
        cache=cache,
        explicit=real_folder(explicit) if explicit else None,
        remembered=remembered,
        progress=progress,
    )
    if location.folder is None:
        return Library(location, None)
    split = split_images(scan(location.folder, cache=cache, progress=progress))
    cache.save()
    album = guide.album
    assignment = match(
        guide.tracks, split.files, album=album.title, also=album.also, root=location.folder
    )
    synced, problems = read_sidecar(sidecar_path(guide.path))
    sounds = {track: entry.sound for track, entry in synced.items()}
    if sounds:
        from .sync.known import by_sound  # numpy, to compare the files' sound

        assignment = by_sound(assignment, sounds, check_all=check_all)
    cache.save()  # the titles the match read into romaji
    unplayable = unplayable_notice(location.folder)
    notices = [*split.notices, *([f"{location.folder.name}: {unplayable}"] if unplayable else [])]
    return Library(location, assignment, (*notices, *problems), sounds)


def decode_from(library: Library, guide: Guide, first: int) -> None:
    """Have the decoded copies of the album's AAC/ALAC files made (see `player.decoded`): the
    track that plays first now, in the calling thread (the music search's), then the others in
    album order in the background, so that each is ready to follow the one before without a
    gap. A file that cannot be decoded is left for playing it to report."""
    from .player.decoded import decode, decode_ahead

    files = library.files
    ordered = [*guide.tracks[first:], *guide.tracks[:first]]
    paths = [_path(files[track.id]) for track in ordered if track.id in files]
    decode(paths[:1])
    decode_ahead(paths[1:])


def _path(source: AudioSource) -> Path:
    return source.path if isinstance(source, Span) else source


def _source(audio: AudioFile) -> AudioSource:
    """What the player plays for a file: the whole file, or a track's span of an album image."""
    if audio.sheet is None:
        return audio.path
    return Span(audio.path, audio.start, audio.end)


def remember_library(library: Library, memory: SettingsMemory) -> list[str]:
    """Keep a folder given with --music (in the config) or found by searching (in the state);
    what went wrong, if anything."""
    from .library.locate import Source

    folder, source = library.location.folder, library.location.source
    if folder is None:
        return []
    if source is Source.EXPLICIT:
        return memory.music_given(folder)
    if source is Source.FOUND:
        return memory.music_found(folder)
    return []
