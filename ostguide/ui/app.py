"""The listening app: keys become commands of the catalogue on the `Listening` controller; each
answer's view goes to the listening screen, and its events become what the app does once (a
toast, a view opened, a file analysed, the editor run).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.command import CommandPalette, Provider
from textual.screen import Screen

from ..authoring.editor import run_editor
from ..guide.model import Term
from ..listening.commands import COMMANDS
from ..listening.controller import Listening
from ..listening.events import (
    Analyse,
    Answer,
    Event,
    OpenLink,
    OpenThemes,
    Quit,
    Reveal,
    RunEditor,
    Toast,
)
from ..listening.news import Edited, News
from ..listening.opening import FindMusic, Opening
from ..listening.services import Service
from .clocks import Clocks
from .keys import KEYS
from .messages import Arrived
from .screen import ListeningScreen
from .workers import analyse, look_for_music

if TYPE_CHECKING:  # the views opened over the screen are imported when first opened: no first
    # frame needs them (the search's index, the glossary's and the about view's Markdown)
    from .themes import ThemeChoice


def freeze_survivors() -> None:
    """Move every object alive now out of the garbage collector's sight: what has lasted until
    the screen is up (modules, the stylesheet, the widgets) or the music has arrived (pygame,
    the tag reader, the library) lasts as long as the app. A full collection walks every object
    it sees, holding the event loop: 40–90 ms at a moment the music chooses (measured in the
    whole-album truth test) where, frozen, it walks only what came since. (Only the reference
    cycles among the frozen objects that die later are never reclaimed: few, and small.)"""
    gc.freeze()


def guide_commands() -> type[Provider]:
    """The palette's search of the guide (imported when the palette first opens)."""
    from .palette import GuideCommands

    return GuideCommands


GREETING = 20.0
"""Seconds the first-open greeting stays under the transport line, unless a key ends it."""
NO_SUSPEND = "This terminal cannot hand over to an editor."


