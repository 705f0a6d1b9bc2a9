"""Japanese titles in Latin letters, so that `廃墟の地上` can be compared with `Haikyo no Chijou`.

pykakasi reads kana and kanji (with its own dictionary, no MeCab) and gives Hepburn romaji. Its
dictionary takes about half a second to load, so it is imported on the first title that has
Japanese script in it, never for Latin-only libraries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Hiragana, katakana (full and half width) and CJK ideographs."""


def has_japanese(text: str) -> bool:
    """Whether `text` has kana or kanji in it."""
    return not text.isascii() and _JAPANESE.search(text) is not None


@lru_cache(maxsize=8192)
def romanize(text: str) -> str:
    """`text` with its kana and kanji in Hepburn romaji, words separated by spaces; other
    characters unchanged. `廃墟の地上` → `haikyo no chijou`."""
    if not has_japanese(text):
        return text
    parts = (str(item["hepburn"]) for item in _converter().convert(text))
    return " ".join(" ".join(parts).split())


@lru_cache(maxsize=1)
def _converter() -> Any:
    """pykakasi's converter, loaded once."""
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # its constructor lacks annotations
