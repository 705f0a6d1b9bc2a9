"""The screen's threads: looking for the music in a folder the listener chose and analysing a
file, each off the event loop, each telling the app what came of it with an `Arrived` message.
(The device is opened and the music first looked for by `listening.opening`.)"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..listening.job import AnalysisJob, run_job
from ..listening.news import Analysed, MusicFound
from ..listening.opening import FindMusic, search
from .messages import Arrived


def look_for_music(app: App[None], find_music: FindMusic, folder: Path | None = None) -> None:
    """Locate, scan and match the music in a thread, reporting progress (in `folder`, when the
    listener chose one)."""

    def looking() -> None:
        library = search(find_music, lambda news: app.post_message(Arrived(news)), folder)
        if library is not None:
            app.post_message(Arrived(MusicFound(library)))

    app.run_worker(looking, thread=True, group="music", exit_on_error=False)


def analyse(app: App[None], job: AnalysisJob) -> None:
    """Analyse a file (or read its analysis from the cache) in a thread."""

    def analysing() -> None:
        app.post_message(Arrived(Analysed(job, run_job(job))))

    app.run_worker(analysing, thread=True, group="analysis", exit_on_error=False)
