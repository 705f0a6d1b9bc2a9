"""The commentary of the current track: its title, alternative titles and themes, the untimed
introduction, then its remarks, each with its time. The remark being heard is highlighted and,
while following, kept in view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown

from ..guide.glossary import for_guide
from ..guide.model import Guide, Track
from .keys import ARROW_SEEKS
from .remarktext import RemarkText, is_plain
from .safe import SafeStatic

BATCH = 12
"""The first frame gets the remarks up to the one heard and this many more."""
LATER_BATCH = 4
"""The other remarks follow this many per refresh: a 200-remark track opens as fast as a short
one, and the highlight never waits long behind the mounting."""
MAX_PARAGRAPHS = 60
"""Paragraphs of one remark drawn at most; a longer one says where to read the rest."""


def bounded(markdown: str, line: int) -> str:
    """`markdown` cut after `MAX_PARAGRAPHS` paragraphs, saying so (Markdown makes a widget of
    every block: one remark of thousands of paragraphs would freeze the screen)."""
    paragraphs = markdown.split("\n\n", MAX_PARAGRAPHS)
    if len(paragraphs) <= MAX_PARAGRAPHS:
        return markdown
    more = paragraphs.pop().count("\n\n") + 1
    return "\n\n".join(
        [
            *paragraphs,
            f"*… {more} more paragraphs, too many to show here: see line {line} of the guide.*",
        ]
    )


def commentary_text(markdown: str, classes: str = "") -> Widget:
    """One widget for plain paragraphs, Textual's Markdown for anything else."""
    if is_plain(markdown):
        return RemarkText(markdown, classes)
    return Markdown(markdown, open_links=False, classes=classes)


class Remark(Vertical):
    """One timed remark: its stamp and its Markdown. Clicking it seeks there."""

    @dataclass
    class Clicked(Message):
        """The listener clicked a remark."""

        index: int
        """Index of the remark in `Track.cues`."""

    def __init__(self, index: int, label: str, text: str, classes: str = "") -> None:
        super().__init__(classes=f"remark {classes}".strip())
        self.index = index
        self.label = label
        self.text = text

    def compose(self):  # type: ignore[no-untyped-def]
        yield SafeStatic(self.label, classes="stamp")
        yield commentary_text(self.text)

    def on_click(self, event: events.Click) -> None:
        """Ask the app to seek to this remark (unless a link in it was clicked)."""
        if "@click" not in event.style.meta:
            self.post_message(self.Clicked(self.index))


class Commentary(VerticalScroll):
    """The scrolling commentary; scrolling by hand tells the app to stop following."""

    BINDINGS = ARROW_SEEKS

    @dataclass
    class ScrolledByHand(Message):
        """The listener scrolled the commentary away from the remark being heard."""

    def __init__(self) -> None:
        super().__init__(id="commentary")
        self.remarks: dict[int, Remark] = {}
        self.current: int | None = None
        self._pending: list[Remark] = []

    def show_track(
        self,
        guide: Guide,
        track: Track,
        labels: Sequence[str],
        notice: str = "",
        current: int | None = None,
    ) -> None:
        """Replace the content with `track`'s commentary; `labels` gives each remark's time;
        `current` is the remark heard, mounted in the first batch with those before it."""
        self.remove_children()
        self.current = current
        widgets: list[Widget] = []
        if notice:
            widgets.append(SafeStatic(notice, classes="notice"))
        widgets.append(SafeStatic(self.heading(guide, track), classes="track-title"))
        mark = for_guide(guide).mark  # glossary terms in bold: `g` explains them
        if track.intro.strip():
            widgets.append(commentary_text(mark(bounded(track.intro, track.line)), "intro"))
        remarks = [
            Remark(i, labels[i], mark(bounded(cue.text, cue.line)), self._state(i))
            for i, cue in enumerate(track.cues)
        ]
        self.remarks = {remark.index: remark for remark in remarks}
        first = (current or 0) + BATCH
        widgets += remarks[:first]
        self._pending = remarks[first:]
        if not track.cues and not track.intro.strip():
            widgets.append(
                SafeStatic("No commentary for this track: it plays on.", classes="empty")
            )
        self.mount_all(widgets)
        self.scroll_home(animate=False)
        if self._pending:
            self.call_after_refresh(self._mount_more, self._pending)

    def _mount_more(self, pending: list[Remark]) -> None:
        """Mount the next batch of remarks, unless another track was shown meanwhile."""
        if pending is not self._pending or not self.is_attached:
            return
        batch, pending[:] = pending[:LATER_BATCH], pending[LATER_BATCH:]
        for remark in batch:
            remark.set_classes(f"remark {self._state(remark.index)}".strip())
        self.mount_all(batch)
        if pending:
            self.call_after_refresh(self._mount_more, pending)

    def _state(self, index: int) -> str:
        """The classes of remark `index`: heard now, heard before, or neither."""
        if self.current is None or index > self.current:
            return ""
        return "-current" if index == self.current else "-past"

    @staticmethod
    def heading(guide: Guide, track: Track) -> Text:
        """The track's number and title, then its other titles and themes."""
        text = Text(f"{track.id}. {track.title}", style="bold")
        if track.alt_titles:
            text.append("\n" + " · ".join(track.alt_titles), style="italic")
        names = [theme.name for t in track.themes if (theme := guide.theme(t)) is not None]
        if names:
            text.append("\nThemes: " + ", ".join(names), style="dim")
        return text

    def highlight(self, index: int | None, follow: bool) -> None:
        """Mark remark `index` as heard (earlier ones as past); scroll to it when following."""
        if index == self.current:
            return
        self.current = index
        for i, remark in self.remarks.items():
            if remark.is_attached:
                remark.set_class(i == index, "-current")
                remark.set_class(index is not None and i < index, "-past")
        if follow:
            self.follow()

    def reveal_remark(self, index: int | None) -> None:
        """Bring remark `index` (None: the top, where the introduction is) into view."""
        remark = self.remarks.get(index) if index is not None else None
        if remark is not None and remark.is_attached:
            self.scroll_to_widget(remark, center=True)
        elif index is None:
            self.scroll_home()

    def follow(self) -> None:
        """Bring the remark being heard into view, centred (or the top before the first)."""
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Scroll once the remarks have a place on screen."""
        remark = self.remarks.get(self.current) if self.current is not None else None
        if remark is None:
            self.scroll_home()
        else:
            self.scroll_to_widget(remark, center=True)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """Scrolling by hand suspends following."""
        self.post_message(self.ScrolledByHand())

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """Scrolling by hand suspends following."""
        self.post_message(self.ScrolledByHand())

    def action_page_down(self) -> None:
        """Page down, and stop following."""
        super().action_page_down()
        self.post_message(self.ScrolledByHand())

    def action_page_up(self) -> None:
        """Page up, and stop following."""
        super().action_page_up()
        self.post_message(self.ScrolledByHand())
