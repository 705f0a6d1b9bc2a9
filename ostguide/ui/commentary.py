"""The commentary of the current track: its title, alternative titles and themes (a heading the
screen keeps above the scrolling text), the untimed introduction, then its remarks, each with its
time. The remark being heard is highlighted and, while following, kept in view.

A change of track fills the widgets already there with the new track's text rather than building
new ones: the notice, the heading, the introduction and each remark are updated in place, remarks
left over are hidden for the next track, and only missing ones are mounted (in batches, for a long
track, and never just before a remark is due). Mounting and removing widgets is what made a change
of track cost the screen a tenth of a second or more, and the highlight waited behind it. A new
notice or new times (remarks placed on the music) change only themselves.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message

from ..guide.glossary import for_guide
from ..guide.model import Guide, Track
from .keys import ARROW_SEEKS
from .remarktext import RemarkText, commentary_text, is_plain, paragraphs
from .safe import SafeStatic

if TYPE_CHECKING:  # Textual's Markdown (and markdown-it) is imported for the first remark with
    # block markup: most guides have none, and no first frame needs it
    from textual.widgets import Markdown

BATCH = 12
"""The first frame gets the remarks up to the one heard and this many more."""
LATER_BATCH = 4
"""The other remarks follow this many per refresh: a 200-remark track opens as fast as a short
one, and the highlight never waits long behind the mounting."""
CLEAR_OF_REMARKS = 0.1
"""Seconds before a remark is due (or the track ends) during which no batch of remarks is
mounted: mounting would hold the event loop when the highlight must move."""
MAX_PARAGRAPHS = 60
"""Paragraphs of one remark drawn at most; a longer one says where to read the rest."""
CURRENT_STAMP = "$accent bold"
"""How the time of the remark heard now is drawn (the others take the remark's muted colour)."""
TEXT = "$foreground"
"""The colour of a remark's text, under its own emphasis, links and code."""


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


@dataclass
class RemarkClicked(Message):
    """The listener clicked a remark (not a link in it)."""

    index: int
    """Index of the remark in `Track.cues`."""


class Remark(RemarkText):
    """One timed remark of plain paragraphs, drawn as one widget: its time, then its text.
    Clicking it seeks there."""

    def __init__(self, index: int, label: str, markdown: str, state: str = "") -> None:
        super().__init__("")
        self.show(index, label, markdown, state)

    def show(self, index: int, label: str, markdown: str, state: str) -> None:
        """Draw remark `index` of the track (its time `label`) in `state`."""
        self.index, self.label = index, label
        self._text = paragraphs(markdown).stylize_before(TEXT)
        self.state = ""
        self.mark(state, force=True)

    def relabel(self, label: str) -> None:
        """Show the remark's time as `label` (placed on the music, or the offset changed)."""
        if label != self.label:
            self.label = label
            self.mark(self.state, force=True)

    def mark(self, state: str, force: bool = False) -> None:
        """Show the remark heard now (`-current`), before (`-past`), or neither (`""`)."""
        if state == self.state and not force:
            return
        self.state = state
        self.set_classes(f"remark remark-text {state}".strip())
        stamp = Content.styled(self.label, CURRENT_STAMP) if state == "-current" else self.label
        self.update(Content.assemble(stamp, "\n", self._text))

    def on_click(self, event: events.Click) -> None:
        """Ask the app to seek to this remark (unless a link in it was clicked)."""
        if "@click" not in event.style.meta:
            self.post_message(RemarkClicked(self.index))


class MarkdownRemark(Vertical):
    """A remark with block markup (lists, quotes, code, tables): its time above Textual's
    Markdown. Clicking it seeks there."""

    def __init__(self, index: int, label: str, markdown: str, state: str = "") -> None:
        super().__init__(classes=f"remark {state}".strip())
        self.index, self.label, self.markdown, self.state = index, label, markdown, state

    def compose(self):  # type: ignore[no-untyped-def]
        from textual.widgets import Markdown

        yield SafeStatic(self.label, classes="stamp")
        yield Markdown(self.markdown, open_links=False)

    def show(self, index: int, label: str, markdown: str, state: str) -> None:
        """Draw remark `index` of the track (its time `label`) in `state`."""
        self.index = index
        self.relabel(label)
        if markdown != self.markdown:
            from textual.widgets import Markdown

            self.markdown = markdown
            for text in self.query(Markdown):
                text.update(markdown)
        self.mark(state)

    def relabel(self, label: str) -> None:
        """Show the remark's time as `label`."""
        if label != self.label:
            self.label = label
            for stamp in self.query(".stamp").results(SafeStatic):
                stamp.update(label)

    def mark(self, state: str) -> None:
        """Show the remark heard now (`-current`), before (`-past`), or neither (`""`)."""
        self.state = state
        self.set_classes(f"remark {state}".strip())

    def on_click(self, event: events.Click) -> None:
        """Ask the app to seek to this remark (unless a link in it was clicked)."""
        if "@click" not in event.style.meta:
            self.post_message(RemarkClicked(self.index))


Slot = Remark | MarkdownRemark


class Commentary(VerticalScroll):
    """The scrolling commentary; scrolling by hand tells the app to stop following."""

    BINDINGS = ARROW_SEEKS

    @dataclass
    class ScrolledByHand(Message):
        """The listener scrolled the commentary away from the remark being heard."""

    def __init__(self) -> None:
        super().__init__(id="commentary")
        self.remarks: dict[int, Slot] = {}
        """The current track's remarks drawn so far, by index in `Track.cues`."""
        self.current: int | None = None
        self._notice = SafeStatic("", classes="notice")
        self.title = SafeStatic("", classes="track-title")
        """The track's heading: mounted by the screen above the commentary, so that following
        the music never scrolls it away."""
        self._intro: RemarkText | Markdown | None = None
        self._empty = SafeStatic("No commentary for this track: it plays on.", classes="empty")
        self._slots: list[Slot] = []
        """Every remark widget mounted, in order; those past the track's last are hidden."""
        self._pending: list[Slot] = []
        self.due_at: float | None = None
        """When the next remark is due or the track ends (`time.monotonic()`), if playing."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield self._notice
        yield self._empty

    def show_track(
        self,
        guide: Guide,
        track: Track,
        labels: Sequence[str],
        notice: str = "",
        current: int | None = None,
    ) -> None:
        """Show `track`'s commentary; `labels` gives each remark's time; `current` is the remark
        heard, drawn in the first batch with those before it."""
        self.current = current
        self.show_notice(notice)
        self.title.update(self.heading(guide, track))
        mark = for_guide(guide).mark  # glossary terms in bold: `g` explains them
        self._show_intro(mark(bounded(track.intro, track.line)) if track.intro.strip() else "")
        texts = [mark(bounded(cue.text, cue.line)) for cue in track.cues]
        self.remarks = {}
        first = (current or 0) + BATCH
        new: list[Slot] = []
        for i, text in enumerate(texts):
            slot = self._slots[i] if i < len(self._slots) else None
            if slot is not None and isinstance(slot, Remark) == is_plain(text):
                slot.show(i, labels[i], text, self._state(i))
                slot.display = True
                self.remarks[i] = slot
            elif slot is not None:  # another kind of remark: a new widget in its place
                made = self._make(i, labels[i], text)
                self.mount(made, before=slot)
                slot.remove()
                self._slots[i] = self.remarks[i] = made
            else:
                new.append(self._make(i, labels[i], text))
        for slot in self._slots[len(texts) :]:
            slot.mark("")
            slot.display = False
        self._empty.display = not track.cues and not track.intro.strip()
        self._pending = new
        self._mount_more(new, max(first - len(self._slots), 0))
        self.scroll_home(animate=False)

    def show_notice(self, notice: str) -> None:
        """Show `notice` above the track (errors in the guide file, why there is no sound), or
        none when it is empty."""
        self._notice.update(notice)
        self._notice.display = bool(notice)

    def relabel(self, labels: Sequence[str]) -> None:
        """Show each remark's time as `labels` gives it (in `Track.cues` order), in place."""
        for slot in [*self.remarks.values(), *self._pending]:
            slot.relabel(labels[slot.index])

    def _make(self, index: int, label: str, markdown: str) -> Slot:
        """A widget for remark `index`: one for plain paragraphs, Markdown for anything else."""
        kind = Remark if is_plain(markdown) else MarkdownRemark
        return kind(index, label, markdown, self._state(index))

    def _show_intro(self, markdown: str) -> None:
        """Show the track's introduction (none when `markdown` is empty)."""
        intro = self._intro
        if intro is not None and isinstance(intro, RemarkText) == is_plain(markdown):
            if isinstance(intro, RemarkText):
                intro.update(paragraphs(markdown))
            else:
                intro.update(markdown)
            intro.display = bool(markdown)
            return
        if intro is not None:
            intro.remove()
        self._intro = commentary_text(markdown, "intro") if markdown else None
        if self._intro is not None:
            self.mount(self._intro, after=self._notice)

    def _mount_more(
        self, pending: list[Slot], count: int = LATER_BATCH, waited: bool = False
    ) -> None:
        """Mount the next `count` new remarks, unless another track was shown meanwhile; the
        rest follow after the next refresh. Just before a remark is due, the batch waits until
        it has been highlighted (once: remarks closer together than that do not hold it up)."""
        if pending is not self._pending or not self.is_attached:
            return
        due = None if self.due_at is None else self.due_at - time.monotonic()
        if not waited and due is not None and 0 <= due < CLEAR_OF_REMARKS:
            later = due + CLEAR_OF_REMARKS / 2
            self.set_timer(later, lambda: self._mount_more(pending, count, waited=True))
            return
        batch, pending[:] = pending[:count], pending[count:]
        for slot in batch:
            slot.mark(self._state(slot.index))
            self.remarks[slot.index] = slot
        if batch:
            self.mount_all(batch, before=self._empty)
            self._slots += batch
        if pending:
            self.call_after_refresh(self._mount_more, pending)

    def _state(self, index: int) -> str:
        """The state of remark `index`: heard now, heard before, or neither."""
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
            remark.mark(self._state(i))
        if follow:
            self.follow()

    def reveal_remark(self, index: int | None) -> None:
        """Bring remark `index` (None: the top, where the introduction is) into view."""
        remark = self.remarks.get(index) if index is not None else None
        if remark is not None and remark.is_attached:
            self._centre(remark)
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
            self._centre(remark)

    def _centre(self, remark: Slot) -> None:
        """Centre `remark`. A scroll still under way (towards a remark heard a moment ago: the
        music went back, an A–B loop turned) ends first: finding `remark` already where the
        scroll started, Textual would scroll no further and let that one finish elsewhere."""
        self.app.animator.force_stop_animation(self, "scroll_y")
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
