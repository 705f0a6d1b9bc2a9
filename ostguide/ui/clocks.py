"""The screen's clocks: while the music plays, one wake-up at the next moment the screen would
look different by time alone (the second shown, the play head's column, a remark, the track's
end) and none between; none while paused; a look at the guide file once a second; and the audio
device let rest after a few seconds paused."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.timer import Timer

from ..listening.controller import Listening
from ..listening.services import Show
from ..listening.view import View
from .rendercache import forget_drawings
from .watchers import forget_closed_watchers

FILE_CHECK = 1.0
"""Seconds between two looks at the guide file's modification time, which is also when removed
widgets still held by Textual's watchers and render caches are let go."""
CUE_WAIT_MIN = 0.01
"""Shortest wait for a remark that is due: the mixer's position moves in ~6 ms buffers."""
APPROACH = 0.8
"""Part of the wait for a remark (or a track's end) that the timer waits before looking again.
The wait is in the sound's seconds and the timer in the wall clock's, and a device may play
faster than the wall clock (SDL's disk driver at a 256-frame buffer: by 12 %); looking again at
what is left each time lands within `CUE_WAIT_MIN` of the moment at any pace up to 25 % fast."""
PAST_THE_CHANGE = 0.005
"""Seconds after a change of the time shown (the second, the head's column) that the screen
wakes: a little after, so that it finds the change made rather than just ahead of it."""
REST_AFTER = 5.0
"""Seconds the music stays paused (or over) before the audio device is closed (`rest`)."""

Visible = Callable[[View], float]
"""Seconds of music until the screen would look different by time alone (not counting remarks
and the track's end, which the view's `due` says)."""


class Clocks:
    """When the app asks the controller what time has changed."""

    def __init__(self, app: App[None], controller: Listening, show: Show, visible: Visible) -> None:
        self._app = app
        self._controller = controller
        self._show = show
        self._visible = visible
        self.wake: Timer | None = None
        """The one wake-up set while the music plays."""
        self.rest_timer: Timer | None = None

    def start(self) -> None:
        """Set the look at the guide file."""
        self._app.set_interval(FILE_CHECK, self.check_guide_file)

    def set(self, view: View) -> None:
        """While playing, wake when something shown changes by time alone: the second, the
        head's column, or the next remark or the track's end (aiming short of those and looking
        again: `APPROACH`), so that the highlight and the track list move with the music and the
        screen sleeps meanwhile. Paused, let the device rest after `REST_AFTER` seconds."""
        playing = view.transport.status == "playing"
        if self.wake is not None:
            self.wake.stop()
            self.wake = None
        if playing and self.rest_timer is not None:
            self.rest_timer.stop()
            self.rest_timer = None
        elif not playing and self.rest_timer is None and view.transport.mode == "audio":
            self.rest_timer = self._app.set_timer(REST_AFTER, self.rest)
        if not playing:
            return
        wait = self._visible(view) + PAST_THE_CHANGE
        if view.due is not None:
            wait = min(wait, max(view.due * APPROACH, CUE_WAIT_MIN))
        self.wake = self._app.set_timer(wait, self.woken)

    def tick(self) -> None:
        """The clock moved (a timer may fire while the app closes)."""
        if self._app.is_running:
            self._show(self._controller.tick())

    def woken(self) -> None:
        """Something shown is due to change (or nearly: the position moves in audio-buffer
        steps); the answer sets the next wake-up."""
        self.wake = None
        self.tick()

    def rest(self) -> None:
        """The music has been paused (or over) for `REST_AFTER` seconds."""
        self.rest_timer = None
        self._controller.rest()

    def check_guide_file(self) -> None:
        """Once a second: read the guide again if it changed, and let go of removed widgets that
        Textual's watchers and render caches still hold."""
        if self._app.is_running:
            forget_closed_watchers(self._app)
            forget_drawings()
            self._show(self._controller.check_guide_file())
