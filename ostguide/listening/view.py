"""What the listening screen shows, as frozen values: the controller answers every command with a
`View` (in an `events.Answer`), and the screen redraws only the parts that differ from the last
one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..analysis.model import Analysis
from ..guide.links import Link
from ..guide.model import Guide, TrackId
from ..looping import Stretch

Status = Literal["playing", "paused", "ended"]


@dataclass(frozen=True, slots=True)
class TransportView:
    """Everything the transport line shows."""

    status: Status
    position: float
    """Seconds into the track."""
    length: float
    """The track's length in seconds (0 when unknown)."""
    cue_times: tuple[float, ...]
    """When each remark of the track sounds, in time order."""
    volume: float
    """0 to 1."""
    muted: bool
    mode: str
    """"audio", "read-along" or "follow" (another player keeps time)."""
    reason: str
    """Why the transport reads along, when it does."""
    following: bool
    """Whether the commentary follows the music."""
    offset: float = 0.0
    """The guide's timing offset in seconds."""
    track_offset: float = 0.0
    """The current track's own timing offset in seconds, on top of the guide's."""
    activity: str = ""
    """What the app is busy with before it can play, if anything."""
    tour: str = ""
    """The theme tour running and how far it is (`The Friendship Theme 2/3`), if any."""
    overview: Analysis | None = None
    """The analysis of the track's file, drawn as a row of loudness above the timeline."""
    note: str = ""
    """A few words about the last stamp ("stamped 0:03.0 (snapped −0.6 s)") or about what the
    followed player could not do ("set the volume in mpv"), for a while."""
    follows: str = ""
    """In follow mode, what is followed and how it goes ("following mpd 127.0.0.1:6600", or
    why it cannot be reached)."""
    stranger: str = ""
    """In follow mode, what the followed player plays when this guide does not have it."""
    repeat: bool = False
    """Whether the track plays again when it ends."""
    loop: Stretch | None = None
    """The A–B loop playing, drawn on the timeline."""
    loop_a: float | None = None
    """A, marked while B is not yet."""
    timing: str = ""
    """What aligning the track's file with the author's copy found ("+1.24 s, 0.4 % faster,
    confident"); empty when the guide has no sidecar for the track or it is not aligned yet."""


@dataclass(frozen=True, slots=True)
class View:
    """The listening screen at one moment."""

    guide: Guide
    """The guide shown (another object after an edit or a reload)."""
    index: int
    """Index into `guide.tracks` of the current track."""
    labels: tuple[str, ...]
    """Each remark's time as shown, in `Track.cues` order."""
    notice: str
    """Shown above the commentary: errors in the guide file, or why there is no sound."""
    missing: frozenset[TrackId]
    """Tracks with no audio file."""
    cue: int | None
    """The remark being heard (index in `Track.cues`), None before the first."""
    transport: TransportView
    due: float | None
    """Seconds until what is shown must change: the next remark sounds or the track ends
    (the next one follows without a gap); None when paused, or at the end with no remark left."""
    link: Link | None = None
    """The link selected from the keyboard (tab), which enter follows."""
    no_music: str = ""
    """When no track has a file (a first run without music): where the music was looked for,
    for the panel that offers to choose the folder or read along; "" otherwise."""

    @property
    def following(self) -> bool:
        """Whether the commentary follows the music."""
        return self.transport.following
