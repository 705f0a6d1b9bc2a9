"""The listening screen's behaviour without the screen: `Listening` owns the session, the live
guide, the listener's library and the settings memory, and answers every command (a key, a
click, a tick of the clock, the music found) with a frozen `View` of what to show.

Nothing here imports Textual; the screen turns keys into commands and views into widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

from ..analysis.job import AnalysisJob
from ..analysis.model import Analysis, AnalysisError
from ..analysis.placement import stamp_time
from ..authoring.editor import EditorNotFound, editor_command
from ..authoring.live import Change, LiveGuide
from ..guide.diagnostics import Diagnostic
from ..guide.links import Link, links_in
from ..guide.model import TrackId
from ..guide.parser import parse_target
from ..guide.stamps import StampError
from ..launch import Library, remember_library
from ..player.clock import Clock, MonotonicClock
from ..player.interface import Source, whole
from ..session import Session, Severity, Tour
from ..settings.memory import SettingsMemory
from .commands import COMMANDS
from .view import Status, Toast, TransportView, View

if TYPE_CHECKING:
    from ..follow.player import FollowPlayer
    from ..player.mixer import MixerPlayer

REMEMBER_EVERY = 5.0
"""Seconds of listening between two saves of the resume position."""
VOLUME_STEP = 0.05
MAX_ERRORS_SHOWN = 5
DEVICE, MUSIC = "the audio device", "the music"
"""What the track may wait for, paused, before it plays."""
NOTE_SECONDS = 6.0
"""How long a note about a stamp stays on the transport line."""

log = logging.getLogger(__name__)


class Listening:
    """One guide being listened to, command by command."""

    def __init__(
        self,
        session: Session,
        *,
        memory: SettingsMemory | None = None,
        live: LiveGuide | None = None,
        missing: Collection[TrackId] = (),
        music_note: str = "",
        start: tuple[int, float] = (0, 0.0),
        snap_stamps: bool = True,
        clock: Clock | None = None,
    ) -> None:
        """`missing` lists tracks without audio and `music_note` says (in a sentence) where
        audio was looked for; `start` is the (track index, position) to begin at; `live` lets
        the listener stamp and edit the guide file; `memory` keeps the place and the settings;
        `snap_stamps` lets a stamp go back to the onset the author reacted to; `clock` times
        the notes on the transport line."""
        self._session = session
        self._memory = memory
        self._live = live
        self._missing = frozenset(missing)
        self._music_note = music_note
        self._start = start
        self._link: int | None = None
        """The selected link of the current track's commentary (index in `links_in`)."""
        self._snap_stamps = snap_stamps
        self._clock = clock or MonotonicClock()
        self._asked: set[Source] = set()
        """Files (and tracks of album images) whose analysis was asked for, once each."""
        self._note = ""
        self._note_until = 0.0
        self._waiting: set[str] = set()
        self._activity = ""
        self._following = True
        self._errors: tuple[Diagnostic, ...] = ()
        self._toasts: list[Toast] = []
        self._serial = 0
        self._reveal = 0
        self._themes = 0
        self._saved_at = start[1]
        self._shown_index: int | None = None
        self._labels: tuple[tuple[object, ...], tuple[str, ...]] = ((), ())
        self._cue_times: tuple[tuple[object, ...], tuple[float, ...]] = ((), ())

    @property
    def session(self) -> Session:
        """The session (for reading: change it through the commands)."""
        return self._session

    @property
    def live(self) -> LiveGuide | None:
        """The guide file being listened to, when it can be edited."""
        return self._live

    def run(self, command_id: str, *args: object) -> View:
        """Run a command of the catalogue by its id, with its arguments and then `args`."""
        command = COMMANDS[command_id]
        call: Callable[..., View] = getattr(self, command.call)
        return call(*command.args, *args)

    # ---- start-up ----

    def start(self, waiting: Collection[str] = ()) -> View:
        """Begin at the start point; the track waits, paused, until each of `waiting`
        (`DEVICE`, `MUSIC`) has arrived."""
        self._waiting = set(waiting)
        if MUSIC in self._waiting:
            self._activity = "looking for your music"
        index, position = self._start
        self._session.play(index, position, paused=bool(self._waiting))
        return self.view()

    def attach_device(self, mixer: MixerPlayer | None, reason: str = "") -> View:
        """The audio device was opened (or could not be: `reason` says why)."""
        self._session.transport.attach_device(mixer, reason)
        return self._arrived(DEVICE)

    def keep_time_by(self, player: FollowPlayer) -> View:
        """Follow another player from now on: its track and time are the session's, ostguide
        plays nothing, and the controls drive that player."""
        self._session.transport.follow(player)
        return self.view()

    def music_progress(self, done: int, total: int) -> View:
        """Tags are being read: `done` files of `total`."""
        self._activity = f"reading tags {done}/{total}"
        return self.view()

    def attach_library(self, library: Library) -> View:
        """The listener's files were found (some tracks may have none); remember where."""
        guide = self._session.guide
        self._session.attach_library(library.files, library.lengths)
        self._missing = frozenset(library.missing(guide))
        self._music_note = library.why_silent(guide)
        if self._memory is not None:
            for note in remember_library(library, self._memory):
                self._toast(note, "warning", 10)
        for notice in library.notices:  # a CUE sheet's problems, one line each
            self._toast(notice, "warning", 10)
        return self._arrived(MUSIC)

    def music_failed(self, reason: str) -> View:
        """Looking for the music failed outright: read along, saying why."""
        self._toast(reason, "error", 10)
        return self._arrived(MUSIC)

    def analysed(self, job: AnalysisJob, result: Analysis | AnalysisError) -> View:
        """A file asked for in `View.analyse` was analysed (or cannot be: one line in the log
        says why, and the track goes without)."""
        if isinstance(result, AnalysisError):
            log.warning("%s is not analysed: %s", job.path, result)
        else:
            self._session.analysed(job.track, result)
        return self.view()

    def _arrived(self, what: str) -> View:
        """One awaited thing is here; once all are, play from where the track waited."""
        if what == MUSIC:
            self._activity = ""
        if what in self._waiting:
            self._waiting.discard(what)
            if not self._waiting:
                self._session.play(self._session.index, self._session.position)
        return self.view()

    # ---- time ----

    def tick(self) -> View:
        """Look at the clock: the end of a track, the remark heard, the place to remember."""
        session = self._session
        session.tick()
        if abs(session.position - self._saved_at) >= REMEMBER_EVERY:
            self._remember_place()
        return self.view()

    def check_guide_file(self) -> View:
        """Read the guide again if it changed on disk (an editor in another window)."""
        if self._live is not None:
            self._apply(self._live.reload_if_changed())
        return self.view()

    # ---- moving in the music ----

    def toggle_pause(self) -> View:
        """Pause or resume (after the end, start again)."""
        self._session.toggle_pause()
        return self.view()

    def set_paused(self, paused: bool) -> View:
        """Pause, or play (after the end, from the start); nothing when it already is so."""
        if paused != (self.status != "playing"):
            self._session.toggle_pause()
        return self.view()

    def stop(self) -> View:
        """Pause at the start of the track."""
        self.set_paused(True)
        return self.seek_to(0.0)

    def seek(self, seconds: float) -> View:
        """Move within the track by `seconds` (negative: back)."""
        self._session.seek_by(seconds)
        return self.view()

    def seek_to(self, seconds: float) -> View:
        """Go to a time in the track."""
        self._session.seek(seconds)
        return self.view()

    def next_track(self) -> View:
        """Skip to the next track (of the tour, if one runs); at the last, say so."""
        session = self._session
        tour = session.tour
        if tour is not None and session.index == tour.tracks[-1]:
            self._toast(f"That was the last track of the tour: {tour.name}.", timeout=4)
        elif tour is None and session.index == len(session.guide.tracks) - 1:
            self._toast("That was the last track of the album.", timeout=4)
        session.next_track()
        return self.view()

    def previous_track(self) -> View:
        """Back to the start of the track, or the track before."""
        self._session.previous_track()
        return self.view()

    def next_remark(self) -> View:
        """Jump to the next remark, and follow it."""
        if not self._session.next_remark():
            self._toast("No later remark in this track.", timeout=2)
        return self._follow(True)

    def previous_remark(self) -> View:
        """Jump to the previous remark (or the track's start), and follow it."""
        if not self._session.previous_remark():
            self._session.seek(0.0)
        return self._follow(True)

    def play_track(self, index: int) -> View:
        """Play a track from its start."""
        self._session.play(index)
        return self.view()

    def seek_remark(self, cue_index: int) -> View:
        """Play the current track from one of its remarks (a click on it), and follow it."""
        self._session.seek_cue(cue_index)
        return self._follow(True)

    def play_remark(self, track_index: int, cue_index: int) -> View:
        """Play a track from one of its remarks, remembering where the listener was."""
        self._session.jump(self._session.guide.tracks[track_index].id)
        return self.seek_remark(cue_index)

    def visit_track(self, track_index: int) -> View:
        """Play a track from its start, remembering where the listener was."""
        self._session.jump(self._session.guide.tracks[track_index].id)
        return self.view()

    def tour_theme(self, theme_id: str) -> View:
        """Play every track that states a theme, one after another."""
        guide = self._session.guide
        theme = guide.theme(theme_id)
        if theme is not None:
            self._session.start_tour(Tour(theme.name, guide.tracks_stating(theme_id)))
        return self.view()

    def follow_link(self, href: str) -> View:
        """Follow a link within the guide (`#03`, `#03@1:20`, `#theme`) to a track and moment,
        or to a theme (the view asks for the themes to open)."""
        try:
            target = parse_target(href.removeprefix("#"))
        except StampError:
            target = None
        if isinstance(target, str):
            self._themes += 1
        elif target is None or not self._session.jump(*target):
            self._toast(f"The link {href} points nowhere in this guide.", "warning")
        return self.view()

    def select_link(self, step: int) -> View:
        """Select the next (1) or previous (-1) link of the track's commentary, after the last
        the first again; the selected link's remark is brought into view."""
        links = links_in(self._session.track)
        if not links:
            self._toast("No links in this track's commentary.", timeout=2)
            return self.view()
        if self._link is None:
            self._link = 0 if step > 0 else len(links) - 1
        else:
            self._link = (self._link + step) % len(links)
        self._following = False
        return self.view()

    def follow_selected_link(self) -> View:
        """Follow the selected link within the guide (a web address is the screen's to open)."""
        link = self._selected_link()
        self._link = None
        if link is not None and link.href.startswith("#"):
            return self.follow_link(link.href)
        return self.view()

    def _selected_link(self) -> Link | None:
        links = links_in(self._session.track) if self._link is not None else ()
        return links[self._link] if self._link is not None and self._link < len(links) else None

    def back(self) -> View:
        """Return to where the listener was before the last jump or tour."""
        if not self._session.back():
            self._toast("Nowhere to go back to.", timeout=2)
        return self.view()

    # ---- reading ----

    def toggle_follow(self) -> View:
        """Follow the music (bringing the remark heard into view), or stop following."""
        return self._follow(not self._following)

    def stop_following(self) -> View:
        """The listener scrolled away to read ahead."""
        self._following = False
        return self.view()

    def _follow(self, on: bool) -> View:
        self._following = on
        if on:
            self._reveal += 1
        return self.view()

    # ---- sound and timing ----

    def volume(self, direction: int) -> View:
        """One step louder (1) or softer (-1); a muted transport is unmuted."""
        return self.set_volume(self._session.transport.volume + direction * VOLUME_STEP)

    def set_volume(self, volume: float) -> View:
        """Play at `volume` (0 to 1, kept within by the transport), unmuted. While following,
        the volume is the other player's: the transport line says so and nothing is saved."""
        transport = self._session.transport
        transport.volume = round(volume, 2)
        transport.set_muted(False)
        if self._memory is not None and transport.mode != "follow":
            self._settings_saved(self._memory.set_volume(transport.volume))
        return self.view()

    def mute(self) -> View:
        """Mute or unmute."""
        transport = self._session.transport
        transport.set_muted(not transport.muted)
        return self.view()

    def nudge(self, seconds: float) -> View:
        """Shift every remark earlier or later (for a guide timed against another release)."""
        offset = self._session.nudge(seconds)
        self._toast(f"Timing offset {offset:+.1f} s", timeout=2)
        self._settings_saved(self._memory.set_offset(offset) if self._memory else [])
        return self.view()

    # ---- writing the guide ----

    def stamp(self) -> View:
        """Insert a remark at the current time, or at the onset the author reacted to; the
        transport line says which."""
        live = self._editable()
        if live is not None:
            session = self._session
            analysis = session.analysis if self._snap_stamps else None
            seconds, note = stamp_time(session.guide_time, analysis, session.offset)
            change = live.insert(session.track, seconds, session.length)
            if change.line:
                self._note, self._note_until = note, self._clock.now() + NOTE_SECONDS
            self._apply(change)
        return self.view()

    def retime(self) -> View:
        """Move the highlighted remark to the current time; a remark placed on the music gets
        the time it was placed at."""
        live = self._editable()
        index = self._session.current_cue()
        if live is not None and index is None:
            self._toast("No remark is highlighted yet.", "warning")
        elif live is not None and index is not None:
            session = self._session
            timeline = session.timeline
            placed = index in timeline.placed
            seconds = timeline.time_of(index) if placed else session.guide_time
            self._apply(live.retime(session.track.cues[index], seconds))
        return self.view()

    def undo(self) -> View:
        """Undo the last stamp or retime of this session."""
        live = self._editable()
        if live is not None:
            self._apply(live.undo())
        return self.view()

    def editor_command(self, environ: Mapping[str, str]) -> list[str] | None:
        """The command that opens the guide in the listener's editor at the remark heard; None
        (with a toast in the next view) when the guide cannot be edited or the editor is not
        installed, so that the screen is never handed over to a program that cannot start."""
        live = self._editable()
        if live is None:
            return None
        index = self._session.current_cue()
        track = self._session.track
        line = track.cues[index].line if index is not None else track.line
        try:
            return editor_command(live.file.path, line, environ)
        except EditorNotFound as error:
            self._toast(str(error), "error")
            return None

    def edited(self) -> View:
        """Back from the editor: read the guide again if it changed."""
        return self.check_guide_file()

    def _editable(self) -> LiveGuide | None:
        """The live guide, or None after telling the listener why it cannot be edited."""
        if self._live is None:
            self._toast("This guide cannot be edited from here.", "warning")
        return self._live

    def _apply(self, change: Change | None) -> None:
        """Take in what an edit or a reload did."""
        if change is None:
            return
        if change.guide is not None:
            self._session.replace_guide(change.guide)
        self._errors = change.errors
        self._toast(change.message, "error" if change.errors else "information")

    # ---- leaving ----

    def quit(self) -> View:
        """Remember the place before the screen closes."""
        self._remember_place()
        return self.view()

    def tell(self, message: str, severity: Severity = "information") -> View:
        """Say something the screen found out (an editor that would not start)."""
        self._toast(message, severity)
        return self.view()

    def _remember_place(self) -> None:
        session = self._session
        self._saved_at = session.position
        if self._memory is not None:
            self._settings_saved(self._memory.place(session.track.id, session.position))

    def _settings_saved(self, problems: list[str]) -> None:
        for problem in problems:
            self._toast(problem, "warning", 10)

    def _toast(self, message: str, severity: Severity = "information", timeout: float = 6) -> None:
        self._serial += 1
        self._toasts.append(Toast(self._serial, message, severity, timeout))

    # ---- the view ----

    def view(self) -> View:
        """What the screen should show now (the toasts since the last view included)."""
        session = self._session
        for notice in session.take_notices():
            self._toast(notice.message, notice.severity)
        if session.index != self._shown_index:  # a new track is followed from its start
            self._shown_index = session.index
            self._following = True
            self._link = None
        transport = session.transport
        status = self.status
        followed = transport.followed
        if followed is not None and (said := followed.take_note()):
            self._note, self._note_until = said, self._clock.now() + NOTE_SECONDS
        toasts, self._toasts = tuple(self._toasts), []
        note = self._note if self._clock.now() < self._note_until else ""
        return View(
            guide=session.guide,
            index=session.index,
            labels=self._current_labels(),
            notice=self._notice(),
            missing=self._missing,
            cue=session.current_cue(),
            transport=TransportView(
                status=status,
                position=session.position,
                length=session.length or 0.0,
                cue_times=self._current_cue_times(),
                volume=transport.volume,
                muted=transport.muted,
                mode=transport.mode,
                reason=transport.reason,
                following=self._following,
                offset=session.offset,
                activity=self._activity,
                tour=self._tour_progress(),
                overview=session.analysis,
                note=note,
                follows=followed.status if followed is not None else "",
                stranger=followed.stranger if followed is not None else "",
            ),
            due=session.seconds_to_next_change() if status == "playing" else None,
            toasts=toasts,
            reveal=self._reveal,
            themes=self._themes,
            link=self._selected_link(),
            analyse=self._analysis_job(),
        )

    @property
    def status(self) -> Status:
        """Whether the music plays, is paused or has ended."""
        session = self._session
        return "ended" if session.finished else "paused" if session.transport.paused else "playing"

    def _analysis_job(self) -> AnalysisJob | None:
        """The current track's file, to be analysed, the first time it is seen once nothing
        is awaited any more (the device and the music come first)."""
        session = self._session
        source = session.source
        if self._waiting or source is None or source in self._asked:
            return None
        self._asked.add(source)
        span = whole(source)
        return AnalysisJob(session.track.id, span.path, session.file_length, span.start, span.end)

    def _tour_progress(self) -> str:
        """Which track of the running tour plays: `The Friendship Theme 2/3`."""
        tour, index = self._session.tour, self._session.index
        return tour.progress(index) if tour is not None and index in tour.tracks else ""

    def _current_labels(self) -> tuple[str, ...]:
        """The current track's remark labels, worked out again only when they can change."""
        session = self._session
        key = (session.guide, session.index, session.timeline)
        if self._labels[0] != key:
            cues = range(len(session.track.cues))
            self._labels = key, tuple(session.label(session.index, i) for i in cues)
        return self._labels[1]

    def _current_cue_times(self) -> tuple[float, ...]:
        """When the current track's remarks sound, in time order."""
        session = self._session
        key = (session.guide, session.index, session.timeline, session.offset)
        if self._cue_times[0] != key:
            times = tuple(session.cue_time(i) for i in session.timeline.order)
            self._cue_times = key, times
        return self._cue_times[1]

    def _notice(self) -> str:
        """Errors in the guide file; else why there is no sound and what to do."""
        if self._errors:
            shown = "\n".join(d.headline() for d in self._errors[:MAX_ERRORS_SHOWN])
            more = len(self._errors) - MAX_ERRORS_SHOWN
            return (
                "The guide file has errors; the last good version is shown until they are "
                f"fixed:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
            )
        transport = self._session.transport
        if transport.mode in ("audio", "follow"):  # following: the transport line says how
            return ""
        if self._missing and len(self._missing) == len(self._session.guide.tracks):
            return (
                f"{self._music_note}\nThe commentary keeps time on its own: play the album "
                "elsewhere and read along."
            )
        return f"Reading along without sound: {transport.reason}."
