"""The screen's clocks: a tick four times a second while the music plays (none while paused), a
one-shot timer when a remark or the track's end falls between two ticks, a look at the guide
file once a second, and the audio device let rest after a few seconds paused."""

from __future__ import annotations

from textual.app import App
from textual.timer import Timer

from ..listening.controller import Listening
from ..listening.services import Show
from ..listening.view import View
from .watchers import forget_closed_watchers

TICK = 0.25
"""Seconds between two looks at the clock while playing (4 Hz: about 1% of a core at 120×40)."""
FILE_CHECK = 1.0
"""Seconds between two looks at the guide file's modification time, which is also when removed
widgets still held by Textual's watchers are let go."""
CUE_WAIT_MIN = 0.01
"""Shortest wait for a remark that is due: the mixer's position moves in ~6 ms buffers."""
APPROACH = 0.8
"""Part of the wait for a remark (or a track's end) that the timer waits before looking again.
The wait is in the sound's seconds and the timer in the wall clock's, and a device may play
faster than the wall clock (SDL's disk driver at a 256-frame buffer: by 12 %); looking again at
what is left each time lands within `CUE_WAIT_MIN` of the moment at any pace up to 25 % fast."""


REST_AFTER = 5.0
"""Seconds the music stays paused (or over) before the audio device is closed (`rest`)."""


class Clocks:
    """When the app asks the controller what time has changed."""

    def __init__(self, app: App[None], controller: Listening, show: Show) -> None:
        self._app = app
        self._controller = controller
        self._show = show
        self.ticker: Timer | None = None
        self.cue_timer: Timer | None = None
        self.rest_timer: Timer | None = None

    def start(self) -> None:
        """Set the tick (paused until the music plays) and the look at the guide file."""
        self.ticker = self._app.set_interval(TICK, self.tick, pause=True)
        self._app.set_interval(FILE_CHECK, self.check_guide_file)

    def set(self, view: View) -> None:
        """Tick while playing only; when the next remark or the track's end falls before the
        next tick, wake then (aiming short and looking again: `APPROACH`), so that the highlight
        and the track list move with the music."""
        playing = view.transport.status == "playing"
        if self.ticker is not None:
            if playing:
                self.ticker.resume()
            else:
                self.ticker.pause()
        if playing and self.rest_timer is not None:
            self.rest_timer.stop()
            self.rest_timer = None
        elif not playing and self.rest_timer is None and view.transport.mode == "audio":
            self.rest_timer = self._app.set_timer(REST_AFTER, self.rest)
        if self.cue_timer is not None:
            self.cue_timer.stop()
            self.cue_timer = None
        if view.due is not None and view.due * APPROACH < TICK:
            wait = max(view.due * APPROACH, CUE_WAIT_MIN)
            self.cue_timer = self._app.set_timer(wait, self.cue_due)

    def tick(self) -> None:
        """The clock moved (the timer runs on its own and may fire while the app closes)."""
        if self._app.is_running:
            self._show(self._controller.tick())

    def rest(self) -> None:
        """The music has been paused (or over) for `REST_AFTER` seconds."""
        self.rest_timer = None
        self._controller.rest()

    def cue_due(self) -> None:
        """A remark's time, or the track's end, has come (or nearly: the position moves in
        audio-buffer steps); the answer sets the timer again if nothing changed yet."""
        self.cue_timer = None
        self.tick()

    def check_guide_file(self) -> None:
        """Once a second: read the guide again if it changed, and let go of removed widgets that
        Textual's watchers still hold."""
        if self._app.is_running:
            forget_closed_watchers(self._app)
            self._show(self._controller.check_guide_file())
