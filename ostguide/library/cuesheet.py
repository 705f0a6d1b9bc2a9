"""CUE sheets: their FILEs, TRACKs and where each track starts (`INDEX 01 mm:ss:ff`).

`read_sheet` reads the syntax: real sheets carry `INDEX 00` pregaps, `FLAGS`, `ISRC`, `REM` lines
of every kind (`REM DISCNUMBER 2` is read) and sometimes no FILE at all (MusicBrainz exports);
tracks before any FILE are read with a warning and an empty `file`. `audio_of` finds the audio a
FILE line names. Nothing raises on bad input: every problem is a `Diagnostic` at its line and
column. Used by the library (single-file album images) and by `ostguide import`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ostguide.guide.diagnostics import Diagnostic, Findings
from ostguide.guide.source import lines_of
from ostguide.guide.stamps import MAX_DIGITS, TOO_LARGE_HELP

FRAMES_PER_SECOND = 75
"""A CD sector is 1/75 of a second; CUE sheet times count in these frames."""

_COMMAND = re.compile(r"\s*([A-Za-z]+)\b\s*(.*?)\s*")
_TIME = re.compile(r"(\d+):(\d+):(\d+)")
_TRACK = re.compile(r"(\d+)(?:\s+(\S+))?")
_INDEX = re.compile(r"(\d+)(?:\s+(\S+))?")
_IGNORED = {"CATALOG", "CDTEXTFILE", "SONGWRITER", "ISRC", "FLAGS", "PREGAP", "POSTGAP"}
_DISC = re.compile(r"DISCNUMBER\s+\"?(\d+)", re.IGNORECASE)
_TIME_HELP = "write INDEX 01 minutes:seconds:frames, e.g. INDEX 01 04:12:37 (75 frames a second)"
AUDIO_SUFFIXES = (".flac", ".wav", ".ape", ".wv", ".mp3", ".m4a", ".ogg", ".opus", ".aiff")
"""Rips often keep the sheet that names `album.wav` next to `album.flac`."""


@dataclass(frozen=True, slots=True)
class SheetTrack:
    """A TRACK of the sheet."""

    number: int
    title: str
    file: str
    """The FILE it is in, as written."""
    start: float
    """Seconds from the start of its FILE (`INDEX 01`)."""
    line: int
    """Line of the TRACK command (1-based)."""
    column: int
    """Column of the TRACK command (1-based)."""
    file_line: int = 0
    """Line of the FILE command it is under (0 when the sheet names no FILE)."""
    index_line: int = 0
    """Line of its INDEX 01."""


@dataclass(frozen=True, slots=True)
class CueSheet:
    """What a CUE sheet says: the album's TITLE and PERFORMER, its audio tracks in order."""

    title: str
    performer: str
    tracks: tuple[SheetTrack, ...]
    disc: int | None = None
    """`REM DISCNUMBER`, when the sheet gives it."""


@dataclass(slots=True)
class _Draft:
    """A TRACK while its lines are read."""

    number: int
    file: str
    line: int
    column: int
    audio: bool
    file_line: int
    title: str = ""
    start: float | None = None
    index_line: int = 0
    """Line of its INDEX 01, or 0 before one is read."""


