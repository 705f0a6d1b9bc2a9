"""The themes view: every theme with each track and remark that states it. Choosing an entry
plays it there; choosing a theme plays all its tracks one after another."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..guide.model import Guide
from ..listening.commands import key_hint
from .keys import THEMES_KEYS
from .safe import SafeStatic


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    """What the listener picked: a theme to tour, or a track (and remark) to play."""

    theme: str | None = None
    """Play every track of this theme in turn."""
    track_index: int = 0
    """Index into `Guide.tracks` of the track to play."""
    cue_index: int | None = None
    """The remark to start at, if any."""


class ThemesScreen(ModalScreen[ThemeChoice | None]):
    """A list of themes and where each is stated."""

    BINDINGS = THEMES_KEYS

    def __init__(
        self, guide: Guide, label: Callable[[int, int], str], keymap: Mapping[str, str]
    ) -> None:
        """`label(track index, remark index)` is a remark's time as shown everywhere; `keymap`
        is the listener's, for the hint naming the keys."""
        super().__init__()
        self.guide = guide
        self.label = label
        self.keymap = keymap
        self.choices: dict[str, ThemeChoice] = {}

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for theme in self.guide.themes:
            places = self.guide.statements(theme.id)
            key = f"tour-{theme.id}"
            self.choices[key] = ThemeChoice(theme=theme.id)
            title = Text(theme.name, style="bold")
            count = len(self.guide.tracks_stating(theme.id))
            title.append(f"  ▶ play its {count} tracks in turn", style="dim")
            if theme.description:
                title.append(f"\n{theme.description}", style="italic")
            options.append(Option(title, id=key))
            for number, (track_index, cue_index) in enumerate(places):
                track = self.guide.tracks[track_index]
                line = Text(f"   {track.id} {track.title}")
                if cue_index is not None:
                    cue = track.cues[cue_index]
                    line.append(f"  [{self.label(track_index, cue_index)}] ", style="dim")
                    line.append(_snippet(cue.text), style="italic")
                key = f"{theme.id}-{number}"
                self.choices[key] = ThemeChoice(track_index=track_index, cue_index=cue_index)
                options.append(Option(line, id=key))
            options.append(None)
        with Vertical(id="themes-box"):
            play, close = (key_hint(i, self.keymap) for i in ("themes.play", "themes.close"))
            yield SafeStatic(f"Themes: {play} plays, {close} closes", id="themes-title")
            if options:
                yield OptionList(*options[:-1], id="themes-list")
            else:
                yield SafeStatic("This guide names no themes.")

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        """Return the picked entry to the app."""
        self.dismiss(self.choices.get(event.option.id or ""))

    def action_choose(self) -> None:
        """Play the entry under the cursor (enter does it in the list itself)."""
        for options in self.query(OptionList):
            options.action_select()

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*+|`+")


def _snippet(markdown: str, width: int = 60) -> str:
    """The first words of a remark, on one line, as read: links by their text, no emphasis marks."""
    flat = " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
