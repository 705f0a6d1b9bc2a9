"""The audio formats ostguide plays, by file name extension and in words, and what to say about
a format it cannot play. Stdlib only: the guide's checks, the library and the player share it."""

from __future__ import annotations

from pathlib import PurePosixPath

MIXER_EXTENSIONS = frozenset({".mp3", ".ogg", ".oga", ".flac", ".opus", ".wav"})
"""Extensions (lowercase) of the formats pygame's mixer decodes."""
DECODED_EXTENSIONS = frozenset({".m4a", ".mp4", ".wv", ".ape"})
"""Extensions of the formats ostguide decodes itself for the mixer, with PyAV: AAC and ALAC
(`.m4a`, `.mp4`), WavPack and Monkey's Audio (APE)."""
AUDIO_EXTENSIONS = MIXER_EXTENSIONS | DECODED_EXTENSIONS
"""Every extension that is scanned and played."""
PLAYABLE = "MP3, OGG, Opus, FLAC, WAV, AAC/ALAC (.m4a), WavPack or APE"
"""The formats of `AUDIO_EXTENSIONS`, as a listener would name them."""
UNPLAYABLE = {
    ".wma": "WMA",
    ".aiff": "AIFF",
    ".aif": "AIFF",
    ".dsf": "DSD",
    ".dff": "DSD",
    ".tta": "TTA",
    ".mka": "Matroska audio",
    ".aac": "raw AAC",
    ".ac3": "AC-3",
    ".mid": "MIDI",
    ".midi": "MIDI",
}
"""Audio formats listeners' folders hold that ostguide does not play, by extension."""


def format_of(name: str) -> str:
    """The format a file name's extension names: `WMA`, or the extension in capitals."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return UNPLAYABLE.get(suffix, suffix.lstrip(".").upper() or "without a type")


def cannot_play(name: str) -> str | None:
    """For a file name whose extension ostguide does not play: a sentence saying so and what to
    do; None when it plays (or has no extension at all)."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if not suffix or suffix in AUDIO_EXTENSIONS:
        return None
    return f"{name} is {format_of(name)}, which ostguide cannot play; convert it to {PLAYABLE}"