@dataclass(slots=True)
class _Reader:
    """One pass over a sheet's lines."""

    findings: Findings
    title: str = ""
    performer: str = ""
    file: str | None = None
    file_line: int = 0
    disc: int | None = None
    drafts: list[_Draft] = field(default_factory=list)

    def take(self, text: str, line: int) -> None:
        """Read one line: a command and its arguments."""
        if not text.strip():
            return
        command = _COMMAND.fullmatch(text)
        if command is None:
            self.findings.error(
                line, 1, "expected a CUE command", "CUE sheet lines start with a command"
            )
            return
        name, rest = command.group(1).upper(), command.group(2)
        column = command.start(2) + 1
        if name == "REM":
            disc = _DISC.match(rest)
            if disc is not None and not self.drafts:
                self.disc = int(disc.group(1))
            return
        if name in _IGNORED:
            return
        if name in ("TITLE", "PERFORMER"):
            value = self.value(rest, line, column)
            if value is None:
                return
            draft = self.drafts[-1] if self.drafts else None
            if name == "PERFORMER":
                if draft is None:
                    self.performer = value
            elif draft is None:
                self.title = value
            else:
                draft.title = value
        elif name == "FILE":
            self.file = self.file_name(rest, line, column)
            self.file_line = line
        elif name == "TRACK":
            self.track(rest, line, command.start(1) + 1, column)
        elif name == "INDEX":
            self.index(rest, line, column)
        else:
            self.findings.warn(
                line,
                command.start(1) + 1,
                f"unknown CUE command {command.group(1)}, ignored",
                "known commands: FILE, TRACK, INDEX, TITLE, PERFORMER, REM",
            )

    def value(self, rest: str, line: int, column: int) -> str | None:
        """A quoted (`"Shangri-La"`) or unquoted (`Shangri-La`) value."""
        if not rest.startswith('"'):
            return rest
        close = rest.find('"', 1)
        if close < 0:
            self.findings.error(line, column, "unterminated quoted value", 'close the value with "')
            return None
        return rest[1:close]

    def file_name(self, rest: str, line: int, column: int) -> str | None:
        """`"name with spaces.flac" WAVE` or `name.wav WAVE`: the name without the file type."""
        if rest.startswith('"'):
            return self.value(rest, line, column)
        name, _, kind = rest.rpartition(" ")
        name = name.strip() if kind.isupper() and name.strip() else rest
        if not name:
            self.findings.error(
                line, column, "FILE needs a file name", 'write FILE "album.flac" WAVE'
            )
            return None
        return name

    def track(self, rest: str, line: int, start: int, column: int) -> None:
        """`TRACK 01 AUDIO` (at `start`, its arguments at `column`): a track in the current FILE."""
        match = _TRACK.fullmatch(rest)
        if match is None:
            self.findings.error(line, column, "expected a track number", "write TRACK 01 AUDIO")
            return
        if len(match.group(1)) > MAX_DIGITS:
            self.findings.error(
                line, column, "track number is too large", "CUE sheets number tracks 01 to 99"
            )
            return
        if self.file is None:
            self.findings.warn(
                line,
                1,
                "the sheet names no FILE (as MusicBrainz writes them): its tracks are read",
                'to say which audio they are in, start the sheet with FILE "album.flac" WAVE',
            )
            self.file = ""
        self.finish()
        kind = (match.group(2) or "AUDIO").upper()
        if kind != "AUDIO":
            self.findings.warn(
                line,
                column + match.start(2),
                f"{match.group(2)} track {match.group(1)} is not audio, skipped",
            )
        self.drafts.append(
            _Draft(int(match.group(1)), self.file, line, start, kind == "AUDIO", self.file_line)
        )

    def index(self, rest: str, line: int, column: int) -> None:
        """`INDEX 01 mm:ss:ff`: where the current track starts (other indexes are ignored)."""
        if not self.drafts:
            self.findings.error(
                line, 1, "INDEX before any TRACK", "put INDEX lines under a TRACK line"
            )
            return
        draft = self.drafts[-1]
        match = _INDEX.fullmatch(rest)
        if match is None:
            self.findings.error(line, column, "expected an index number and a time", _TIME_HELP)
            return
        if match.group(1).lstrip("0") != "1":
            return
        if draft.index_line:
            self.findings.error(
                line, 1, f"a second INDEX 01 (the first on line {draft.index_line})", _TIME_HELP
            )
            return
        draft.index_line = line
        if match.group(2) is None:
            self.findings.error(line, column + match.end(1), "INDEX 01 needs a time", _TIME_HELP)
            return
        draft.start = self.time(match.group(2), line, column + match.start(2))

    def time(self, text: str, line: int, column: int) -> float | None:
        """Seconds of `mm:ss:ff`, checking that the minutes are no longer than a guide's stamps
        allow (each track's length is one), seconds are below 60 and frames below 75."""
        match = _TIME.fullmatch(text)
        if match is None:
            self.findings.error(line, column, f"malformed time {text}", _TIME_HELP)
            return None
        minutes, seconds, frames = match.groups()
        if len(minutes) > MAX_DIGITS:
            self.findings.error(
                line, column + match.start(1), f"the time is too large in {text}", TOO_LARGE_HELP
            )
            return None
        if len(seconds) != 2 or int(seconds) >= 60:
            self.findings.error(
                line,
                column + match.start(2),
                f"seconds must be two digits below 60 in {text}",
                _TIME_HELP,
            )
            return None
        if len(frames) != 2 or int(frames) >= FRAMES_PER_SECOND:
            self.findings.error(
                line,
                column + match.start(3),
                f"frames must be two digits below {FRAMES_PER_SECOND} in {text}",
                _TIME_HELP,
            )
            return None
        return int(minutes) * 60 + int(seconds) + int(frames) / FRAMES_PER_SECOND

    def finish(self) -> None:
        """Check the track just read has its INDEX 01."""
        if not self.drafts:
            return
        draft = self.drafts[-1]
        if not draft.index_line:
            self.findings.error(
                draft.line,
                draft.column,
                f"track {draft.number:02d} has no INDEX 01",
                "add INDEX 01 mm:ss:ff with where the track starts in its FILE",
            )


def read_sheet(text: str, path: Path) -> tuple[CueSheet | None, list[Diagnostic]]:
    """Read a CUE sheet held in a string; None with the errors if it has any."""
    sheet, findings = read_sheet_partly(text, path)
    return findings.outcome(sheet)


def read_sheet_partly(text: str, path: Path) -> tuple[CueSheet, Findings]:
    """Read a CUE sheet held in a string: the tracks read well, even when others have errors."""
    findings = Findings(path)
    reader = _Reader(findings)
    for number, line in enumerate(lines_of(text), 1):
        reader.take(line, number)
    reader.finish()
    tracks = tuple(
        SheetTrack(d.number, d.title, d.file, d.start, d.line, d.column, d.file_line, d.index_line)
        for d in reader.drafts
        if d.audio and d.start is not None
    )
    if not tracks and not findings.failed:
        findings.error(
            1, 1, "no audio TRACK found", 'list FILE "album.flac" WAVE, then TRACK 01 AUDIO'
        )
    return CueSheet(reader.title, reader.performer, tracks, reader.disc), findings


def audio_of(folder: Path, name: str) -> Path | None:
    """The audio file a FILE line names, next to the sheet; or one with the same stem."""
    if not name:
        return None
    written = folder / name.replace("\\", "/")
    if written.is_file():
        return written
    stem = Path(written.name).stem
    return next(
        (folder / (stem + s) for s in AUDIO_SUFFIXES if (folder / (stem + s)).is_file()), None
    )
