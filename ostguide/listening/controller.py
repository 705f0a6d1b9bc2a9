"""The listening screen's behaviour without the screen: `Listening` owns the session and answers
every command (a key, a click, a search hit, an MPRIS method), every tick of the clock and every
piece of news (the device opened, the music found) with an `Answer`: the view to show and the
one-shot events for the screen.

It is a small facade over its parts: `Playback`, `Navigation`, `Authoring` and `Arrivals` hold
the commands of the catalogue (`commands.py`); `Arrivals` also takes in the news, the `Outbox`
gathers what the listener is told, and the `Presenter` builds the view without changing anything.
Nothing here imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping

from ..authoring.live import LiveGuide
from ..guide.model import Guide, TrackId
from ..player.clock import Clock, MonotonicClock
from ..session import Session
from ..settings.memory import SettingsMemory
from .arrivals import Arrivals
from .authoring import Authoring
from .commands import CATALOGUE, COMMANDS
from .events import Answer
from .navigation import Navigation
from .news import Edited, News
from .outbox import Outbox
from .playback import Playback
from .present import Presenter
from .view import View

Call = Callable[..., None]


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
        paused: bool = False,
        snap_stamps: bool = True,
        clock: Clock | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        """`missing` lists tracks without audio and `music_note` says (in a sentence) where
        audio was looked for; `start` is the (track index, position) to begin at, `paused` or
        not (as the listener left it); `live` lets
        the listener stamp and edit the guide file; `memory` keeps the place and the settings;
        `snap_stamps` lets a stamp go back to the onset the author reacted to; `clock` times
        the notes on the transport line; `environ` names the listener's editor."""
        self._session = session
        self._start = start
        self._paused = paused
        self._outbox = Outbox(clock or MonotonicClock())
        self._playback = Playback(session, self._outbox, memory, start[1])
        self._navigation = Navigation(session, self._outbox)
        self._arrivals = Arrivals(
            session, self._outbox, memory, missing=missing, music_note=music_note
        )
        self._authoring = Authoring(
            session,
            self._outbox,
            live,
            snap_stamps=snap_stamps,
            environ=os.environ if environ is None else environ,
            timed=self._arrivals.describe_track,
        )
        self._presenter = Presenter(
            session, self._navigation, self._arrivals, self._authoring, self._outbox
        )
        self._calls = _calls((self._playback, self._navigation, self._authoring, self._arrivals))

    @property
    def session(self) -> Session:
        """The session (for reading: change it through the commands)."""
        return self._session

    @property
    def guide(self) -> Guide:
        """The guide listened to (another object after an edit or a reload)."""
        return self._session.guide

    @property
    def tag_titles(self) -> Mapping[TrackId, str]:
        """The title tag of each track's file, once the music is found (another object each
        time the music is found)."""
        return self._arrivals.titles

    def label(self, track_index: int, cue_index: int) -> str:
        """A remark's time as shown everywhere (the themes view, the search, the commentary)."""
        return self._session.remarks.label(track_index, cue_index)

    def start(self, waiting: Collection[str] = ()) -> Answer:
        """Begin at the start point; the track waits, paused, until each of `waiting`
        (`arrivals.DEVICE`, `arrivals.MUSIC`) has arrived."""
        self._arrivals.start(self._start, waiting, self._paused)
        return self._answer()

    def run(self, command_id: str, *args: object) -> Answer:
        """Run a command of the catalogue by its id, with the row's arguments and then `args`."""
        command = COMMANDS[command_id]
        self._calls[command_id](*command.args, *args)
        return self._answer()

    def arrive(self, news: News) -> Answer:
        """Take in news from the screen's threads and services."""
        if isinstance(news, Edited):
            self._authoring.edited(news.problem)
        else:
            self._arrivals.arrive(news)
        return self._answer()

    def tick(self) -> Answer:
        """Look at the clock: the end of a track, the remark heard, the place to remember."""
        self._session.tick()
        self._playback.keep_place()
        return self._answer()

    def rest(self) -> None:
        """The music has been paused (or over) a while: let the audio device rest; it opens
        again when the music plays (nothing shown changes)."""
        self._session.transport.rest()

    def check_guide_file(self) -> Answer:
        """Read the guide again if it changed on disk (an editor in another window)."""
        self._authoring.check_file()
        return self._answer()

    def view(self) -> View:
        """What the screen should show now (nothing changes by asking)."""
        return self._presenter.present()

    def _answer(self) -> Answer:
        """After a command: take in what the session and the followed player said, then the
        view and the events for the screen."""
        for notice in self._session.take_notices():
            self._outbox.toast(notice.message, notice.severity)
        self._navigation.settle()
        self._arrivals.settle()
        return Answer(self.view(), self._outbox.take())


def _calls(parts: tuple[object, ...]) -> dict[str, Call]:
    """Each controller command of the catalogue, by id, as the one part's method that does it."""
    calls: dict[str, Call] = {}
    for command in CATALOGUE:
        if command.screen:
            continue
        found = [getattr(part, command.call) for part in parts if hasattr(part, command.call)]
        if len(found) != 1:
            raise LookupError(f"{len(found)} parts of the controller do {command.call!r}")
        calls[command.id] = found[0]
    return calls
