"""YouTube-style description timestamps (`0:00 Intro`, `1:02:03 - Title`) as remarks for one
track."""

from __future__ import annotations

from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.source import lines_of
from ostguide.library.timestamps import TIMESTAMP, TIMESTAMP_HELP, timestamp_seconds

from .imported import Imported, ImportedCue, Result, clean


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
        seconds = timestamp_seconds(match, findings, number)
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
        findings.error(1, 1, "no line starts with a timestamp and a title", TIMESTAMP_HELP)
    cues = tuple(ImportedCue(s, t) for s, t in sorted(timed, key=lambda entry: entry[0]))
    return findings.outcome(Imported("cues", cues=cues))
