"""The listening screen: the album, the track list, the commentary following the music, and the
transport line. Keys become commands on the `Listening` controller; each command's `View` goes
into one reactive, and one watcher touches the widgets whose part of it changed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Markdown

from ..analysis.job import AnalysisJob, run_job
from ..authoring.editor import run_editor
from ..guide.about import about
from ..guide.glossary import for_guide
from ..guide.model import Term
from ..launch import Library
from ..listening.commands import COMMANDS, key_hint
from ..listening.controller import DEVICE, MUSIC, Listening
from ..listening.services import Service
from ..listening.view import View
from .aboutscreen import AboutScreen
from .commentary import Commentary, Remark
from .glossary import GlossaryScreen
from .header import AlbumHeader
from .helpscreen import HelpScreen
from .keyline import KeyLine
from .keys import KEYS
from .messages import Analysed, DeviceOpened, MusicFound, MusicProgress, MusicSearchFailed
from .palette import PLACEHOLDER, GuideCommands
from .remarktext import RemarkText
from .themes import ThemeChoice, ThemesScreen
from .tracklist import TrackList
from .transportbar import TransportBar
from .watchers import forget_closed_watchers

if TYPE_CHECKING:
    from ..library.scan import Progress as ScanProgress
    from ..player.mixer import MixerPlayer

TICK = 0.25
"""Seconds between two looks at the clock while playing (4 Hz: about 1% of a core at 120×40)."""
FILE_CHECK = 1.0
"""Seconds between two looks at the guide file's modification time, which is also when removed
widgets still held by Textual's watchers are let go."""
NARROW = 80
"""Below this many columns the track list folds away behind a key."""
PROGRESS_EVERY = 50
"""Files read between two progress reports while looking for the music."""
GREETING = 20.0
"""Seconds the first-open greeting stays under the transport line, unless a key ends it."""
CUE_WAIT_MIN = 0.01
"""Shortest wait for a remark that is due: the mixer's position moves in ~23 ms buffers."""

FindMusic = Callable[["ScanProgress"], Library]
"""Finds the listener's files for the guide, reporting (files read, total) as it goes."""
OpenAudio = Callable[[], "tuple[MixerPlayer | None, str]"]
"""Opens the audio device: the mixer, or None and why not."""


