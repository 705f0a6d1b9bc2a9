"""When a folder's track numbers can be trusted to say which track each file is.

A folder (its disc subfolders counted as part of it) whose files carry disc and track numbers is
the guide's album when its numbers cover the guide's tracks, each once, and nothing names another
album: its files are then matched by number even when no title agrees (a rip tagged in Japanese,
bare `Track01.wav` names). The numbers alone are never enough for a folder that holds two albums
(the same number twice) or part of an album (tracks missing), unless its album tag or name says
it is this album; and titles and lengths that mostly disagree reveal a wrong folder.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from ostguide.guide.model import TrackId


class Verdict(Enum):
    """What one piece of evidence says about a file being a track, or a folder being the album."""

    AGREES = "agrees"
    DIFFERS = "differs"
    SILENT = "silent"


@dataclass(frozen=True, slots=True)
class Numbered:
    """What the numbering of one file says."""

    group: str
    """The album folder it is in (a disc subfolder counts as its parent)."""
    track: TrackId | None
    """Disc (1 when nothing says) and track number, or None without a number."""
    readable: bool
    """The file could be read (a broken file does not count against the folder)."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A file whose number is trusted: which track it is, in words."""

    track: TrackId
    """The track its disc and number name."""
    why: str
    """"track 3 of 23 in an album of 23"."""


def trusted_numbers(
    track_ids: Sequence[TrackId],
    files: Sequence[Numbered],
    *,
    named: Callable[[str, Sequence[int]], Verdict],
    evidence: Callable[[int, TrackId], Verdict],
) -> dict[int, Placed]:
    """File index → its place, for the files of every folder whose numbers are trusted.

    `named(group, members)` says whether the folder's album tag or name is the guide's album;
    `evidence(index, track)` whether a file's title and length agree with the track its number
    names.
    """
    wanted = set(track_ids)
    if not wanted:
        return {}
    per_disc = Counter(track.disc for track in wanted)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, file in enumerate(files):
        groups[file.group].append(index)
    placed: dict[int, Placed] = {}
    for group, members in groups.items():
        numbered = [i for i in members if files[i].track is not None]
        if not numbered:
            continue
        verdict = named(group, members)
        if verdict is Verdict.DIFFERS:
            continue
        if not _fits(wanted, files, members, partial=verdict is Verdict.AGREES):
            continue
        tally = Counter(
            evidence(i, track)
            for i in numbered
            if (track := files[i].track) is not None and track in wanted
        )
        differs, agrees = tally[Verdict.DIFFERS], tally[Verdict.AGREES]
        if differs >= 2 and differs > agrees:
            continue
        on_disc = Counter(track.disc for i in numbered if (track := files[i].track) is not None)
        for i in numbered:
            track = files[i].track
            if track is not None and track in wanted:
                placed[i] = Placed(track, _why(track, on_disc, per_disc))
    return placed


def _fits(
    wanted: set[TrackId], files: Sequence[Numbered], members: list[int], *, partial: bool
) -> bool:
    """Whether the folder's numbers cover the guide's tracks, each once, with at most a few
    slips (a misnumbered file, a bonus track); tracks may be missing only when `partial`."""
    counts = Counter(files[i].track for i in members if files[i].readable)
    slips = counts.pop(None, 0)
    slips += sum(count - 1 for count in counts.values())
    slips += sum(1 for track in counts if track not in wanted)
    missing = len(wanted - counts.keys())
    tolerance = max(1, len(wanted) // 10)
    if partial:
        return slips <= tolerance and missing < len(wanted)
    return slips + missing <= tolerance


def _why(track: TrackId, on_disc: Counter[int], per_disc: Counter[int]) -> str:
    """`track 3 of 23 in an album of 23` (`disc 2 track 3 of 12 …` on several discs)."""
    album = sum(per_disc.values())
    place = f"track {track.number} of {on_disc[track.disc]}"
    if len(per_disc) > 1:
        place = f"disc {track.disc} {place}"
    return f"{place} in an album of {album}"
