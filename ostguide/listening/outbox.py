"""What the listener is told, gathered while a command runs: the events for the screen (toasts
among them) and the transport line's note, which stays for a while on the controller's clock."""

from __future__ import annotations

from ..player.clock import Clock
from ..session import Severity
from .events import Event, Toast

NOTE_SECONDS = 6.0
"""How long a note stays on the transport line."""
SETTING_SECONDS = 10.0
"""How long a toast about a setting that was not saved stays."""


class Outbox:
    """Events waiting for the next answer, and the note showing now."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._events: list[Event] = []
        self._note = ""
        self._note_until = 0.0

    def toast(self, message: str, severity: Severity = "information", timeout: float = 6) -> None:
        """Say something for `timeout` seconds."""
        self._events.append(Toast(message, severity, timeout))

    def warn(self, problems: list[str]) -> None:
        """Say each problem with a setting or a file, for a while longer than a toast."""
        for problem in problems:
            self.toast(problem, "warning", SETTING_SECONDS)

    def send(self, event: Event) -> None:
        """Ask the screen to do something once."""
        self._events.append(event)

    def note(self, text: str) -> None:
        """Show a few words on the transport line for `NOTE_SECONDS`."""
        self._note, self._note_until = text, self._clock.now() + NOTE_SECONDS

    @property
    def noted(self) -> str:
        """The note, while it lasts."""
        return self._note if self._clock.now() < self._note_until else ""

    def take(self) -> tuple[Event, ...]:
        """The events since the last take, oldest first."""
        events, self._events = tuple(self._events), []
        return events
