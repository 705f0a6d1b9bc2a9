"""The glossary view: the musical terms a track's commentary uses, each with its definition."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from ..guide.model import Term
from ..listening.commands import key_hint
from .keys import GLOSSARY_KEYS
from .safe import SafeStatic


class GlossaryScreen(ModalScreen[None]):
    """Definitions of some glossary terms, over the listening screen."""

    BINDINGS = GLOSSARY_KEYS

    def __init__(self, terms: Sequence[Term], subject: str, keymap: Mapping[str, str]) -> None:
        """`subject` says whose terms these are (`09. Haruka no Uchi`); `keymap` is the
        listener's, so the hint names the key that really closes the view."""
        super().__init__()
        self.terms = tuple(terms)
        self.subject = subject
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="glossary-box"):
            close = key_hint("glossary.close", self.keymap)
            yield SafeStatic(f"Terms in {self.subject}: {close} closes", id="glossary-title")
            with VerticalScroll(id="glossary-list"):
                for term in self.terms:
                    text = Text(term.name, style="bold")
                    text.append(f"\n{term.definition}")
                    yield SafeStatic(text, classes="term")
                if not self.terms:
                    yield SafeStatic("No glossary terms in this commentary.", classes="term")
