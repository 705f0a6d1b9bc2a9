"""One file to analyse for the listening screen, and running it: the controller asks for a job in
its view, the screen runs it off the event loop and hands the result back to the controller."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..guide.model import TrackId
from .cache import Analyser, analysed
from .model import Analysis, AnalysisError

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


def run_job(job: AnalysisJob, analyser: Analyser | None = None) -> Analysis | AnalysisError:
    """The analysis of the job's file (from the cache when unchanged), or why there is none;
    `analyser` stands in for decoding the file (in tests). Never raises: a fault in the analysis
    must not stop the music, so it is logged and answered like a file that cannot be analysed."""
    try:
        return analysed(job.path, job.length, start=job.start, end=job.end, analyser=analyser)
    except AnalysisError as error:
        return error
    except Exception as error:  # any fault of the decoder or the maths goes to the log
        log.exception("analysing %s failed", job.path)
        return AnalysisError(f"the analysis failed ({error})")
