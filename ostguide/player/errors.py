"""What can go wrong with playback, as exceptions whose text a listener can act on."""

from __future__ import annotations

from pathlib import Path


class PlaybackError(Exception):
    """A file that cannot be played: missing, damaged, unsupported, or gone while playing.

    `str(error)` is one line naming the file, what went wrong and what to do.
    """

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        self.path = path
        """The file that could not be played."""
        self.reason = reason
        """What went wrong, in a few words."""
        self.advice = advice
        """What the listener can do about it."""
        super().__init__(f"could not play {path.name}: {reason}; {advice}")


class AudioUnavailable(Exception):
    """No audio output could be opened (no sound card, no server, driver failure)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        """Why, as the audio library put it."""
        super().__init__(f"no audio device: {reason}")