class ListeningApp(App[None]):
    """`ostguide GUIDE`: the guide's commentary following the listener's own audio."""

    CSS_PATH = "app.tcss"
    TITLE = "ostguide"
    COMMANDS = App.COMMANDS | {guide_commands}
    BINDINGS = KEYS

    def __init__(
        self,
        controller: Listening,
        *,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
        warnings: Sequence[str] = (),
        opening: Opening | None = None,
        find_music: FindMusic | None = None,
        greeting: str = "",
        services: Sequence[Service] = (),
    ) -> None:
        """`warnings` about the settings are shown once the screen is up. The track waits,
        paused, for what the `opening` gets ready (the audio device, the music: most often
        there already when the screen starts); `find_music` looks for the music in a folder
        the listener chooses. `greeting` stands in for
        the keys under the transport line until a key is pressed or `GREETING` seconds pass
        (the first time a guide is opened). `services` (following a player, answering MPRIS)
        run as workers while the screen is up."""
        super().__init__()
        self.controller = controller
        self.keymap = dict(keymap or {})
        self.requested_theme = theme
        self.warnings = tuple(warnings)
        self.opening = opening
        self.find_music = find_music
        self.greeting = greeting
        self.services = tuple(services)
        self.listening_screen = ListeningScreen(controller, self.keymap, greeting, self.action_run)
        self.clocks = Clocks(self, controller, self.show, self.listening_screen.seconds_to_change)

    def get_default_screen(self) -> Screen[None]:
        """The listening screen, under every view opened over it."""
        return self.listening_screen

    def compose(self) -> ComposeResult:
        """The listening screen's widgets (Textual composes the default screen from the app's
        `compose`, before the app is mounted)."""
        yield from self.listening_screen.widgets()

    def on_mount(self) -> None:
        """Apply the user's theme and keys, show the start point, and prepare to play."""
        if self.requested_theme in self.available_themes:
            self.theme = self.requested_theme
        if self.keymap:
            self.set_keymap(self.keymap)
        self.listening_screen.fold(self.size.width)
        for warning in self.warnings:
            self.listening_screen.keys.say(warning, "warning", timeout=15)
        if self.greeting:
            self.set_timer(GREETING, self.listening_screen.keys.end_greeting)
        self.clocks.start()
        self.show(self._start())
        for service in self.services:
            self.run_worker(service(self._served), group="services", exit_on_error=False)
        freeze_survivors()

    def on_unmount(self) -> None:
        """Hand what was frozen back to the garbage collector (another app may run in this
        process: the tests run many)."""
        gc.unfreeze()

    def _start(self) -> Answer:
        """Begin where the listener left off; once the first frame is drawn, take what the
        opening has got ready (most often the device, the music and the track: the music then
        plays, never before the screen shows what it is)."""
        opening = self.opening
        if opening is None:
            return self.controller.start()
        opening.start()
        self.call_after_refresh(self._opened, opening)
        return self.controller.start(opening.awaited)

    def _opened(self, opening: Opening) -> None:
        """What the opening has got ready so far, in one answer; the rest arrives as `Arrived`
        messages."""
        answers = [self.controller.arrive(news) for news in opening.attach(self._arrive_later)]
        if answers:
            self.show(Answer(answers[-1].view, tuple(e for a in answers for e in a.events)))

    def _arrive_later(self, news: News) -> None:
        """News from the opening's thread, on its way through the message queue."""
        self.post_message(Arrived(news))

    @on(Arrived)
    def _arrived(self, message: Arrived) -> None:
        """News from a thread: the controller's answer (then what came with it stays)."""
        self.show(self.controller.arrive(message.news))
        freeze_survivors()

    def show(self, answer: Answer) -> None:
        """Show an answer's view and do what its events ask."""
        self.listening_screen.view = answer.view
        self.clocks.set(answer.view)
        for event in answer.events:
            self._happen(event)

    def _served(self, answer: Answer) -> None:
        """A service's command answered (it may come while the app closes: then nothing)."""
        if self.is_running:
            self.show(answer)

    def _happen(self, event: Event) -> None:
        """Do once what an event asks."""
        match event:
            case Toast(message, severity, timeout):
                self.listening_screen.keys.say(message, severity, timeout)
            case Reveal():
                self.listening_screen.reveal()
            case OpenThemes():
                self.action_themes()
            case OpenLink(href):
                self.open_url(href)
            case Analyse(job):
                analyse(self, job)
            case RunEditor(command):
                self._edit(list(command))
            case Quit():
                self.exit()

    def action_run(self, command_id: str, *args: object) -> None:
        """Run a command of the catalogue (`listening.commands`): the app's own action, or the
        controller's command, whose answer is shown. Every key of the listening screen comes
        here, and so do the search, the themes view and the mouse, with arguments."""
        command = COMMANDS[command_id]
        if command.screen:
            getattr(self, f"action_{command.call}")(*command.args, *args)
        else:
            self.show(self.controller.run(command_id, *args))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab, shift+tab and enter (bound with priority) choose links only on the listening
        screen, and enter only while a link is selected: elsewhere they keep their usual work."""
        command = parameters[0] if action == "run" and parameters else None
        on_screen = self.screen is self.listening_screen
        if command in ("next_link", "previous_link"):
            return on_screen
        if command == "follow_link":
            view = self.listening_screen.view
            return on_screen and view is not None and view.link is not None
        return True

    def on_key(self) -> None:
        """The listener found the keys: the greeting has done its work."""
        self.listening_screen.keys.end_greeting()

    def on_resize(self, event: events.Resize) -> None:
        """Fold the track list away on narrow terminals (`self.size` is not updated yet)."""
        self.listening_screen.fold(event.size.width)

    # ---- the app's own actions ----

    def action_toggle_tracks(self) -> None:
        """Show or hide the track list."""
        self.listening_screen.toggle_tracks(self.size.width)

    def action_toggle_intro(self) -> None:
        """Keep the track's introduction in view above the remarks, or not."""
        self.listening_screen.toggle_intro()

    def action_cursor(self, step: int) -> None:
        """Move the cursor in the track list."""
        self.listening_screen.tracks.action_cursor(step)

    def action_themes(self) -> None:
        """Open the themes view."""
        from .themes import ThemesScreen

        themes = ThemesScreen(self.controller.guide, self.controller.label, self.keymap)
        self.push_screen(themes, self._theme_chosen)

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

    def action_glossary(self) -> None:
        """Explain the musical terms the current track's commentary uses."""
        from ..guide.glossary import for_guide
        from .glossary import GlossaryScreen

        view = self.listening_screen.view
        if view is not None:
            track = view.guide.tracks[view.index]
            terms = for_guide(view.guide).in_track(track)
            self.push_screen(GlossaryScreen(terms, f"{track.id}. {track.title}", self.keymap))

    def action_explain(self, term: Term) -> None:
        """Show one glossary term's definition (a search hit)."""
        from .glossary import GlossaryScreen

        self.push_screen(GlossaryScreen((term,), "the glossary", self.keymap))

    def action_about(self) -> None:
        """Show what there is to read about the guide: its source, introduction, afterword."""
        from ..guide.about import about
        from .aboutscreen import AboutScreen

        self.push_screen(AboutScreen(about(self.controller.guide), self.keymap))

    def action_choose_music(self) -> None:
        """Choose the folder the music is in, and look for the guide's files there."""
        from .folderpicker import FolderPicker

        if self.find_music is not None:
            self.push_screen(FolderPicker(Path.home(), self.keymap), self._music_folder_chosen)

    def _music_folder_chosen(self, folder: Path | None) -> None:
        """Look for the music in the folder chosen (nothing when the picker was closed)."""
        if folder is not None and self.find_music is not None:
            self.action_run("look_in", folder)
            look_for_music(self, self.find_music, folder)

    def action_help(self) -> None:
        """Show every key, grouped, and what the marks mean."""
        from .helpscreen import HelpScreen

        self.push_screen(HelpScreen(self.keymap))

    def action_command_palette(self) -> None:
        """Search the guide (Textual's palette, with our prompt)."""
        from .palette import PLACEHOLDER

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=PLACEHOLDER, id="--command-palette"))

    async def action_quit(self) -> None:
        """Quit as `q` does, the place remembered (Textual's own quit and the signals that
        end the screen come here)."""
        self.action_run("quit")

    def _edit(self, command: list[str]) -> None:
        """Hand the terminal to the editor; the controller reads the guide again after."""
        try:
            with self.suspend():
                # sys.__stderr__ is the terminal even while fd 2 goes to the audio log.
                problem = run_editor(command, sys.__stderr__)
        except SuspendNotSupported:
            problem = NO_SUSPEND
        self.show(self.controller.arrive(Edited(problem)))
