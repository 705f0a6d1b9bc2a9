"""Timings people already have, turned into a guide's remarks or tracks (`ostguide import FILE`).

Four formats, each read by a module of its own:

- LRC lyrics (`[01:05.25] text`, `[offset:+250]`, in `lrc`), ID3 chapters (CHAP frames, read with
  mutagen, in `chapters`) and YouTube-style description timestamps (`1:05 Intro` lines, in
  `timestamps`) give remarks for one track;
- CUE sheets (`TRACK 01 AUDIO`, `INDEX 01 04:12:37`, in `cuesheet`) give an album's tracks.

This module tells them apart and decodes the text: `import_file` reads a file in any of them (into
the model of `imported`), `render` (from `render`) writes the result in the guide format
(ostguide/guide/format.md), and `source_lines` gives the lines that diagnostics point into. Like the
guide parser, nothing here raises on bad input: problems are `Diagnostic`s at a line and column.

Encodings (see `ostguide.textfile`): LRC and timestamp files must be UTF-8 (a BOM is allowed); CUE
sheets may also be Shift-JIS or Windows-1252.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ostguide.atomic import FileTooLarge, open_regular, read_regular
from ostguide.formats import AUDIO_EXTENSIONS
from ostguide.guide.diagnostics import Findings
from ostguide.guide.limits import MAX_BYTES
from ostguide.guide.source import lines_of
from ostguide.library.images import LONG_RECORDING, recording_beside
from ostguide.library.timestamps import TIMESTAMP
from ostguide.player.probe import probe_length
from ostguide.textfile import decode

from .chapters import parse_chapters
from .cuesheet import parse_cue
from .imported import FORMATS, Format, Imported, ImportedTrack, Result
from .lrc import parse_lrc
from .render import render
from .timestamps import parse_timestamps

__all__ = ["FORMATS", "Format", "decode", "detect", "import_file", "render", "source_lines"]

_SUFFIXES: dict[str, Format] = {
    ".lrc": "lrc",
    ".cue": "cue",
    ".txt": "timestamps",
    **dict.fromkeys((".mp3", ".mp2", ".wav", ".aif", ".aiff"), "chapters"),
}
_SNIFF_BYTES = 64 * 1024
_FORMAT_HELP = "name the file .lrc, .cue or .txt, or give --format " + ", ".join(FORMATS)
_SNIFFERS: tuple[tuple[re.Pattern[str], Format], ...] = (
    (re.compile(r"\s*(TRACK\s+\d+\s+\w|INDEX\s+\d+\s+\d+:\d+:\d+)", re.IGNORECASE), "cue"),
    (re.compile(r"\s*\[(\d+:\d+(?:[.:]\d+)?|(ti|ar|al|by|offset|length):)", re.IGNORECASE), "lrc"),
    (TIMESTAMP, "timestamps"),
)
_TEXT_PARSERS: dict[Format, Callable[[str, Path], Result]] = {
    "lrc": parse_lrc,
    "cue": parse_cue,
    "timestamps": parse_timestamps,
}


def detect(path: Path, data: bytes) -> Format | None:
    """The format of a file, by its suffix or else by the first bytes (`data`) of its content."""
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if data.startswith(b"ID3") or b"\0" in data:
        return "chapters"
    lines = data.decode("utf-8", "replace").splitlines()
    for pattern, kind in _SNIFFERS:
        if any(pattern.match(line) for line in lines):
            return kind
    return None


def import_file(path: Path, format: Format | None = None) -> Result:
    """Read timings from `path` in `format` (detected when None)."""
    findings = Findings(path)
    try:
        head = _head(path)  # a FIFO or a device is refused here, before any parser opens it
        kind = format or detect(path, head)
        if kind == "chapters":
            return parse_chapters(path)
        data = _read_text_file(path)
    except OSError as exc:
        findings.error(1, 1, f"cannot read the file: {exc.strerror or exc}")
        return None, findings.diagnostics
    if kind is None:
        findings.error(1, 1, "cannot tell what kind of timings this is", _FORMAT_HELP)
        return None, findings.diagnostics
    if data is None:
        findings.error(1, 1, f"larger than {MAX_BYTES / 1e6:g} MB: not timed text")
        return None, findings.diagnostics
    binary_help = _FORMAT_HELP if format is None else _named_help(path, format)
    text = decode(data, findings, cue_sheet=kind == "cue", binary_help=binary_help)
    if text is None:
        return None, findings.diagnostics
    imported, found = _TEXT_PARSERS[kind](text, path)
    findings.extend(found)
    if imported is None and format is not None:
        guessed = detect(path, data[:_SNIFF_BYTES])
        if guessed is not None and guessed != format:
            findings.error(
                1,
                1,
                f"nothing could be read as --format {format}: the file looks like {guessed}",
                f"give --format {guessed}, or leave --format out",
            )
    if kind == "timestamps" and imported is not None:
        imported = _as_track_list(imported, path, findings)
    return imported, findings.in_order()


def _named_help(path: Path, format: Format) -> str:
    """What to do when the file is not in the `--format` given: the format is right, the file
    may not be."""
    return f"check that {path.name} is the file you meant, or leave out --format {format}"


def _as_track_list(imported: Imported, path: Path, findings: Findings) -> Imported:
    """Timestamps beside one long recording (an album posted with a video: `LONG_RECORDING` or
    more) are its track list: each timestamp starts a track that runs to the next one (the last to
    the recording's end). Elsewhere, beside a song too, they stay remarks for one track."""
    recording = _recording_beside(path)
    cues = imported.cues
    if recording is None or len(cues) < 2:
        return imported
    length = probe_length(recording).length
    if length is None or length < LONG_RECORDING or length <= cues[-1].seconds:
        return imported
    ends = [cue.seconds for cue in cues[1:]] + [length]
    tracks = tuple(
        ImportedTrack(1, number, cue.text, end - cue.seconds, None)
        for number, (cue, end) in enumerate(zip(cues, ends, strict=True), start=1)
    )
    findings.warn(
        1,
        1,
        f"read as the track list of {recording.name}, the one recording beside it",
        "to import them as remarks for one track instead, move the file away from the recording",
    )
    return Imported("tracks", tracks=tracks)


def _recording_beside(path: Path) -> Path | None:
    """The one recording a list of timestamps describes (see `recording_beside`)."""
    try:
        beside = [
            entry
            for entry in path.parent.iterdir()
            if entry.suffix.lower() in AUDIO_EXTENSIONS and entry.is_file()
        ]
    except OSError:
        return None
    return recording_beside(path, beside)


def source_lines(path: Path, format: Format | None = None) -> tuple[str, ...]:
    """The lines of a text file as `import_file` read them, for `Diagnostic.render`; none for
    audio and binary files. Bytes that do not decode show as U+FFFD."""
    try:
        head = _head(path)  # a FIFO or a device is refused here, before any parser opens it
        kind = format or detect(path, head)
        data = None if kind == "chapters" else _read_text_file(path)
    except OSError:
        return ()
    if data is None or b"\0" in data:
        return ()
    text = decode(data, Findings(path), cue_sheet=kind == "cue")
    return lines_of(data.decode("utf-8-sig", "replace") if text is None else text)


def _head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell its format."""
    with open_regular(path) as stream:
        return stream.read(_SNIFF_BYTES)


def _read_text_file(path: Path) -> bytes | None:
    """The file's bytes, or None if it is too large to be timed text."""
    try:
        return read_regular(path, MAX_BYTES)
    except FileTooLarge:
        return None
