"""`MixerPlayer`: the listener's file played through `pygame.mixer.music`, with a truthful clock.

`get_pos()` counts milliseconds handed to the device since the last `play()` and ignores seeks, so
the player keeps its own anchor: the position it knows at the last seek/pause/resume, plus the
`get_pos()` advance since then. Call it from one thread only (pygame keeps the track in globals).

Seeks restart the stream with `play(start=t)`: measured on the disk driver's output, `set_pos()`
leaves up to a few buffers of audio decoded before the seek (OGG, Opus, WAV), while `play(start=t)`
lands within 2 ms. A seek while paused is only remembered, and played from on `resume()`, so no
sound leaks out of a paused track; a track loaded paused likewise plays from `start` on resume.

WAV seeks: SDL_mixer truncates WAV seek targets to whole seconds. The player does not pretend:
for WAV it asks for the whole second below the target and reports that as the position, which is
what the listener hears. Every other format seeks to the exact target.

Tracks of an album image are spans of one file (`Span`): the clock reads 0:00 at the span's start,
and the track ends at the span's end, noticed by `poll`. Gapless: the player is told what plays
next (`queue_next`). When the next track is the next span of the same file, the stream simply plays
on and `poll` moves the clock to the next span at its start; when it is another file, it is queued
(`pygame.mixer.music.queue`), which SDL_mixer starts in the next mixing buffer, and `poll` sees
`get_pos()` restart. SDL_mixer leaves the rest of the buffer in which a file ends silent, so the
gap between two files is shorter than one buffer (`open_mixer`'s `buffer`, in frames).

A track paused (or over) for a while may let the device rest (`rest`): it is closed, and opened
again when the track plays.

AAC, ALAC, WavPack and APE are played from a decoded FLAC copy (`player.decoded.mixer_path`); a next
track whose copy is not ready yet is decoded in the background and queued by the first `poll` after
it is made.
"""

from __future__ import annotations

import math
import os
import time
from enum import Enum
from pathlib import Path

from ostguide.formats import PLAYABLE
from ostguide.player.decoded import DecodeError, decode_ahead, is_ready, mixer_path
from ostguide.player.errors import AudioUnavailable, PlaybackError
from ostguide.player.interface import SEEK_MARGIN, Source, Span, TrackEnded, start_within, whole
from ostguide.player.lean import pygame
from ostguide.player.probe import Probe, probe_length

END_SLACK = 0.5
"""How far (seconds) an end may be from the announced length before the length is corrected."""
JITTER_MS = 100
"""How far `get_pos()` may step back without a restart: it interpolates between mixing buffers
with the wall clock, so a late buffer makes it run ahead and then fall back."""

REPLACE = f"replace it with a good copy ({PLAYABLE})"


class _State(Enum):
    EMPTY = "empty"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"


NO_SIGNAL_HANDLERS = "SDL_NO_SIGNAL_HANDLERS"
"""SDL's hint not to install its own SIGINT/SIGTERM handlers when it starts (it would otherwise,
at `mixer.init()`, and the process would then ignore `kill PID`)."""


def open_mixer(frequency: int = 44100, buffer: int = 1024) -> MixerPlayer:
    """Open the audio device and return a player; `AudioUnavailable` says why it could not.

    Signals stay ostguide's: SDL is told not to take SIGINT and SIGTERM over.
    """
    _open_device(frequency, buffer)
    return MixerPlayer(frequency, buffer)


def _open_device(frequency: int, buffer: int) -> None:
    """Open the audio device (`AudioUnavailable` if it cannot be)."""
    os.environ[NO_SIGNAL_HANDLERS] = "1"
    try:
        pygame.mixer.init(frequency=frequency, buffer=buffer)
    except pygame.error as error:
        raise AudioUnavailable(str(error)) from None


