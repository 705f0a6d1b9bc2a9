"""The transport line: play state, elapsed and total time, volume, mode, the loudness of the
listener's file once analysed, and a timeline of the track with a tick for every remark."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from rich.text import Text
from textual import events
from textual.message import Message

from ..analysis.model import Analysis
from ..analysis.overview import overview_row
from ..guide.model import format_time
from ..listening.view import TransportView
from .safe import SafeStatic

TRACK = "─"
PLAYED = "━"
TICK = "┃"
HEAD = "●"
LOOP_A, LOOP_B = "[", "]"
"""The ends of an A–B loop on the timeline (the stretch between is drawn in `LOOP_STYLE`)."""
LOOP_STYLE = "yellow"


SYMBOLS = {"playing": "▶", "paused": "⏸", "ended": "■"}
UNKNOWN_WIDTH_WAIT = 0.05
"""Seconds until the bar is looked at again while it has no width yet (before its first
layout), since where its head moves next is not known."""


@lru_cache(maxsize=4)
def _overview(analysis: Analysis, length: float, width: int) -> str:
    """The loudness row, worked out once for a track and a width (the bar is drawn again
    every time its second or its head moves)."""
    return overview_row(analysis, length, width)


@dataclass
class TimelineClicked(Message):
    """The listener clicked (or dragged) on the timeline: go there."""

    seconds: float


class TransportBar(SafeStatic):
    """Redraws only when something visible changed (the second shown, the head's column); a
    click or a drag on the timeline (or the loudness row above it) seeks there."""

    def __init__(self, follow_key: str) -> None:
        """`follow_key` is the key that turns following back on, named in the hint."""
        super().__init__(id="transport")
        self.follow_key = follow_key
        self._shown: tuple[TransportView, int, int] | None = None
        self._state: TransportView | None = None
        self._lines = 2

    def on_resize(self) -> None:
        """Draw the timeline again at the new width (the first view may come before layout)."""
        if self._state is not None:
            self.show(self._state)

    def show(self, state: TransportView) -> None:
        """Display `state` if it looks different from what is on screen."""
        self._state = state
        width = max(self.content_size.width, 10)
        head = self._column(state.position, state.length, width)
        key = (replace(state, position=int(state.position)), width, head)
        if key == self._shown:
            return
        self._shown = key
        text = self.render_state(state, width, self.follow_key)
        lines = len(text.plain.splitlines())
        self.update(text, layout=lines != self._lines)  # a new height only with an overview
        self._lines = lines

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on the timeline seeks there; holding the button, the head follows."""
        if self._seek_at(event):
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.app.mouse_captured is self:  # between the press and the release
            self._seek_at(event, anywhere=True)

    def on_mouse_up(self) -> None:
        if self.app.mouse_captured is self:
            self.release_mouse()

    def _seek_at(self, event: events.MouseEvent, anywhere: bool = False) -> bool:
        """Ask for a seek to the time under the pointer when it is on the timeline (or, while
        dragging, anywhere along it); True if it was."""
        state = self._state
        offset = event.get_content_offset(self)
        if state is None or state.length <= 0 or offset is None:
            return False
        if not anywhere and offset.y < 1:  # the first line is the status, not the timeline
            return False
        width = max(self.content_size.width, 10)
        column = min(max(offset.x, 0), width - 1)
        self.post_message(TimelineClicked(round(column / (width - 1) * state.length, 1)))
        return True

    def seconds_to_change(self, state: TransportView) -> float:
        """Seconds of music until the bar looks different by time alone: the next whole second
        shown, or the head's next column."""
        position = state.position
        second = math.floor(position) + 1 - position
        if not self.content_size.width:  # not laid out yet: its columns are not known
            return min(second, UNKNOWN_WIDTH_WAIT)
        width = max(self.content_size.width, 10)
        if state.length <= 0:
            return second
        per_column = state.length / (width - 1)
        column = (self._column(position, state.length, width) + 0.5) * per_column - position
        return min(second, column if column > 0 else per_column)

    @staticmethod
    def _column(position: float, length: float, width: int) -> int:
        """Column of the playing position on a timeline `width` cells wide."""
        if length <= 0:
            return 0
        return min(width - 1, max(0, round(position / length * (width - 1))))

    @classmethod
    def render_state(cls, state: TransportView, width: int, follow_key: str) -> Text:
        """The two lines of the bar (three with a loudness overview)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{SYMBOLS.get(state.status, '?')} ", style="bold")
        text.append(f"{format_time(state.position)} / {format_time(state.length)}")
        volume = "muted" if state.muted else f"{round(state.volume * 100)}%"
        text.append(f"  vol {volume}", style="dim")
        if state.offset:
            text.append(f"  offset {state.offset * 1000:+.0f} ms", style="dim")
        if state.track_offset:
            text.append(f"  track {state.track_offset * 1000:+.0f} ms", style="dim")
        if state.repeat:
            text.append("  ⟲ repeat", style="bold")
        if state.loop is not None:
            loop = f"{format_time(state.loop.a)}–{format_time(state.loop.b)}"
            text.append(f"  A–B {loop}", style=f"bold {LOOP_STYLE}")
        elif state.loop_a is not None:
            text.append(f"  A {format_time(state.loop_a)}…", style=f"bold {LOOP_STYLE}")
        if state.tour:
            text.append(f"  {state.tour}", style="bold")
        if not state.following:
            text.append(f"  following off ({follow_key})", style="bold reverse")
        if state.activity:
            text.append(f"  ⟳ {state.activity}…", style="italic")
        elif state.mode == "audio":
            text.append("  ♪ your file", style="green")
        elif state.mode == "follow":
            text.append(f"  ⇄ {state.follows}", style="cyan")
            if state.stranger:
                text.append(f": {state.stranger} is not in this guide", style="bold yellow")
        else:
            text.append(f"  ◌ read-along: {state.reason}", style="yellow")
        if state.timing:
            text.append(f"  ⇆ {state.timing}", style="dim")
        if state.note:
            text.append(f"  {state.note}", style="bold")
        text.append("\n")
        head = cls._column(state.position, state.length, width)
        if state.overview is not None:
            row = _overview(state.overview, state.length, width)
            text.append(row[: head + 1], style="bold")
            text.append(row[head + 1 :] + "\n", style="dim")
        cells = [TRACK] * width
        styles = ["bold"] * (head + 1) + ["dim"] * (width - head - 1)
        for column in range(head):
            cells[column] = PLAYED
        for time in state.cue_times:
            cells[cls._column(time, state.length, width)] = TICK
        ends = (state.loop.a, state.loop.b) if state.loop else (state.loop_a, None)
        a, b = (None if t is None else cls._column(t, state.length, width) for t in ends)
        if a is not None:
            for column in range(a, a + 1 if b is None else b + 1):
                styles[column] += f" {LOOP_STYLE}"
            cells[a] = LOOP_A
        if b is not None:
            cells[b] = LOOP_B
        cells[head] = HEAD
        start = 0
        for column in range(1, width + 1):
            if column == width or styles[column] != styles[start]:
                text.append("".join(cells[start:column]), style=styles[start])
                start = column
        return text
