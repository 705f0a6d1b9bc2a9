"""`Follower`: the common part of following another player. It keeps the last `Reading`, runs
the connection in a loop that reconnects by itself, and offers the controls a protocol may have.

A subclass implements `_follow` (connect, then record readings until the connection is lost) and
the controls its protocol allows; the others raise `Unsupported`, which says what cannot be done.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable, Coroutine
from typing import Any

from ostguide.player.clock import Clock
from ostguide.safetext import visible

from .reading import Fields, Playing, Reading

RETRY = 1.0
"""Seconds between two attempts to reach a player that is not there."""
POLL = 1.0
"""Seconds between two readings of the position when no event came (drift correction)."""
NEWS = 0.05
"""A reading this far from where the clock had the position is news to the screen (a seek)."""


class FollowError(Exception):
    """The followed player could not be reached, or refused a command; the text says which."""


class Unsupported(FollowError):
    """The followed player's protocol has no way to do this."""


class Follower(ABC):
    """Follows one player: its readings, its connection, and its controls."""

    def __init__(self, clock: Clock, label: str) -> None:
        """`label` names what is followed, as the transport line shows it ("mpd 127.0.0.1:6600")."""
        self.clock = clock
        self.label = label
        self.fields = Fields(label)
        """Checks every value the player sends."""
        self.reading: Reading | None = None
        """The last reading, kept while the player is away (time goes on from it)."""
        self.volume: float | None = None
        """The player's volume as it last said (0 to 1: 100 % in mpv, MPD and MPRIS alike), or
        None while it has not said (or has no volume control)."""
        self.muted = False
        """Whether the player is muted (as it says, or as ostguide muted it)."""
        self.connected = False
        self.problem = f"connecting to {label}"
        """Why the player is not followed right now (empty while it is)."""
        self._wake: Callable[[], None] = lambda: None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waking = False
        self._changed = asyncio.Event()
        self._unmuted = 1.0
        """The volume to go back to when a player without a mute of its own is unmuted."""
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def position(self) -> float:
        """The followed position now: the last reading moved on by the time since."""
        reading = self.reading
        return 0.0 if reading is None else reading.position_at(self.clock.now())

    def record(
        self, playing: Playing | None, position: float, paused: bool, rate: object = 1.0
    ) -> None:
        """Keep a new reading, taken now; wake the screen only when it is news (another track,
        a pause, a seek), not for a reading that agrees with the clock. A position or rate that
        is not a finite number in range is taken as 0 or 1."""
        previous = self.reading
        position = self.fields.seconds("position", max(0.0, position)) or 0.0
        rate = self.fields.rate(rate)
        self.reading = Reading(playing, position, paused, self.clock.now(), rate)
        if (
            previous is None
            or (previous.playing, previous.paused) != (playing, paused)
            or abs(previous.position_at(self.reading.at) - self.reading.position) > NEWS
        ):
            self._notify()
        else:
            self._changed.set()

    def hear_volume(self, volume: object, muted: object = None, *, per: float = 1.0) -> None:
        """Keep the volume and mute a player reported (`volume` counts `per` to 100 %: 100 for
        a percentage), each checked by `fields` (one that is not a sound value is left out);
        wake the screen when they changed."""
        before = (self.volume, self.muted)
        level = self.fields.volume(volume, per=per)
        self.volume = self.volume if level is None else level
        switch = self.fields.switch("mute", muted)
        self.muted = self.muted if switch is None else switch
        if (self.volume, self.muted) != before:
            self._notify()

    async def run(self, wake: Callable[[], None] = lambda: None) -> None:
        """Follow until cancelled: connect, follow, and after a loss say why and try again.

        `wake` is called whenever a reading is news or the connection changes: soon after, on
        the event loop, never from within the call that recorded it (a control acting on the
        reading at once), and once for a burst of news.
        """
        self._wake, self._loop = wake, asyncio.get_running_loop()
        while True:
            try:
                await self._follow()
                problem = f"{self.label} closed the connection"
            except (OSError, EOFError, ValueError, FollowError) as error:
                problem = f"{self.label} is not reachable ({describe(error)})"
            self.connected = False
            self.problem = f"{problem}; reconnecting"
            self._notify()
            await asyncio.sleep(RETRY)

    def connected_now(self) -> None:
        """Called by a subclass once the player answers."""
        self.connected = True
        self.problem = ""
        self._notify()

    async def wait_for(self, condition: Callable[[Follower], bool], timeout: float) -> None:
        """Wait until `condition(self)` holds after a reading or a change of connection."""

        async def watch() -> None:
            while not condition(self):
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(watch(), timeout)

    def spawn(self, job: Coroutine[Any, Any, None]) -> None:
        """Run `job` in the background, keeping hold of it until it is done."""
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _notify(self) -> None:
        self._changed.set()
        if self._loop is not None and not self._waking:
            self._waking = True
            self._loop.call_soon(self._woken)

    def _woken(self) -> None:
        self._waking = False
        self._wake()

    @abstractmethod
    async def _follow(self) -> None:
        """Connect and record readings until the connection ends (return or raise)."""

    async def set_paused(self, paused: bool) -> None:
        """Pause or resume the player."""
        raise Unsupported(f"{self.label} cannot be paused from here")

    async def seek(self, seconds: float) -> None:
        """Go to a time in the player's current track."""
        raise Unsupported(f"{self.label} cannot seek from here")

    async def next(self) -> None:
        """Skip to the player's next track."""
        raise Unsupported(f"{self.label} cannot skip from here")

    async def previous(self) -> None:
        """Go back to the player's previous track."""
        raise Unsupported(f"{self.label} cannot go back from here")

    async def queue(self, limit: int) -> tuple[int, list[Playing]]:
        """At most `limit` of the tracks the player can be told to play, in its order, around
        the one playing: the index of the first in the player's queue, and the tracks."""
        raise Unsupported(f"{self.label} cannot be told which track to play")

    async def play_entry(self, index: int) -> None:
        """Play entry `index` of the player's queue."""
        raise Unsupported(f"{self.label} cannot be told which track to play")

    async def set_volume(self, volume: float) -> None:
        """Set the player's volume (0 to 1)."""
        raise Unsupported(f"{self.label}'s volume cannot be set from here")

    async def set_muted(self, muted: bool) -> None:
        """Mute or unmute the player (where the protocol has no mute: its volume to 0 and back)."""
        if not muted:
            await self.set_volume(self._unmuted)
        else:
            self._unmuted = self.volume or 1.0
            await self.set_volume(0.0)
        self.muted = muted


def describe(error: BaseException) -> str:
    """An error in a few words: its text (which may quote the player: made safe to draw), else
    its kind."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return visible(str(error).strip()) or type(error).__name__
