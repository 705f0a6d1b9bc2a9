"""Getting the music ready while the screen is being built: a thread, started by `wiring.wire`
before Textual is imported, opens the audio device (importing pygame), finds the music (the tag
reader and the matcher) and loads the first track paused at the listener's place, so that it
can play as the first frame is drawn.

Its news (`DeviceOpened`, `MusicProgress`, `MusicFound` or `MusicFailed`) wait for the screen,
which takes those already there when it starts (`attach`) and is sent the rest as they come.
The mixer is this thread's until its news are handed over (the device's and the music's at
once, after the track is loaded), and the event loop's from then on: pygame keeps the track in
globals, so it is never used by two threads at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..launch import Library
from .arrivals import DEVICE, MUSIC
from .news import DeviceOpened, MusicFailed, MusicFound, MusicProgress, News

if TYPE_CHECKING:
    from ..library.scan import Progress as ScanProgress
    from ..player.mixer import MixerPlayer

FindMusic = Callable[["ScanProgress", "Path | None"], Library]
"""Finds the listener's files for the guide (in the folder given, if one is: the listener chose
it), reporting (files read, total) as it goes."""
OpenAudio = Callable[[], "tuple[MixerPlayer | None, str]"]
"""Opens the audio device: the mixer, or None and why not."""
Ready = Callable[["MixerPlayer", Library], None]
"""Loads the track the listening starts at into the mixer, paused at its place."""
Tell = Callable[[News], object]
"""Hands news to the controller (through the screen)."""

PROGRESS_EVERY = 50
"""Files read between two progress reports while looking for the music."""


def search(find_music: FindMusic, tell: Tell, folder: Path | None = None) -> Library | None:
    """Look for the music (in `folder`, when the listener chose one), telling the progress as
    it goes; the library, or None when the search failed (`MusicFailed` told)."""

    def progress(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            tell(MusicProgress(done, total))

    try:
        return find_music(progress, folder)
    except Exception as error:  # a scan meets file systems and tags of every kind
        tell(MusicFailed(f"could not look for music: {error}"))
        return None


class Opening:
    """The audio device and the music, got ready in a thread of their own."""

    def __init__(
        self,
        open_audio: OpenAudio | None,
        find_music: FindMusic | None,
        ready: Ready | None = None,
    ) -> None:
        """`open_audio` opens the device and `find_music` finds the music (each None when
        another player is followed); `ready` loads the first track once both are there."""
        self._open_audio = open_audio
        self._find_music = find_music
        self._ready = ready
        self._lock = threading.Lock()
        self._news: list[News] = []
        self._send: Tell | None = None
        self._thread: threading.Thread | None = None

    @property
    def awaited(self) -> tuple[str, ...]:
        """What the first track waits for (`arrivals.DEVICE`, `arrivals.MUSIC`)."""
        return (DEVICE,) * (self._open_audio is not None) + (MUSIC,) * (
            self._find_music is not None
        )

    def start(self) -> None:
        """Start getting ready (once; later calls do nothing)."""
        if self._thread is None and self.awaited:
            self._thread = threading.Thread(target=self._open, name="opening", daemon=True)
            self._thread.start()

    def attach(self, send: Tell) -> list[News]:
        """The news so far; `send` is given the rest as they come (from the opening's thread)."""
        with self._lock:
            news, self._news, self._send = self._news, [], send
        return news

    def _tell(self, news: News) -> None:
        with self._lock:
            if self._send is None:
                self._news.append(news)
                return
            send = self._send
        send(news)

    def _open(self) -> None:
        """The thread: the device, the music, the first track; then the news of the first two."""
        mixer, reason = self._open_audio() if self._open_audio is not None else (None, "")
        library = None
        if self._find_music is not None:
            library = search(self._find_music, self._tell)
        if mixer is not None and library is not None and self._ready is not None:
            self._ready(mixer, library)
        if self._open_audio is not None:
            self._tell(DeviceOpened(mixer, reason))
        if library is not None:
            self._tell(MusicFound(library))
