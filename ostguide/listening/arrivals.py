"""What the listening waits for and takes in as it comes: the audio device and the music before
the track plays, the analysis of each file played, another player to follow."""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path

from ..analysis.model import AnalysisError
from ..authoring.live import LiveGuide
from ..guide.model import TrackId
from ..launch import Library, remember_library
from ..player.interface import Source, whole
from ..session import Session
from ..settings.memory import SettingsMemory
from ..sync.author import remember_track_later
from ..sync.sound import TrackSound, describe
from .events import Analyse
from .job import AnalysisJob, Heard
from .news import Analysed, DeviceOpened, Following, MusicFailed, MusicFound, MusicProgress, News
from .outbox import Outbox

DEVICE, MUSIC = "the audio device", "the music"
"""What the track may wait for, paused, before it plays."""

log = logging.getLogger(__name__)


class Arrivals:
    """What is awaited, what the app is busy with meanwhile, and which tracks have no file."""

    def __init__(
        self,
        session: Session,
        outbox: Outbox,
        memory: SettingsMemory | None,
        *,
        missing: Collection[TrackId],
        music_note: str,
    ) -> None:
        """`missing` lists tracks without audio and `music_note` says (in a sentence) where
        audio was looked for."""
        self._session = session
        self._outbox = outbox
        self._memory = memory
        self.missing = frozenset(missing)
        """Tracks with no audio file."""
        self.music_note = music_note
        """Where audio was looked for, when some has none."""
        self.activity = ""
        """What the app is busy with before it can play, if anything."""
        self.titles: dict[TrackId, str] = {}
        """The title tag of each track's file, once the music is found (for the search)."""
        self.timings: dict[TrackId, str] = {}
        """What aligning each track's file with the author's copy found, in a few words."""
        self._sounds: dict[TrackId, TrackSound] = {}
        """How the author's copy of each track sounds (the guide's sidecar), to align with."""
        self._waiting: set[str] = set()
        self._paused = False
        """Whether the track stays paused once everything awaited has arrived (the listener
        had paused it when they left)."""
        self._asked: set[Source] = set()
        """Files (and tracks of album images) whose analysis was asked for, once each."""

    def start(self, place: tuple[int, float], waiting: Collection[str], paused: bool) -> None:
        """Begin at `place` (track index, position), `paused` or not; the track waits, paused,
        until each of `waiting` (`DEVICE`, `MUSIC`) has arrived."""
        self._waiting = set(waiting)
        self._paused = paused
        if MUSIC in self._waiting:
            self.activity = "looking for your music"
        index, position = place
        self._session.play(index, position, paused=paused or bool(self._waiting))

    def look_in(self, folder: Path) -> None:
        """The listener chose the folder their music is in: it is being looked at (the screen
        runs the search and hands the result back as `news.MusicFound`)."""
        self.activity = f"looking in {folder}"

    @property
    def without_music(self) -> bool:
        """Whether no track has a file and nothing else keeps time (the first-run panel)."""
        session = self._session
        return (
            session.transport.mode == "read-along"
            and bool(self.missing)
            and len(self.missing) == len(session.guide.tracks)
        )

    def arrive(self, news: News) -> None:
        """Take in the news (all but the editor's, which is authoring's)."""
        session = self._session
        match news:
            case DeviceOpened(mixer, reason):
                session.transport.attach_device(mixer, reason)
                self._arrived(DEVICE)
            case MusicProgress(done, total):
                self.activity = f"reading tags {done}/{total}"
            case MusicFound(library):
                self._found(library)
            case MusicFailed(reason):
                self._outbox.toast(reason, "error", 10)
                self._arrived(MUSIC)
            case Analysed(job, AnalysisError() as error):
                log.warning("%s is not analysed: %s", job.path, error)
            case Analysed(job, Heard() as heard):
                session.remarks.analysed(job.track, heard.analysis, heard.timing)
                if heard.said:
                    self.timings[job.track] = heard.said
            case Following(player):
                session.transport.follow(player)

    def settle(self) -> None:
        """After each command: what the followed player said, and the current track's file to
        analyse, the first time it is seen once nothing is awaited any more."""
        session = self._session
        followed = session.transport.followed
        if followed is not None and (said := followed.take_note()):
            self._outbox.note(said)
        source = session.source
        if self._waiting or source is None or source in self._asked:
            return
        self._asked.add(source)
        span = whole(source)
        track = session.track.id
        sound = self._sounds.get(track)
        job = AnalysisJob(track, span.path, session.file_length, span.start, span.end, sound)
        self._outbox.send(Analyse(job))

    def describe_track(self, live: LiveGuide) -> None:
        """After a stamp or a retime on a track the sidecar does not describe yet: describe the
        file heard there, which the guide is now timed on (once it is analysed), in the
        background."""
        session = self._session
        track, analysis, source = session.track.id, session.remarks.analysis, session.source
        if analysis is None or source is None or track in self._sounds:
            return
        remember_track_later(live.file.path, track, whole(source).path, analysis)
        self._sounds[track] = describe(analysis)

    def _found(self, library: Library) -> None:
        """The listener's files were found (some tracks may have none); remember where, and
        say what is wrong with the music's CUE sheets. Found after the track started (a folder
        chosen on the screen), the track plays again from where it is, now from its file."""
        session = self._session
        guide = session.guide
        session.attach_library(library.files, library.lengths)
        self._sounds = dict(library.sounds)
        self.titles = library.titles
        if not self._waiting:
            session.play(session.index, session.position, paused=session.transport.paused)
        self.missing = frozenset(library.missing(guide))
        self.music_note = library.why_silent(guide)
        if self._memory is not None:
            self._outbox.warn(remember_library(library, self._memory))
        self._outbox.warn(list(library.notices))  # a CUE sheet's problems, one line each
        self._arrived(MUSIC)

    def _arrived(self, what: str) -> None:
        """One awaited thing is here; once all are, play from where the track waited."""
        if what == MUSIC:
            self.activity = ""
        if what in self._waiting:
            self._waiting.discard(what)
            if not self._waiting:
                session = self._session
                session.play(session.index, session.position, paused=self._paused)
