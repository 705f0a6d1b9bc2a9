"""Getting the music ready before the screen is up (`listening.opening`): what the thread tells,
in which order, and what waits for the screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, cast

from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.listening.arrivals import DEVICE, MUSIC
from ostguide.listening.news import DeviceOpened, MusicFailed, MusicFound, MusicProgress, News
from ostguide.listening.opening import Opening
from ostguide.player.mixer import MixerPlayer

NOWHERE = Location(None, Source.NOT_FOUND, "not found: nowhere")
LIBRARY = Library(NOWHERE, None)


def fake_mixer() -> MixerPlayer:
    """Stands in for the opened device (nothing here plays)."""
    return cast("MixerPlayer", object())


def finding(progress: Any, folder: Path | None) -> Library:
    for done in range(1, 101):
        progress(done, 100)
    return LIBRARY


def done(opening: Opening) -> None:
    assert opening._thread is not None
    opening._thread.join(5)


def test_the_news_wait_for_the_screen_and_the_track_is_ready_before_the_device_is_handed_over() -> (
    None
):
    mixer = fake_mixer()
    readied: list[tuple[object, Library]] = []
    opening = Opening(lambda: (mixer, ""), finding, lambda m, lib: readied.append((m, lib)))
    assert opening.awaited == (DEVICE, MUSIC)
    opening.start()
    opening.start()  # once only
    done(opening)
    news = opening.attach(lambda n: None)
    assert news == [
        MusicProgress(50, 100),
        MusicProgress(100, 100),
        DeviceOpened(mixer, ""),
        MusicFound(LIBRARY),
    ]
    assert readied == [(mixer, LIBRARY)]


def test_news_after_the_screen_started_are_sent_as_they_come() -> None:
    gate = threading.Event()

    def slow(progress: Any, folder: Path | None) -> Library:
        gate.wait(5)
        return LIBRARY

    sent: list[News] = []
    opening = Opening(lambda: (None, "no sound card"), slow)
    opening.start()
    assert opening.attach(sent.append) == []
    gate.set()
    done(opening)
    assert sent == [DeviceOpened(None, "no sound card"), MusicFound(LIBRARY)]


def test_a_failed_search_is_told_and_no_track_is_made_ready() -> None:
    def failing(progress: Any, folder: Path | None) -> Library:
        raise OSError("the disk went away")

    readied: list[object] = []
    opening = Opening(lambda: (fake_mixer(), ""), failing, lambda m, lib: readied.append(m))
    opening.start()
    done(opening)
    news = opening.attach(lambda n: None)
    assert [type(n) for n in news] == [MusicFailed, DeviceOpened]
    assert isinstance(news[0], MusicFailed) and "the disk went away" in news[0].reason
    assert readied == []


def test_without_a_device_or_music_to_wait_for_nothing_starts() -> None:
    opening = Opening(None, None)
    opening.start()
    assert opening.awaited == () and opening._thread is None
