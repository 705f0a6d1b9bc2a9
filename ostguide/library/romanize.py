"""Japanese titles in Latin letters, so that `廃墟の地上` can be compared with `Haikyo no Chijou`.

pykakasi reads kana and kanji (with its own dictionary, no MeCab) and gives Hepburn romaji. Its
dictionary takes about half a second to load and stays in memory (over 100 MB), so it is imported
on the first title that has Japanese script in it and has not been read before: what it gave is
remembered (`known`) and kept in the scan cache (`library.scan.ScanCache`), so that opening the
same library again never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Hiragana, katakana (full and half width) and CJK ideographs."""


def has_japanese(text: str) -> bool:
    """Whether `text` has kana or kanji in it."""
    return not text.isascii() and _JAPANESE.search(text) is not None


MAX_KNOWN = 20_000
"""Romanised texts remembered at most (a library of thousands of Japanese-tagged files)."""
MAX_TEXT = 1_000
"""Characters of a text (and of its romaji) worth remembering."""

_known: dict[str, str] = {}
"""Every text romanised so far, or read from the scan cache: text → romaji."""


def romanize(text: str) -> str:
    """`text` with its kana and kanji in Hepburn romaji, words separated by spaces; other
    characters unchanged. `廃墟の地上` → `haikyo no chijou`."""
    if not has_japanese(text):
        return text
    romaji = _known.get(text)
    if romaji is None:
        parts = (str(item["hepburn"]) for item in _converter().convert(text))
        romaji = " ".join(" ".join(parts).split())
        if len(_known) < MAX_KNOWN and len(text) <= MAX_TEXT:
            _known[text] = romaji
    return romaji


def known() -> dict[str, str]:
    """The romaji worked out or read so far (to keep in the scan cache)."""
    return dict(_known)


def remember(romaji: Mapping[object, object]) -> int:
    """Take romaji kept from earlier runs (an outside value: only texts with Japanese in them,
    and romaji of printable Latin text, both of a sane length, are taken); how many were."""
    taken = 0
    for text, latin in romaji.items():
        if len(_known) >= MAX_KNOWN:
            break
        if (
            isinstance(text, str)
            and isinstance(latin, str)
            and len(text) <= MAX_TEXT
            and len(latin) <= 4 * MAX_TEXT
            and has_japanese(text)
            and latin.isprintable()
        ):
            _known.setdefault(text, latin)
            taken += 1
    return taken


@lru_cache(maxsize=1)
def _converter() -> Any:
    """pykakasi's converter, loaded once."""
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # its constructor lacks annotations
