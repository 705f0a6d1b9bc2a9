"""When a listening session's remarks sound: each track's timeline, resolved against the length
its file plays at, shifted by the timing offset and (once the file is analysed) with approximate
remarks placed on the music; the remark heard now, the next and the previous; the one definition
of a track's length and of a remark's label.

`Remarks` reads the session's place (`Whereabouts`: the guide, the track, the position) and never
moves it: the session owns one, and seeks where it says.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Protocol

from .analysis.model import Analysis
from .analysis.placement import placed_timeline, remark_label
from .analysis.timemap import TimeMap
from .guide.model import Guide, Stamp, Timeline, TrackId
from .player.transport import Transport

REACHED = 0.05
"""A remark this close ahead counts as reached: `next remark` goes to the one after it."""
GRACE = 1.0
"""A remark begun less than this long ago is not the one `previous remark` returns to."""


class Whereabouts(Protocol):
    """Where the listening is: what `Remarks` reads of the session."""

    transport: Transport

    @property
    def guide(self) -> Guide: ...

    @property
    def index(self) -> int: ...

    @property
    def position(self) -> float: ...

    @property
    def finished(self) -> bool: ...


class Remarks:
    """The timing of every track's remarks, and the current track's remarks in time."""

    def __init__(
        self,
        whereabouts: Whereabouts,
        offset: float,
        lengths: Mapping[TrackId, float],
        place_remarks: bool,
        track_offsets: Mapping[TrackId, float] | None = None,
    ) -> None:
        """`offset` shifts every remark (seconds), and `track_offsets` the remarks of some
        tracks more (a guide timed against another master); `lengths` are the files' lengths
        from their tags, for tracks whose guide gives none; `place_remarks` lets approximate
        remarks move onto the music of the files once they are analysed."""
        self._place = whereabouts
        self._offset = offset
        self._own = dict(track_offsets or {})
        """Each track's own offset, on top of the guide's."""
        self._lengths = dict(lengths)
        self._place_remarks = place_remarks
        self._analyses: dict[TrackId, Analysis] = {}
        self._timings: dict[TrackId, TimeMap] = {}
        """Where the author's moments are in each track's file, once aligned with the author's
        copy (the guide's sidecar)."""
        self._timelines: dict[int, tuple[tuple[object, ...], Timeline]] = {}
        """Each track's timeline by index, with what it was worked out from."""

    @property
    def offset(self) -> float:
        """Seconds the current track's remarks are shifted by: the guide's offset and the
        track's own."""
        return self.offset_of(self._place.index)

    def offset_of(self, index: int) -> float:
        """Seconds a track's remarks are shifted by (the guide's offset and the track's own)."""
        own = self._own.get(self._place.guide.tracks[index].id, 0.0)
        return round(self._offset + own, 3)

    @property
    def guide_offset(self) -> float:
        """Seconds every remark is shifted by (for a guide timed against another release)."""
        return self._offset

    @property
    def track_offset(self) -> float:
        """Seconds the current track's remarks are shifted by on top of the guide's offset."""
        return self._own.get(self._current_id, 0.0)

    def nudge(self, seconds: float, track_only: bool = False) -> float:
        """Shift every remark (or, `track_only`, the current track's) by `seconds` more, to the
        millisecond; the new offset of the guide (or of the track)."""
        if track_only:
            own = round(self.track_offset + seconds, 3)
            self._own[self._current_id] = own
            return own
        self._offset = round(self._offset + seconds, 3)
        return self._offset

    def tagged(self, track: TrackId) -> float | None:
        """The length of a track's file as its tags say, if known."""
        return self._lengths.get(track)

    def know_lengths(self, lengths: Mapping[TrackId, float]) -> None:
        """The lengths of the listener's files, from their tags."""
        self._lengths = dict(lengths)

    def analysed(self, track: TrackId, analysis: Analysis, timing: TimeMap | None = None) -> None:
        """What a track's file sounds like: from now on its overview can be drawn, its
        approximate remarks placed and stamps snapped; and where the author's moments are in
        it (`timing`, when it was aligned with the author's copy): its stamps move there."""
        self._analyses[track] = analysis
        if timing is not None:
            self._timings[track] = timing

    def to_guide(self, seconds: float) -> float:
        """The author's moment of a time on the current track's timeline (the listener's time
        less the timing offset): itself, unless the file was aligned with the author's copy."""
        timing = self._timings.get(self._current_id)
        return seconds if timing is None else round(timing.back(seconds), 3)

    @property
    def _current_id(self) -> TrackId:
        place = self._place
        return place.guide.tracks[place.index].id

    @property
    def analysis(self) -> Analysis | None:
        """The analysis of the current track's file, once there is one."""
        return self._analyses.get(self._current_id)

    def length_of(self, index: int) -> float | None:
        """The length a track's stamps are resolved against: the file playing for the current
        track, else its file's tagged length, else the length the guide gives."""
        place = self._place
        track = place.guide.tracks[index]
        if index == place.index and place.transport.length:
            return place.transport.length
        return self._lengths.get(track.id) or track.length

    @property
    def length(self) -> float | None:
        """The current track's length (see `length_of`)."""
        return self.length_of(self._place.index)

    def timeline_of(self, index: int) -> Timeline:
        """A track's cues in time, resolved against its length (see `length_of`) and, once its
        file is analysed, with its approximate remarks placed on the music (unless that is
        turned off), and its stamps moved to the listener's copy once it is aligned with the
        author's. Worked out again only when one of those (or the track) changes."""
        track = self._place.guide.tracks[index]
        length = self.length_of(index)
        analysis = self._analyses.get(track.id) if self._place_remarks else None
        timing = self._timings.get(track.id)
        offset = self.offset_of(index)
        key = (track, length, offset, analysis, timing)
        cached = self._timelines.get(index)
        if cached is None or cached[0] != key:
            cached = key, placed_timeline(track, length, analysis, offset, timing)
            self._timelines[index] = cached
        return cached[1]

    @property
    def timeline(self) -> Timeline:
        """The current track's timeline (see `timeline_of`)."""
        return self.timeline_of(self._place.index)

    def label(self, track_index: int, cue_index: int) -> str:
        """A remark's time as shown everywhere: exact, approximate with a tilde, or placed on
        the music of the listener's file (`≈1:51`)."""
        stamp = self._place.guide.tracks[track_index].cues[cue_index].stamp
        timeline = self.timeline_of(track_index)
        return remark_label(stamp, timeline, cue_index, self.length_of(track_index))

    @property
    def guide_time(self) -> float:
        """The current position on the guide's own clock: the timing offset taken off, and
        moved back to the author's copy when the file was aligned with it."""
        return self.to_guide(max(0.0, self._place.position - self.offset))

    def cue_time(self, cue_index: int) -> float:
        """When a remark of the current track sounds, with the timing offset applied."""
        return max(0.0, self.timeline.time_of(cue_index) + self.offset)

    def stamp_time(self, stamp: Stamp) -> float:
        """When a stamp of the current track sounds (a link's moment), with the offset, and
        moved to the listener's copy when it was aligned with the author's."""
        seconds = stamp.resolve(self.length)
        timing = self._timings.get(self._current_id)
        moved = seconds if timing is None or stamp.seconds is None else timing.where(seconds)[0]
        return max(0.0, moved + self.offset)

    def current_cue(self) -> int | None:
        """Index (in `Track.cues`) of the remark being heard, or None before the first."""
        return self.timeline.index_at(self._place.position - self.offset)

    def seconds_to_next_cue(self) -> float | None:
        """How long until the next remark of the current track sounds; None if none is left."""
        position = self._place.position
        following = self.timeline.next_after(position - self.offset)
        return None if following is None else self.cue_time(following) - position

    def seconds_to_next_change(self) -> float | None:
        """How long until what the screen shows must change: the next remark sounds, or the track
        ends and the next one starts (without a gap, the listener hears it at once). At the end
        of a track whose player has not yet said it is over, now: look again until it does
        (a followed player says so by itself, and the album's end changes nothing)."""
        place = self._place
        cue = self.seconds_to_next_cue()
        end = (self.length or 0.0) - place.position
        if place.finished or (end <= 0 and place.transport.mode == "follow"):
            return cue
        return max(end, 0.0) if cue is None else min(cue, max(end, 0.0))

    def next_remark(self) -> int | None:
        """The next remark in time (index in `Track.cues`), or None when there is none."""
        return self.timeline.next_after(self._place.position - self.offset + REACHED)

    def previous_remark(self) -> int | None:
        """The latest remark that began more than `GRACE` ago (the one being heard, unless it
        only just began; then the one before), or None if there is none."""
        timeline = self.timeline
        k = bisect_left(timeline.times, self._place.position - self.offset - GRACE) - 1
        return timeline.order[k] if k >= 0 else None
