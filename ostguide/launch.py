"""Getting a guide ready to listen to: where its music is, which file serves which track, and
remembering a folder the listener named.

Shared by `ostguide GUIDE` and `ostguide match GUIDE`; nothing here imports Textual.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .guide.model import Guide, TrackId
from .library.locate import Location, Source, locate
from .library.match import Assignment, match
from .library.scan import ScanCache, scan
from .settings.config import Config
from .settings.problems import ConfigError
from .settings.state import State


@dataclass(frozen=True, slots=True)
class Library:
    """The listener's audio for a guide."""

    location: Location
    """The music folder and how it was found."""
    assignment: Assignment | None
    """Which file serves which track; None when no folder was found."""

    @property
    def files(self) -> dict[TrackId, Path]:
        """The file chosen for each track that has one."""
        if self.assignment is None:
            return {}
        return {m.track: m.file.path for m in self.assignment.matches if m.file is not None}

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
        files = self.files
        return tuple(track.id for track in guide.tracks if track.id not in files)


class Progress:
    """Prints scan progress on one terminal line, only when the terminal is interactive."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < 50 or not self.out.isatty() or (done % 25 and done != total):
            return
        self.shown = True
        print(f"\rReading tags: {done}/{total} files", end="", file=self.out, flush=True)

    def finish(self) -> None:
        """End the progress line."""
        if self.shown:
            print(file=self.out)


def find_library(
    guide: Guide,
    *,
    config: Config,
    state: State,
    explicit: Path | None = None,
    out: TextIO = sys.stderr,
) -> Library:
    """Locate, scan (cached) and match the guide's audio; remember a folder given with --music."""
    cache = ScanCache()
    progress = Progress(out)
    remembered = config.music_dir(guide.name) or state.found_music(guide.name)
    location = locate(
        guide,
        cache=cache,
        explicit=explicit.expanduser().resolve() if explicit else None,
        remembered=remembered,
        progress=progress,
    )
    assignment = None
    if location.folder is not None:
        files = scan(location.folder, cache=cache, progress=progress)
        cache.save()
        assignment = match(guide.tracks, files, album=guide.album.title, root=location.folder)
    progress.finish()
    if location.folder is not None and location.source is Source.EXPLICIT:
        config.set_music_dir(guide.name, location.folder)
        save_config(config, out)
    elif location.folder is not None and location.source is Source.FOUND:
        state.remember_music(guide.name, location.folder)
        state.save()
    return Library(location, assignment)


def save_config(config: Config, out: TextIO) -> None:
    """Write the user's config if something changed; a broken file is reported, not touched."""
    try:
        config.save()
    except ConfigError as error:
        print(f"ostguide: your settings were not saved:\n{error}", file=out)
    except OSError as error:
        print(f"ostguide: could not save {config.path}: {error.strerror or error}", file=out)
