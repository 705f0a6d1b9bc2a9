"""Messages from the threads that look for the listener's music and analyse it to the screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..analysis.model import Analysis
from ..guide.model import TrackId
from ..launch import Library


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
    """A track's file was analysed."""

    track: TrackId
    analysis: Analysis
