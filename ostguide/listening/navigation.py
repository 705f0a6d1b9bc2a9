"""The controller's commands for moving in the album and its commentary: tracks, remarks, jumps
and the way back, theme tours, the links of the commentary, and whether the commentary follows
the music."""

from __future__ import annotations

from ..guide.links import Link, links_in
from ..guide.model import Stamp
from ..guide.parser import parse_target
from ..guide.stamps import StampError
from ..session import Session, Tour
from .events import OpenLink, OpenThemes, Reveal
from .outbox import Outbox


class Navigation:
    """Where the listener goes, and what the commentary shows of it: the remark being heard in
    view (following) or not, and the link selected from the keyboard."""

    def __init__(self, session: Session, outbox: Outbox) -> None:
        self._session = session
        self._outbox = outbox
        self._following = True
        self._link: int | None = None
        """The selected link of the current track's commentary (index in `links_in`)."""
        self._shown_index: int | None = None
        """The track the commentary showed at the last answer."""

    @property
    def following(self) -> bool:
        """Whether the commentary follows the music."""
        return self._following

    @property
    def link(self) -> Link | None:
        """The link selected with tab, if any."""
        links = links_in(self._session.track) if self._link is not None else ()
        return links[self._link] if self._link is not None and self._link < len(links) else None

    def settle(self) -> None:
        """After each command: a new track is followed from its start, with no link selected."""
        if self._session.index != self._shown_index:
            self._shown_index = self._session.index
            self._following = True
            self._link = None

    # ---- tracks ----

    def next_track(self) -> None:
        """Skip to the next track (of the tour, if one runs); at the last, say so."""
        session = self._session
        tour = session.tour
        if tour is not None and session.index == tour.tracks[-1]:
            self._outbox.toast(f"That was the last track of the tour: {tour.name}.", timeout=4)
        elif tour is None and session.index == len(session.guide.tracks) - 1:
            self._outbox.toast("That was the last track of the album.", timeout=4)
        session.next_track()

    def previous_track(self) -> None:
        """Back to the start of the track, or the track before."""
        self._session.previous_track()

    def play_track(self, index: int) -> None:
        """Play a track from its start."""
        self._session.play(index)

    def visit_track(self, track_index: int) -> None:
        """Play a track from its start, remembering where the listener was."""
        self._session.jump(self._session.guide.tracks[track_index].id)

    def go_to(self, track_index: int | None, stamp: Stamp | None) -> None:
        """Go to a moment typed in the search: a time in this track, or a track (from its start
        or a moment), remembering where the listener was; and follow it."""
        session = self._session
        if track_index is not None and track_index != session.index:
            session.jump(session.guide.tracks[track_index].id)
        if stamp is not None or track_index is not None:
            session.seek(0.0 if stamp is None else stamp.resolve(session.remarks.length))
        self._follow(True)

    def tour_theme(self, theme_id: str) -> None:
        """Play every track that states a theme, one after another."""
        guide = self._session.guide
        theme = guide.theme(theme_id)
        if theme is not None:
            self._session.start_tour(Tour(theme.name, guide.tracks_stating(theme_id)))

    def back(self) -> None:
        """Return to where the listener was before the last jump or tour."""
        if not self._session.back():
            self._outbox.toast("Nowhere to go back to.", timeout=2)

    # ---- remarks ----

    def next_remark(self) -> None:
        """Jump to the next remark, and follow it."""
        if not self._session.next_remark():
            self._outbox.toast("No later remark in this track.", timeout=2)
        self._follow(True)

    def previous_remark(self) -> None:
        """Jump to the previous remark (or the track's start), and follow it."""
        if not self._session.previous_remark():
            self._session.seek(0.0)
        self._follow(True)

    def seek_remark(self, cue_index: int) -> None:
        """Play the current track from one of its remarks (a click on it), and follow it."""
        self._session.seek_cue(cue_index)
        self._follow(True)

    def play_remark(self, track_index: int, cue_index: int) -> None:
        """Play a track from one of its remarks, remembering where the listener was."""
        self._session.jump(self._session.guide.tracks[track_index].id)
        self.seek_remark(cue_index)

    # ---- links ----

    def follow_link(self, href: str) -> None:
        """Follow a link: within the guide (`#03`, `#03@1:20`, `#theme`) to a track and moment,
        or to a theme (the themes view opens); out of it, in the browser."""
        if not href.startswith("#"):
            self._outbox.send(OpenLink(href))
            return
        try:
            target = parse_target(href.removeprefix("#"))
        except StampError:
            target = None
        if isinstance(target, str):
            self._outbox.send(OpenThemes())
        elif target is None or not self._session.jump(*target):
            self._outbox.toast(f"The link {href} points nowhere in this guide.", "warning")

    def select_link(self, step: int) -> None:
        """Select the next (1) or previous (-1) link of the track's commentary, after the last
        the first again; the selected link's remark is brought into view."""
        links = links_in(self._session.track)
        if not links:
            self._outbox.toast("No links in this track's commentary.", timeout=2)
            return
        if self._link is None:
            self._link = 0 if step > 0 else len(links) - 1
        else:
            self._link = (self._link + step) % len(links)
        self._following = False

    def follow_selected_link(self) -> None:
        """Follow the selected link."""
        link = self.link
        self._link = None
        if link is not None:
            self.follow_link(link.href)

    # ---- following the music ----

    def toggle_follow(self) -> None:
        """Follow the music (bringing the remark heard into view), or stop following."""
        self._follow(not self._following)

    def stop_following(self) -> None:
        """The listener scrolled away to read ahead."""
        self._following = False

    def _follow(self, on: bool) -> None:
        self._following = on
        if on:
            self._outbox.send(Reveal())
