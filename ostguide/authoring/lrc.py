"""LRC lyrics as remarks for one track: `[01:05.25] text` lines, `[ti:]`, `[ar:]` and `[offset:]`
tags (https://en.wikipedia.org/wiki/LRC_(file_format))."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ostguide.guide.diagnostics import Findings
from ostguide.guide.source import lines_of
from ostguide.guide.stamps import MAX_DIGITS, TOO_LARGE_HELP

from .imported import Imported, ImportedCue, Result, clean

_LRC_TAG = re.compile(r"\[([^\[\]]*)\]")
_LRC_TIME = re.compile(r"(\d+):(\d+)(?:[.:](\d{1,3}))?")
_LRC_META = re.compile(r"([A-Za-z#]+):(.*)")
_LRC_OFFSET = re.compile(r"\s*([+-]?)(\d+)\s*")
_WORD_TIME = re.compile(r"<\d+:\d+(?:[.:]\d+)?>")
"""Enhanced LRC's word timings inside a line (`<00:12.50>`), left out of the remark."""
_LRC_HELP = "write LRC time tags as [mm:ss.xx], e.g. [01:05.25]"


@dataclass(slots=True)
class _LrcHeader:
    """What an LRC file's metadata tags said."""

    title: str = ""
    performer: str = ""
    offset: int = 0
    """Milliseconds (`[offset:+250]`)."""
    offset_line: int = 0


def parse_lrc(text: str, path: Path) -> Result:
    """LRC lyrics: `[mm:ss.xx]` (or `[mm:ss]`, `[mm:ss:xx]`) tags, several on a line for a line
    sung several times; `[ti:]` and `[ar:]` give the title and performer; `[offset:]` shifts all.
    Lines whose text is blank (they clear the display) are skipped."""
    findings = Findings(path)
    header = _LrcHeader()
    timed: list[tuple[float, int, str]] = []
    for number, line in enumerate(lines_of(text), 1):
        start = len(line) - len(line.lstrip())
        if start == len(line):
            continue
        if line[start] != "[":
            findings.warn(number, start + 1, "line without a time tag, skipped")
            continue
        times: list[float] = []
        position = start
        while (tag := _LRC_TAG.match(line, position)) and (
            time := _LRC_TIME.fullmatch(tag.group(1))
        ):
            seconds = _lrc_seconds(time, tag.group(1), findings, number, tag.start(1) + 1)
            times.extend([] if seconds is None else [seconds])
            position = tag.end()
        if position == start:
            _lrc_metadata(line, start, header, findings, number)
            continue
        remark = clean(_WORD_TIME.sub("", line[position:]))
        if remark:
            timed.extend((seconds, number, remark) for seconds in times)
    if not timed and not findings.failed:
        findings.error(1, 1, "no timed lines found", _LRC_HELP)
    cues: list[ImportedCue] = []
    # LRC's [offset:] is in milliseconds, and a positive value makes lyrics appear sooner
    # ("+ shifts time up", https://en.wikipedia.org/wiki/LRC_(file_format)): a line tagged t
    # shows at t - offset.
    for seconds, number, remark in sorted(timed, key=lambda entry: entry[0]):
        shifted = seconds - header.offset / 1000
        if shifted < 0:
            findings.warn(number, 1, "the offset moves this line before 0:00; placed at 0:00")
        cues.append(ImportedCue(max(0.0, shifted), remark))
    return findings.outcome(Imported("cues", header.title, header.performer, tuple(cues)))


def _lrc_metadata(
    line: str, start: int, header: _LrcHeader, findings: Findings, number: int
) -> None:
    """Read a metadata tag (`[ti:Shangri-La]`) into `header`; unknown keys are left alone."""
    tag = _LRC_TAG.match(line, start)
    if tag is None:
        findings.error(number, start + 1, "unterminated LRC tag: missing ']'", _LRC_HELP)
        return
    body, column = tag.group(1), tag.start(1) + 1
    meta = _LRC_META.fullmatch(body)
    if meta is None:
        findings.error(number, column, f"malformed LRC tag [{body}]", _LRC_HELP)
        return
    key, value = meta.group(1).lower(), meta.group(2).strip()
    if key == "ti":
        header.title = value
    elif key == "ar":
        header.performer = value
    elif key == "offset":
        found = _LRC_OFFSET.fullmatch(meta.group(2))
        if found is None:
            findings.error(
                number,
                column + meta.start(2),
                f"the offset must be whole milliseconds in [{body}]",
                "write [offset:+250] or [offset:-250]",
            )
        elif len(found.group(2)) > MAX_DIGITS:
            # Kept as short as a stamp's minutes, so that a shifted line still renders a stamp
            # the guide parser reads.
            findings.error(
                number,
                column + meta.start(2) + found.start(1),
                f"the offset is too large in [{body}]",
                f"an offset has at most {MAX_DIGITS} digits (milliseconds)",
            )
        elif header.offset_line:
            message = f"a second offset (the first on line {header.offset_line}), ignored"
            findings.warn(number, column, message)
        else:
            header.offset, header.offset_line = int(found.group(1) + found.group(2)), number


def _lrc_seconds(
    time: re.Match[str], body: str, findings: Findings, line: int, column: int
) -> float | None:
    """Seconds of a matched LRC time tag, or None after reporting minutes longer than a guide's
    stamps allow or seconds of 60 or more."""
    minutes, seconds, decimals = time.groups()
    if len(minutes) > MAX_DIGITS:
        findings.error(
            line, column + time.start(1), f"the time is too large in [{body}]", TOO_LARGE_HELP
        )
        return None
    if len(seconds) > 2 or int(seconds) >= 60:
        findings.error(
            line, column + time.start(2), f"seconds must be below 60 in [{body}]", _LRC_HELP
        )
        return None
    fraction = int(decimals) / 10 ** len(decimals) if decimals else 0.0
    return int(minutes) * 60 + int(seconds) + fraction
