"""When a folder's track numbers can be trusted to say which track each file is.

A folder (its disc subfolders counted as part of it) whose files carry disc and track numbers is
the guide's album when its numbers cover the guide's tracks, each once, and nothing names another
album: its files are then matched by number even when no title agrees (a rip tagged in Japanese,
titles in a fan's English, bare `Track01.wav` names). Trusted by its shape, such a folder is
refused only by lengths that mostly disagree, or by titles that all disagree when nothing names
the album. The numbers alone are never enough for a folder that holds two albums (the same number
twice) or part of an album (tracks missing), unless its album tag or name says it is this album;
then titles and lengths that mostly disagree reveal a wrong folder. A folder whose tags give
another track count (`17/20` for a guide of 23) or whose album tag names another album is never
matched by number, and `Trust.refused` says why.
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
    total: int | None = None
    """How many tracks its tags say its disc has (`20` of `17/20`), if they say."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A file whose number is trusted: which track it is, in words."""

    track: TrackId
    """The track its disc and number name."""
    why: str
    """"track 3 of 23 in an album of 23"."""
    whole: bool = False
    """Its folder holds the album exactly (numbered 1..N once): a title in another language
    (a translation) does not count against it."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a file's title and length say about it being the track its number names."""

    title: Verdict
    length: Verdict

    @property
    def together(self) -> Verdict:
        """Both, where they do not contradict each other."""
        verdicts = {self.title, self.length} - {Verdict.SILENT}
        return verdicts.pop() if len(verdicts) == 1 else Verdict.SILENT


@dataclass(frozen=True, slots=True)
class Trust:
    """Which files are placed by their numbers, and why some folders' numbers were not trusted."""

    placed: dict[int, Placed]
    """File index → the track its number names."""
    refused: dict[str, str]
    """Folder → why its numbers were not trusted ("its tags number 20 tracks (17/20); …")."""


def trusted_numbers(
    track_ids: Sequence[TrackId],
    files: Sequence[Numbered],
    *,
    named: Callable[[str, Sequence[int]], tuple[Verdict, str]],
    evidence: Callable[[int, TrackId], Evidence],
) -> Trust:
    """The files of every folder whose numbers are trusted, placed; and the folders refused.

    `named(group, members)` says whether the folder's album tag or name is the guide's album, and
    which tag or name said so; `evidence(index, track)` whether a file's title and length agree
    with the track its number names.
    """
    wanted = set(track_ids)
    if not wanted:
        return Trust({}, {})
    per_disc = Counter(track.disc for track in wanted)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, file in enumerate(files):
        groups[file.group].append(index)
    placed: dict[int, Placed] = {}
    refused: dict[str, str] = {}
    for group, members in groups.items():
        numbered = [i for i in members if files[i].track is not None]
        if not numbered:
            continue
        why = _refusal(group, members, files, per_disc, named, wanted, evidence)
        if why is None:
            on_disc = Counter(track.disc for i in numbered if (track := files[i].track))
            whole = _shape(wanted, files, members) == (0, 0)
            for i in numbered:
                track = files[i].track
                if track is not None and track in wanted:
                    placed[i] = Placed(track, _why(track, on_disc, per_disc), whole)
        elif why:
            refused[group] = why
    return Trust(placed, refused)


def _refusal(
    group: str,
    members: list[int],
    files: Sequence[Numbered],
    per_disc: Counter[int],
    named: Callable[[str, Sequence[int]], tuple[Verdict, str]],
    wanted: set[TrackId],
    evidence: Callable[[int, TrackId], Evidence],
) -> str | None:
    """Why a folder's numbers are not trusted: None when they are, "" when they simply do not
    fit the guide (another album of another size), else a sentence."""
    tolerance = max(1, len(wanted) // 10)
    for i in members:
        file = files[i]
        count = per_disc.get(file.track.disc) if file.track is not None else None
        if file.readable and file.total and count and abs(file.total - count) > tolerance:
            number = file.track.number if file.track is not None else "?"
            return (
                f"its tags number {file.total} tracks ({number}/{file.total}); "
                f"the guide has {count}"
            )
    verdict, name = named(group, members)
    if verdict is Verdict.DIFFERS:
        return f"its album ({name}) is another album"
    slips, missing = _shape(wanted, files, members)
    complete = slips == missing == 0
    partial = verdict is Verdict.AGREES
    if not (complete or slips + missing <= tolerance or (partial and slips <= tolerance)):
        return ""
    if partial and missing == len(wanted):
        return ""
    said = [
        evidence(i, track)
        for i in members
        if (track := files[i].track) is not None and track in wanted
    ]
    lengths = Counter(found.length for found in said)
    if lengths[Verdict.DIFFERS] >= 2 and lengths[Verdict.DIFFERS] > lengths[Verdict.AGREES]:
        return "its lengths differ from the guide's"
    if complete:
        titles = Counter(found.title for found in said)
        if titles[Verdict.DIFFERS] >= 2 and not titles[Verdict.AGREES] and not partial:
            return "none of its titles is the guide's, and no album tag or folder name says it is"
        return None
    together = Counter(found.together for found in said)
    if together[Verdict.DIFFERS] >= 2 and together[Verdict.DIFFERS] > together[Verdict.AGREES]:
        return "its titles and lengths mostly differ from the guide's"
    return None


def _shape(wanted: set[TrackId], files: Sequence[Numbered], members: list[int]) -> tuple[int, int]:
    """(slips, missing): files that break the numbering (none, twice, not in the guide) and
    tracks no number names."""
    counts = Counter(files[i].track for i in members if files[i].readable)
    slips = counts.pop(None, 0)
    slips += sum(count - 1 for count in counts.values())
    slips += sum(1 for track in counts if track not in wanted)
    return slips, len(wanted - counts.keys())


def _why(track: TrackId, on_disc: Counter[int], per_disc: Counter[int]) -> str:
    """`track 3 of 23 in an album of 23` (`disc 2 track 3 of 12 …` on several discs)."""
    album = sum(per_disc.values())
    place = f"track {track.number} of {on_disc[track.disc]}"
    if len(per_disc) > 1:
        place = f"disc {track.disc} {place}"
    return f"{place} in an album of {album}"
