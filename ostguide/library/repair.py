"""Repairing tags garbled by old Japanese taggers: Shift-JIS (CP932) or EUC-JP bytes stored in a
Latin-1 ID3 frame, which mutagen (rightly) reads as Latin-1: `ƒVƒƒƒ“ƒOƒŠƒ‰` instead of
`シャングリラ`.

A text is re-decoded only when the result is clearly Japanese: every character the Latin-1 reading
made non-ASCII becomes kana, kanji or Japanese punctuation, and no such character sits against a
Latin letter unless the Latin-1 reading held a C1 control character (which no real Latin-1 title
has, and Shift-JIS mojibake nearly always does). So `Café`, `naïve` or `Björk` stay as they are.
"""

from __future__ import annotations

import re

_JAPANESE = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]"
)
"""Japanese punctuation, kana, kanji and full-width forms (not half-width katakana, which single
Latin-1 letters decode to in CP932)."""
_KANA_OR_KANJI = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_C1 = re.compile("[\u0080-\u009f]")
_AGAINST_LETTER = re.compile(
    "[A-Za-z][\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff][A-Za-z]"
)


def repair(text: str) -> str:
    """`text` re-decoded as CP932 or EUC-JP when it is Japanese read as Latin-1; else unchanged."""
    if text.isascii():
        return text
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text  # characters beyond Latin-1: real Unicode text
    controls = _C1.search(text) is not None
    for encoding in ("cp932", "euc_jp"):
        try:
            fixed = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_japanese(fixed) and (controls or not _AGAINST_LETTER.search(fixed)):
            return fixed
    return text


def _is_japanese(text: str) -> bool:
    """Every non-ASCII character is Japanese, and there is kana or kanji."""
    foreign = [char for char in text if not char.isascii()]
    return all(_JAPANESE.match(char) for char in foreign) and bool(_KANA_OR_KANJI.search(text))
