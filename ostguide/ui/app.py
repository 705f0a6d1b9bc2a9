"""The listening screen: the album, the track list, the commentary following the music, and the
transport line. Keys become calls on the `Session`; a 4 Hz tick carries its state to the widgets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Collection, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, HelpPanel, Markdown, OptionList

from ..authoring.editor import editor_command
from ..authoring.live import Change, LiveGuide
from ..guide.diagnostics import Diagnostic
from ..guide.model import TrackId
from ..guide.parser import parse_target
from ..guide.stamps import StampError
from ..launch import Library
from ..library.scan import Progress as ScanProgress
from ..session import Session

if TYPE_CHECKING:
    from ..player.mixer import MixerPlayer
from .commentary import Commentary, Remark
from .header import AlbumHeader
from .keys import KEYS
from .messages import MusicFound, MusicProgress, MusicSearchFailed
from .palette import GuideCommands
from .themes import ThemeChoice, ThemesScreen
from .tracklist import TrackList
from .transportbar import BarState, TransportBar

TICK = 0.25
"""Seconds between two looks at the clock (4 Hz: about 1% of a core at 120×40)."""
REMEMBER_EVERY = 5.0
"""Seconds of listening between two saves of the resume position."""
NARROW = 80
"""Below this many columns the track list folds away behind a key."""
VOLUME_STEP = 0.05
FILE_CHECK_TICKS = 4
"""Ticks between two looks at the guide file's modification time (about once a second)."""
MAX_ERRORS_SHOWN = 5
PROGRESS_EVERY = 50
"""Files read between two progress reports while looking for the music."""
CUE_WAIT_MIN = 0.01
"""Shortest wait for a remark that is due: the mixer's position moves in ~23 ms buffers."""

FindMusic = Callable[[ScanProgress], Library]
"""Finds the listener's files for the guide, reporting (files read, total) as it goes."""
KeepMusic = Callable[[Library], Sequence[str]]
"""Remembers where the music was found; returns problems to show."""
OpenAudio = Callable[[], "tuple[MixerPlayer | None, str]"]
"""Opens the audio device: the mixer, or None and why not."""
Remember = Callable[[TrackId, float, float], None]
"""Called with (track, position, volume) to save where the listener is."""
Service = Callable[[Callable[[], None]], Coroutine[Any, Any, None]]
"""Runs beside the screen until it closes (following a player, the MPRIS service); it is given
a function to call when the screen should look at the session at once."""


