"""A listening session: which track of a guide plays, where, what remark is being heard, and the
history of jumps so that the listener can go back.

It drives a `Transport` and knows nothing of the screen: the UI calls `tick()` a few times a
second and renders what the session says.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .analysis.model import Analysis
from .analysis.placement import placed_timeline, remark_label
from .guide.model import Guide, Stamp, Timeline, Track, TrackId
from .player.errors import PlaybackError
from .player.interface import Source
from .player.transport import Transport

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
    ) -> None:
        """`files` maps tracks to the listener's audio; `offset` shifts every cue (seconds);
        `lengths` are the files' lengths from their tags, for tracks whose guide gives none
        (they time the read-along clock when the files cannot be played); `place_remarks` lets
        approximate remarks move onto the music of the files once they are analysed."""
        self._guide = guide
        self.transport = transport
        self._files = dict(files or {})
        self._lengths = dict(lengths or {})
        self._offset = offset
        self._index = 0
        self._finished = False
        self._history: list[Place] = []
        self._tour: Tour | None = None
        self._notices: list[Notice] = []
        self._place_remarks = place_remarks
        self._analyses: dict[TrackId, Analysis] = {}
        self._timelines: dict[int, tuple[tuple[object, ...], Timeline]] = {}
        """Each track's timeline by index, with what it was worked out from."""

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

    @property
    def offset(self) -> float:
        """Seconds every remark is shifted by (for a guide timed against another release)."""
        return self._offset

    @property
    def can_go_back(self) -> bool:
        """Whether a jump or a tour was made that `back()` can return from."""
        return bool(self._history)

    def nudge(self, seconds: float) -> float:
        """Shift every remark by `seconds` more (to the millisecond); the new offset."""
        self._offset = round(self._offset + seconds, 3)
        return self._offset

    def attach_library(
        self, files: Mapping[TrackId, Source], lengths: Mapping[TrackId, float]
    ) -> None:
        """Use the listener's files (and their tagged lengths) from the next `play` on."""
        self._files = dict(files)
        self._lengths = dict(lengths)

    def length_of(self, index: int) -> float | None:
        """The length a track's stamps are resolved against: the file playing for the current
        track, else its file's tagged length, else the length the guide gives."""
        track = self._guide.tracks[index]
        if index == self._index and self.transport.length:
            return self.transport.length
        return self._lengths.get(track.id) or track.length

    @property
    def length(self) -> float | None:
        """The current track's length (see `length_of`)."""
        return self.length_of(self._index)

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
        return self._lengths.get(self.track.id)

    def analysed(self, track: TrackId, analysis: Analysis) -> None:
        """What a track's file sounds like: from now on its overview can be drawn, its
        approximate remarks placed and stamps snapped."""
        self._analyses[track] = analysis

    @property
    def analysis(self) -> Analysis | None:
        """The analysis of the current track's file, once there is one."""
        return self._analyses.get(self.track.id)

    @property
    def guide_time(self) -> float:
        """The current position on the guide's own clock: the timing offset taken off."""
        return max(0.0, self.position - self._offset)

    def label(self, track_index: int, cue_index: int) -> str:
        """A remark's time as shown everywhere: exact, approximate with a tilde, or placed on
        the music of the listener's file (`≈1:51`)."""
        stamp = self._guide.tracks[track_index].cues[cue_index].stamp
        timeline = self.timeline_of(track_index)
        return remark_label(stamp, timeline, cue_index, self.length_of(track_index))

    @property
    def track(self) -> Track:
        """The current track."""
        return self._guide.tracks[self._index]

    @property
    def position(self) -> float:
        """Seconds into the current track."""
        return self.transport.position

    def timeline_of(self, index: int) -> Timeline:
        """A track's cues in time, resolved against its length (see `length_of`) and, once its
        file is analysed, with its approximate remarks placed on the music (unless that is
        turned off). Worked out again only when one of those changes."""
        track = self._guide.tracks[index]
        length = self.length_of(index)
        analysis = self._analyses.get(track.id) if self._place_remarks else None
        key = (length, self._offset, analysis)
        cached = self._timelines.get(index)
        if cached is None or cached[0] != key:
            cached = key, placed_timeline(track, length, analysis, self._offset)
            self._timelines[index] = cached
        return cached[1]

    @property
    def timeline(self) -> Timeline:
        """The current track's timeline (see `timeline_of`)."""
        return self.timeline_of(self._index)

    def cue_time(self, cue_index: int) -> float:
        """When a remark of the current track sounds, with the guide's timing offset applied."""
        return max(0.0, self.timeline.time_of(cue_index) + self._offset)

    def current_cue(self) -> int | None:
        """Index (in `Track.cues`) of the remark being heard, or None before the first."""
        return self.timeline.index_at(self.position - self._offset)

    def seconds_to_next_cue(self) -> float | None:
        """How long until the next remark of the current track sounds; None if none is left."""
        following = self.timeline.next_after(self.position - self._offset)
        return None if following is None else self.cue_time(following) - self.position

    def seconds_to_next_change(self) -> float | None:
        """How long until what the screen shows must change: the next remark sounds, or the track
        ends and the next one starts (without a gap, the listener hears it at once)."""
        cue = self.seconds_to_next_cue()
        end = (self.length or 0.0) - self.position
        if self._finished or end <= 0:  # at the end already: the player says when it is over
            return cue
        return end if cue is None else min(cue, end)

    def take_notices(self) -> list[Notice]:
        """Notices since the last call, oldest first."""
        notices, self._notices = self._notices, []
        return notices

    def play(self, index: int, start: float = 0.0, paused: bool = False) -> None:
        """Play track `index` from `start`. A file that will not play gets a notice and the next
        track plays; when no track follows, the last one reads along instead."""
        self._finished = False
        self._index = max(0, min(index, len(self._guide.tracks) - 1))
        while True:
            track = self.track
            try:
                known = track.length or self._lengths.get(track.id)
                self.transport.play(self._files.get(track.id), known, start, paused, track.id)
                following = self._following_index()
                after = None if following is None else self._guide.tracks[following].id
                self.transport.queue_next(None if after is None else self._files.get(after))
                return
            except PlaybackError as error:
                self._notices.append(Notice(f"{track.id} {track.title}: {error}", "error"))
            following = self._following_index()
            if following is None:
                return
            self._index, start = following, 0.0

    def replace_guide(self, guide: Guide) -> None:
        """Carry on with an edited version of the guide: same track (by id), same position."""
        current = self.track.id
        self._guide = guide
        self._index = (
            self._index_of(current)
            if guide.track(current)
            else min(self._index, len(guide.tracks) - 1)
        )
        self._timelines.clear()

    def tick(self) -> bool:
        """Poll the transport; at the end of a track go on. True when the track changed.

        When another player is followed, its track (if the guide has it) becomes the current one.
        """
        before = self._index
        followed = self.transport.followed_track
        if followed is not None and followed != self.track.id and self._guide.track(followed):
            self._index, self._finished = self._index_of(followed), False
        if self._finished:
            return False
        try:
            ended = self.transport.poll()
        except PlaybackError as error:
            self._notices.append(Notice(f"{self.track.id} {self.track.title}: {error}", "error"))
            ended = None
        if ended is not None:
            self._advance()
        return self._index != before or ended is not None

    def _advance(self) -> None:
        """Go on to the next track of the tour or the album; stop quietly after the last."""
        following = self._following_index()
        if following is None:  # the track has ended by itself: its position stays at its end
            self._finished = True
            self._notices.append(Notice("End of the tour." if self._tour else "End of the album."))
            self._tour = None
            return
        self.play(following)

    def _following_index(self) -> int | None:
        """The index that plays after the current one, or None at the end."""
        if self._tour is not None and self._index in self._tour.tracks:
            return self._tour.after(self._index)
        following = self._index + 1
        return following if following < len(self._guide.tracks) else None

    def _preceding_index(self) -> int | None:
        """The index that played before the current one, or None at the start."""
        if self._tour is not None and self._index in self._tour.tracks:
            return self._tour.before(self._index)
        return self._index - 1 if self._index else None

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
            self.play(self._index)
        else:
            self.play(earlier)

    def toggle_pause(self) -> None:
        """Pause or resume; after the album's end, start it again."""
        if self._finished:
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
        following = self.timeline.next_after(self.position - self._offset + 0.05)
        if following is None:
            return False
        self.seek_cue(following)
        return True

    def previous_remark(self) -> bool:
        """Go back to the start of the latest remark that began more than a second ago (the one
        being heard, unless it only just began; then the one before); False if there is none."""
        timeline = self.timeline
        k = bisect_left(timeline.times, self.position - self._offset - 1.0) - 1
        if k < 0:
            return False
        self.seek_cue(timeline.order[k])
        return True

    def jump(self, track_id: TrackId, stamp: Stamp | None = None) -> bool:
        """Follow a cross-reference, remembering where the listener was; False if no such track."""
        if self._guide.track(track_id) is None:
            return False
        self._history.append(Place(self._index, self.position, self._tour))
        self.play(self._index_of(track_id))
        if stamp is not None:
            self.seek(max(0.0, stamp.resolve(self.length) + self._offset))
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

    def _index_of(self, track_id: TrackId) -> int:
        """Index of the first track with this id (0 when there is none)."""
        return next((i for i, t in enumerate(self._guide.tracks) if t.id == track_id), 0)
