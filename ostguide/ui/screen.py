"""The listening screen: the album, the track list, the commentary following the music, the
transport line and the key line. It shows the controller's views (one `view` reactive, one
watcher touching only the widgets whose part changed) and turns clicks into commands."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import Screen

from ..guide.model import Guide
from ..listening.commands import key_hint
from ..listening.controller import Listening
from ..listening.view import View
from .commentary import Commentary, RemarkClicked
from .header import AlbumHeader
from .keyline import KeyLine
from .keys import key_label
from .musicpanel import MusicPanel
from .prose import prose
from .remarktext import RemarkText
from .tracklist import TrackList
from .transportbar import TimelineClicked, TransportBar

if TYPE_CHECKING:
    from textual.widgets import Markdown

NARROW = 80
"""Below this many columns the track list folds away behind a key."""

Run = Callable[..., None]
"""Runs a command of the catalogue by id, with arguments (the app's `action_run`)."""


class ListeningScreen(Screen[None]):
    """The screen under every view: what plays, and what is said about it."""

    view: var[View | None] = var(None, init=False)
    """What the screen shows: every answer's view lands here."""

    def __init__(self, asks: Listening, keymap: Mapping[str, str], greeting: str, run: Run) -> None:
        """`asks` answers the controller's queries (the guide, a remark's label, the title
        tags), never a command; `greeting` stands in for the keys until `end_greeting`; `run`
        runs a command."""
        super().__init__()
        self.asks = asks
        self.run = run
        guide = asks.guide
        # Kept rather than queried: the watcher runs at every tick, and a query walks the DOM.
        self.header = AlbumHeader(guide.album)
        self.tracks = TrackList(guide, frozenset())
        self.commentary = Commentary()
        self.intro = VerticalScroll(id="intro-pane")
        """The track's introduction kept in view above the remarks (`h`), while they follow the
        music below."""
        self.intro.display = False
        self.music_panel = MusicPanel(key_label("choose_music", keymap))
        self.bar = TransportBar(key_hint("follow", keymap))
        self.keys = KeyLine(keymap, greeting)

    @property
    def guide(self) -> Guide:
        """The guide shown."""
        return self.view.guide if self.view is not None else self.asks.guide

    def widgets(self) -> ComposeResult:
        """The screen's widgets, composed by the app (whose default screen this is)."""
        yield self.header
        with Horizontal(id="main"):
            yield self.tracks
            with Vertical(id="reading"):
                yield self.commentary.title
                yield self.intro
                yield self.commentary
        yield self.music_panel
        yield self.bar
        yield self.keys

    def watch_view(self, old: View | None, new: View | None) -> None:
        """Carry what changed to the widgets."""
        if new is None:
            return
        tracks, commentary = self.tracks, self.commentary
        commentary.due_at = None if new.due is None else time.monotonic() + new.due
        if old is None or old.guide is not new.guide:
            self.header.show(new.guide.album)
            tracks.show_guide(new.guide, new.index)
        if old is None or old.missing != new.missing:
            tracks.show_missing(new.missing)
        if old is None or old.index != new.index:
            tracks.show_playing(new.index)
        redrawn = old is None or old.guide is not new.guide or old.index != new.index
        if old is None or redrawn:
            track = new.guide.tracks[new.index]
            commentary.show_track(new.guide, track, new.labels, new.notice, new.cue)
            if self.intro.display:
                self._show_intro()
        else:  # the same track: only what changed, in place
            if old.labels != new.labels:
                commentary.relabel(new.labels)
            if old.notice != new.notice:
                commentary.show_notice(new.notice)
        commentary.highlight(new.cue, new.following)
        if new.following and redrawn:
            commentary.follow()
        if old is None or old.no_music != new.no_music:
            self.music_panel.show(new.no_music)
        self.bar.show(new.transport)
        if old is None or old.link != new.link:
            self.keys.show_link(new.link)
            if new.link is not None:
                commentary.reveal_remark(new.link.cue)

    def seconds_to_change(self, view: View) -> float:
        """Seconds of music until the screen looks different by time alone, remarks and the
        track's end apart (the view's `due`): the transport line's second or head."""
        return self.bar.seconds_to_change(view.transport)

    def reveal(self) -> None:
        """Bring the remark being heard back into view, when following."""
        if self.view is not None and self.view.following:
            self.commentary.follow()

    def toggle_intro(self) -> None:
        """Keep the track's introduction in view above the remarks, or not."""
        self.intro.display = not self.intro.display
        if self.intro.display:
            self._show_intro()

    def _show_intro(self) -> None:
        """Fill the pane with the current track's introduction (or say it has none)."""
        track = self.guide.tracks[self.view.index if self.view is not None else 0]
        self.intro.remove_children()
        text = track.intro.strip() or f"{track.id}. {track.title} has no introduction."
        self.intro.mount_all(prose(text, "intro"))

    def fold(self, width: int) -> None:
        """Fold the track list away below `NARROW` columns."""
        self.set_class(width < NARROW, "-narrow")

    def toggle_tracks(self, width: int) -> None:
        """Show the folded track list, or hide the track list beside the commentary."""
        self.toggle_class("-show-tracks" if width < NARROW else "-hide-tracks")

    @on(TrackList.Chosen)
    def track_chosen(self, event: TrackList.Chosen) -> None:
        """Enter or a click on a track plays it."""
        self.run("play_track", event.index)

    @on(TimelineClicked)
    def timeline_clicked(self, event: TimelineClicked) -> None:
        """A click or a drag on the timeline seeks there."""
        self.run("seek_to", event.seconds)

    @on(RemarkClicked)
    def remark_clicked(self, event: RemarkClicked) -> None:
        """Clicking a remark seeks there."""
        self.run("seek_remark", event.index)

    @on(Commentary.ScrolledByHand)
    def stop_following(self) -> None:
        """Reading ahead suspends following until the listener asks for it or jumps."""
        if self.view is not None and self.view.following:
            self.run("stop_following")

    @on(RemarkText.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked | RemarkText.LinkClicked) -> None:
        """Follow a cross-reference to a track (and moment) or a theme; open other links."""
        event.stop()
        self.run("follow_href", event.href)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """A link in a remark with block markup (by name: Markdown is imported only for one)."""
        self.link_clicked(event)
