"""One file to analyse for the listening screen, and running it: the controller asks for a job
(`events.Analyse`), the screen runs it off the event loop and hands the result back to the
controller (`news.Analysed`). When the guide's sidecar describes the track, the job also aligns
the file with the author's copy (cached like the analysis)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.cache import Analyser, analysed
from ..analysis.model import Analysis, AnalysisError
from ..guide.model import TrackId

if TYPE_CHECKING:
    from ..analysis.timemap import TimeMap
    from ..sync.sound import TrackSound

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnalysisJob:
    """The file of a track to analyse (or the track's part of it, for an album image)."""

    track: TrackId
    path: Path
    length: float | None
    """The track's length as the file's headers or tags say, to tell a file cut short."""
    start: float = 0.0
    """Where the track starts in the file (seconds)."""
    end: float | None = None
    """Where it ends; None: at the file's end."""
    sound: TrackSound | None = None
    """How the author's copy of the track sounds (from the sidecar), to align the file with."""


@dataclass(frozen=True, slots=True)
class Heard:
    """What a job found."""

    analysis: Analysis
    timing: TimeMap | None = None
    """Where the author's moments are in the file; None without a description of the track,
    or when the file does not sound like the author's copy."""
    said: str = ""
    """What the alignment found, in a few words: "+1.24 s, 0.4 % faster, confident"."""


def run_job(job: AnalysisJob, analyser: Analyser | None = None) -> Heard | AnalysisError:
    """The analysis of the job's file (from the cache when unchanged) and its alignment, or why
    there is none; `analyser` stands in for decoding the file (in tests). Never raises: a fault
    in the analysis must not stop the music, so it is logged and answered like a file that
    cannot be analysed."""
    try:
        analysis = analysed(job.path, job.length, start=job.start, end=job.end, analyser=analyser)
        return Heard(analysis) if job.sound is None else _aligned(job, job.sound, analysis)
    except AnalysisError as error:
        return error
    except Exception as error:  # any fault of the decoder or the maths goes to the log
        log.exception("analysing %s failed", job.path)
        return AnalysisError(f"the analysis failed ({error})")


def _aligned(job: AnalysisJob, sound: TrackSound, analysis: Analysis) -> Heard:
    """The analysis with the file's alignment; a fault in aligning loses only the alignment."""
    from ..sync.cache import aligned

    try:
        found = aligned(job.path, sound, analysis, start=job.start, end=job.end)
    except Exception:
        log.exception("aligning %s with the author's copy failed", job.path)
        return Heard(analysis, None, "could not be aligned with the author's copy")
    if not found.same:
        return Heard(analysis, None, "does not sound like the author's copy: timed as written")
    return Heard(analysis, found.map, found.map.summary())
