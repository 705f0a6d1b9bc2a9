"""Messages from the threads that open the audio device, look for the music and analyse it to the
screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..analysis.job import AnalysisJob, Heard
from ..analysis.model import AnalysisError
from ..launch import Library

if TYPE_CHECKING:
    from ..player.mixer import MixerPlayer


@dataclass
class DeviceOpened(Message):
    """The audio device was opened (`mixer`), or could not be (None, and `reason` says why)."""

    mixer: MixerPlayer | None
    reason: str


@dataclass
class MusicProgress(Message):
    """Tags are being read: `done` files of `total`."""

    done: int
    total: int


@dataclass
class MusicFound(Message):
    """The music folder was located, scanned and matched (files may still be missing)."""

    library: Library


@dataclass
class MusicSearchFailed(Message):
    """Looking for the music failed outright."""

    reason: str


@dataclass
class Analysed(Message):
    """A file the controller asked for was analysed (or why it cannot be)."""

    job: AnalysisJob
    result: Heard | AnalysisError
