"""Problems found in a guide, reported like a compiler: `noein.md:42:3: error: …`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..safetext import visible

T = TypeVar("T")


class Severity(StrEnum):
    """Errors stop a guide from loading; warnings point at likely slips."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in a guide file."""

    path: Path
    """The guide file."""
    line: int
    """1-based line."""
    column: int
    """1-based column, in characters."""
    severity: Severity
    message: str
    """What is wrong."""
    help: str = ""
    """What to do about it."""

    def headline(self) -> str:
        """`file:line:col: severity: message`, on one line: control characters the message
        quotes from the guide (a vertical tab, a NUL) are shown escaped (`\\x0b`)."""
        message = self.message
        if not message.isprintable():
            message = "".join(c if c.isprintable() else _escaped(c) for c in message)
        return f"{visible(str(self.path))}:{self.line}:{self.column}: {self.severity}: {message}"

    def render(self, lines: Sequence[str] = ()) -> str:
        """The headline, the source line with a caret under the column, and the help."""
        parts = [self.headline()]
        if 0 < self.line <= len(lines):
            number = str(self.line)
            gutter = " " * len(number)
            source, caret = _excerpt(lines[self.line - 1], self.column - 1)
            parts.append(f" {number} | {source}")
            parts.append(f" {gutter} | {' ' * caret}^")
            if self.help:
                parts.append(f" {gutter} = help: {visible(self.help)}")
        elif self.help:
            parts.append(f"    = help: {visible(self.help)}")
        return "\n".join(parts)


SHOWN_WIDTH = 100
"""Characters of a source line shown under a diagnostic; a longer line is cut around the column."""


def _excerpt(source: str, column: int) -> tuple[str, int]:
    """The part of `source` shown, and where the caret goes in it (0-based): the whole line when
    it is short, else `SHOWN_WIDTH` characters around `column`, with `…` where it was cut. Tabs
    are shown as one space and control characters as pictures of them, one character each, so
    the caret stays under its column; only the part shown is touched (a long line costs no
    more than a short one)."""
    start = 0
    if len(source) > SHOWN_WIDTH:
        start = min(max(0, column - SHOWN_WIDTH // 2), len(source) - SHOWN_WIDTH)
    shown = visible(source[start : start + SHOWN_WIDTH].replace("\t", " "))
    before = "…" if start > 0 else ""
    after = "…" if start + SHOWN_WIDTH < len(source) else ""
    return before + shown + after, column - start + len(before)


def _escaped(char: str) -> str:
    """A character that cannot be shown, as Python writes it in a string (`\\x0b`, `\\u2028`)."""
    return char.encode("unicode_escape").decode("ascii")


@dataclass(slots=True)
class Findings:
    """The diagnostics of one file, collected as a reader finds them."""

    path: Path
    """The file being read."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """In the order they were found."""

    def error(self, line: int, column: int, message: str, help: str = "") -> None:
        """Record an error at a 1-based line and column."""
        self.diagnostics.append(Diagnostic(self.path, line, column, Severity.ERROR, message, help))

    def warn(self, line: int, column: int, message: str, help: str = "") -> None:
        """Record a warning at a 1-based line and column."""
        self.diagnostics.append(
            Diagnostic(self.path, line, column, Severity.WARNING, message, help)
        )

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add what another reader found."""
        self.diagnostics.extend(diagnostics)

    @property
    def failed(self) -> bool:
        """Whether any error was recorded."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def in_order(self) -> list[Diagnostic]:
        """The diagnostics in line and column order (those at one place as found)."""
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column))

    def outcome(self, value: T) -> tuple[T | None, list[Diagnostic]]:
        """What a reader returns: `value`, or None if there were errors, and the diagnostics in
        order."""
        return (None if self.failed else value), self.in_order()


MAX_ALIKE = 20
"""Diagnostics of one kind shown for one file; the rest are counted ("and 980 more like this")."""


def capped(diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics to show, at most `MAX_ALIKE` of each kind (same severity and the same
    advice, or message when there is none), and a line for each kind with more, saying how many
    more: a guide with 20,000 broken links is not 20,000 times the same report."""
    shown: list[Diagnostic] = []
    counts: Counter[tuple[Severity, str]] = Counter()
    first: dict[tuple[Severity, str], Diagnostic] = {}
    for diagnostic in diagnostics:
        kind = (diagnostic.severity, diagnostic.help or diagnostic.message)
        counts[kind] += 1
        first.setdefault(kind, diagnostic)
        if counts[kind] <= MAX_ALIKE:
            shown.append(diagnostic)
    more = [
        f"… and {number - MAX_ALIKE:,} more like this: {first[kind].headline()}"
        for kind, number in counts.items()
        if number > MAX_ALIKE
    ]
    return shown, more


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    """How many diagnostics have this severity."""
    return sum(1 for d in diagnostics if d.severity is severity)


def summary(diagnostics: Sequence[Diagnostic], files: int = 1) -> str:
    """One line: `noein.md: 0 errors, 2 warnings` style totals."""
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    what = f"{files} guide{'s' if files != 1 else ''} checked"
    return (
        f"{what}: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
