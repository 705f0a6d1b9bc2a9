"""What a command asks of the screen beside the view it answers: one-shot events, each a small
frozen value, and the `Answer` that carries them with the view.

The view says what the screen shows; an event says what the screen should do once (say
something, open a view, start a job). Events are never kept in the view, so that showing the
same view twice does nothing twice."""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Severity
from .job import AnalysisJob
from .view import View


@dataclass(frozen=True, slots=True)
class Toast:
    """A passing message for the listener (a file that would not play, a setting not saved)."""

    message: str
    severity: Severity = "information"
    timeout: float = 6.0
    """Seconds it stays on screen."""


@dataclass(frozen=True, slots=True)
class Reveal:
    """Bring the remark being heard back into view (a jump to a remark, following again)."""


@dataclass(frozen=True, slots=True)
class OpenThemes:
    """Open the themes view (a link to a theme was followed)."""


@dataclass(frozen=True, slots=True)
class OpenLink:
    """Open a web address in the browser (a link out of the guide)."""

    href: str


@dataclass(frozen=True, slots=True)
class Analyse:
    """Analyse a file off the event loop and hand the result back as `news.Analysed` (asked
    for once per file, once the device and the music are there)."""

    job: AnalysisJob


@dataclass(frozen=True, slots=True)
class RunEditor:
    """Hand the terminal to the listener's editor with this command line, then say how it
    went with `news.Edited`."""

    command: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quit:
    """Close the screen (the place is saved already)."""


Event = Toast | Reveal | OpenThemes | OpenLink | Analyse | RunEditor | Quit


@dataclass(frozen=True, slots=True)
class Answer:
    """What a command, a tick or some news comes to: the view to show, and what to do once."""

    view: View
    events: tuple[Event, ...] = ()
