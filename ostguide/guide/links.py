"""The links in a track's commentary, in reading order (the introduction, then each remark), so
that the keyboard can select and follow them as the mouse can."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Track
from .readable import as_read

_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(([^()\s]+)\)")
"""A Markdown link (not an image); its text may hold one level of brackets."""


@dataclass(frozen=True, slots=True)
class Link:
    """One link of a track's commentary."""

    text: str
    """The link's text as read."""
    href: str
    """Where it leads: `#03@1:20`, `#theme`, or a web address."""
    cue: int | None
    """The remark it is in (index in `Track.cues`), None for the track's introduction."""


def links_in(track: Track) -> tuple[Link, ...]:
    """Every link of `track`'s commentary, in the order a reader meets them."""
    texts = [(None, track.intro), *enumerate(cue.text for cue in track.cues)]
    return tuple(
        Link(as_read(match[1]), match[2], cue)
        for cue, text in texts
        if "](" in text
        for match in _LINK.finditer(text)
    )
