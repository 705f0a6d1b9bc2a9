"""Messages from the thread that looks for the listener's music to the screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

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
