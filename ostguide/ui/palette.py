"""Command palette entries (ctrl+p): search tracks, remarks and themes and jump there, and look up
glossary terms."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from ..guide.glossary import for_guide
from ..guide.model import Term
from .glossary import GlossaryScreen
from .themes import _snippet

if TYPE_CHECKING:
    from .app import ListeningApp


class GuideCommands(Provider):
    """Tracks, remarks and themes of the open guide, and the glossary it is read with."""

    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        """(text to match, what to do, help line) for everything that can be jumped to."""
        app: ListeningApp = self.app  # type: ignore[assignment]
        session = app.controller.session
        guide = session.guide
        entries: list[tuple[str, Callable[[], object], str]] = []
        for index, track in enumerate(guide.tracks):
            names = " ".join((track.title, *track.alt_titles))
            entries.append((f"{track.id} {names}", partial(app.play_track, index), "play track"))
            for cue_index, cue in enumerate(track.cues):
                entries.append(
                    (
                        f"{track.id} {track.title} [{session.label(index, cue_index)}] "
                        f"{_snippet(cue.text, 50)}",
                        partial(app.play_remark, index, cue_index),
                        "play from this remark",
                    )
                )
        for theme in guide.themes:
            entries.append(
                (
                    f"Theme: {theme.name}",
                    partial(app.tour_theme, theme.id),
                    "play every track that states it, in turn",
                )
            )
        for term in for_guide(guide).terms:
            also = f" ({', '.join(term.forms)})" if term.forms else ""
            entries.append(
                (
                    f"Glossary: {term.name}{also}",
                    partial(_explain, app, term),
                    _snippet(term.definition),
                )
            )
        return entries

    async def discover(self) -> Hits:
        """Everything that can be jumped to, before anything is typed."""
        for text, action, help_text in self._entries():
            yield Hit(1.0, text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        """Everything matching `query`, best first."""
        matcher = self.matcher(query)
        for text, action, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), action, help=help_text)


def _explain(app: ListeningApp, term: Term) -> None:
    """Show one glossary term's definition."""
    app.push_screen(GlossaryScreen((term,), "the glossary", app.keymap))
