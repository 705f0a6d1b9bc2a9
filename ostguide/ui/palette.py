"""Search (ctrl+p): every word of the guide through `guide.search`, best first, each hit with its
excerpt and the words found marked; choosing one goes there (a remark plays from its moment)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.command import Hit, Hits, Provider

from ..guide.model import Guide, Term
from ..guide.search import Hit as Found
from ..guide.search import Kind, SearchIndex
from .glossary import GlossaryScreen

if TYPE_CHECKING:
    from .app import ListeningApp

PLACEHOLDER = "Search the guide…"
LIMIT = 50
"""Hits shown for one query."""
WHAT_IT_DOES = {
    Kind.TRACK: "play this track",
    Kind.TRACK_INTRO: "play this track",
    Kind.REMARK: "play from this remark",
    Kind.THEME: "play every track that states it, in turn",
    Kind.TERM: "read the definition",
    Kind.ABOUT: "read about this guide",
}


class GuideCommands(Provider):
    """The open guide's tracks, remarks, themes, glossary, introduction and afterword."""

    _index: ClassVar[tuple[Guide, SearchIndex] | None] = None
    """The last guide searched and its index (built again when an edit makes a new guide)."""

    @property
    def listening(self) -> ListeningApp:
        return self.app  # type: ignore[return-value]

    def index(self) -> SearchIndex:
        """The index of the guide on screen."""
        guide = self.listening.controller.session.guide
        cached = GuideCommands._index
        if cached is None or cached[0] is not guide:
            cached = GuideCommands._index = guide, SearchIndex(guide)
        return cached[1]

    async def discover(self) -> Hits:
        """Before anything is typed: the tracks."""
        guide = self.listening.controller.session.guide
        for index, track in enumerate(guide.tracks):
            go = partial(self.listening.play_track, index)
            yield Hit(1.0, f"{track.id} {track.title}", go, help="play this track")

    async def search(self, query: str) -> Hits:
        """The index's hits for `query`, in its order (whole words first)."""
        found = self.index().search(query, LIMIT)
        for rank, hit in enumerate(found):
            score = 1.0 - rank / (len(found) + 1) / 10  # keeps the index's order, above 0.9
            yield Hit(score, shown(hit), self._go(hit), help=WHAT_IT_DOES[hit.target.kind])

    def _go(self, hit: Found) -> Callable[[], object]:
        """What choosing `hit` does."""
        app, target = self.listening, hit.target
        if target.kind == Kind.REMARK and target.track is not None and target.cue is not None:
            return partial(app.play_remark, target.track, target.cue)
        if target.kind == Kind.THEME and target.theme is not None:
            return partial(app.tour_theme, target.theme)
        if target.kind == Kind.TERM and target.term is not None:
            return partial(_explain, app, target.term)
        if target.track is not None:
            return partial(app.play_track, target.track)
        return app.action_about


def shown(hit: Found) -> Text:
    """A hit as listed: its label, then its excerpt with the words found marked."""
    text = Text(hit.label, style="bold")
    text.append("  ")
    start = len(text)
    text.append(hit.excerpt)
    for begin, end in hit.spans:
        text.stylize("reverse", start + begin, start + end)
    return text


def _explain(app: ListeningApp, term: Term) -> None:
    """Show one glossary term's definition."""
    app.push_screen(GlossaryScreen((term,), "the glossary", app.keymap))
