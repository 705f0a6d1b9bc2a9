"""The last guard between text and the terminal: whatever reached a widget unchecked, its lines
are drawn with control characters shown as pictures of them (`ostguide.safetext`), never sent.

Outside text is made safe where it enters (a player's reading, tags, file names); this catches
what a new path might let through. A line without control characters is passed on untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ..safetext import is_visible, visible


def safe_strip(strip: Strip) -> Strip:
    """`strip`, with the text of every segment made visible if any holds a control character
    (Rich's control segments, which are Textual's own, are left as they are). A control
    character takes no cell and its picture one, so the line is cut back to its width."""
    if is_visible(strip.text):
        return strip
    segments = [
        Segment(text if control else visible(text), style, control)
        for text, style, control in strip
    ]
    return Strip(segments).crop(0, strip.cell_length)


if TYPE_CHECKING:
    _Drawn = Widget
else:
    _Drawn = object  # a mixin: Textual reads each widget class's own bases (component classes)


class SafeLines(_Drawn):
    """Put first among a widget's bases: its drawn lines never carry a control character to
    the terminal."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return [safe_strip(strip) for strip in super().render_lines(crop)]


class SafeStatic(SafeLines, Static):
    """Textual's `Static`, guarded."""
