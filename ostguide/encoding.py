"""Output for terminals that cannot show every character: a guide's typography (’ “ ” – — … →)
and names in other scripts degrade to ASCII stand-ins instead of ending the program with a
UnicodeEncodeError (`PYTHONIOENCODING=latin-1`, `LANG=C` on an old system, a serial console).
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from typing import TextIO

ERRORS = "ostguide-ascii"
"""The codec error handler that writes stand-ins; registered by `degrade_gracefully`."""

STAND_INS = {
    "‘": "'",
    "’": "'",
    "‚": ",",
    "‛": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "′": "'",
    "″": '"',
    "–": "-",
    "—": "--",
    "―": "--",
    "−": "-",
    "…": "...",
    "→": "->",
    "←": "<-",
    "•": "*",
    "·": ".",
    "×": "x",
    "\u00a0": " ",
    "\u202f": " ",
}
"""Typographic characters and their usual ASCII spelling."""


def stand_in(char: str) -> str:
    """The ASCII text that stands for `char`: its usual spelling, its letters without accents
    (é → e, ﬁ → fi), else `?`."""
    if char in STAND_INS:
        return STAND_INS[char]
    decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return decomposed or "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(stand_in(char) for char in text), error.end


def degrade_gracefully(*streams: TextIO | None) -> None:
    """Make each text stream write stand-ins for characters its encoding cannot hold
    (by default stdout and stderr)."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _replace)
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS)
