"""Commentary as it reads: Markdown flattened to one line of plain text, and text folded for
comparison, for search results, excerpts and one-line summaries."""

from __future__ import annotations

import re
import unicodedata

_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")
"""Underscores of emphasis; one inside a word (`snake_case`) is kept."""
_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)", re.MULTILINE)
"""Heading and quote marks at the start of a line."""


def as_read(markdown: str) -> str:
    """`markdown` on one line as a reader sees it: links and images by their text, no emphasis,
    code, heading or quote marks, runs of white space as one space."""
    text = _IMAGE_OR_LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    text = text.replace("*", "").replace("`", "")
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    if "#" in text or ">" in text:
        text = _LINE_MARKS.sub("", text)
    return " ".join(text.split())


def fold(text: str) -> str:
    """`text` for comparison: lower case without accents, and exactly as long as `text`, so that
    a place found in the folded text is the same place in the original."""
    return text.lower() if text.isascii() else text.translate(_FOLDED)


class _Folding(dict[int, str]):
    """Each character's folded form, worked out the first time `str.translate` asks for it."""

    def __missing__(self, code: int) -> str:
        """One character, lower case, and a Latin letter without its accents (`É` → `e`); still
        one character (`İ` lowers to two, of which the first is kept). Other scripts keep their
        marks: `グ` is not `ク`."""
        lowered = chr(code).lower()[0]
        base = unicodedata.normalize("NFD", lowered)[0]
        folded = base if unicodedata.name(base, "").startswith("LATIN") else lowered
        self[code] = folded
        return folded


_FOLDED = _Folding()
