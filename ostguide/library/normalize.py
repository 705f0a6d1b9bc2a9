"""Normalising titles and file names so that they can be compared.

`fold` reduces text to lowercase words without accents or punctuation while keeping Japanese
characters (NFKC unifies their widths); `normalize_title` also drops a leading or trailing "The".
`split_track_number` takes a leading `01 `, `1-01 `, `01-` or `01.` off a file name, and
`shared_prefix` / `strip_prefix` deal with an album name that starts most names in a folder
(`Noein_Shangri-La.mp3`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_APOSTROPHES = re.compile("['’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^\s*the[\s_]+(?=\S)", re.IGNORECASE)
_TRAILING_THE = re.compile(r"\s*,\s*the\s*$", re.IGNORECASE)
_DISC_AND_NUMBER = re.compile(r"^\s*(\d{1,2})[-.](\d{1,2})(?:[\s._-]+|$)")
_NUMBER = re.compile(r"^\s*(?:track[\s_-]*)?(\d{1,2})(?:\s*[-._)]\s*|\s+|$)", re.IGNORECASE)
_DISC_FOLDER = re.compile(r"(?:^|[\s_-])(?:cd|disc|disk)[\s_-]*(\d{1,2})$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _unaccent(char: str) -> str:
    """A Latin letter without its accents (`é` → `e`); any other character unchanged."""
    decomposed = unicodedata.normalize("NFKD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and marks and all(unicodedata.combining(mark) for mark in marks):
        return base
    return char


def fold(text: str) -> str:
    """Lowercase words separated by single spaces, without accents, apostrophes or punctuation.

    `La’cryma, Chika Sekai` and `Noein_Lacryma_Chika-Sekai` both become space-separated
    lowercase words; Japanese text keeps its characters, with full- and half-width forms unified.
    """
    text = unicodedata.normalize("NFKC", _APOSTROPHES.sub("", text))
    if not text.isascii():
        text = "".join(_unaccent(char) for char in text)
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def normalize_title(text: str) -> str:
    """`fold` after dropping an English article: "The Wanderer" and "Wanderer, The" → "wanderer"."""
    text = _TRAILING_THE.sub("", _LEADING_THE.sub("", text.replace("_", " ")))
    return fold(text)


def split_track_number(stem: str) -> tuple[int | None, int | None, str]:
    """Take a leading track number off a file name (without its extension).

    Returns (disc, number, rest): `1-01 Title` → (1, 1, "Title"); `01-title`, `01. Title` and
    `01 Title` → (None, 1, ...); a name without a number → (None, None, stem).
    """
    found = _DISC_AND_NUMBER.match(stem)
    if found:
        return int(found[1]), int(found[2]), stem[found.end() :]
    found = _NUMBER.match(stem)
    if found:
        return None, int(found[1]), stem[found.end() :]
    return None, None, stem


def disc_of_folder(name: str) -> int | None:
    """The disc number a folder name gives (`CD2`, `Disc 2`, `Noein disc-2`), if any."""
    found = _DISC_FOLDER.search(name.strip())
    return int(found[1]) if found else None


def shared_prefix(names: Sequence[str], *, minimum: int = 3) -> str:
    """Leading words that at least half of the folded `names` (and at least `minimum`) start with.

    The album prefix of `noein shangri la`, `noein kakute tatakau`, `noein omoi` is `noein`;
    the prefix never swallows a whole name, and numbers are never a prefix.
    """
    needed = max(minimum, (len(names) + 1) // 2)
    words = [name.split() for name in names]
    prefix: list[str] = []
    while True:
        depth = len(prefix)
        counts = Counter(ws[depth] for ws in words if len(ws) > depth + 1 and ws[:depth] == prefix)
        if not counts:
            break
        word, count = counts.most_common(1)[0]
        if count < needed or word.isdigit():
            break
        prefix.append(word)
    return " ".join(prefix)


def strip_prefix(name: str, prefix: str) -> str:
    """`name` (folded) without `prefix` when it starts with it as whole words."""
    if prefix and name.startswith(prefix + " "):
        return name[len(prefix) + 1 :]
    return name
