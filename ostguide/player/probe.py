"""A file's length from its headers (mutagen), without decoding it, and how far to trust it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import mutagen
from mutagen.mp3 import MP3, BitrateMode


@dataclass(frozen=True, slots=True)
class Probe:
    """What the headers say about a file's length."""

    length: float | None
    """Seconds, or None when the headers do not tell."""
    estimated: bool
    """True when the length is a guess (VBR MP3 without a Xing/LAME header, or unknown)."""


def probe_length(path: Path) -> Probe:
    """Read the length from the headers; damaged or unknown files give an unknown length.

    Whether a file *plays* is for the decoder to say; this only says how long it claims to be.
    """
    try:
        audio = mutagen.File(path)
    # mutagen's parsers raise many unrelated types on damaged data (struct.error, ValueError,
    # MutagenError subclasses); any of them just means "the headers do not tell".
    except Exception:
        return Probe(None, estimated=True)
    if audio is None or audio.info is None or not audio.info.length:
        return Probe(None, estimated=True)
    info = audio.info
    guessed = (
        isinstance(audio, MP3)
        and info.bitrate_mode == BitrateMode.UNKNOWN
        and not info.encoder_info
    )
    return Probe(float(info.length), estimated=guessed)
