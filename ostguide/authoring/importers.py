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

Encodings: LRC and timestamp files must be UTF-8 (a BOM is allowed). CUE sheets are often written
by Windows rippers in the system's code page, so a sheet that is not UTF-8 is read as Shift-JIS
(cp932) when that decodes and gives Japanese text, else as Windows-1252, with a warning that names
the encoding and the first byte that was not UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.parser import MAX_BYTES
from ostguide.guide.source import NotUtf8, line_and_column, lines_of
from ostguide.guide.source import decode as decode_utf8

from .chapters import parse_chapters
from .cuesheet import parse_cue
from .imported import FORMATS, Format, Result
from .lrc import parse_lrc
from .render import render
from .timestamps import TIMESTAMP, parse_timestamps

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
_JAPANESE = re.compile(r"[\u3040-\u30ff]|[\u4e00-\u9fff]{2}")
"""Kana, or two kanji in a row: what Shift-JIS text has and Windows-1252 misread as it hasn't."""
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
        kind = format or detect(path, _head(path))
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
        findings.error(1, 1, f"larger than {MAX_BYTES // 2**20} MB: not timed text")
        return None, findings.diagnostics
    text = decode(data, findings, cue_sheet=kind == "cue")
    if text is None:
        return None, findings.diagnostics
    imported, found = _TEXT_PARSERS[kind](text, path)
    findings.extend(found)
    return imported, findings.in_order()


def source_lines(path: Path, format: Format | None = None) -> tuple[str, ...]:
    """The lines of a text file as `import_file` read them, for `Diagnostic.render`; none for
    audio and binary files. Bytes that do not decode show as U+FFFD."""
    try:
        kind = format or detect(path, _head(path))
        data = None if kind == "chapters" else _read_text_file(path)
    except OSError:
        return ()
    if data is None or b"\0" in data:
        return ()
    text = decode(data, Findings(path), cue_sheet=kind == "cue")
    return lines_of(data.decode("utf-8-sig", "replace") if text is None else text)


def _head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell its format."""
    with path.open("rb") as stream:
        return stream.read(_SNIFF_BYTES)


def _read_text_file(path: Path) -> bytes | None:
    """The file's bytes, or None if it is too large to be timed text."""
    if path.stat().st_size > MAX_BYTES:
        return None
    return path.read_bytes()


def decode(data: bytes, findings: Findings, *, cue_sheet: bool = False) -> str | None:
    """Text of a file: UTF-8 (with or without BOM); a CUE sheet may also be Shift-JIS or
    Windows-1252 (with a warning in `findings`). None and an error for binary or undecodable
    data."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = line_and_column(data, nul)
        findings.error(line, column, "this looks like a binary file", _FORMAT_HELP)
        return None
    try:
        return decode_utf8(data)
    except NotUtf8 as error:
        bad = error.offset
    line, column = line_and_column(data, bad)
    legacy = _legacy_encoding(data) if cue_sheet else None
    if legacy is None:
        findings.error(
            line,
            column,
            f"the file is not UTF-8 text (byte 0x{data[bad]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None
    name, codec = legacy
    findings.warn(
        line,
        column,
        f"the sheet is not UTF-8 (byte 0x{data[bad]:02x}): read as {name}",
        "if titles look wrong, save the sheet as UTF-8",
    )
    return data.decode(codec)


def _legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """(name, codec) of the code page a non-UTF-8 CUE sheet was most likely written in."""
    try:
        if _JAPANESE.search(data.decode("cp932")):
            return "Shift-JIS", "cp932"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252", "cp1252"
