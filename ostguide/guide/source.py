"""A guide's text as a file holds it: decoding (UTF-8, a byte order mark allowed), lines as the
parser counts them (LF, CRLF or CR), and where a byte lies by line and column. The parser, the
importers and stamping all read text through here, so they agree on every position."""

from __future__ import annotations

import re

BOM = b"\xef\xbb\xbf"
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
"""The opening of fenced code: its content is left alone."""
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class NotUtf8(ValueError):
    """The bytes are not UTF-8 text."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"not UTF-8 at byte {offset}")
        self.offset = offset
        """Offset of the first bad byte in the data (a byte order mark included)."""


def decode(data: bytes) -> str:
    """The text of UTF-8 `data`, without its byte order mark; raises NotUtf8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The utf-8-sig codec counts positions after the byte order mark it skipped.
        raise NotUtf8(error.start + (len(BOM) if data.startswith(BOM) else 0)) from error


def lines_of(text: str) -> tuple[str, ...]:
    """The lines of `text` without their endings (LF, CRLF or CR)."""
    return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def lines_with_endings(text: str) -> list[str]:
    """The lines of `text`, each with its own ending, split where `lines_of` splits them."""
    return _LINE.findall(text)


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`, counting lines as `lines_of`
    does and leaving out a byte order mark; bytes that do not decode count as one character."""
    before = lines_of(data[:offset].decode("utf-8-sig", "replace"))
    return len(before), len(before[-1]) + 1
