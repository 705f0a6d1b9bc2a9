"""The glossary view: the musical terms a track's commentary uses, each with its definition."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..guide.model import Term


class GlossaryScreen(ModalScreen[None]):
    """Definitions of some glossary terms, over the listening screen."""

    BINDINGS = [
        Binding("escape,g,q", "dismiss", "Close", id="glossary.close"),
    ]

    def __init__(self, terms: Sequence[Term], subject: str) -> None:
        """`subject` says whose terms these are (`09. Haruka no Uchi`)."""
        super().__init__()
        self.terms = tuple(terms)
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(id="glossary-box"):
            yield Static(f"Terms in {self.subject}: escape closes", id="glossary-title")
            with VerticalScroll(id="glossary-list"):
                for term in self.terms:
                    text = Text(term.name, style="bold")
                    text.append(f"\n{term.definition}")
                    yield Static(text, classes="term")
                if not self.terms:
                    yield Static("No glossary terms in this commentary.", classes="term")
