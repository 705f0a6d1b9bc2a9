"""A listening session: which track of a guide plays and where, the theme tour running, and the
history of jumps so that the listener can go back; when its remarks sound is `remarks.Remarks`,
which the session owns.

It drives a `Transport` and knows nothing of the screen: the UI calls `tick()` a few times a
second and renders what the session says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .guide.model import Guide, Stamp, Track, TrackId
from .looping import Loop
from .player.errors import PlaybackError
from .player.interface import Source
from .player.transport import Transport
from .remarks import Remarks

Severity = Literal["information", "warning", "error"]
"""How much a message to the listener matters."""

RESTART_THRESHOLD = 3.0
"""`previous track` restarts the current one when more than this many seconds have played."""


@dataclass(frozen=True, slots=True)
class Tour:
    """Tracks played in turn instead of the album's order (every track that states a theme),
    with the name the transport line gives it: one object, so the two always agree."""

    name: str
    """The theme's name: `The Friendship Theme`."""
    tracks: tuple[int, ...]
    """Indexes into `Guide.tracks`, in the order they play."""

    def after(self, index: int) -> int | None:
        """The track that plays after `index` on the tour, or None after its last."""
        rest = self.tracks[self.tracks.index(index) + 1 :]
        return rest[0] if rest else None

    def before(self, index: int) -> int | None:
        """The track that plays before `index` on the tour, or None at its first."""
        place = self.tracks.index(index)
        return self.tracks[place - 1] if place else None

    def progress(self, index: int) -> str:
        """Which track of the tour `index` is: `The Friendship Theme 2/3`."""
        return f"{self.name} {self.tracks.index(index) + 1}/{len(self.tracks)}"


@dataclass(frozen=True, slots=True)
class Place:
    """A moment in the album: a track (by index in the guide) and a time in it."""

    index: int
    """Index into `Guide.tracks`."""
    position: float
    """Seconds into the track."""
    tour: Tour | None = None
    """The theme tour running there, if any."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the listener should be told (a file that would not play, the album's end)."""

    message: str
    severity: Severity = "information"