class MixerPlayer:
    """Plays one file at a time through `pygame.mixer.music` (the mixer must be open)."""

    def __init__(self, frequency: int = 44100, buffer: int = 1024) -> None:
        """The device is open at `frequency` with a mixing buffer of `buffer` frames:
        `get_pos()` runs that far ahead right after a queued file takes over, and `rest`
        closes the device, which is opened the same way again when the music plays."""
        self._device = (frequency, buffer)
        self._buffer = buffer / frequency
        self._state = _State.EMPTY
        self._path: Path | None = None
        self._span = Span(Path(), 0.0, None)
        self._up_next: Span | None = None
        self._queued: Span | None = None
        self._queued_length = Probe(None, estimated=True)
        """What the queued file's headers say of its length (read when it was queued)."""
        self._carried: Span | None = None
        self._last_ms = 0
        self._length = 0.0
        self._estimated = False
        self._whole_seconds = False
        self._anchor = 0.0
        self._anchor_ms = 0
        self._restart = False
        self._resting = False
        self._heard = 0.0
        self._heard_at = 0.0
        self._volume = 1.0

    @property
    def loaded_path(self) -> Path | None:
        """The file loaded, or None."""
        return self._path

    @property
    def paused(self) -> bool:
        """Whether the listener paused the track."""
        return self._state is _State.PAUSED

    @property
    def finished(self) -> bool:
        """Whether the track played to its end (reported once by `poll`)."""
        return self._state is _State.FINISHED

    @property
    def length_estimated(self) -> bool:
        """Whether the length is a guess that playing the track may correct."""
        return self._estimated

    @property
    def length(self) -> float:
        """Seconds (of the span, for a track of an image); an estimated length grows while
        playback runs past it."""
        return self._end_with(self._raw_position()) - self._span.start

    @property
    def position(self) -> float:
        """Seconds into the track as heard: exact after a seek, frozen while paused."""
        raw = self._raw_position()
        return min(max(raw, self._span.start), self._end_with(raw)) - self._span.start

    @property
    def volume(self) -> float:
        """The level the music plays at, from 0 to 1 (muting is the transport's: it sets 0)."""
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = min(max(value, 0.0), 1.0)
        self._apply_volume()

    def load(
        self, source: Source | None, length: float | None, start: float = 0.0, paused: bool = False
    ) -> None:
        """Play `source` from `start` (seconds into the track; from 0 when `start` is past the
        track's end); `length` (the guide's) is used only if the headers lack one.

        Raises `PlaybackError` when the file is missing, damaged or not decodable. A track loaded
        paused is started once (silently, to prove the decoder can) and stopped until `resume()`.
        Loading the track that waits, paused, at that place (loaded before the screen was up)
        only plays it, or leaves it waiting.
        """
        if source is None:
            raise ValueError("the mixer player needs a file; use read-along without one")
        span = whole(source)
        if self._waits_at(span, start):
            if not paused:
                self.resume()
            return
        path = span.path
        self.stop()
        self._wake(path)
        if not path.is_file():
            raise PlaybackError(
                path, "the file is missing", "check that the music folder is there, or re-match"
            )
        try:
            path.open("rb").close()
        except OSError as error:  # the decoder would say only that it cannot open the file
            raise PlaybackError(
                path,
                f"the file cannot be read ({error.strerror or error})",
                "give yourself permission to read it (chmod u+r FILE), or re-match",
            ) from None
        try:
            playable = mixer_path(path)
        except DecodeError as error:
            raise PlaybackError(path, f"it cannot be decoded: {error}", REPLACE) from None
        probe = probe_length(playable)
        try:
            pygame.mixer.music.load(str(playable))
        except pygame.error as error:
            raise PlaybackError(path, f"the decoder refused it ({error})", REPLACE) from None
        self._path = path
        self._span = span
        self._length = probe.length or (span.start + length if length else 0.0)
        self._estimated = probe.estimated
        self._whole_seconds = path.suffix.lower() in {".wav", ".wave"}
        self._state = _State.PAUSED
        target = self._target(start_within(start, self.length))  # the track's, not the file's
        if paused:
            pygame.mixer.music.set_volume(0.0)
        self._play_from(target)
        if paused:
            pygame.mixer.music.stop()
            self._state = _State.PAUSED
            self._restart = True
            self._anchor_at(target)
        self._apply_volume()

    def _waits_at(self, span: Span, start: float) -> bool:
        """Whether `span` is loaded and waits, paused, to play from `start`."""
        return (
            self._state is _State.PAUSED
            and self._restart
            and self._span == span
            and self._anchor == self._target(start_within(start, self.length))
        )

    def pause(self) -> None:
        """Freeze playback where it is; the position stays where the sound stopped."""
        if self._state is not _State.PLAYING:
            return
        pygame.mixer.music.pause()
        self._anchor_at(self._span.start + self.position)
        self._state = _State.PAUSED

    def resume(self) -> None:
        """Carry on after a pause; after the end, play the track again from the start."""
        if self._state is _State.PAUSED and self._restart:
            self._play_from(self._anchor)
        elif self._state is _State.PAUSED:
            pygame.mixer.music.unpause()
            self._state = _State.PLAYING
            self._anchor_at(self._anchor)
        elif self._state is _State.FINISHED:
            self._play_from(self._target(0.0))

    def rest(self) -> None:
        """Close the audio device while the track is paused or over (SDL keeps calling for
        sound on an open device: some 170 times a second, a quarter of a point of CPU); the
        track plays from where it was when it plays again, the device opened anew (1–2 ms)."""
        if self._state not in (_State.PAUSED, _State.FINISHED) or self._resting:
            return
        pygame.mixer.music.stop()
        pygame.mixer.music.unload()
        pygame.mixer.quit()
        self._resting = True
        self._restart = self._state is _State.PAUSED
        self._queued = None

    def _wake(self, path: Path) -> bool:
        """Open the device again if it rests; True when it did (the track is to be loaded)."""
        if not self._resting:
            return False
        try:
            _open_device(*self._device)
        except AudioUnavailable as error:
            raise PlaybackError(
                path, f"the audio device could not be opened again ({error})", "play it again"
            ) from None
        self._resting = False
        self._apply_volume()
        return True

    def toggle_pause(self) -> None:
        """Pause when playing, resume when paused (or finished)."""
        if self._state is _State.PLAYING:
            self.pause()
        else:
            self.resume()

    def seek(self, seconds: float) -> None:
        """Go to `seconds` (clamped to `[0, length - 0.5]`, whole seconds for WAV).

        While paused the track stays paused and plays from there on `resume()`; after the end it
        plays again from there.
        """
        if self._state is _State.PAUSED:
            self._anchor_at(self._target(seconds))
            self._restart = True
        elif self._state is not _State.EMPTY:
            self._play_from(self._target(seconds))

    def seek_by(self, delta: float) -> None:
        """Go forward (or back, when negative) by `delta` seconds from the current position."""
        self.seek(self.position + delta)

    def carries_on(self, source: Source | None, start: float, paused: bool) -> bool:
        """Whether `source` already plays from its start because it followed gaplessly (the next
        span of the image, or the queued file): then there is nothing to load."""
        carried, self._carried = self._carried, None
        if source is None or paused or start or self._state is not _State.PLAYING:
            return False
        return carried == whole(source)

    def queue_next(self, source: Source | None) -> None:
        """What plays after this track in album order, so that it can start without a gap: the
        next span of the same file plays on; another file played from its start is queued by
        the next `poll` (queueing reads its headers twice, the mixer's and the length's: not at
        the moment a track changes, when the screen has the most to do)."""
        self._up_next = None if source is None else whole(source)
        if self._up_next is not None and not is_ready(self._up_next.path):
            decode_ahead([self._up_next.path])  # queued by a `poll` once its copy is made
        if self._queued is not None and self._queued != self._up_next:
            # the queued file is no longer next (a track repeating no more, as the last of the
            # album): a new file queued now takes its place; else, as pygame cannot take a
            # queued file back but a stream stopped forgets it, go on from where the sound is
            self._queued = None
            self._queue_up_next()
            if self._queued is None and self._state is _State.PLAYING:
                target = self._span.start + self.position
                pygame.mixer.music.stop()
                self._play_from(target)

    def _queue_up_next(self) -> None:
        """Queue the file that plays next, if it is another file (or this one again, a track
        repeating) played from its start and ready (a decoded copy that is still being made is
        queued by a later call)."""
        up_next = self._up_next
        if (
            up_next is None
            or (up_next.path == self._path and up_next != self._span)  # the same file again: yes
            or up_next.start
            or self._span.end is not None
            or self._queued is not None
            or self._state is not _State.PLAYING
            or not is_ready(up_next.path)
        ):
            return
        try:
            playable = mixer_path(up_next.path)
            pygame.mixer.music.queue(str(playable))
        except (pygame.error, DecodeError):
            return  # the session meets the problem when it plays the file, and says so
        self._queued, self._queued_length = up_next, probe_length(playable)

    def stop(self) -> None:
        """Stop and unload the track."""
        if self._state is not _State.EMPTY and not self._resting:
            pygame.mixer.music.stop()
            pygame.mixer.music.unload()
        self._state = _State.EMPTY
        self._path = None
        self._span = Span(Path(), 0.0, None)
        self._up_next = self._queued = self._carried = None
        self._length = 0.0
        self._estimated = False
        self._restart = False
        self._anchor_at(0.0)

    def poll(self) -> TrackEnded | None:
        """Call a few times a second: `TrackEnded` once when the track has played out.

        The end is when the track is playing (not paused by the listener) and the mixer is no longer
        busy. If it came clearly earlier or later than the announced length (a VBR MP3 without a
        Xing header, a damaged file), the length becomes the last position heard. If it came early
        because the file vanished (an unplugged drive), `PlaybackError` says so.

        Only `poll` samples the mixer's clock for later comparisons (`_sample`): reading
        `position` has no side effect, so however often the screen reads it, `poll` still sees
        `get_pos()` restart when a queued file begins.
        """
        if self._state is not _State.PLAYING:
            return None
        if not pygame.mixer.music.get_busy():
            return self._file_ended()
        self._queue_up_next()
        elapsed_ms, now = pygame.mixer.music.get_pos(), time.monotonic()
        raw = self._position_at(elapsed_ms, now)
        ended = self._span_ended(raw) or self._queue_took_over(elapsed_ms, now)
        self._sample(elapsed_ms, now)
        return ended

    def _file_ended(self) -> TrackEnded:
        """The mixer has stopped by itself: the track is over (its length corrected when the end
        came clearly earlier or later than announced)."""
        assert self._path is not None
        latest_end = self._heard + 1.05 * (time.monotonic() - self._heard_at) + 0.1
        ended_early = latest_end < self._length - END_SLACK
        ran_long = self._heard > self._length + END_SLACK
        corrected = ended_early or ran_long
        if ended_early and not self._path.exists():
            path = self._path
            self.stop()
            raise PlaybackError(
                path, "the file disappeared while playing", "check that its drive is connected"
            )
        if corrected:
            self._length = self._heard
        self._estimated = False
        self._state = _State.FINISHED
        return TrackEnded(self._path, self._length - self._span.start, corrected)

    def _span_ended(self, raw: float) -> TrackEnded | None:
        """At the end of a span (`raw`: the position in the file now): move on to the next span
        when it follows in the same file (the stream plays on), else pause at the end. None
        before the end."""
        end = self._span.end
        if end is None or raw < end:
            return None
        ended = TrackEnded(self._path, end - self._span.start)
        up_next = self._up_next
        if up_next is not None and up_next.path == self._path and up_next.start == end:
            self._span, self._carried, self._up_next = up_next, up_next, None
            return ended
        pygame.mixer.music.pause()
        self._anchor_at(end)
        self._state = _State.FINISHED
        return ended

    def _took_over(self, elapsed_ms: int, now: float) -> bool:
        """Whether the queued file has begun, judged from a reading of `get_pos()` (`elapsed_ms`,
        at `now`) against the last sample; pure, so `position` and `poll` agree.

        `get_pos()` restarts from 0 when the queued file begins. It interpolates between mixing
        buffers, so it may step back a little without a restart (`JITTER_MS`). A restart can also
        leave it above the last sample (a sample taken just after a seek, the next one long
        after the file ended): then the reading is nearer what it would be had the queued file
        begun when the current one ran out (the time since the sample less what was left) than
        what it would be had the current file played on (the sample plus that time). The two
        differ by the part of the file played since it was started, at least `SEEK_MARGIN`.
        """
        if self._queued is None:
            return False
        if elapsed_ms < self._last_ms - JITTER_MS:
            return True
        if self._estimated:  # what was left is unknown: only a restart tells
            return False
        since_ms = 1000 * (now - self._heard_at)
        left_ms = 1000 * (self._length - self._heard)
        return elapsed_ms < since_ms + (self._last_ms - left_ms) / 2

    def _queue_took_over(self, elapsed_ms: int, now: float) -> TrackEnded | None:
        """When the queued file has started: the track that ended, with the queued one playing
        from its start."""
        queued, path = self._queued, self._path
        if queued is None or path is None or not self._took_over(elapsed_ms, now):
            return None
        ended = TrackEnded(path, self._length - self._span.start)
        probe = self._queued_length
        self._path, self._span, self._carried = queued.path, queued, queued
        self._queued = self._up_next = None
        self._length = probe.length or 0.0
        self._estimated = probe.estimated
        self._whole_seconds = queued.path.suffix.lower() in {".wav", ".wave"}
        self._anchor = 0.0
        self._anchor_ms = round(1000 * self._buffer)
        return ended

    def _end_with(self, raw: float) -> float:
        """Where the track ends in the file: the span's end, else the file's length, stretched to
        `raw` when it is an estimate that playback has passed."""
        if self._span.end is not None:
            return self._span.end
        if self._estimated and self._state is _State.PLAYING:
            return max(self._length, raw)
        return self._length

    def _target(self, seconds: float) -> float:
        """Where in the file a seek to `seconds` into the track really lands: clamped to the
        track, and floored for WAV."""
        target = self._span.start + min(max(seconds, 0.0), max(self.length - SEEK_MARGIN, 0.0))
        return float(math.floor(target)) if self._whole_seconds else target

    def _play_from(self, target: float) -> None:
        """Restart the stream at `target` (already clamped) and anchor the position there (the
        track loaded again first if the device rested)."""
        assert self._path is not None
        try:
            if self._wake(self._path):
                pygame.mixer.music.load(str(mixer_path(self._path)))
            pygame.mixer.music.play(start=target)
        except (pygame.error, DecodeError) as error:
            path = self._path
            self.stop()
            raise PlaybackError(path, f"the decoder failed ({error})", REPLACE) from None
        self._state = _State.PLAYING
        self._restart = False
        self._anchor_at(target)

    def _anchor_at(self, seconds: float) -> None:
        """Remember that the sound is at `seconds` now, against the current `get_pos()`."""
        self._anchor = seconds
        self._anchor_ms = pygame.mixer.music.get_pos() if self._state is _State.PLAYING else 0
        self._last_ms = self._anchor_ms
        self._heard = seconds
        self._heard_at = time.monotonic()

    def _raw_position(self) -> float:
        """The position in the file now, unclamped. Reads the mixer and changes nothing."""
        if self._state is _State.FINISHED:
            return self._length
        if self._state is not _State.PLAYING:
            return self._anchor
        return self._position_at(pygame.mixer.music.get_pos(), time.monotonic())

    def _position_at(self, elapsed_ms: int, now: float) -> float:
        """The position in the file for a reading of `get_pos()` at `now`, while playing: at the
        end of the current file once the queued one has begun (`poll` then moves on to it)."""
        if elapsed_ms < 0:
            return self._heard
        if self._took_over(elapsed_ms, now):
            return self._length
        return self._anchor + (elapsed_ms - self._anchor_ms) / 1000

    def _sample(self, elapsed_ms: int, now: float) -> None:
        """Remember a reading of `get_pos()` as the last heard: `poll`'s alone, so that the next
        poll compares with its own last reading, never with one the screen took meanwhile."""
        if self._state is _State.PLAYING and elapsed_ms >= 0:
            self._last_ms = elapsed_ms
            self._heard = self._anchor + (elapsed_ms - self._anchor_ms) / 1000
            self._heard_at = now

    def _apply_volume(self) -> None:
        """Hand the volume to the mixer, if it is open."""
        if pygame.mixer.get_init():
            pygame.mixer.music.set_volume(self._volume)
