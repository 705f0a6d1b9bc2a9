"""Warnings for what a guide's author wrote but the reader would silently drop or misplace.

The parser reads what follows the format; these checks look at what nearly does: a heading that
looks like a track but is not read as one (or, lacking the space after `##`, is no heading at all),
a stamp hidden in a bullet, in bold or behind spaces,
tracks out of album order or on a disc the album does not have, and remarks whose order depends on
a length the guide does not give. Each warning says what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import Stamp, Track
from .stamps import StampError, parse_stamp

Warn = Callable[[int, int, str, str], None]
"""Reports a warning at (line, column, message, help): the parser passes `Findings.warn`."""

_TRACKISH = re.compile(r"(?:(?i:track)\b[ \t]*|(?i:no)\.[ \t]*|#[ \t]*)?(\d+(?:-\d+)?)(.*)")
"""A heading that starts like a track: a number, perhaps after "Track", "No." or "#"."""
_TRACK_WORD = re.compile(r"(?i:track)\b")
_SEPARATOR = re.compile(r"[ \t]*[.):\-–—]?[ \t]*")
_HIDDEN_STAMP = re.compile(
    r"([ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)?(\*\*|__|\*|_)?\[(~?\d[^\]]*)\](?![(\[])"
)
"""A stamp at the start of a line once indentation, a list or quote marker, or emphasis is
skipped (a bracket that opens a link is not a stamp)."""
_UNSPACED = re.compile(r" {0,3}##(\d|(?i:track)\b)(.*)")
"""A track heading without the space after `##`, which Markdown reads as a paragraph."""
_MAY_HIDE = frozenset(" \t-*+>_0123456789")
"""How a line that hides a stamp can start: most lines start otherwise and need no regex."""


@dataclass(frozen=True, slots=True)
class UnreadHeading:
    """A level-2 heading the parser did not read as a track."""

    line: int
    """1-based line of the heading."""
    column: int
    """1-based column where its text starts."""
    text: str
    """The heading's text."""
    place: str
    """What the parser made of it: "intro", "afterword" (it starts the afterword) or
    "afterword-text" (it is inside the afterword)."""


_PLACES = {
    "intro": "is read as part of the introduction",
    "afterword": "starts the afterword, so it and everything after it are read as closing text",
    "afterword-text": "is read as text of the afterword",
}


def unread_headings(headings: Iterable[UnreadHeading], warn: Warn) -> None:
    """Warn about each heading that starts with a number or "Track" but is not a track."""
    for heading in headings:
        found = _TRACKISH.fullmatch(heading.text)
        if found is None and not _TRACK_WORD.match(heading.text):
            continue
        warn(
            heading.line,
            heading.column,
            f"heading '{heading.text}' looks like a track but {_PLACES[heading.place]}",
            _heading_help(found),
        )


def _heading_help(found: re.Match[str] | None) -> str:
    """The track heading to write instead, when the number and title can be told apart."""
    generic = (
        "write a track as ## 01. Title (number, full stop, title); "
        "start any other heading with a word, e.g. ## Afterword"
    )
    if found is None:
        return generic
    number, rest = found.groups()
    separator = _SEPARATOR.match(rest)
    assert separator is not None
    title = rest[separator.end() :].strip()
    if rest and not separator.group():
        return generic
    return f"write ## {number}. {title}" if title else f"write ## {number}. Title"


def hidden_stamps(blocks: Iterable[tuple[int, Sequence[str]]], warn: Warn) -> None:
    """Warn about stamps that start a line of a track's text but are not the first thing on it,
    so that they are read as text rather than as a timed remark. `blocks` are (0-based first line,
    lines) of the text inside tracks."""
    for start, lines in blocks:
        for number, line in enumerate(lines, start + 1):
            if line[:1] not in _MAY_HIDE:
                continue
            found = _HIDDEN_STAMP.match(line)
            if found is None or not any(found.group(1, 2, 3)):
                continue
            _, marker, emphasis, body = found.groups()
            try:
                parse_stamp(body)
            except StampError:
                continue
            stamp = f"[{body}]"
            if marker:
                where = "a quote" if marker.startswith(">") else "a list item"
                message = f"stamp {stamp} in {where} is read as text, not as a timed remark"
                help_text = f"start the line with the stamp, without the marker: {stamp} …"
            elif emphasis:
                style = "bold" if len(emphasis) == 2 else "italics"
                message = f"stamp {stamp} in {style} is read as text, not as a timed remark"
                help_text = f"put the stamp first, outside the emphasis: {stamp} {emphasis}…"
            else:
                message = f"indented stamp {stamp} is read as text, not as a timed remark"
                help_text = f"start the line with the stamp, without spaces before it: {stamp} …"
            warn(number, found.start(4), message, help_text)


def unspaced_headings(blocks: Iterable[tuple[int, Sequence[str]]], warn: Warn) -> None:
    """Warn about `##01. Title`: without a space after the hashes it is text, not a heading.
    `blocks` are (0-based first line, lines) of every text block."""
    for start, lines in blocks:
        for number, line in enumerate(lines, start + 1):
            if "##" not in line[:5]:
                continue
            found = _UNSPACED.fullmatch(line)
            if found is not None:
                text = (found.group(1) + found.group(2)).strip()
                warn(
                    number,
                    found.start(1) + 1,
                    f"'{line.strip()}' is read as text, not as a heading: a space must follow ##",
                    _heading_help(_TRACKISH.fullmatch(text)),
                )


def track_order(
    tracks: Sequence[Track], discs: int | None, lines: Sequence[str], warn: Warn
) -> None:
    """Warn about tracks out of album order and tracks on a disc beyond the album's `discs` (None
    when the front matter does not give it: then the album has one disc)."""
    previous: Track | None = None
    for track in tracks:
        heading = lines[track.line - 1]
        column = next((i for i, c in enumerate(heading) if c.isdecimal()), 0) + 1
        key = (track.id.disc, track.id.number)
        if previous is not None and key < (previous.id.disc, previous.id.number):
            warn(
                track.line,
                column,
                f"track {track.id} comes after track {previous.id} (line {previous.line})",
                "put the tracks in album order: disc by disc, each by number",
            )
        if track.id.disc > (discs or 1):
            has = f"discs = {discs}" if discs else "1 disc (no discs = in the front matter)"
            warn(
                track.line,
                column,
                f"track {track.id} is on disc {track.id.disc}, but the album has {has}",
                f"set discs = {track.id.disc} in the front matter, or number the track "
                f"## {track.id.number:02d}. on a single disc",
            )
        previous = track


def unplaceable_stamps(tracks: Iterable[Track], warn: Warn) -> None:
    """In a track without a `Length:`, warn where a time follows a fraction or the other way
    round: which comes first depends on a length the guide does not know."""
    for track in tracks:
        if track.length:
            continue
        last: Stamp | None = None
        for cue in track.cues:
            stamp = cue.stamp
            if not stamp.seconds and not stamp.fraction:
                continue
            if last is not None and (last.seconds is None) != (stamp.seconds is None):
                warn(
                    cue.line,
                    1,
                    f"remark at {stamp.label()} follows one at {last.label()}: without the "
                    "track's length they cannot be put in order",
                    "give the track a length (- Length: 3:10 in its fields), "
                    "or write both stamps as times or both as fractions",
                )
            last = stamp
