"""About this guide (`a`): the album's facts, the source the guide is based on, the introduction
and the afterword, from `guide.about`."""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ..guide.about import About
from ..listening.commands import key_hint
from .keys import ABOUT_KEYS


class AboutScreen(ModalScreen[None]):
    """What there is to read about a guide, over the listening screen."""

    BINDINGS = ABOUT_KEYS

    def __init__(self, about: About, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.about = about
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="about-box"):
            close = key_hint("about.close", self.keymap)
            yield Static(f"About this guide ({close} closes)", id="about-title")
            with VerticalScroll(id="about-text"):
                yield Markdown(self.about.markdown())

    @on(Markdown.LinkClicked)
    def _link(self) -> None:
        """A link leads out of this screen: close it, and let the listening screen follow it."""
        self.dismiss()
