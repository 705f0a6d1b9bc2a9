"""The screen's threads: opening the audio device, looking for the music and analysing a file,
each off the event loop, each telling the app what came of it with an `Arrived` message."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..listening.job import AnalysisJob, run_job
from ..listening.news import Analysed, DeviceOpened, MusicFailed, MusicFound, MusicProgress
from ..listening.wiring import FindMusic, OpenAudio
from .messages import Arrived

PROGRESS_EVERY = 50
"""Files read between two progress reports while looking for the music."""


def open_device(app: App[None], open_audio: OpenAudio) -> None:
    """Import pygame and open the audio device in a thread."""

    def opening() -> None:
        app.post_message(Arrived(DeviceOpened(*open_audio())))

    app.run_worker(opening, thread=True, group="device", exit_on_error=False)


def look_for_music(app: App[None], find_music: FindMusic, folder: Path | None = None) -> None:
    """Locate, scan and match the music in a thread, reporting progress (in `folder`, when the
    listener chose one)."""

    def progress(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            app.post_message(Arrived(MusicProgress(done, total)))

    def looking() -> None:
        try:
            library = find_music(progress, folder)
        except Exception as error:  # a scan meets file systems and tags of every kind
            app.post_message(Arrived(MusicFailed(f"could not look for music: {error}")))
            return
        app.post_message(Arrived(MusicFound(library)))

    app.run_worker(looking, thread=True, group="music", exit_on_error=False)


def analyse(app: App[None], job: AnalysisJob) -> None:
    """Analyse a file (or read its analysis from the cache) in a thread."""

    def analysing() -> None:
        app.post_message(Arrived(Analysed(job, run_job(job))))

    app.run_worker(analysing, thread=True, group="analysis", exit_on_error=False)
