"""Text from outside made safe to draw on a terminal.

A terminal obeys control characters in what it is given: ESC starts sequences that set the
window title (OSC 0/2), write the clipboard (OSC 52), clear or reset the screen (`CSI 2J`,
`ESC c`); C1 characters (U+0080–U+009F) are the same commands in one character on some
terminals. Rich and Textual pass them through (Rich drops only BEL, BS, VT, FF and CR). So every
string that comes from outside (a followed player's metadata, tags, file names, messages of
other programs) goes through `visible` before it is drawn or printed.

Each control character becomes one visible character, so a caret drawn under a column still
points at the right place: C0 controls and DEL become their Unicode control pictures (ESC → ␛,
BEL → ␇, DEL → ␡) and C1 controls, which have no pictures, the replacement character �. Tabs are
kept (they are drawn as spaces), and line endings (LF, CR) where the text has lines.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
"""What a C1 control is shown as."""
PICTURES = 0x2400
"""U+2400 (␀) is the picture of U+0000; the C0 pictures follow in order."""
DELETE_PICTURE = "\u2421"

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Characters a terminal may act on (every control but the tab)."""
_CONTROL_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The same, line endings allowed."""


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(PICTURES + code)
    return DELETE_PICTURE if code == 0x7F else REPLACEMENT


_TABLE = {code: _picture(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09}
_TABLE_IN_LINES = {code: shown for code, shown in _TABLE.items() if code not in (0x0A, 0x0D)}


def visible(text: str, *, lines: bool = False) -> str:
    """`text` with every control character a terminal could act on shown as a picture of it;
    with `lines`, line endings are kept."""
    if (_CONTROL_IN_LINES if lines else _CONTROL).search(text) is None:
        return text
    return text.translate(_TABLE_IN_LINES if lines else _TABLE)


def is_visible(text: str) -> bool:
    """Whether `text` holds no control character but tabs: `visible(text)` is `text`."""
    return _CONTROL.search(text) is None


def first_control(text: str) -> int:
    """Index of the first control character in `text` (tabs and line endings allowed), or -1:
    what a guide may not hold."""
    found = _CONTROL_IN_LINES.search(text)
    return -1 if found is None else found.start()


def describe(char: str) -> str:
    """A control character named for a message: `U+001B (␛)`."""
    return f"U+{ord(char):04X} ({visible(char)})"