class ListeningApp(App[None]):
    """`ostguide GUIDE`: the guide's commentary following the listener's own audio."""

    CSS_PATH = "app.tcss"
    TITLE = "ostguide"
    COMMANDS = App.COMMANDS | {GuideCommands}
    BINDINGS = KEYS

    view: var[View | None] = var(None, init=False)
    """What the screen shows: every command's answer lands here."""

    def __init__(
        self,
        controller: Listening,
        *,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
        environ: Mapping[str, str] | None = None,
        warnings: Sequence[str] = (),
        open_audio: OpenAudio | None = None,
        find_music: FindMusic | None = None,
        greeting: str = "",
        services: Sequence[Service] = (),
    ) -> None:
        """`warnings` about the settings are shown once the screen is up; `environ` names the
        listener's editor. Once the first frame is drawn, `open_audio` opens the audio device
        and `find_music` finds the listener's files, each in a thread; meanwhile the track
        waits, paused. `greeting` stands in for the keys under the transport line until a key
        is pressed or `GREETING` seconds pass (the first time a guide is opened). `services`
        (following a player, answering MPRIS) run as workers while the screen is up."""
        super().__init__()
        self.controller = controller
        self.keymap = dict(keymap or {})
        self.requested_theme = theme
        self.environ = os.environ if environ is None else environ
        self.warnings = tuple(warnings)
        self.open_audio = open_audio
        self.find_music = find_music
        self.greeting = greeting
        self.services = tuple(services)
        self._ticker: Timer | None = None
        self._cue_timer: Timer | None = None
        guide = controller.session.guide
        # Kept rather than queried: the watcher runs at every tick, and a query walks the DOM.
        self._header = AlbumHeader(guide.album)
        self._tracks = TrackList(guide, frozenset())
        self._commentary = Commentary()
        self._bar = TransportBar(key_hint("follow", self.keymap))
        self._keys = KeyLine(self.keymap, greeting)

    def compose(self) -> ComposeResult:
        yield self._header
        with Horizontal(id="main"):
            yield self._tracks
            yield self._commentary
        yield self._bar
        yield self._keys

    def on_mount(self) -> None:
        """Apply the user's theme and keys, show the start point, and prepare to play."""
        if self.requested_theme in self.available_themes:
            self.theme = self.requested_theme
        if self.keymap:
            self.set_keymap(self.keymap)
        self._fold(self.size.width)
        for warning in self.warnings:
            self.notify(warning, severity="warning", timeout=15)
        waiting = [DEVICE] * (self.open_audio is not None) + [MUSIC] * (self.find_music is not None)
        if self.greeting:
            self.set_timer(GREETING, self._keys.end_greeting)
        self._ticker = self.set_interval(TICK, self._tick, pause=True)
        self.set_interval(FILE_CHECK, self._check_guide_file)
        self.view = self.controller.start(waiting)
        for service in self.services:
            self.run_worker(service(self._show), group="services", exit_on_error=False)
        if waiting:
            self.call_after_refresh(self._prepare)

    def _prepare(self) -> None:
        """After the first frame: open the device and look for the music, off the event loop."""
        if self.open_audio is not None:
            self._open_device(self.open_audio)
        if self.find_music is not None:
            self._look_for_music(self.find_music)

    @work(thread=True, group="device", exit_on_error=False)
    def _open_device(self, open_audio: OpenAudio) -> None:
        """Import pygame and open the audio device in a thread."""
        self.post_message(DeviceOpened(*open_audio()))

    @work(thread=True, group="music", exit_on_error=False)
    def _look_for_music(self, find_music: FindMusic) -> None:
        """Locate, scan and match the music in a thread, reporting progress."""

        def progress(done: int, total: int) -> None:
            if done == total or done % PROGRESS_EVERY == 0:
                self.post_message(MusicProgress(done, total))

        try:
            library = find_music(progress)
        except Exception as error:  # a scan meets file systems and tags of every kind
            self.post_message(MusicSearchFailed(f"could not look for music: {error}"))
            return
        self.post_message(MusicFound(library))

    @work(thread=True, group="analysis", exit_on_error=False)
    def _analyse(self, job: AnalysisJob) -> None:
        """Analyse a file (or read its analysis from the cache) in a thread."""
        self.post_message(Analysed(job, run_job(job)))

    @on(Analysed)
    def _analysed(self, event: Analysed) -> None:
        self.view = self.controller.analysed(event.job, event.result)

    @on(DeviceOpened)
    def _device_opened(self, event: DeviceOpened) -> None:
        self.view = self.controller.attach_device(event.mixer, event.reason)

    @on(MusicProgress)
    def _music_progress(self, event: MusicProgress) -> None:
        self.view = self.controller.music_progress(event.done, event.total)

    @on(MusicFound)
    def _music_found(self, event: MusicFound) -> None:
        self.view = self.controller.attach_library(event.library)

    @on(MusicSearchFailed)
    def _music_not_found(self, event: MusicSearchFailed) -> None:
        self.view = self.controller.music_failed(event.reason)

    def _show(self, view: View) -> None:
        """A service's command answered (it may come while the app closes)."""
        if self.is_running:
            self.view = view

    def _tick(self) -> None:
        """The clock moved (the timer runs on its own and may fire while the app closes)."""
        if self.is_running:
            self.view = self.controller.tick()

    def _check_guide_file(self) -> None:
        """Once a second: read the guide again if it changed, and let go of removed widgets that
        Textual's watchers still hold."""
        if self.is_running:
            forget_closed_watchers(self)
            self.view = self.controller.check_guide_file()

    def _cue_due(self) -> None:
        """A remark's time, or the track's end, has come (or nearly: the position moves in
        audio-buffer steps); if nothing changed yet, wait again for what is left."""
        self._cue_timer = None
        if self.is_running:
            self.view = self.controller.tick()
            if self._cue_timer is None and self.view is not None:
                self._set_clocks(self.view)

    def watch_view(self, old: View | None, new: View | None) -> None:
        """Carry what changed to the widgets, and set the clocks for what comes next."""
        if new is None:
            return
        for toast in new.toasts:
            self.notify(toast.message, severity=toast.severity, timeout=toast.timeout)
        tracks, commentary = self._tracks, self._commentary
        if old is None or old.guide is not new.guide:
            self._header.show(new.guide.album)
            tracks.show_guide(new.guide, new.index)
        if old is None or old.missing != new.missing:
            tracks.show_missing(new.missing)
        if old is None or old.index != new.index:
            tracks.show_playing(new.index)
        commentary = self.query_one(Commentary)
        if old is None or old.commentary != new.commentary:
            track = new.guide.tracks[new.index]
            commentary.show_track(new.guide, track, new.labels, new.notice, new.cue)
        commentary.highlight(new.cue, new.following)
        if new.following and (
            old is None or (old.commentary, old.reveal) != (new.commentary, new.reveal)
        ):
            commentary.follow()
        self._bar.show(new.transport)
        if old is None or old.link != new.link:
            self._keys.show_link(new.link)
            if new.link is not None:
                commentary.reveal_remark(new.link.cue)
        self._set_clocks(new)
        if new.analyse is not None:
            self._analyse(new.analyse)
        if old is not None and old.themes != new.themes:
            self.action_themes()

    def _set_clocks(self, view: View) -> None:
        """Tick while playing only; when the next remark or the track's end falls before the
        next tick, wake exactly then, so that the highlight and the track list move with the
        music."""
        if self._ticker is not None:
            if view.transport.status == "playing":
                self._ticker.resume()
            else:
                self._ticker.pause()
        if self._cue_timer is not None:
            self._cue_timer.stop()
            self._cue_timer = None
        if view.due is not None and view.due < TICK:
            self._cue_timer = self.set_timer(max(view.due, CUE_WAIT_MIN), self._cue_due)

    def on_key(self) -> None:
        """The listener found the keys: the greeting has done its work."""
        self._keys.end_greeting()

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

    # ---- what the themes view calls ----

    def _theme_chosen(self, choice: ThemeChoice | None) -> None:
        """Act on what was picked in the themes view."""
        if choice is None:
            return
        if choice.theme is not None:
            self.action_run("tour_theme", choice.theme)
        elif choice.cue_index is not None:
            self.action_run("play_remark", choice.track_index, choice.cue_index)
        else:
            self.action_run("visit_track", choice.track_index)

    # ---- keys ----

    def action_run(self, command_id: str, *args: object) -> None:
        """Run a command of the catalogue (`listening.commands`): the screen's own action, or
        the controller's command, whose view is shown. Every key of the listening screen
        comes here, and so do the search, the themes view and the mouse, with arguments."""
        command = COMMANDS[command_id]
        if command.screen:
            getattr(self, f"action_{command.call}")(*command.args, *args)
        else:
            self.view = self.controller.run(command_id, *args)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab, shift+tab and enter (bound with priority) choose links only on the listening
        screen, and enter only while a link is selected: elsewhere they keep their usual work."""
        command = parameters[0] if action == "run" and parameters else None
        if command in ("next_link", "previous_link"):
            return self.screen is self.listening_screen
        if command == "follow_link":
            selected = self.view is not None and self.view.link is not None
            return self.screen is self.listening_screen and selected
        return True

    def action_follow_selected_link(self) -> None:
        """Follow the selected link (a web address opens in the browser)."""
        link = self.view.link if self.view is not None else None
        if link is not None and not link.href.startswith("#"):
            self.open_url(link.href)
        self.view = self.controller.follow_selected_link()

    def action_cursor(self, step: int) -> None:
        """Move the cursor in the track list."""
        self._tracks.action_cursor(step)

    def action_themes(self) -> None:
        """Open the themes view."""
        session = self.controller.session
        themes = ThemesScreen(session.guide, session.label, self.keymap)
        self.push_screen(themes, self._theme_chosen)

    def action_glossary(self) -> None:
        """Explain the musical terms the current track's commentary uses."""
        session = self.controller.session
        track = session.track
        terms = for_guide(session.guide).in_track(track)
        self.push_screen(GlossaryScreen(terms, f"{track.id}. {track.title}", self.keymap))

    def action_toggle_tracks(self) -> None:
        """Show or hide the track list."""
        self.listening_screen.toggle_class(
            "-show-tracks" if self.size.width < NARROW else "-hide-tracks"
        )

    def action_edit(self) -> None:
        """Open the guide in the listener's editor at the current remark; reload on return."""
        command = self.controller.editor_command(self.environ)
        if command is None:
            self.view = self.controller.view()
            return
        try:
            with self.suspend():
                # sys.__stderr__ is the terminal even while fd 2 goes to the audio log.
                problem = run_editor(command, sys.__stderr__)
        except SuspendNotSupported:
            self.view = self.controller.tell(
                "This terminal cannot hand over to an editor.", "error"
            )
            return
        if problem is not None:
            self.view = self.controller.tell(problem, "error")
            return
        self.view = self.controller.edited()

    def action_help(self) -> None:
        """Show every key, grouped, and what the marks mean."""
        self.push_screen(HelpScreen(self.keymap))

    def action_command_palette(self) -> None:
        """Search the guide (Textual's palette, with our prompt)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=PLACEHOLDER, id="--command-palette"))

    def action_about(self) -> None:
        """Show what there is to read about the guide: its source, introduction, afterword."""
        self.push_screen(AboutScreen(about(self.controller.session.guide), self.keymap))

    def action_leave(self) -> None:
        """Remember the place, then quit."""
        self.view = self.controller.quit()
        self.exit()

    async def action_quit(self) -> None:
        """Quit as `q` does (Textual's own quit, and the signals that end the screen)."""
        self.action_leave()

    def action_explain(self, term: Term) -> None:
        """Show one glossary term's definition (a search hit)."""
        self.push_screen(GlossaryScreen((term,), "the glossary", self.keymap))

    # ---- the mouse ----

    @on(TrackList.Chosen)
    def track_chosen(self, event: TrackList.Chosen) -> None:
        """Enter or a click on a track plays it."""
        self.action_run("play_track", event.index)

    @on(Remark.Clicked)
    def remark_clicked(self, event: Remark.Clicked) -> None:
        """Clicking a remark seeks there."""
        self.action_run("seek_remark", event.index)

    @on(Commentary.ScrolledByHand)
    def stop_following(self) -> None:
        """Reading ahead suspends following until the listener asks for it or jumps."""
        if self.view is not None and self.view.following:
            self.action_run("stop_following")

    @on(Markdown.LinkClicked)
    @on(RemarkText.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked | RemarkText.LinkClicked) -> None:
        """Follow a cross-reference to a track (and moment) or a theme; open other links."""
        event.stop()
        if event.href.startswith("#"):
            self.action_run("follow_href", event.href)
        else:
            self.open_url(event.href)
