"""What an import gives (remarks for one track, or an album's tracks) and the small text helpers
every format's reader shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ostguide.guide.diagnostics import Diagnostic
from ostguide.safetext import visible

Format = Literal["lrc", "cue", "chapters", "timestamps"]
FORMATS: tuple[Format, ...] = ("lrc", "cue", "chapters", "timestamps")
"""The names `--format` accepts."""


@dataclass(frozen=True, slots=True)
class ImportedCue:
    """A timed remark."""

    seconds: float
    text: str


@dataclass(frozen=True, slots=True)
class ImportedTrack:
    """A track of an imported album."""

    disc: int
    number: int
    title: str
    length: float | None
    """Seconds, when the sheet (or the audio next to it) tells."""
    file: str | None
    """File name hint, when the track has an audio file of its own."""
    cues: tuple[ImportedCue, ...] = ()


@dataclass(frozen=True, slots=True)
class Imported:
    """What a file held: remarks for one track (`cues`) or an album's tracks (`tracks`)."""

    kind: Literal["cues", "tracks"]
    title: str = ""
    performer: str = ""
    cues: tuple[ImportedCue, ...] = ()
    tracks: tuple[ImportedTrack, ...] = ()


Result = tuple[Imported | None, list[Diagnostic]]


def clean(text: str) -> str:
    """One line of remark text: whitespace runs (line breaks included) as single spaces, other
    control characters shown as pictures of them (an imported title or chapter may hold any)."""
    return visible(" ".join(text.split()))


def as_guide(imported: Imported, name: str) -> Imported:
    """What is written as a file of its own: a guide, which must have tracks. Remarks for one
    track become that track, titled with the file's own title (LRC's `[ti:]`), else `name`."""
    if imported.kind == "tracks":
        return imported
    track = ImportedTrack(1, 1, imported.title or name, None, None, imported.cues)
    return Imported("tracks", performer=imported.performer, tracks=(track,))
