"""The track list: number, title, length and marks; the playing track stands out.

Drawn a line at a time (Textual's line API): only the rows in view are ever built, so a guide of
2,000 tracks opens, and changes track, as fast as one of 20 (an `OptionList` measures every option
again whenever one of them changes).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..guide.model import Guide, Track, TrackId, format_time
from .keys import ARROW_SEEKS
from .safe import SafeLines

PLAYING = "▶"
COMMENTARY = "✎"
MISSING = "✗"
SEPARATOR = "─"


def rows_of(guide: Guide) -> tuple[int | str, ...]:
    """The list's rows: each track's index, after a disc's heading (`Disc 2`) on guides of
    several discs."""
    several = len({track.id.disc for track in guide.tracks}) > 1
    rows: list[int | str] = []
    for index, track in enumerate(guide.tracks):
        if several and (index == 0 or guide.tracks[index - 1].id.disc != track.id.disc):
            rows.append(f"Disc {track.id.disc}")
        rows.append(index)
    return tuple(rows)


class TrackList(SafeLines, ScrollView, can_focus=True):
    """Every track of the guide, one a line; enter (or a click) plays the highlighted one."""

    BINDINGS = [
        *ARROW_SEEKS,
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page Up", show=False),
        Binding("pagedown", "page(1)", "Page Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "choose", "Play", show=False),
    ]
    COMPONENT_CLASSES = {"track-list--cursor"}
    DEFAULT_CSS = """
    TrackList {
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        & > .track-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .track-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    highlighted: reactive[int] = reactive(0)
    """The row the cursor is on."""

    @dataclass
    class Chosen(Message):
        """The listener chose a track to play."""

        index: int
        """Index into `Guide.tracks`."""

    def __init__(self, guide: Guide, missing: Container[TrackId]) -> None:
        super().__init__(id="tracks")
        self.guide = guide
        self.missing = missing
        self.playing = 0
        self.border_title = "Tracks"
        self._lay_out(guide)

    def _lay_out(self, guide: Guide) -> None:
        """Number the rows of `guide`'s tracks and disc headings."""
        self.rows = rows_of(guide)
        self.row_of = [row for row, entry in enumerate(self.rows) if isinstance(entry, int)]
        """The row of each track."""
        self.virtual_size = Size(self.virtual_size.width, len(self.rows))

    def prompt(self, index: int, width: int = 200) -> Text:
        """How track `index` is listed in `width` cells: the marks and the length stay, a long
        title is cut with … on its one line."""
        track: Track = self.guide.tracks[index]
        playing = index == self.playing
        text = Text(f"{PLAYING if playing else ' '} ", style="bold" if playing else "")
        text.append(f"{track.id} ", style="dim")
        after = Text()
        if track.length:
            after.append(f" {format_time(track.length)}", style="dim")
        if track.has_commentary:
            after.append(f" {COMMENTARY}", style="italic")
        if track.id in self.missing:
            after.append(f" {MISSING}", style="red")
        title = Text(track.title or "(untitled)", style="bold" if playing else "")
        title.truncate(max(1, width - text.cell_len - after.cell_len), overflow="ellipsis")
        return Text.assemble(text, title, after)

    def render_line(self, y: int) -> Strip:
        """Row `y` of the visible part: a track, a disc's heading, or blank below the last."""
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, style)
        index = self.rows[row]
        if isinstance(index, str):
            text = Text(f"{SEPARATOR * 2} {index} ", style="dim")
            text.append(SEPARATOR * max(0, width - text.cell_len), style="dim")
        else:
            if index == self.highlighted:
                style += self.get_component_rich_style("track-list--cursor")
            text = self.prompt(index, width)
        text.truncate(max(width, 1), overflow="ellipsis")
        strip = Strip(Segment.apply_style(text.render(self.app.console), style))
        return strip.extend_cell_length(width, style).crop(0, width)

    def watch_highlighted(self, old: int, new: int) -> None:
        """Redraw the two rows and keep the cursor in view."""
        self.refresh_lines(self.row_of[old] - self.scroll_offset.y)
        self.refresh_lines(self.row_of[new] - self.scroll_offset.y)
        self.scroll_to_region(Region(0, self.row_of[new], 1, 1), animate=False, force=True)

    def validate_highlighted(self, index: int) -> int:
        return max(0, min(index, len(self.guide.tracks) - 1))

    def show_guide(self, guide: Guide, playing: int) -> None:
        """List an edited version of the guide."""
        self.guide = guide
        self.playing = playing
        self._lay_out(guide)
        self.highlighted = playing
        self.refresh()

    def show_missing(self, missing: Container[TrackId]) -> None:
        """Mark the tracks found to have no audio."""
        self.missing = missing
        self.refresh()

    def show_playing(self, index: int) -> None:
        """Mark track `index` as playing and move the cursor to it."""
        previous, self.playing = self.playing, index
        if previous < len(self.row_of):
            self.refresh_lines(self.row_of[previous] - self.scroll_offset.y)
        self.refresh_lines(self.row_of[index] - self.scroll_offset.y)
        self.highlighted = index

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        self.highlighted += step

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.highlighted += direction * max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.guide.tracks) - 1

    def action_choose(self) -> None:
        """Play the highlighted track."""
        self.post_message(self.Chosen(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        """A click on a track plays it."""
        offset = event.get_content_offset(self)
        row = -1 if offset is None else self.scroll_offset.y + offset.y
        index = self.rows[row] if 0 <= row < len(self.rows) else None
        if isinstance(index, int):
            self.highlighted = index
            self.post_message(self.Chosen(index))
