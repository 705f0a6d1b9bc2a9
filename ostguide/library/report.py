"""Plain-text report of an assignment, for `ostguide match GUIDE`.

A header row, then one aligned line per track (number, title, the file chosen or "not found",
how sure and why), then, when tracks are missing, the folders whose numbers were not trusted and
why, then the files that serve no track.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ostguide.guide.model import Track, format_time
from ostguide.library.match import Assignment
from ostguide.library.scan import AudioFile
from ostguide.safetext import visible

MAX_LEFTOVERS = 50
"""Leftover files listed by name; the rest are only counted."""

HEADER = ("#", "TRACK", "FILE", "SURE", "WHY")
"""The column names, as the first row."""

_TITLE_WIDTH = 32
"""Titles longer than this are cut with an ellipsis so the columns stay readable."""


def format_assignment(guide_tracks: Sequence[Track], assignment: Assignment) -> list[str]:
    """Lines describing which file each track got, then the leftover files.

    `01  Shangri-La        Noein/01 Shangri-La.flac   100%  track 1 of 23 in the tags; same title`
    """
    by_track = {m.track: m for m in assignment.matches}
    rows: list[tuple[str, str, str, str, str]] = [HEADER]
    for track in guide_tracks:
        found = by_track.get(track.id)
        title = _cut(track.title, _TITLE_WIDTH)
        if found is None or found.file is None:
            why = found.reason if found is not None else ""
            rows.append((str(track.id), title, "not found", "", why))
        else:
            place = _shown(found.file, assignment.root)
            rows.append((str(track.id), title, place, f"{found.confidence:.0%}", found.reason))
    widths = [max((_width(row[k]) for row in rows), default=0) for k in range(4)]
    lines = []
    for row in rows:
        cells = [_pad(row[k], widths[k], right=k == 3) for k in range(4)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    if assignment.refused and not assignment.complete:
        lines.append("")
        lines.append("Not matched by their numbers:")
        lines.extend(f"  {why}" for why in assignment.refused[:MAX_LEFTOVERS])
    if assignment.leftovers:
        count = len(assignment.leftovers)
        lines.append("")
        lines.append(f"{count} file{'s' if count != 1 else ''} not used:")
        for audio in assignment.leftovers[:MAX_LEFTOVERS]:
            note = f"  ({visible(audio.problem)})" if audio.problem else ""
            lines.append(f"  {_shown(audio, assignment.root)}{note}")
        if count > MAX_LEFTOVERS:
            lines.append(f"  … and {count - MAX_LEFTOVERS} more")
    return lines


def _shown(audio: AudioFile, root: Path | None) -> str:
    """The file's path relative to the music folder when it is inside it; for a track of an
    album image, with its span (`Noein.flac 0:21–0:30`). A file name may hold any character but
    `/`: control characters are shown as pictures of them."""
    if root is not None and audio.path.is_relative_to(root):
        shown = visible(audio.path.relative_to(root).as_posix())
    else:
        shown = visible(str(audio.path))
    if audio.sheet is None:
        return shown
    end = audio.end if audio.end is not None else audio.start + (audio.length or 0.0)
    return f"{shown} {format_time(audio.start)}–{format_time(end)}"


def _width(text: str) -> int:
    """Terminal columns `text` takes: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _cut(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"
