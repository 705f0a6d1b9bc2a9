"""The listener's files checked against the sidecar by their sound: a file that tags and name
could not place (or placed unsurely, or, when asked, any file) is paired with the track whose
description it sounds like; a file that sounds like none is used for none, whatever its tags say.

Files are decoded (once: the analyses are cached) only when they are checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace

from ..analysis.cache import analysed
from ..analysis.model import Analysis, AnalysisError
from ..guide.model import TrackId
from ..library.match import Assignment, Match
from ..library.scan import AudioFile
from .identify import MIN_SECONDS, identify
from .sound import TrackSound

SURE = 0.9
"""Matches by tags and names at least this confident are not checked unless asked."""
HEARD = "sounds like the author's copy"
"""The reason given for a file placed by its sound."""
UNLIKE = "does not sound like the author's copy"

Progress = Callable[[int, int], None]
"""Told (files checked, files to check)."""

log = logging.getLogger(__name__)


def by_sound(
    assignment: Assignment,
    sounds: Mapping[TrackId, TrackSound],
    *,
    check_all: bool = False,
    progress: Progress | None = None,
) -> Assignment:
    """The assignment with its unsure matches (every match, with `check_all`) and its leftover
    files settled by their sound, for the tracks the sidecar describes (long enough to know)."""
    known = {t for t, sound in sounds.items() if sound.duration >= MIN_SECONDS}
    checked = [
        m
        for m in assignment.matches
        if m.track in known and m.file is not None and (check_all or m.confidence < SURE)
    ]
    open_tracks = {m.track for m in checked} | {
        m.track for m in assignment.matches if m.file is None and m.track in known
    }
    candidates = [m.file for m in checked if m.file is not None]
    candidates += [f for f in assignment.leftovers if f.problem is None]
    if not open_tracks or not candidates:
        return assignment
    analyses: dict[int, Analysis] = {}
    for done, audio in enumerate(candidates):
        if progress is not None:
            progress(done, len(candidates))
        try:
            analyses[done] = analysed(audio.path, audio.length, start=audio.start, end=audio.end)
        except AnalysisError as error:
            log.info("%s is not checked by its sound: %s", audio.path, error)
    found = identify({t: sounds[t] for t in open_tracks}, analyses)
    placed = {known.track: (candidates[index], known.distance) for index, known in found.items()}
    matches = []
    for match in assignment.matches:
        if match.track in placed:
            audio, distance = placed[match.track]
            matches.append(Match(match.track, audio, round(1 - distance, 3), HEARD))
        elif match.track in open_tracks and match.file is not None:
            matches.append(replace(match, file=None, confidence=0.0, reason=UNLIKE))
        else:
            matches.append(match)
    used = {id(m.file) for m in matches if m.file is not None}
    leftovers = [f for f in (*assignment.leftovers, *candidates) if id(f) not in used]
    unique: dict[int, AudioFile] = {id(f): f for f in leftovers}
    return Assignment(tuple(matches), tuple(unique.values()), assignment.root)
