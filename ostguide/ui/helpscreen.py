"""The keys screen (`?`): every key of the listening screen in four groups, as the listener's
keymap has them, and what the marks on the screen mean."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen

from ..analysis.overview import LEVELS
from ..listening.commands import key_hint
from ..safetext import visible
from .keys import HELP_KEYS, help_groups, key_label
from .safe import SafeStatic
from .tracklist import COMMENTARY, MISSING, PLAYING
from .transportbar import HEAD, LOOP_A, LOOP_B, TICK

LOUDNESS = LEVELS[0] + LEVELS[len(LEVELS) // 2] + LEVELS[-1]

LEGEND = (
    ("Track list:", ((PLAYING, "playing"), (COMMENTARY, "has commentary"), (MISSING, "no file"))),
    ("Timeline:", ((TICK, "a remark"), (HEAD, "the music now"), (LOUDNESS, "loudness"))),
    ("", ((f"{LOOP_A} {LOOP_B}", "an A–B loop"), ("click", "go there"))),
    ("Times:", (("~", "approximate"), ("≈", "placed on the music of your file"))),
)
"""Every mark the listening screen draws and what it means, a line per place (76 cells at most:
the keys screen's width at 80 columns; narrower, the lines wrap)."""
MOVES = (
    "Moving to another track, a remark or a link keeps a pause. {previous} goes to the start "
    "of the track once its first 3 s have played, else to the track before."
)
"""How moves behave, under the legend."""


def groups_text(groups: list[tuple[str, list[tuple[str, str]]]]) -> Text:
    """Some groups of keys, one column: a title, then a key and what it does per line."""
    width = max(len(keys) for _, lines in groups for keys, _ in lines)
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, (title, lines) in enumerate(groups):
        text.append(("\n" if number else "") + title + "\n", style="bold underline")
        for keys, what in lines:
            text.append(f"{keys:>{width}} ", style="bold")
            text.append(f"{what}\n")
    text.rstrip()
    return text


def legend_text(keymap: Mapping[str, str]) -> Text:
    """The marks, a line per place they appear, and how moves behave."""
    text = Text()
    for number, (place, marks) in enumerate(LEGEND):
        text.append(("\n" if number else "") + f"{place:<11}")
        for mark, meaning in marks:
            text.append(f"  {mark}", style="bold")
            text.append(f" {meaning}")
    text.append("\n\n" + MOVES.format(previous=key_label("previous_track", keymap)))
    return text


class HelpScreen(ModalScreen[None]):
    """The keys, over the listening screen: two columns side by side, one under the other below
    80 columns; scrolled when the terminal is too short for them (nothing is cut)."""

    BINDINGS = HELP_KEYS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        groups = help_groups(self.keymap)
        with Vertical(id="help-box") as box:
            box.border_title = f"Keys ({visible(key_hint('help.close', self.keymap))} closes)"
            with VerticalScroll(id="help-scroll"):
                with Horizontal(id="help-columns"):
                    yield SafeStatic(groups_text(groups[:2]), classes="help-column")
                    yield SafeStatic(groups_text(groups[2:]), classes="help-column")
                yield SafeStatic(legend_text(self.keymap), id="help-legend")
