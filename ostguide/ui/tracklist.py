"""The track list: number, title, length and marks; the playing track stands out."""

from __future__ import annotations

from collections.abc import Container

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..guide.model import Guide, Track, TrackId, format_time
from .keys import ARROW_SEEKS

PLAYING = "▶"
COMMENTARY = "✎"
MISSING = "✗"


class TrackList(OptionList):
    """Every track of the guide; enter (or a click) plays the highlighted one."""

    BINDINGS = ARROW_SEEKS

    def __init__(self, guide: Guide, missing: Container[TrackId]) -> None:
        self.guide = guide
        self.missing = missing
        self.playing = 0
        super().__init__(
            *(Option(self.prompt(i), id=str(i)) for i in range(len(guide.tracks))),
            id="tracks",
        )
        self.border_title = "Tracks"

    def prompt(self, index: int) -> Text:
        """How track `index` is listed."""
        track: Track = self.guide.tracks[index]
        playing = index == self.playing
        text = Text(f"{PLAYING if playing else ' '} ", style="bold" if playing else "")
        text.append(f"{track.id} ", style="dim")
        text.append(track.title or "(untitled)", style="bold" if playing else "")
        if track.length:
            text.append(f" {format_time(track.length)}", style="dim")
        if track.has_commentary:
            text.append(f" {COMMENTARY}", style="italic")
        if track.id in self.missing:
            text.append(f" {MISSING}", style="red")
        return text

    def show_guide(self, guide: Guide, playing: int) -> None:
        """List an edited version of the guide."""
        self.guide = guide
        self.playing = playing
        self.set_options(Option(self.prompt(i), id=str(i)) for i in range(len(guide.tracks)))
        self.highlighted = playing

    def show_missing(self, missing: Container[TrackId]) -> None:
        """Mark the tracks found to have no audio."""
        self.missing = missing
        for index in range(len(self.guide.tracks)):
            self.replace_option_prompt_at_index(index, self.prompt(index))

    def show_playing(self, index: int) -> None:
        """Mark track `index` as playing and move the cursor to it."""
        previous, self.playing = self.playing, index
        self.replace_option_prompt_at_index(previous, self.prompt(previous))
        self.replace_option_prompt_at_index(index, self.prompt(index))
        self.highlighted = index
