"""Text files people hand ostguide (CUE sheets, LRC lyrics, timestamp lists), decoded, with the
problems found in them. Lines and positions are counted as the guide parser counts them
(`ostguide.guide.source`).

CUE sheets are often written by Windows rippers in the system's code page, so a sheet that is not
UTF-8 is read as Shift-JIS (cp932) when that decodes and gives Japanese text, else as
Windows-1252, with a warning that names the encoding and the first byte that was not UTF-8.
"""

from __future__ import annotations

import re

from ostguide.guide.diagnostics import Findings
from ostguide.guide.source import NotUtf8, line_and_column
from ostguide.guide.source import decode as decode_utf8
from ostguide.safetext import visible

_JAPANESE = re.compile(r"[\u3040-\u30ff]|[\u4e00-\u9fff]{2}")
"""Kana, or two kanji in a row: what Shift-JIS text has and Windows-1252 misread as it hasn't."""


def decode(
    data: bytes, findings: Findings, *, cue_sheet: bool = False, binary_help: str = ""
) -> str | None:
    """Text of a file: UTF-8 (with or without BOM); a CUE sheet may also be Shift-JIS or
    Windows-1252 (with a warning in `findings`). None and an error for binary or undecodable
    data (`binary_help` says what to do about binary data). Control characters are shown as
    pictures of them (`safetext.visible`): the text ends up on the terminal and in guides."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = line_and_column(data, nul)
        findings.error(line, column, "this looks like a binary file", binary_help)
        return None
    try:
        return visible(decode_utf8(data), lines=True)
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
    return visible(data.decode(codec), lines=True)


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
