"""`Transport`: what the app talks to. It plays a track through the mixer when it can, else reads
along silently, and says which mode it is in and why.

Volume and mute belong to the transport, so they carry over from track to track and between modes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from ostguide.player.clock import Clock
from ostguide.player.errors import AudioUnavailable, PlaybackError
from ostguide.player.interface import Followed, Player, Source, TrackEnded, whole
from ostguide.player.quiet import divert_stderr, restore_stderr
from ostguide.player.readalong import ReadAlongPlayer

if TYPE_CHECKING:
    from ostguide.guide.model import TrackId
    from ostguide.player.mixer import MixerPlayer

Mode = Literal["audio", "read-along", "follow"]
Result = TypeVar("Result")

NO_FILE = "no audio file for this track"

BUFFER_FRAMES = 256
"""The mixing buffer (frames at 44.1 kHz: 5.8 ms). SDL_mixer leaves the rest of the buffer in which
a file ends silent before a queued file starts, so this bounds the gap between two tracks in
separate files; 1,024 frames left gaps of up to 23 ms. It is also the least: asked for 128, 192 or
220 frames, the mixer here mixes in 256-frame buffers all the same (measured on SDL's disk
driver)."""


def open_device(log_path: Path) -> tuple[MixerPlayer | None, str]:
    """Open the audio device (44.1 kHz, `BUFFER_FRAMES`): the mixer, or None and the reason.

    pygame is imported here, not when this module is, so that a screen can draw before paying for
    it. While the device is being opened, fd 2 points at `log_path`, so that ALSA's complaints
    about a missing sound card go to the log rather than the terminal.
    """
    from ostguide.player.mixer import open_mixer

    diverted = divert_stderr(log_path)
    try:
        return open_mixer(frequency=44100, buffer=BUFFER_FRAMES), ""
    except AudioUnavailable as error:
        return None, str(error)
    finally:
        restore_stderr(diverted)


def open_transport(clock: Clock, log_path: Path) -> Transport:
    """A transport on the audio device, or reading along when there is none."""
    return Transport(clock, *open_device(log_path))


class Transport:
    """Plays tracks through a mixer player when possible, else a read-along player."""

    def __init__(self, clock: Clock, mixer: MixerPlayer | None, unavailable: str = "") -> None:
        """`mixer` is None when no device could be opened; `unavailable` then says why."""
        self._mixer = mixer
        self._unavailable = unavailable or "no audio device"
        self._readalong = ReadAlongPlayer(clock)
        self._following: Followed | None = None
        self._active: Player = self._readalong
        self._reason = NO_FILE
        self._known_length: float | None = None
        self._volume = 1.0
        self._muted = False

    def attach_device(self, mixer: MixerPlayer | None, unavailable: str = "") -> None:
        """Use an audio device opened after the transport was made (None: say why not). The
        track playing goes on reading along until it is played again."""
        self._mixer = mixer
        self._unavailable = unavailable or "no audio device"

    def follow(self, player: Followed) -> None:
        """Keep time by another player from now on (ostguide then plays nothing itself)."""
        self._active.stop()
        self._following = player
        self._active = player

    @property
    def mode(self) -> Mode:
        """ "audio" when the listener's file plays, "read-along" when time is only counted,
        "follow" when another player keeps time."""
        if self._following is not None:
            return "follow"
        return "audio" if self._active is self._mixer else "read-along"

    @property
    def reason(self) -> str:
        """Why the transport reads along, or what it follows and how that goes (a sentence for
        the listener); empty in audio mode."""
        if self._following is not None:
            return self._following.status
        return "" if self.mode == "audio" else self._reason

    @property
    def followed(self) -> Followed | None:
        """The other player followed, in follow mode."""
        return self._following

    @property
    def followed_track(self) -> TrackId | None:
        """In follow mode, the guide's track the other player plays (None: none of them)."""
        return None if self._following is None else self._following.followed_track

    @property
    def audio_available(self) -> bool:
        """Whether an audio device is open."""
        return self._mixer is not None

    def play(
        self,
        source: Source | None,
        known_length: float | None,
        start: float = 0.0,
        paused: bool = False,
        track: TrackId | None = None,
    ) -> None:
        """Play `source` (a file, or a track's span of an album image) from `start` (through the
        mixer when there is a file and a device).

        `known_length` is the guide's length for the track: the read-along length, and the
        fallback when the file's headers lack one. If the file cannot be played, the transport
        reads along from `start` instead, `reason` says why, and the `PlaybackError` is re-raised
        so the caller can tell the listener. Controls and `poll` do the same when the file fails
        mid-track. A track that already plays from its start because it followed the last one
        without a gap (see `queue_next`) goes on as it is. In follow mode the other player is asked
        to play `track` instead.
        """
        path = None if source is None else whole(source).path
        if self._following is not None:
            self._following.choose(track)
            self._following.load(path, known_length, start, paused)
            return
        self._known_length = known_length
        mixer = self._mixer
        if self._active is mixer and mixer is not None and mixer.carries_on(source, start, paused):
            return
        self._active.stop()
        if source is None or self._mixer is None:
            reason = NO_FILE if self._mixer is not None else self._unavailable
            self._read_along(path, start, paused, reason)
            return
        try:
            self._mixer.load(source, known_length, start, paused)
        except PlaybackError as error:
            assert path is not None
            self._read_along(path, start, paused, f"could not play {path.name}: {error.reason}")
            raise
        self._active = self._mixer
        self._apply_sound()

    def queue_next(self, source: Source | None) -> None:
        """Say what plays after the current track in album order (None: nothing), so that it can
        start without a gap."""
        if self._active is self._mixer and self._mixer is not None:
            self._mixer.queue_next(source)

    @property
    def position(self) -> float:
        """Seconds into the track."""
        return self._active.position

    @property
    def length(self) -> float:
        """The track's length in seconds (the file's in audio mode, the guide's otherwise)."""
        return self._active.length

    @property
    def paused(self) -> bool:
        """Whether the listener paused the track."""
        return self._active.paused

    @property
    def loaded_path(self) -> Path | None:
        """The file of the current track, if it has one."""
        return self._active.loaded_path

    @property
    def volume(self) -> float:
        """Loudness from 0 to 1, kept across tracks and while muted; in follow mode, the other
        player's."""
        if self._following is not None:
            return min(max(self._following.volume, 0.0), 1.0)
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        if self._following is not None:
            self._following.volume = min(max(value, 0.0), 1.0)
            return
        self._volume = min(max(value, 0.0), 1.0)
        self._apply_sound()

    @property
    def muted(self) -> bool:
        """Whether the sound is muted, kept across tracks; in follow mode, the other player."""
        return self._following.muted if self._following is not None else self._muted

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute without losing the volume."""
        if self._following is not None:
            if muted != self._following.muted:
                self._following.set_muted(muted)
            return
        self._muted = muted
        self._apply_sound()

    def pause(self) -> None:
        """Freeze playback where it is."""
        self._active.pause()

    def resume(self) -> None:
        """Carry on after a pause (after the end, from the start)."""
        self._guarded(self._active.resume)

    def toggle_pause(self) -> None:
        """Pause when playing, resume when paused."""
        self._guarded(self._active.toggle_pause)

    def seek(self, seconds: float) -> None:
        """Go to an absolute time in the track (clamped; whole seconds for WAV files)."""
        self._guarded(lambda: self._active.seek(seconds))

    def seek_by(self, delta: float) -> None:
        """Go forward (or back, when negative) by `delta` seconds."""
        self._guarded(lambda: self._active.seek_by(delta))

    def stop(self) -> None:
        """Stop and forget the track."""
        self._active.stop()

    def rest(self) -> None:
        """Close the audio device while the music is paused or over (it opens again when the
        music plays)."""
        if self._active is self._mixer and self._mixer is not None:
            self._mixer.rest()

    def poll(self) -> TrackEnded | None:
        """Call a few times a second: `TrackEnded` once when the track is over."""
        return self._guarded(self._active.poll)

    def _guarded(self, action: Callable[[], Result]) -> Result:
        """Run a control; if the file fails mid-track (it vanished, the decoder gave up), read
        along from where the sound was, set `reason`, and re-raise the `PlaybackError`."""
        position, paused = self._active.position, self._active.paused
        try:
            return action()
        except PlaybackError as error:
            reason = f"could not play {error.path.name}: {error.reason}"
            self._read_along(error.path, position, paused, reason)
            raise

    def _read_along(self, path: Path | None, start: float, paused: bool, reason: str) -> None:
        """Switch to the read-along player over the guide's length."""
        self._active.stop()
        self._active = self._readalong
        self._reason = reason
        self._readalong.load(path, self._known_length, start, paused)
        self._apply_sound()

    def _apply_sound(self) -> None:
        """Give the active player the level to sound at: the volume, or 0 while muted."""
        self._active.volume = 0.0 if self._muted else self._volume
