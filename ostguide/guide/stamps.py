"""Time stamps as written in guides: `[1:05]`, `[01:05.250]`, `[1:02:03]`, `[50%]`, `[~1:30]`.

`parse_stamp` reads the text between the brackets; `leading_stamp` finds a stamp at the start of a
paragraph. Malformed stamps raise `StampError`, which knows the column of the offending part and
what the author should write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Stamp

FORMS_HELP = (
    "write [m:ss], [m:ss.mmm], [h:mm:ss], a fraction such as [50%], or [~1:30] if approximate"
)

_TIME = re.compile(r"(\d+):(\d+)(?::(\d+))?(?:\.(\d+))?")
_FRACTION = re.compile(r"(\d+(?:\.\d+)?)%")
_USUAL_TIME = re.compile(r"(~?)([0-9]{1,6}):([0-5][0-9])(?:\.([0-9]{1,3}))?")
"""The stamp almost every remark has, `[m:ss]`, well formed: read without the checks below."""
_LINK_AFTER = ("(", "[")
MAX_DIGITS = 6
"""The longest number a stamp's hours or minutes may have; longer ones cannot be converted."""
TOO_LARGE_HELP = f"a guide's times have at most {MAX_DIGITS} digits before the first colon"
"""Help for a time longer than a guide's stamps allow (`MAX_DIGITS` of hours, or of minutes)."""


@dataclass(frozen=True, slots=True)
class StampError(Exception):
    """A stamp that does not follow the format."""

    message: str
    """What is wrong, quoting the stamp."""
    offset: int
    """Offset of the problem within the text handed to the parser (0-based)."""
    help: str = FORMS_HELP
    """What to write instead."""

    def __str__(self) -> str:
        return self.message


def parse_stamp(body: str, *, offset: int = 0) -> Stamp:
    """Parse a stamp without its brackets (`~1:30`, `50%`); `offset` locates `body` in its line."""
    usual = _USUAL_TIME.fullmatch(body)
    if usual:
        tilde, minutes, seconds, decimals = usual.groups()
        millis = float(f"0.{decimals}") if decimals else 0.0
        return Stamp(int(minutes) * 60 + int(seconds) + millis, None, tilde == "~")
    shown = f"[{body}]"
    approximate = body.startswith("~")
    text = body[1:] if approximate else body
    start = offset + (1 if approximate else 0)
    fraction = _FRACTION.fullmatch(text)
    if fraction:
        value = float(fraction.group(1))
        if value > 100:
            raise StampError(
                f"a fraction must be between 0% and 100% in {shown}",
                start,
                "a fraction stamp is a share of the track, such as [50%]",
            )
        return Stamp(seconds=None, fraction=value / 100, approximate=approximate)
    time = _TIME.fullmatch(text)
    if time is None:
        if text.isdecimal():
            raise StampError(
                f"a time needs minutes and seconds in {shown}",
                start,
                f"write [0:{int(text):02d}] for {text} seconds" if _below_60(text) else FORMS_HELP,
            )
        raise StampError(f"malformed time stamp {shown}", start)
    return Stamp(seconds=_seconds(time, shown, start), fraction=None, approximate=approximate)


def _seconds(time: re.Match[str], shown: str, start: int) -> float:
    """Seconds of a matched `h:mm:ss.fff` / `m:ss.fff`, checking each field's range."""
    first, second, third, decimals = time.groups()
    if third is None:
        hours, minutes, seconds = "0", first, second
        seconds_group, minutes_limited = 2, False
    else:
        hours, minutes, seconds = first, second, third
        seconds_group, minutes_limited = 3, True
    if len(first) > MAX_DIGITS:
        raise StampError(f"the time is too large in {shown}", start + time.start(1), FORMS_HELP)
    if minutes_limited and (len(minutes) != 2 or int(minutes) >= 60):
        raise StampError(
            f"minutes must be two digits below 60 after the hours in {shown}",
            start + time.start(2),
            "write hours:minutes:seconds, e.g. [1:02:03]",
        )
    if len(seconds) != 2:
        raise StampError(
            f"seconds need two digits in {shown}",
            start + time.start(seconds_group),
            f"write [{minutes}:{int(seconds):02d}]" if _below_60(seconds) else FORMS_HELP,
        )
    if int(seconds) >= 60:
        raise StampError(
            f"seconds must be below 60 in {shown}",
            start + time.start(seconds_group),
            "write the time as minutes:seconds, e.g. [6:15]",
        )
    if decimals is not None and len(decimals) > 3:
        raise StampError(
            f"at most three decimals (milliseconds) in {shown}",
            start + time.start(4),
            "write milliseconds as .250",
        )
    fraction = float(f"0.{decimals}") if decimals else 0.0
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + fraction


def _below_60(digits: str) -> bool:
    """Whether a run of digits (of any length) is a number below 60."""
    return len(digits) <= 4 and int(digits) < 60


def leading_stamp(line: str) -> tuple[Stamp, int] | None:
    """The stamp that starts `line` and the offset just after it, or None if it has none.

    A bracket that opens a Markdown link (`[1984](…)`) is not a stamp; one that never closes is an
    error, since the author clearly began a stamp.
    """
    if len(line) < 2 or line[0] != "[" or not (line[1] == "~" or line[1].isdecimal()):
        return None
    close = line.find("]")
    if close < 0:
        raise StampError(
            f"unterminated time stamp {line.split()[0]}: missing ']'",
            0,
            "close the stamp with ], e.g. [1:05]",
        )
    if line[close + 1 : close + 2] in _LINK_AFTER and close + 1 < len(line):
        return None
    return parse_stamp(line[1:close], offset=1), close + 1
