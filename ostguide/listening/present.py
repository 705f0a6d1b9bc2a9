"""The view of the listening screen, built from the session and the controller's parts without
changing either: showing is never a command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..session import Session
from .view import Status, TransportView, View

if TYPE_CHECKING:
    from .arrivals import Arrivals
    from .authoring import Authoring
    from .navigation import Navigation
    from .outbox import Outbox

MAX_ERRORS_SHOWN = 5


def status_of(session: Session) -> Status:
    """Whether the music plays, is paused or has ended."""
    return "ended" if session.finished else "paused" if session.transport.paused else "playing"


class Presenter:
    """Builds views; remembers the labels and times of the current track's remarks, worked
    out again only when they can change (a tick must stay cheap)."""

    def __init__(
        self,
        session: Session,
        navigation: Navigation,
        arrivals: Arrivals,
        authoring: Authoring,
        outbox: Outbox,
    ) -> None:
        self._session = session
        self._navigation = navigation
        self._arrivals = arrivals
        self._authoring = authoring
        self._outbox = outbox
        self._labels: tuple[tuple[object, ...], tuple[str, ...]] = ((), ())
        self._cue_times: tuple[tuple[object, ...], tuple[float, ...]] = ((), ())

    def present(self) -> View:
        """What the screen should show now."""
        session = self._session
        transport = session.transport
        status = status_of(session)
        followed = transport.followed
        return View(
            guide=session.guide,
            index=session.index,
            labels=self._current_labels(),
            notice=self._notice(),
            missing=self._arrivals.missing,
            cue=session.remarks.current_cue(),
            transport=TransportView(
                status=status,
                position=session.position,
                length=session.remarks.length or 0.0,
                cue_times=self._current_cue_times(),
                volume=transport.volume,
                muted=transport.muted,
                mode=transport.mode,
                reason=transport.reason,
                following=self._navigation.following,
                offset=session.remarks.guide_offset,
                track_offset=session.remarks.track_offset,
                activity=self._arrivals.activity,
                tour=self._tour(),
                overview=session.remarks.analysis,
                note=self._outbox.noted,
                follows=followed.status if followed is not None else "",
                stranger=followed.stranger if followed is not None else "",
                repeat=session.loop.repeat,
                loop=session.loop.stretch,
                loop_a=session.loop.a,
                timing=self._arrivals.timings.get(session.track.id, ""),
            ),
            due=self._due() if status == "playing" else None,
            link=self._navigation.link,
            no_music=self._arrivals.music_note if self._arrivals.without_music else "",
        )

    def _due(self) -> float | None:
        """Seconds until what is shown must change: a remark, the track's end, or the A–B
        loop going back to A."""
        session = self._session
        due = (session.remarks.seconds_to_next_change(), session.loop.due(session.position))
        return min((d for d in due if d is not None), default=None)

    def _tour(self) -> str:
        """Which track of the running tour plays: `The Friendship Theme 2/3`."""
        tour, index = self._session.tour, self._session.index
        return tour.progress(index) if tour is not None and index in tour.tracks else ""

    def _current_labels(self) -> tuple[str, ...]:
        """The current track's remark labels."""
        session = self._session
        key = (session.guide, session.index, session.remarks.timeline)
        if self._labels[0] != key:
            cues = range(len(session.track.cues))
            self._labels = key, tuple(session.remarks.label(session.index, i) for i in cues)
        return self._labels[1]

    def _current_cue_times(self) -> tuple[float, ...]:
        """When the current track's remarks sound, in time order."""
        session = self._session
        key = (session.guide, session.index, session.remarks.timeline, session.remarks.offset)
        if self._cue_times[0] != key:
            times = tuple(session.remarks.cue_time(i) for i in session.remarks.timeline.order)
            self._cue_times = key, times
        return self._cue_times[1]

    def _notice(self) -> str:
        """Errors in the guide file; else why there is no sound and what to do."""
        errors = self._authoring.errors
        if errors:
            shown = "\n".join(d.headline() for d in errors[:MAX_ERRORS_SHOWN])
            more = len(errors) - MAX_ERRORS_SHOWN
            return (
                "The guide file has errors; the last good version is shown until they are "
                f"fixed:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
            )
        transport = self._session.transport
        if transport.mode in ("audio", "follow") or self._arrivals.without_music:
            return ""  # following: the transport line says how; no music: the panel does
        return f"Reading along without sound: {transport.reason}."
