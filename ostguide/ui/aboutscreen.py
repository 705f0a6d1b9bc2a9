"""About this guide (`a`): the album's facts, the source the guide is based on and where to read
it, the introduction and the afterword, from `guide.about`.

Laid out as a few text widgets rather than one Markdown document (`prose`): Textual's `Markdown`
makes a widget of every block and styles each, which made the first opening take most of a
second."""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown

from ..guide.about import TERMS_TITLE, About
from ..listening.commands import key_hint
from ..safetext import visible
from .keys import ABOUT_KEYS
from .prose import LaidOut, prose
from .remarktext import RemarkText, paragraphs
from .safe import SafeStatic


class AboutScreen(ModalScreen[None]):
    """What there is to read about a guide, over the listening screen."""

    BINDINGS = ABOUT_KEYS

    def __init__(self, about: About, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.about = about
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        about = self.about
        with Vertical(id="about-box") as box:
            close = visible(key_hint("about.close", self.keymap))
            box.border_title = f"About this guide ({close} closes)"
            with VerticalScroll(id="about-text"):
                yield SafeStatic(Content.styled(about.title, "bold"), classes="about-heading")
                yield LaidOut(facts(about), classes="about-facts")
                yield from prose(about.introduction, "about-part")
                if about.afterword:
                    heading = Content.styled(about.afterword_title, "bold")
                    yield SafeStatic(heading, classes="about-heading")
                    yield from prose(about.afterword, "about-part")
                if about.terms:
                    yield SafeStatic(Content.styled(TERMS_TITLE, "bold"), classes="about-heading")
                    terms = "\n\n".join(f"**{t.name}**: {t.definition}" for t in about.terms)
                    yield LaidOut(paragraphs(terms), classes="about-part")

    @on(Markdown.LinkClicked)
    @on(RemarkText.LinkClicked)
    def _link(self, event: Markdown.LinkClicked | RemarkText.LinkClicked) -> None:
        """A link leads out of this screen: close it, and have the listening screen follow it
        (to a track, a theme, or the browser)."""
        event.stop()
        self.dismiss()
        self.app.screen_stack[0].post_message(RemarkText.LinkClicked(event.href))


def facts(about: About) -> Content:
    """The facts, a line each: the name in bold, the value with its links."""
    return Content("\n").join(
        Content.assemble((f"{name}: ", "bold"), paragraphs(value)) for name, value in about.facts
    )