class ListeningApp(App[None]):
    """`ostguide GUIDE`: the guide's commentary following the listener's own audio."""

    CSS_PATH = "app.tcss"
    TITLE = "ostguide"
    COMMANDS = App.COMMANDS | {GuideCommands}
    BINDINGS = KEYS

    def __init__(
        self,
        session: Session,
        *,
        missing: Collection[TrackId] = (),
        music_note: str = "",
        start: tuple[int, float] = (0, 0.0),
        remember: Remember | None = None,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
        live: LiveGuide | None = None,
        environ: Mapping[str, str] | None = None,
        warnings: Collection[str] = (),
        open_audio: OpenAudio | None = None,
        find_music: FindMusic | None = None,
        keep_music: KeepMusic | None = None,
        services: Sequence[Service] = (),
    ) -> None:
        """`missing` lists tracks without audio; `music_note` says (in a sentence) where audio
        was looked for when none was found; `start` is the (track index, position) to begin at;
        `live` lets the listener stamp and edit the guide file (`environ` names their editor);
        `warnings` about the settings are shown once the screen is up. Once the first frame is
        drawn, `open_audio` opens the audio device and `find_music` (in a thread) finds the
        listener's files, which `keep_music` then remembers; meanwhile the track waits, paused.
        `services` run beside the screen while it is up.
        """
        super().__init__()
        self.session = session
        self.missing = frozenset(missing)
        self.music_note = music_note
        self.start = start
        self.remember = remember
        self.keymap = dict(keymap or {})
        self.requested_theme = theme
        self.following = True
        self.live = live
        self.warnings = tuple(warnings)
        self.open_audio = open_audio
        self.find_music = find_music
        self.keep_music = keep_music
        self.services = tuple(services)
        self.activity = ""
        """What the app is busy with before it can play (shown on the transport line)."""
        self.environ = os.environ if environ is None else environ
        self.guide_errors: tuple[Diagnostic, ...] = ()
        self._shown_index: int | None = None
        self._last_saved = 0.0
        self._ticks = 0
        self._cue_timer: Timer | None = None
        self._stale = False

    def compose(self) -> ComposeResult:
        yield AlbumHeader(self.session.guide.album)
        with Horizontal(id="main"):
            yield TrackList(self.session.guide, self.missing)
            yield Commentary()
        yield TransportBar()
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        """Apply the user's theme and keys, and start playing."""
        if self.requested_theme in self.available_themes:
            self.theme = self.requested_theme
        if self.keymap:
            self.set_keymap(self.keymap)
        self._fold(self.size.width)
        for warning in self.warnings:
            self.notify(warning, severity="warning", timeout=15)
        index, position = self.start
        preparing = self.open_audio is not None or self.find_music is not None
        self.session.play(index, position, paused=preparing)
        await self.sync()
        self.set_interval(TICK, self.tick)
        for service in self.services:
            self.run_worker(service(self.wake), exit_on_error=False)
        if preparing:
            self.call_after_refresh(self._prepare)

    async def _prepare(self) -> None:
        """After the first frame: open the audio device, then look for the music in a thread."""
        if self.open_audio is not None:
            self.session.transport.attach_device(*self.open_audio())
        if self.find_music is None:
            await self._play_where_waiting()
            return
        self.activity = "looking for your music"
        self._show_position()
        self._look_for_music(self.find_music)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _look_for_music(self, find_music: FindMusic) -> None:
        """Locate, scan and match the music off the event loop, reporting progress."""

        def progress(done: int, total: int) -> None:
            if done == total or done % PROGRESS_EVERY == 0:
                self.post_message(MusicProgress(done, total))

        try:
            library = find_music(progress)
        except Exception as error:  # a scan meets file systems and tags of every kind
            self.post_message(MusicSearchFailed(f"could not look for music: {error}"))
            return
        self.post_message(MusicFound(library))

    @on(MusicProgress)
    def _music_progress(self, event: MusicProgress) -> None:
        """Show how far the tag reading has got."""
        self.activity = f"reading tags {event.done}/{event.total}"
        self._show_position()

    @on(MusicFound)
    async def _music_found(self, event: MusicFound) -> None:
        """Use the files found and start playing where the track waits."""
        library, guide = event.library, self.session.guide
        self.session.files = dict(library.files)
        self.session.lengths = library.lengths
        self.missing = frozenset(library.missing(guide))
        self.music_note = library.why_silent(guide)
        self.query_one(TrackList).show_missing(self.missing)
        for note in self.keep_music(library) if self.keep_music is not None else ():
            self.notify(note, severity="warning", timeout=10)
        await self._play_where_waiting()

    @on(MusicSearchFailed)
    async def _music_not_found(self, event: MusicSearchFailed) -> None:
        """Read along after all, saying why."""
        self.notify(event.reason, severity="error", timeout=10)
        await self._play_where_waiting()

    async def _play_where_waiting(self) -> None:
        """Start the track from where it waited while the app prepared."""
        self.activity = ""
        self.session.play(self.session.index, self.session.position)
        self._stale = True
        await self.sync()

    def on_resize(self, event: events.Resize) -> None:
        """Fold the track list away on narrow terminals (`self.size` is not updated yet)."""
        self._fold(event.size.width)

    @property
    def listening_screen(self) -> Screen[object]:
        """The screen with the track list and commentary (under the themes view, if open)."""
        return self.screen_stack[0]

    def _fold(self, width: int) -> None:
        """Mark the listening screen narrow or not, whichever screen is on top."""
        self.listening_screen.set_class(width < NARROW, "-narrow")

    def wake(self) -> None:
        """Look at the session now rather than at the next tick (a followed player moved)."""
        if self.is_running:
            self.call_next(self.tick)

    async def tick(self) -> None:
        """Look at the clock: end of track, notices, the remark being heard, the transport.

        The timer runs in its own task and may fire while the app is closing and its widgets
        are being removed: then there is nothing to show.
        """
        if not self.is_running:
            return
        self.session.tick()
        self._ticks += 1
        if self.live is not None and self._ticks % FILE_CHECK_TICKS == 0:
            await self._apply(self.live.reload_if_changed())
        await self.sync()
        position = self.session.position
        if abs(position - self._last_saved) >= REMEMBER_EVERY:
            self._save_place()

    async def sync(self) -> None:
        """Bring every widget up to date with the session."""
        for notice in self.session.take_notices():
            self.notify(
                notice.message,
                severity=notice.severity,  # type: ignore[arg-type]
                timeout=6,
            )
        if self.session.index != self._shown_index or self._stale:
            self._stale = False
            await self._show_track()
        self._show_position()

    async def _show_track(self) -> None:
        """Show the current track's commentary and mark it in the list; a new track is followed
        from its start, a reloaded one keeps the following state."""
        session = self.session
        if session.index != self._shown_index:
            self.following = True
        self._shown_index = session.index
        track = session.track
        labels = {i: self._stamp_label(i) for i in range(len(track.cues))}
        self.query_one(TrackList).show_playing(session.index)
        await self.query_one(Commentary).show_track(session.guide, track, labels, self._notice())

    def _stamp_label(self, cue_index: int) -> str:
        """A remark's time as shown: exact, or approximate with a tilde."""
        stamp = self.session.track.cues[cue_index].stamp
        length = self.session.transport.length or self.session.track.length
        return stamp.label(length)

    def _notice(self) -> str:
        """Errors in the guide file; else why there is no sound and what to do."""
        if self.guide_errors:
            shown = "\n".join(d.headline() for d in self.guide_errors[:MAX_ERRORS_SHOWN])
            more = len(self.guide_errors) - MAX_ERRORS_SHOWN
            return (
                "The guide file has errors; the last good version is shown until they are "
                f"fixed:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
            )
        transport = self.session.transport
        if transport.mode == "audio":
            return ""
        if self.missing and len(self.missing) == len(self.session.guide.tracks):
            return (
                f"{self.music_note}\nThe commentary keeps time on its own: play the album "
                "elsewhere and read along."
            )
        return f"Reading along without sound: {transport.reason}."

    def _show_position(self) -> None:
        """Highlight the remark being heard and redraw the transport line if it changed."""
        session = self.session
        commentary = self.query_one(Commentary)
        commentary.highlight(session.current_cue(), self.following)
        transport = session.transport
        status = "ended" if session.finished else "paused" if transport.paused else "playing"
        times = tuple(session.cue_time(i) for i in session.timeline.order)
        self.query_one(TransportBar).show(
            BarState(
                status=status,
                position=session.position,
                length=transport.length or session.track.length or 0.0,
                cue_times=times,
                volume=transport.volume,
                muted=transport.muted,
                mode=transport.mode,
                reason=transport.reason,
                following=self.following,
                offset=session.offset,
                activity=self.activity,
            )
        )
        self._arm_cue_timer()

    def _arm_cue_timer(self) -> None:
        """When the next remark falls before the next tick, wake exactly then, so that the
        highlight moves with the music instead of up to a tick late."""
        if self._cue_timer is not None:
            self._cue_timer.stop()
            self._cue_timer = None
        session = self.session
        if session.finished or session.transport.paused:
            return
        due = session.seconds_to_next_cue()
        if due is not None and due < TICK:
            self._cue_timer = self.set_timer(max(due, CUE_WAIT_MIN), self._cue_due)

    def _cue_due(self) -> None:
        """A remark's time has come (or nearly: the position moves in audio-buffer steps)."""
        self._cue_timer = None
        if self.is_running:
            self._show_position()

    def _save_place(self) -> None:
        """Hand the current place to whoever remembers it."""
        self._last_saved = self.session.position
        if self.remember is not None:
            self.remember(
                self.session.track.id, self.session.position, self.session.transport.volume
            )

    async def play_track(self, index: int, position: float = 0.0) -> None:
        """Play a track of the guide from `position`."""
        self.session.play(index, position)
        await self.sync()

    async def play_remark(self, track_index: int, cue_index: int) -> None:
        """Play a track from one of its remarks, remembering where the listener was."""
        session = self.session
        session.jump(session.guide.tracks[track_index].id)
        session.seek_cue(cue_index)
        await self.sync()

    async def tour_theme(self, theme_id: str) -> None:
        """Play every track that states a theme, one after another."""
        theme = self.session.guide.theme(theme_id)
        if theme is None:
            return
        indexes = self.session.guide.tracks_stating(theme_id)
        self.session.start_tour(indexes)
        self.notify(f"{theme.name}: {len(indexes)} tracks in turn", timeout=4)
        await self.sync()

    async def action_toggle_pause(self) -> None:
        """Pause or resume."""
        self.session.toggle_pause()
        await self.sync()

    async def action_seek(self, seconds: float) -> None:
        """Move within the track."""
        self.session.seek_by(seconds)
        await self.sync()

    async def action_next_track(self) -> None:
        """Skip to the next track."""
        self.session.next_track()
        await self.sync()

    async def action_previous_track(self) -> None:
        """Back to the start of the track, or the track before."""
        self.session.previous_track()
        await self.sync()

    async def action_next_remark(self) -> None:
        """Jump to the next remark."""
        if not self.session.next_remark():
            self.notify("No later remark in this track.", timeout=2)
        self._follow(True)
        await self.sync()

    async def action_previous_remark(self) -> None:
        """Jump to the previous remark."""
        if not self.session.previous_remark():
            self.session.seek(0.0)
        self._follow(True)
        await self.sync()

    def action_cursor(self, step: int) -> None:
        """Move the cursor in the track list."""
        tracks = self.query_one(TrackList)
        if step > 0:
            tracks.action_cursor_down()
        else:
            tracks.action_cursor_up()

    def action_volume(self, direction: int) -> None:
        """Louder or softer."""
        transport = self.session.transport
        transport.volume = round(transport.volume + direction * VOLUME_STEP, 2)
        if transport.muted:
            transport.set_muted(False)
        self._show_position()

    def action_mute(self) -> None:
        """Mute or unmute."""
        transport = self.session.transport
        transport.set_muted(not transport.muted)
        self._show_position()

    def action_themes(self) -> None:
        """Open the themes view."""
        self.push_screen(ThemesScreen(self.session.guide), self._theme_chosen)

    async def _theme_chosen(self, choice: ThemeChoice | None) -> None:
        """Act on what was picked in the themes view."""
        if choice is None:
            return
        if choice.theme is not None:
            await self.tour_theme(choice.theme)
        elif choice.cue_index is not None:
            await self.play_remark(choice.track_index, choice.cue_index)
        else:
            self.session.jump(self.session.guide.tracks[choice.track_index].id)
            await self.sync()

    def action_follow(self) -> None:
        """Toggle following the music."""
        self._follow(not self.following)
        self._show_position()

    def _follow(self, on: bool) -> None:
        """Follow the music (bringing the current remark back into view) or stop following."""
        self.following = on
        if on:
            self.query_one(Commentary).follow()

    async def action_back(self) -> None:
        """Return to where the listener was before the last jump."""
        if not self.session.back():
            self.notify("Nowhere to go back to.", timeout=2)
        await self.sync()

    def action_toggle_tracks(self) -> None:
        """Show or hide the track list."""
        self.listening_screen.toggle_class(
            "-show-tracks" if self.size.width < NARROW else "-hide-tracks"
        )

    async def _apply(self, change: Change | None) -> None:
        """Show what an edit or a reload did, and carry on with the new guide if there is one."""
        if change is None:
            return
        if change.guide is not None:
            self.session.replace_guide(change.guide)
            self.query_one(AlbumHeader).show(change.guide.album)
            self.query_one(TrackList).show_guide(change.guide, self.session.index)
        self.guide_errors = change.errors
        self._stale = True
        self.notify(change.message, severity="error" if change.errors else "information")
        await self.sync()

    def _editable(self) -> LiveGuide | None:
        """The live guide, or None after telling the listener why it cannot be edited."""
        if self.live is None:
            self.notify("This guide cannot be edited from here.", severity="warning")
        return self.live

    def _guide_time(self) -> float:
        """The current position on the guide's own clock (the timing offset taken off)."""
        return max(0.0, self.session.position - self.session.offset)

    async def action_stamp(self) -> None:
        """Insert a remark at the current time."""
        live = self._editable()
        if live is not None:
            session = self.session
            length = session.transport.length or session.track.length
            await self._apply(live.insert(session.track, self._guide_time(), length))

    async def action_retime(self) -> None:
        """Move the highlighted remark to the current time."""
        live = self._editable()
        index = self.session.current_cue()
        if live is None:
            return
        if index is None:
            self.notify("No remark is highlighted yet.", severity="warning")
            return
        await self._apply(live.retime(self.session.track.cues[index], self._guide_time()))

    async def action_undo(self) -> None:
        """Undo the last stamp or retime of this session."""
        live = self._editable()
        if live is not None:
            await self._apply(live.undo())

    async def action_edit(self) -> None:
        """Open the guide in the listener's editor at the current remark; reload on return."""
        live = self._editable()
        if live is None:
            return
        index = self.session.current_cue()
        track = self.session.track
        line = track.cues[index].line if index is not None else track.line
        command = editor_command(live.file.path, line, self.environ)
        try:
            with self.suspend():
                # sys.__stderr__ is the terminal even while fd 2 goes to the audio log.
                subprocess.run(command, check=False, stderr=sys.__stderr__)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error")
            return
        except OSError as error:
            self.notify(
                f"Could not start {command[0]}: {error.strerror or error}. Set $VISUAL or $EDITOR.",
                severity="error",
            )
            return
        await self._apply(live.reload_if_changed())

    def action_nudge(self, seconds: float) -> None:
        """Shift every remark earlier or later (for a guide timed against another release)."""
        self.session.offset = round(self.session.offset + seconds, 3)
        self.notify(f"Timing offset {self.session.offset:+.1f} s", timeout=2)
        self._show_position()

    def action_help(self) -> None:
        """Show every key, or hide the list again."""
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    async def action_quit(self) -> None:
        """Remember the place, then quit."""
        self._save_place()
        self.exit()

    @on(OptionList.OptionSelected, "#tracks")
    async def track_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a track plays it."""
        await self.play_track(event.option_index)

    @on(Remark.Clicked)
    async def remark_clicked(self, event: Remark.Clicked) -> None:
        """Clicking a remark seeks there."""
        self.session.seek_cue(event.index)
        self._follow(True)
        await self.sync()

    @on(Commentary.ScrolledByHand)
    def stop_following(self) -> None:
        """Reading ahead suspends following until the listener asks for it or jumps."""
        if self.following:
            self.following = False
            self._show_position()

    @on(Markdown.LinkClicked)
    async def link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Follow a cross-reference to a track (and moment) or a theme; open other links."""
        event.stop()
        href = event.href
        if not href.startswith("#"):
            self.open_url(href)
            return
        try:
            target = parse_target(href[1:])
        except StampError:
            target = None
        if isinstance(target, str):
            self.action_themes()
        elif target is not None and self.session.jump(*target):
            await self.sync()
        else:
            self.notify(f"The link {href} points nowhere in this guide.", severity="warning")
