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
from textual.widgets import Markdown, Static

from ..guide.model import Guide, Track
from .keys import ARROW_SEEKS


class Remark(Vertical):
    """One timed remark: its stamp and its Markdown. Clicking it seeks there."""

    @dataclass
    class Clicked(Message):
        """The listener clicked a remark."""

        index: int
        """Index of the remark in `Track.cues`."""

    def __init__(self, index: int, label: str, text: str) -> None:
        super().__init__(classes="remark")
        self.index = index
        self.label = label
        self.text = text

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(self.label, classes="stamp")
        yield Markdown(self.text, open_links=False)

    def on_click(self, event: events.Click) -> None:
        """Ask the app to seek to this remark."""
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

    def show_track(
        self, guide: Guide, track: Track, labels: Sequence[str], notice: str = ""
    ) -> None:
        """Replace the content with `track`'s commentary; `labels` gives each remark's time."""
        self.remove_children()
        self.remarks = {}
        self.current = None
        widgets: list[Static | Markdown | Remark] = []
        if notice:
            widgets.append(Static(notice, classes="notice"))
        widgets.append(Static(self.heading(guide, track), classes="track-title"))
        if track.intro.strip():
            widgets.append(Markdown(track.intro, open_links=False, classes="intro"))
        for index, cue in enumerate(track.cues):
            remark = Remark(index, labels[index], cue.text)
            self.remarks[index] = remark
            widgets.append(remark)
        if not track.cues and not track.intro.strip():
            widgets.append(Static("No commentary for this track: it plays on.", classes="empty"))
        self.mount_all(widgets)
        self.scroll_home(animate=False)

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
            remark.set_class(i == index, "-current")
            remark.set_class(index is not None and i < index, "-past")
        if follow:
            self.follow()

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
