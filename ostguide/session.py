"""A listening session: which track of a guide plays, where, what remark is being heard, and the
history of jumps so that the listener can go back.

It drives a `Transport` and knows nothing of the screen: the UI calls `tick()` a few times a
second and renders what the session says.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .guide.model import Guide, Stamp, Timeline, Track, TrackId
from .player.errors import PlaybackError
from .player.transport import Transport

RESTART_THRESHOLD = 3.0
"""`previous track` restarts the current one when more than this many seconds have played."""


@dataclass(frozen=True, slots=True)
class Place:
    """A moment in the album: a track (by index in the guide) and a time in it."""

    index: int
    """Index into `Guide.tracks`."""
    position: float
    """Seconds into the track."""
    tour: tuple[int, ...] = ()
    """The theme tour running there, if any."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the listener should be told (a file that would not play, the album's end)."""

    message: str
    severity: str = "information"
    """"information", "warning" or "error"."""


class Session:
    """The state of listening to one guide."""

    def __init__(
        self,
        guide: Guide,
        transport: Transport,
        files: Mapping[TrackId, Path] | None = None,
        offset: float = 0.0,
        lengths: Mapping[TrackId, float] | None = None,
    ) -> None:
        """`files` maps tracks to the listener's audio; `offset` shifts every cue (seconds);
        `lengths` are the files' lengths from their tags, for tracks whose guide gives none
        (they time the read-along clock when the files cannot be played)."""
        self.guide = guide
        self.transport = transport
        self.files = dict(files or {})
        self.lengths = dict(lengths or {})
        self.offset = offset
        self.index = 0
        self.finished = False
        self.history: list[Place] = []
        self.tour: tuple[int, ...] = ()
        """Track indexes to play in turn instead of the album order (a theme's tracks)."""
        self.notices: list[Notice] = []
        self._timeline: Timeline | None = None
        self._timeline_length: float | None = None

    @property
    def track(self) -> Track:
        """The current track."""
        return self.guide.tracks[self.index]

    @property
    def position(self) -> float:
        """Seconds into the current track."""
        return self.transport.position

    @property
    def timeline(self) -> Timeline:
        """The current track's cues in time, resolved against the length actually playing."""
        length = self.transport.length or self.track.length
        if self._timeline is None or length != self._timeline_length:
            self._timeline = self.track.timeline(length)
            self._timeline_length = length
        return self._timeline

    def cue_time(self, cue_index: int) -> float:
        """When a remark of the current track sounds, with the guide's timing offset applied."""
        return max(0.0, self.timeline.time_of(cue_index) + self.offset)

    def current_cue(self) -> int | None:
        """Index (in `Track.cues`) of the remark being heard, or None before the first."""
        return self.timeline.index_at(self.position - self.offset)

    def seconds_to_next_cue(self) -> float | None:
        """How long until the next remark of the current track sounds; None if none is left."""
        following = self.timeline.next_after(self.position - self.offset)
        return None if following is None else self.cue_time(following) - self.position

    def take_notices(self) -> list[Notice]:
        """Notices since the last call, oldest first."""
        notices, self.notices = self.notices, []
        return notices

    def play(self, index: int, start: float = 0.0, paused: bool = False) -> None:
        """Play track `index` from `start`. A file that will not play gets a notice and the next
        track plays; when no track follows, the last one reads along instead."""
        self.finished = False
        self.index = max(0, min(index, len(self.guide.tracks) - 1))
        while True:
            self._timeline = None
            track = self.track
            try:
                known = track.length or self.lengths.get(track.id)
                self.transport.play(self.files.get(track.id), known, start, paused, track.id)
                return
            except PlaybackError as error:
                self.notices.append(Notice(f"{track.id} {track.title}: {error}", "error"))
            following = self._following_index()
            if following is None:
                return
            self.index, start = following, 0.0

    def replace_guide(self, guide: Guide) -> None:
        """Carry on with an edited version of the guide: same track (by id), same position."""
        current = self.track.id
        self.guide = guide
        self.index = (
            self._index_of(current)
            if guide.track(current)
            else min(self.index, len(guide.tracks) - 1)
        )
        self._timeline = None

    def tick(self) -> bool:
        """Poll the transport; at the end of a track go on. True when the track changed."""
        if self.finished:
            return False
        before = self.index
        followed = self.transport.followed_track
        if followed is not None and followed != self.track.id and self.guide.track(followed):
            self.index, self._timeline = self._index_of(followed), None  # the followed player moved
        try:
            ended = self.transport.poll()
        except PlaybackError as error:
            self.notices.append(Notice(f"{self.track.id} {self.track.title}: {error}", "error"))
            ended = None
        if ended is not None:
            self._advance()
        return self.index != before or ended is not None

    def _advance(self) -> None:
        """Go on to the next track of the tour or the album; stop quietly after the last."""
        following = self._following_index()
        if following is None:  # the track has ended by itself: its position stays at its end
            self.finished = True
            self.notices.append(Notice("End of the tour." if self.tour else "End of the album."))
            self.tour = ()
            return
        self.play(following)

    def _following_index(self) -> int | None:
        """The index that plays after the current one, or None at the end."""
        if self.index in self.tour:
            rest = self.tour[self.tour.index(self.index) + 1 :]
            return rest[0] if rest else None
        following = self.index + 1
        return following if following < len(self.guide.tracks) else None

    def _preceding_index(self) -> int | None:
        """The index that played before the current one, or None at the start."""
        if self.index in self.tour:
            place = self.tour.index(self.index)
            return self.tour[place - 1] if place else None
        return self.index - 1 if self.index else None

    def next_track(self) -> None:
        """Skip to the next track (of the tour, if one is running)."""
        following = self._following_index()
        if following is not None:
            self.play(following)

    def previous_track(self) -> None:
        """Restart the track if it has played a while, else go to the one before (in the tour,
        if one is running)."""
        earlier = self._preceding_index()
        if self.position > RESTART_THRESHOLD or earlier is None:
            self.play(self.index)
        else:
            self.play(earlier)

    def toggle_pause(self) -> None:
        """Pause or resume; after the album's end, start it again."""
        if self.finished:
            self.play(0)
        else:
            self.transport.toggle_pause()

    def seek_by(self, delta: float) -> None:
        """Move within the track."""
        self.transport.seek_by(delta)

    def seek(self, seconds: float) -> None:
        """Go to a time in the track."""
        self.transport.seek(seconds)

    def seek_cue(self, cue_index: int) -> None:
        """Go to a remark of the current track."""
        self.transport.seek(self.cue_time(cue_index))

    def next_remark(self) -> bool:
        """Go to the next remark in time; False when there is none."""
        following = self.timeline.next_after(self.position - self.offset + 0.05)
        if following is None:
            return False
        self.seek_cue(following)
        return True

    def previous_remark(self) -> bool:
        """Go back to the start of the latest remark that began more than a second ago (the one
        being heard, unless it only just began; then the one before); False if there is none."""
        timeline = self.timeline
        k = bisect_left(timeline.times, self.position - self.offset - 1.0) - 1
        if k < 0:
            return False
        self.seek_cue(timeline.order[k])
        return True

    def jump(self, track_id: TrackId, stamp: Stamp | None = None) -> bool:
        """Follow a cross-reference, remembering where the listener was; False if no such track."""
        if self.guide.track(track_id) is None:
            return False
        self.history.append(Place(self.index, self.position, self.tour))
        self.play(self._index_of(track_id))
        if stamp is not None:
            length = self.transport.length or self.track.length
            self.seek(max(0.0, stamp.resolve(length) + self.offset))
        return True

    def back(self) -> bool:
        """Return to where the last jump (or tour) was made from, and to the tour running there;
        False when there is nowhere to go."""
        if not self.history:
            return False
        place = self.history.pop()
        self.tour = place.tour
        self.play(place.index, place.position)
        return True

    def start_tour(self, indexes: tuple[int, ...]) -> None:
        """Play these tracks one after another (a theme's statements), from the first."""
        if not indexes:
            return
        self.history.append(Place(self.index, self.position, self.tour))
        self.tour = indexes
        self.play(indexes[0])

    def _index_of(self, track_id: TrackId) -> int:
        """Index of the first track with this id (0 when there is none)."""
        return next((i for i, t in enumerate(self.guide.tracks) if t.id == track_id), 0)
