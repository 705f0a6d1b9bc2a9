"""YouTube-style description timestamps (`0:00 Intro`, `1:02:03 - Title`) as remarks for one
track."""

from __future__ import annotations

import re
from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.stamps import MAX_DIGITS

from ..guide.source import lines_of
from .imported import TOO_LARGE_HELP, Imported, ImportedCue, Result, clean

TIMESTAMP = re.compile(
    r"\s*(?:[-*•]\s*)?[(\[]?((?:(\d+):)?(\d+):(\d+))(?!\d)[)\]]?\s*(?:[-–—:|]\s*)?(.*)"
)
"""A line that starts with a time, and its title."""
_TIMESTAMP_HELP = "write description timestamps as m:ss or h:mm:ss, e.g. 1:05 or 1:02:03"


def parse_timestamps(text: str, path: Path) -> Result:
    """YouTube-description chapters: lines that start with a time (`0:00 Intro`, `1:02:03 - Title`,
    `(12:34) Title`); other lines are ignored.

    YouTube shows chapters only if the first is at 0:00, there are three and they ascend. A guide
    needs none of that, so only times out of order get a warning (they are likely typos) and the
    remarks are sorted; a first time after 0:00 is simply the first remark.
    """
    findings = Findings(path)
    timed: list[tuple[float, str]] = []
    latest: tuple[float, int] | None = None
    for number, line in enumerate(lines_of(text), 1):
        match = TIMESTAMP.match(line)
        if match is None:
            continue
        seconds = _timestamp_seconds(match, findings, number)
        if seconds is None:
            continue
        remark = clean(match.group(5))
        if not remark:
            findings.warn(number, match.start(1) + 1, "a timestamp without a title, skipped")
            continue
        if latest is not None and seconds < latest[0]:
            findings.warn(
                number,
                match.start(1) + 1,
                f"{match.group(1)} comes before the time on line {latest[1]}",
                "description timestamps run in time order; check for a typo",
            )
        if latest is None or seconds >= latest[0]:
            latest = (seconds, number)
        timed.append((seconds, remark))
    if not timed and not findings.failed:
        findings.error(1, 1, "no line starts with a timestamp and a title", _TIMESTAMP_HELP)
    cues = tuple(ImportedCue(s, t) for s, t in sorted(timed, key=lambda entry: entry[0]))
    return findings.outcome(Imported("cues", cues=cues))


def _timestamp_seconds(match: re.Match[str], findings: Findings, line: int) -> float | None:
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
                _TIMESTAMP_HELP,
            )
            return None
    return int(hours or 0) * 3600 + int(first) * 60 + int(seconds)
