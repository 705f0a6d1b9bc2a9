"""Search (ctrl+p): every word of the guide through `guide.search`, best first, each hit with its
excerpt and the words found marked; choosing one runs the catalogue's command for its kind (a
remark plays from its moment, a theme is toured, a term explained)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.command import Hit, Hits, Provider

from ..guide.goto import GoTo, go_to
from ..guide.model import Guide, TrackId
from ..guide.search import Hit as Found
from ..guide.search import Kind, SearchIndex, Target
from ..listening.commands import COMMANDS, for_hit
from .screen import ListeningScreen

PLACEHOLDER = "Search the guide…"
LIMIT = 50
"""Hits shown for one query."""


class GuideCommands(Provider):
    """The open guide's tracks, remarks, themes, glossary, introduction and afterword."""

    _index: ClassVar[tuple[tuple[Guide, Mapping[TrackId, str]], SearchIndex] | None] = None
    """The last guide searched (with the listener's title tags) and its index, built again when
    an edit makes a new guide or the music is found."""

    @property
    def listening(self) -> ListeningScreen:
        """The listening screen, under any view open over it: its guide, and its way to run
        a command."""
        screen = self.app.screen_stack[0]
        if not isinstance(screen, ListeningScreen):
            raise TypeError("the guide's search needs the listening screen")
        return screen

    def index(self) -> SearchIndex:
        """The index of the guide on screen."""
        guide, titles = self.listening.guide, self.listening.asks.tag_titles
        cached = GuideCommands._index
        if cached is None or cached[0][0] is not guide or cached[0][1] is not titles:
            cached = GuideCommands._index = (guide, titles), SearchIndex(guide, titles)
        return cached[1]

    async def discover(self) -> Hits:
        """Before anything is typed: the tracks."""
        guide = self.listening.guide
        play = COMMANDS["play_track"]
        for index, track in enumerate(guide.tracks):
            go = partial(self.listening.run, play.id, index)
            yield Hit(1.0, f"{track.id} {track.title}", go, help=play.palette)

    async def search(self, query: str) -> Hits:
        """The place `query` names (`2:31`, `12`, `12 2:31`) first, then the index's hits for
        it, in its order (whole words first)."""
        place = go_to(self.listening.guide, query)
        if place is not None:
            command = COMMANDS["go_to"]
            go = partial(self.listening.run, command.id, place.track, place.stamp)
            yield Hit(1.0, self._place_shown(place), go, help=command.palette)
        found = self.index().search(query, LIMIT)
        for rank, hit in enumerate(found):
            score = 1.0 - rank / (len(found) + 1) / 10  # keeps the index's order, above 0.9
            command = for_hit(hit.target.kind)
            yield Hit(score, shown(hit, self._label(hit)), self._go(hit), help=command.palette)

    def _place_shown(self, place: GoTo) -> str:
        """A place as the search lists it: `Go to 07 Shangri-La at 2:31`."""
        moment = "" if place.stamp is None else place.stamp.label(None)
        if place.track is None:
            return f"Go to {moment} in this track"
        track = self.listening.guide.tracks[place.track]
        return f"Go to {track.id} {track.title}" + (f" at {moment}" if moment else "")

    def _label(self, hit: Found) -> str:
        """What a hit is: a remark by its track and its time as the commentary shows it
        (`~0:04`, `≈1:51`), anything else as the index names it."""
        target = hit.target
        if target.kind != Kind.REMARK or target.track is None or target.cue is None:
            return hit.label
        track = self.listening.guide.tracks[target.track]
        return f"{track.id} {track.title} {self.listening.asks.label(target.track, target.cue)}"

    def _go(self, hit: Found) -> Callable[[], object]:
        """What choosing `hit` does: its kind's command, given the hit's place."""
        command = for_hit(hit.target.kind)
        return partial(self.listening.run, command.id, *arguments(hit.target))


def arguments(target: Target) -> tuple[object, ...]:
    """What a hit's command is given: the track (and remark), the theme or the term."""
    if target.kind == Kind.REMARK:
        return (target.track, target.cue)
    if target.kind == Kind.THEME:
        return (target.theme,)
    if target.kind == Kind.TERM:
        return (target.term,)
    if target.kind == Kind.ABOUT:
        return ()
    return (target.track,)


def shown(hit: Found, label: str) -> Text:
    """A hit as listed: its `label`, then its excerpt with the words found marked."""
    text = Text(label, style="bold")
    text.append("  ")
    start = len(text)
    text.append(hit.excerpt)
    for begin, end in hit.spans:
        text.stylize("reverse", start + begin, start + end)
    return text
