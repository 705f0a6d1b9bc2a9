"""Problems found in a guide, reported like a compiler: `noein.md:42:3: error: …`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


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
        """`file:line:col: severity: message`."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def render(self, lines: Sequence[str] = ()) -> str:
        """The headline, the source line with a caret under the column, and the help."""
        parts = [self.headline()]
        if 0 < self.line <= len(lines):
            number = str(self.line)
            gutter = " " * len(number)
            source = lines[self.line - 1].expandtabs(1)
            parts.append(f" {number} | {source}")
            parts.append(f" {gutter} | {' ' * (self.column - 1)}^")
            if self.help:
                parts.append(f" {gutter} = help: {self.help}")
        elif self.help:
            parts.append(f"    = help: {self.help}")
        return "\n".join(parts)


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
