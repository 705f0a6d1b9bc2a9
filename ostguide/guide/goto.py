"""Places typed in the search (ctrl+p), as ncmpcpp and cmus take them: a time in the track
playing (`2:31`, `50%`), a track by its number (`12`, `#12`, `2-03` on disc 2), or both (`12 2:31`,
`#12@2:31`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Guide, Stamp, TrackId
from .stamps import StampError, parse_stamp

_TRACK = re.compile(r"#?(?:([0-9]{1,3})-)?([0-9]{1,3})")
_SEPARATOR = re.compile(r"\s*@\s*|\s+")


@dataclass(frozen=True, slots=True)
class GoTo:
    """Where a query says to go."""

    track: int | None
    """Index into `Guide.tracks`; None: the track playing."""
    stamp: Stamp | None
    """The moment in it (an exact time or a share of the track); None: its start."""


def go_to(guide: Guide, query: str) -> GoTo | None:
    """The place `query` names in `guide`, or None when it names none (words to search for)."""
    parts = [part for part in _SEPARATOR.split(query.strip(), maxsplit=1) if part]
    if len(parts) == 1:
        stamp = _stamp(parts[0])
        if stamp is not None:
            return GoTo(None, stamp)
        track = _track(guide, parts[0])
        return None if track is None else GoTo(track, None)
    if len(parts) == 2:
        track, stamp = _track(guide, parts[0]), _stamp(parts[1])
        return None if track is None or stamp is None else GoTo(track, stamp)
    return None


def _stamp(text: str) -> Stamp | None:
    """A moment written as a stamp's body (`2:31`, `1:02:03.5`, `50%`), else None."""
    if ":" not in text and not text.endswith("%"):
        return None
    try:
        return parse_stamp(text)
    except StampError:
        return None


def _track(guide: Guide, text: str) -> int | None:
    """The index of the track `text` numbers (`12`, `#12`, `2-03`); a bare number that is no
    track of disc 1 counts tracks in album order, as a playlist position does."""
    found = _TRACK.fullmatch(text)
    if found is None:
        return None
    disc, number = found.groups()
    wanted = TrackId(int(disc or 1), int(number))
    index = next((i for i, track in enumerate(guide.tracks) if track.id == wanted), None)
    if index is None and disc is None and 1 <= int(number) <= len(guide.tracks):
        index = int(number) - 1
    return index
