"""Track lists written as `0:00 Title` lines, the form in which albums are posted with a video
(YouTube description timestamps): `0:00 Intro`, `1:02:03 - Title`, `(12:34) Title`."""

from __future__ import annotations

import re
from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.source import lines_of
from ostguide.guide.stamps import MAX_DIGITS, TOO_LARGE_HELP

TIMESTAMP = re.compile(
    r"\s*(?:[-*•]\s*)?[(\[]?((?:(\d+):)?(\d+):(\d+))(?!\d)[)\]]?\s*(?:[-–—:|]\s*)?(.*)"
)
"""A line that starts with a time, and its title."""
TIMESTAMP_HELP = "write description timestamps as m:ss or h:mm:ss, e.g. 1:05 or 1:02:03"


def timestamp_seconds(match: re.Match[str], findings: Findings, line: int) -> float | None:
    """Seconds of a matched `m:ss` / `h:mm:ss`, or None after reporting a field out of range."""
    hours, first, seconds = match.group(2), match.group(3), match.group(4)
    leading = 2 if hours is not None else 3
    if len(match.group(leading)) > MAX_DIGITS:
        findings.error(
            line,
            match.start(leading) + 1,
            f"the time is too large in {match.group(1)}",
            TOO_LARGE_HELP,
        )
        return None
    fields = [(4, seconds)] + ([(3, first)] if hours is not None else [])
    for group, value in fields:
        if len(value) != 2 or int(value) >= 60:
            name = "seconds" if group == 4 else "minutes"
            findings.error(
                line,
                match.start(group) + 1,
                f"{name} must be two digits below 60 in {match.group(1)}",
                TIMESTAMP_HELP,
            )
            return None
    return int(hours or 0) * 3600 + int(first) * 60 + int(seconds)


def read_track_list(text: str, path: Path) -> list[tuple[int, float, str]]:
    """(line, seconds, title) of every line that starts with a well-formed time and has a title;
    other lines are passed over."""
    found: list[tuple[int, float, str]] = []
    quiet = Findings(path)
    for number, line in enumerate(lines_of(text), 1):
        match = TIMESTAMP.match(line)
        if match is None:
            continue
        seconds = timestamp_seconds(match, quiet, number)
        title = " ".join(match.group(5).split())
        if seconds is not None and title:
            found.append((number, seconds, title))
    return found