class Session:
    """The state of listening to one guide."""

    def __init__(
        self,
        guide: Guide,
        transport: Transport,
        files: Mapping[TrackId, Source] | None = None,
        offset: float = 0.0,
        lengths: Mapping[TrackId, float] | None = None,
        place_remarks: bool = True,
        track_offsets: Mapping[TrackId, float] | None = None,
    ) -> None:
        """`files` maps tracks to the listener's audio; `offset` shifts every cue (seconds);
        `lengths` are the files' lengths from their tags, for tracks whose guide gives none
        (they time the read-along clock when the files cannot be played); `place_remarks` lets
        approximate remarks move onto the music of the files once they are analysed;
        `track_offsets` shift some tracks' remarks more than `offset` does."""
        self._guide = guide
        self.transport = transport
        self._files = dict(files or {})
        self._index = 0
        self._finished = False
        self._history: list[Place] = []
        self._tour: Tour | None = None
        self._notices: list[Notice] = []
        self.remarks = Remarks(self, offset, lengths or {}, place_remarks, track_offsets)
        """When the remarks sound: the timing offset, each track's timeline and labels."""
        self.loop = Loop()
        """Whether the track repeats, and the A–B loop of it playing."""

    @property
    def guide(self) -> Guide:
        """The guide listened to (the latest good version, when it is being edited)."""
        return self._guide

    @property
    def index(self) -> int:
        """Index into `Guide.tracks` of the current track."""
        return self._index

    @property
    def finished(self) -> bool:
        """Whether the album (or the tour) has played to its end."""
        return self._finished

    @property
    def tour(self) -> Tour | None:
        """The tour whose tracks play in turn instead of the album's order, if one runs."""
        return self._tour

    def attach_library(
        self, files: Mapping[TrackId, Source], lengths: Mapping[TrackId, float]
    ) -> None:
        """Use the listener's files (and their tagged lengths) from the next `play` on."""
        self._files = dict(files)
        self.remarks.know_lengths(lengths)

    @property
    def source(self) -> Source | None:
        """What the current track plays (or reads along) from: its file, or its span of an
        album image; None without a file."""
        path = self.transport.loaded_path
        return None if path is None else self._files.get(self.track.id, path)

    @property
    def file_length(self) -> float | None:
        """The length of the current track's file as its headers (when it plays) or its tags
        say; None without a file."""
        if self.transport.loaded_path is None:
            return None
        if self.transport.mode == "audio":
            return self.transport.length or None
        return self.remarks.tagged(self.track.id)

    @property
    def track(self) -> Track:
        """The current track."""
        return self._guide.tracks[self._index]

    @property
    def position(self) -> float:
        """Seconds into the current track."""
        return self.transport.position

    def take_notices(self) -> list[Notice]:
        """Notices since the last call, oldest first."""
        notices, self._notices = self._notices, []
        return notices

    def play(self, index: int, start: float = 0.0, paused: bool | None = None) -> None:
        """Play track `index` from `start`, paused or not (None: as the music is now, so that a
        move keeps a pause, as mpv does). A file that will not play gets a notice and the next
        track plays; when no track follows, the last one reads along instead. An A–B loop ends
        with a move to another track, or outside it."""
        if paused is None:
            paused = self.transport.paused and not self._finished
        index = max(0, min(index, len(self._guide.tracks) - 1))
        if index != self._index or not self.loop.keeps(start):
            self.loop.clear()
        self._finished = False
        self._index = index
        while True:
            track = self.track
            try:
                known = track.length or self.remarks.tagged(track.id)
                self.transport.play(self._files.get(track.id), known, start, paused, track.id)
                self._queue_next()
                return
            except PlaybackError as error:
                self._notices.append(Notice(f"{track.id} {track.title}: {error}", "error"))
            upcoming = self._next_index()
            if upcoming is None:
                return
            self._index, start = upcoming, 0.0

    def set_repeat(self, on: bool) -> None:
        """Play the track again when it ends (`on`), or go on; the transport hears at once what
        plays next."""
        self.loop.repeat = on
        self._queue_next()

    def _queue_next(self) -> None:
        """Tell the transport what plays when this track ends, so that it starts without a gap."""
        upcoming = self._next_index(by_itself=True)
        after = None if upcoming is None else self._guide.tracks[upcoming].id
        self.transport.queue_next(None if after is None else self._files.get(after))

    def replace_guide(self, guide: Guide) -> None:
        """Carry on with an edited version of the guide: same track (by id), same position."""
        current = self.track.id
        self._guide = guide
        self._index = (
            index_of(guide, current)
            if guide.track(current)
            else min(self._index, len(guide.tracks) - 1)
        )

    def tick(self) -> bool:
        """Poll the transport; at the end of a track go on. True when the track changed.

        When another player is followed, its track (if the guide has it) becomes the current one.
        """
        before = self._index
        followed = self.transport.followed_track
        if followed is not None and followed != self.track.id and self._guide.track(followed):
            self._index, self._finished = index_of(self._guide, followed), False
        if self._finished:
            return False
        try:
            ended = self.transport.poll()
        except PlaybackError as error:
            self._notices.append(Notice(f"{self.track.id} {self.track.title}: {error}", "error"))
            ended = None
        if ended is not None:
            self._advance()
        elif not self.transport.paused and (back := self.loop.back_to(self.position)) is not None:
            self.transport.seek(back)
        return self._index != before or ended is not None

    def _advance(self) -> None:
        """Go on to the next track of the tour or the album (the same again when it repeats);
        stop quietly after the last."""
        upcoming = self._next_index(by_itself=True)
        if upcoming is None:  # the track has ended by itself: its position stays at its end
            self._finished = True
            self._notices.append(Notice("End of the tour." if self._tour else "End of the album."))
            self._tour = None
            return
        self.play(upcoming)

    def _next_index(self, by_itself: bool = False) -> int | None:
        """The index that plays after the current one, or None at the end; `by_itself`: when
        the track ends rather than when the listener skips (a repeating track plays again)."""
        if by_itself and self.loop.repeat:
            return self._index
        if self._tour is not None and self._index in self._tour.tracks:
            return self._tour.after(self._index)
        upcoming = self._index + 1
        return upcoming if upcoming < len(self._guide.tracks) else None

    def _previous_index(self) -> int | None:
        """The index that played before the current one, or None at the start."""
        if self._tour is not None and self._index in self._tour.tracks:
            return self._tour.before(self._index)
        return self._index - 1 if self._index else None

    def next_track(self) -> None:
        """Skip to the next track (of the tour, if one is running)."""
        upcoming = self._next_index()
        if upcoming is not None:
            self.play(upcoming)

    def previous_track(self) -> None:
        """Restart the track if it has played a while, else go to the one before (in the tour,
        if one is running)."""
        earlier = self._previous_index()
        if self.position > RESTART_THRESHOLD or earlier is None:
            self.play(self._index)
        else:
            self.play(earlier)

    def toggle_pause(self) -> None:
        """Pause or resume; after the album's end, start it again."""
        if self._finished:
            self.play(0, paused=False)
        else:
            self.transport.toggle_pause()

    def seek_by(self, delta: float) -> None:
        """Move within the track."""
        self.seek(self.position + delta)

    def seek(self, seconds: float) -> None:
        """Go to a time in the track; a move outside the A–B loop ends it."""
        self.transport.seek(seconds)
        if not self.loop.keeps(self.position):
            self.loop.clear()
            self._notices.append(Notice("A–B loop off: you moved outside it."))

    def seek_cue(self, cue_index: int) -> None:
        """Go to a remark of the current track."""
        self.seek(self.remarks.cue_time(cue_index))

    def next_remark(self) -> bool:
        """Go to the next remark in time; False when there is none."""
        upcoming = self.remarks.next_remark()
        if upcoming is None:
            return False
        self.seek_cue(upcoming)
        return True

    def previous_remark(self) -> bool:
        """Go back to the start of the latest remark that began more than a second ago (the one
        being heard, unless it only just began; then the one before); False if there is none."""
        earlier = self.remarks.previous_remark()
        if earlier is None:
            return False
        self.seek_cue(earlier)
        return True

    def jump(self, track_id: TrackId, stamp: Stamp | None = None) -> bool:
        """Follow a cross-reference, remembering where the listener was; False if no such track."""
        if self._guide.track(track_id) is None:
            return False
        self._history.append(Place(self._index, self.position, self._tour))
        self.play(index_of(self._guide, track_id))
        if stamp is not None:
            self.seek(self.remarks.stamp_time(stamp))
        return True

    def back(self) -> bool:
        """Return to where the last jump (or tour) was made from, and to the tour running there;
        False when there is nowhere to go."""
        if not self._history:
            return False
        place = self._history.pop()
        self._tour = place.tour
        self.play(place.index, place.position)
        return True

    def start_tour(self, tour: Tour) -> None:
        """Play the tour's tracks one after another (a theme's statements), from the first."""
        if not tour.tracks:
            return
        self._history.append(Place(self._index, self.position, self._tour))
        self._tour = tour
        self.play(tour.tracks[0])


def index_of(guide: Guide, track_id: TrackId) -> int:
    """Index of the first track with this id (0 when there is none)."""
    return next((i for i, t in enumerate(guide.tracks) if t.id == track_id), 0)
