"""The one writer of guide text, beside its reader: stamps, track headings, fields and front
matter, each made so that the parser reads it back as meant. `ostguide new`, `ostguide import`
and stamping while listening all write through here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .frontmatter import FENCE
from .model import format_time

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
"""Characters that would break a line of the guide (or be invisible in it)."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Lone surrogates: bytes of a file name that are not UTF-8, which cannot be written out."""
_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_TOML_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f]')


def one_line(text: str) -> str:
    """Text on one line: control characters and line breaks as spaces, undecodable bytes as �."""
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text)).strip()


def heading(disc: int, number: int, title: str, multi_disc: bool) -> str:
    """A track heading that the parser reads back as exactly this number and `title`.

    A title ending in `#` gets a closing sequence (`## 05. No. 5 # ##`), since the parser (like
    Markdown) drops trailing `#`s after a space as a closing sequence.
    """
    label = f"{disc}-{number:02d}" if multi_disc else f"{number:02d}"
    closing = " ##" if title.endswith("#") else ""
    return f"## {label}. {title}{closing}"


def fits_file_field(name: str) -> bool:
    """Whether a File field can hold the name (it splits at `;` and trims spaces)."""
    return ";" not in name and name == one_line(name)


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _TOML_SPECIAL.sub(_toml_escape, value) + '"'


def _toml_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _TOML_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def format_stamp(seconds: float, decimals: int, *, trim: bool) -> str:
    """A stamp for a time, with `decimals` digits of a second (`[1:05.250]`, `[1:02:03.4]` past
    an hour); with `trim`, a whole second is written without them (`[1:05]`)."""
    scale = 10**decimals
    whole, fraction = divmod(max(0, round(seconds * scale)), scale)
    if trim and not fraction:
        return f"[{format_time(whole)}]"
    return f"[{format_time(whole)}.{fraction:0{decimals}d}]"


STAMP_DECIMALS = 1
"""Stamps made while listening are written to a tenth of a second."""


def tenth_stamp(seconds: float) -> str:
    """A stamp made while listening, to a tenth of a second: `[1:23.4]`, `[1:23.0]`."""
    return format_stamp(seconds, STAMP_DECIMALS, trim=False)


def length_field(seconds: float) -> str:
    """The `Length` field of a track, to the second."""
    return f"- Length: {format_time(round(seconds))}"


def file_field(name: str) -> str | None:
    """The `File` field naming a file, or None when a field cannot hold the name."""
    return f"- File: {name}" if fits_file_field(name) else None


def front_matter(entries: Iterable[tuple[str, str]]) -> list[str]:
    """The `+++` block's lines for (key, TOML value) entries, in order."""
    return [FENCE, *(f"{key} = {value}" for key, value in entries), FENCE]
