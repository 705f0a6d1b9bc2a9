"""The author's side: describing the files a guide was timed against in its sidecar, for
`ostguide sync GUIDE`, for `ostguide new`, and for the track being stamped or retimed.

Each file is analysed once (the analysis cache serves the listening screen too); the entries of
tracks not involved are kept as they were.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from ..analysis.cache import analysed
from ..analysis.model import Analysis, AnalysisError
from ..guide.model import Guide, TrackId
from ..player.interface import whole
from .music import Music
from .sidecar import SyncedTrack, read_sidecar, sidecar_path, write_sidecar
from .sound import describe

Progress = Callable[[int, int], None]
"""Told (tracks described, tracks to describe)."""

log = logging.getLogger(__name__)
_writing = threading.Lock()
"""One description written at a time: each reads the sidecar, adds its track and writes it."""


@dataclass(frozen=True, slots=True)
class Described:
    """What became of one track."""

    track: TrackId
    said: str
    """"described (01 Shangri-La.flac)", "no file", or why the file cannot be analysed."""
    ok: bool


def sync_guide(
    guide: Guide,
    library: Music,
    only: Collection[TrackId] | None = None,
    progress: Progress | None = None,
) -> tuple[Path, list[Described], list[str]]:
    """Describe the files of the guide's tracks (of `only`, when given) in its sidecar; the
    sidecar's path, what became of each track, and what was wrong with the old sidecar: a
    sidecar that cannot be read whole (another version, damaged) is left as it is, and nothing
    is described."""
    path = sidecar_path(guide.path)
    tracks, problems = read_sidecar(path)
    if problems:
        return path, [], problems
    files = library.files
    lengths = library.lengths
    wanted = [t for t in guide.tracks if only is None or t.id in only]
    report: list[Described] = []
    for done, track in enumerate(wanted):
        if progress is not None:
            progress(done, len(wanted))
        source = files.get(track.id)
        if source is None:
            report.append(Described(track.id, "no file", False))
            continue
        span = whole(source)
        try:
            analysis = analysed(span.path, lengths.get(track.id), start=span.start, end=span.end)
        except AnalysisError as error:
            report.append(Described(track.id, f"{span.path.name}: {error}", False))
            continue
        tracks[track.id] = SyncedTrack(span.path.name, describe(analysis))
        report.append(Described(track.id, f"described ({span.path.name})", True))
    if any(described.ok for described in report):
        write_sidecar(path, tracks)
    return path, report, problems


def remember_track(guide: Path, track: TrackId, file: Path, analysis: Analysis) -> list[str]:
    """Describe one track in the guide's sidecar from its file's analysis, unless the sidecar
    describes it already (the copy the guide was first timed on stays the reference); what went
    wrong, if anything."""
    path = sidecar_path(guide)
    tracks, problems = read_sidecar(path)
    if problems or track in tracks:
        return problems
    tracks[track] = SyncedTrack(file.name, describe(analysis))
    try:
        write_sidecar(path, tracks)
    except OSError as error:
        return [f"{path}: not written ({error.strerror or error})"]
    return []


def remember_track_later(
    guide: Path, track: TrackId, file: Path, analysis: Analysis
) -> threading.Thread:
    """`remember_track` in the background, so that writing and syncing the file keeps no key
    waiting; what goes wrong is logged. The thread is returned (to be waited for in tests)."""

    def describe_track() -> None:
        with _writing:
            for problem in remember_track(guide, track, file, analysis):
                log.warning("%s", problem)

    thread = threading.Thread(target=describe_track, name="describe-track", daemon=True)
    thread.start()
    return thread
