"""Which track of the guide another player is playing, by the same matcher that pairs the
listener's files with tracks (title, album, track number, file name)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ostguide.guide.model import Guide, TrackId
from ostguide.library.match import match
from ostguide.library.scan import AudioFile

from .reading import Playing


def as_file(playing: Playing) -> AudioFile:
    """What a player says about its track, in the form the matcher weighs."""
    name = playing.path or playing.title or playing.key
    return AudioFile(
        Path(name.rsplit("/", 1)[-1] if "://" in name else name),
        0,
        0,
        title=playing.title,
        album=playing.album,
        artist=playing.artist,
        disc=playing.disc,
        track=playing.track,
        length=playing.length,
    )


class TrackFinder:
    """Finds guide tracks for what a player plays; remembers each answer until the guide is
    replaced (an edit, a reload)."""

    def __init__(self, guide: Callable[[], Guide]) -> None:
        """`guide` gives the guide in use now."""
        self._guide = guide
        self._matched: Guide | None = None
        self._known: dict[Playing, TrackId | None] = {}

    @property
    def guide(self) -> Guide:
        """The guide in use now."""
        return self._guide()

    def track_of(self, playing: Playing) -> TrackId | None:
        """The guide's track for `playing`, or None when it is not in this guide."""
        if self.guide is not self._matched:
            self._matched, self._known = self.guide, {}
        if playing not in self._known:
            self._known[playing] = self.tracks_of([playing]).get(0)
        return self._known[playing]

    def tracks_of(self, entries: Sequence[Playing]) -> dict[int, TrackId]:
        """Guide tracks for a player's queue: entry index → track, each used once."""
        files = [as_file(entry) for entry in entries]
        assignment = match(self.guide.tracks, files, album=self.guide.album.title)
        index = {id(file): k for k, file in enumerate(files)}
        return {index[id(m.file)]: m.track for m in assignment.matches if m.file is not None}
