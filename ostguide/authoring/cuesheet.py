"""CUE sheets as an album's tracks for `ostguide import`: `parse_cue` reads a sheet (with the
library's reader, `ostguide.library.cuesheet`) and gives each track its length, which needs the
audio files next to it. Nothing raises on bad input: every problem is a `Diagnostic`.
"""

from __future__ import annotations

from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.model import format_time
from ostguide.library.cuesheet import SheetTrack, audio_of, read_sheet
from ostguide.player.probe import probe_length

from .imported import Imported, ImportedTrack, Result


def parse_cue(text: str, path: Path) -> Result:
    """An album's tracks from a CUE sheet.

    A track's length is where the next track in the same FILE starts, minus where it starts; the
    last track of a FILE runs to the end of the audio file, if it is next to the sheet and mutagen
    can read its length, else its length is unknown. A FILE that holds one track is that track's
    file hint; a FILE that holds several (a one-file album rip) is no track's.
    """
    sheet, diagnostics = read_sheet(text, path)
    if sheet is None:
        return None, diagnostics
    findings = Findings(path)
    findings.extend(diagnostics)
    by_file: dict[str, list[SheetTrack]] = {}
    for track in sheet.tracks:
        by_file.setdefault(track.file, []).append(track)
    tracks: list[ImportedTrack] = []
    for name, in_file in by_file.items():
        audio = audio_of(path.parent, name)
        audio_length = probe_length(audio).length if audio else None
        for index, track in enumerate(in_file):
            following = in_file[index + 1] if index + 1 < len(in_file) else None
            end = following.start if following else audio_length
            length = None if end is None else end - track.start
            if end is not None and end <= track.start:
                _misplaced(findings, track, following, end)
            hint = (audio.name if audio else name) if len(in_file) == 1 else None
            tracks.append(ImportedTrack(1, track.number, track.title, length, hint))
    tracks.sort(key=lambda track: track.number)
    return findings.outcome(Imported("tracks", sheet.title, sheet.performer, tracks=tuple(tracks)))


def _misplaced(
    findings: Findings, track: SheetTrack, following: SheetTrack | None, end: float
) -> None:
    """Report a track that starts at or after the next one, or where its file ends."""
    if following is not None:
        message = f"track {track.number:02d} does not start before track {following.number:02d}"
        help_text = "the INDEX 01 times of the tracks in one FILE must ascend"
    else:
        message = (
            f"track {track.number:02d} starts where its audio file ends ({format_time(round(end))})"
        )
        help_text = "check the INDEX 01 time and the FILE the track belongs to"
    findings.error(track.line, track.column, message, help_text)
