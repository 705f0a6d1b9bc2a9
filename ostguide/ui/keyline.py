"""The footer: the listener's most needed keys, as many as the width holds and never a cut one;
in their place for a while, what the listener is told (one line under the timeline, never over
the music)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text

from ..guide.links import Link
from ..listening.commands import COMMANDS, KEY_LINE
from ..safetext import visible
from ..session import Severity
from .keys import key_label
from .safe import SafeStatic

GAP = "  "
STYLES: dict[Severity, str] = {
    "information": "bold",
    "warning": "bold black on yellow",
    "error": "bold white on red",
}
"""How a message looks, by how much it matters."""


@dataclass(frozen=True, eq=False)
class Message:
    """Something the listener is told, shown until its time is up (each one is its own)."""

    text: str
    severity: Severity


def key_line(items: Sequence[tuple[str, str]], width: int) -> Text:
    """`items` ((key, label), most needed first) that fit whole in `width` cells, in order."""
    text = Text(no_wrap=True, overflow="crop")
    for key, label in items:
        gap = GAP if text.cell_len else ""
        if text.cell_len + len(gap) + Text(f"{key} {label}").cell_len > width:
            break
        text.append(gap)
        text.append(key, style="bold")
        text.append(f" {label}", style="dim")
    return text


class KeyLine(SafeStatic):
    """One line of keys under the transport line, redrawn at each new width; a greeting may
    take its place until the listener presses a key."""

    def __init__(self, keymap: Mapping[str, str], greeting: str = "") -> None:
        super().__init__(id="keys")
        self.items = [(key_label(i, keymap), COMMANDS[i].label) for i in KEY_LINE]
        self.greeting = greeting
        self.link: Link | None = None
        self.follow_key = key_label("follow_link", keymap)
        self.messages: list[Message] = []
        """The messages showing now, oldest first: the newest of the gravest is shown."""
        self._tall = False

    def on_resize(self) -> None:
        self._draw()

    def end_greeting(self) -> None:
        """Show the keys instead of the greeting."""
        if self.greeting:
            self.greeting = ""
            self._draw()

    def show_link(self, link: Link | None) -> None:
        """Name the link selected from the keyboard (or show the keys again)."""
        if link != self.link:
            self.link = link
            self._draw()

    def say(self, text: str, severity: Severity = "information", timeout: float = 6.0) -> None:
        """Show `text` in place of the keys for `timeout` seconds; it may quote outside text (a
        file name, a player's error), so control characters are shown, never sent."""
        message = Message(visible(text, lines=True), severity)
        self.messages.append(message)
        self.set_timer(timeout, lambda: self._forget(message))
        self._draw()

    def _forget(self, message: Message) -> None:
        if message in self.messages:
            self.messages.remove(message)
            self._draw()

    @property
    def message(self) -> Message | None:
        """The message shown: the newest of the gravest showing."""
        order = list(STYLES)
        return max(reversed(self.messages), key=lambda m: order.index(m.severity), default=None)

    def _draw(self) -> None:
        """Draw the line (one line high, but for a long warning: no new layout of the screen)."""
        message = self.message
        if message is not None:
            tall = message.severity != "information"
            self.set_class(tall, "-tall")
            self.update(
                Text(message.text, style=STYLES[message.severity]), layout=tall or self._tall
            )
            self._tall = tall
            return
        if self._tall:
            self._tall = False
            self.set_class(False, "-tall")
            self.refresh(layout=True)
        if self.link is not None:
            text = Text(f"Link: {self.link.text}", style="bold reverse", no_wrap=True)
            text.append(f"  → {self.link.href}  {self.follow_key} follows", style="dim")
        elif self.greeting:
            text = Text(self.greeting, style="bold", no_wrap=True, overflow="ellipsis")
        else:
            text = key_line(self.items, self.content_size.width)
        self.update(text, layout=False)
