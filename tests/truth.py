"""The whole-album truth test's runner: the real app (`ui.run.build_app`, as `ostguide GUIDE
--music DIR` builds it) plays a generated album on SDL's `disk` driver, while a sampler writes down
what the controller and the screen say each time it changes.

Run by `tests/test_truth.py`, one process per case (the driver is chosen before pygame starts):

    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=FOLDER/capture.raw python tests/truth.py FOLDER

FOLDER holds what `truthkit.prepare` made: `case.json` (the script of keys), the album, the guide
and a home with the settings. The runner writes `FOLDER/log.json`: the samples and the keys
pressed, each at its time on the monotonic clock, and the audio clock: each time the capture grew,
with its size. The driver writes through a 4,096-byte stdio buffer, so the capture grows in steps
of 23 ms of sound, each at the instant a buffer was flushed; between two steps the sound written is
interpolated (`truthkit.AudioClock`). That is the clock the screen is compared with.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events

from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.settings.config import load_config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State
from ostguide.ui.app import ListeningApp
from ostguide.ui.commentary import Commentary
from ostguide.ui.run import build_app
from ostguide.ui.tracklist import TrackList

SAMPLE_EVERY = 0.002
"""Seconds between two looks at the app (the sampler records only changes)."""
WATCH_EVERY = 0.002
"""Seconds between two looks at the capture's size (a step comes every 23 ms)."""
CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "backspace": "\x7f", "escape": "\x1b"}
"""What a terminal sends for the named keys the scripts press (a letter sends itself)."""
TAIL = 0.4
"""Seconds the app runs on once the album (or tour) has ended: whatever it would play then,
the capture holds."""


def observe(app: ListeningApp, tracks: TrackList, commentary: Commentary) -> tuple[Any, ...]:
    """What the controller and the screen say now: the controller's track and status, the track
    the track list marks ▶ (playing), the track the commentary's heading names, the remark
    drawn as the one heard (None before the first), and how many remarks the commentary has."""
    view = app.listening_screen.view
    assert view is not None
    named = str(commentary.title.render()).split(".", 1)[0]
    current = [i for i, remark in commentary.remarks.items() if remark.has_class("-current")]
    return (
        view.index,
        view.transport.status,
        tracks.playing,
        named,
        current[0] if current else None,
        len(commentary.remarks),
    )


async def sample(app: ListeningApp, out: list[list[Any]], toasts: list[str]) -> None:
    """Record each change of `observe(app)` with the time it was seen, and the messages."""
    last: tuple[Any, ...] | None = None
    told: set[int] = set()
    tracks, commentary = app.listening_screen.tracks, app.listening_screen.commentary
    while True:
        view = app.listening_screen.view
        if app.is_running and view is not None:
            seen = observe(app, tracks, commentary)
            if seen != last:
                out.append([time.monotonic(), *seen])
                last = seen
            for message in app.listening_screen.keys.messages:
                if id(message) not in told:
                    told.add(id(message))
                    toasts.append(message.text)
        await asyncio.sleep(SAMPLE_EVERY)


def press(app: ListeningApp, key: str) -> None:
    """Hand the app a key as its terminal driver does, without waiting for it to be handled
    (the pilot's `press` waits for the process to idle, which a playing app never does)."""
    character = CHARACTERS.get(key, key if len(key) == 1 else None)
    app.post_message(events.Key(key, character))


def watch(capture: Path, out: list[list[float]], stop: threading.Event) -> None:
    """Record each time the capture grows, with its size (in a thread, off the event loop)."""
    last = -1
    while not stop.is_set():
        try:
            size = capture.stat().st_size
        except FileNotFoundError:
            size = 0
        if size != last:
            out.append([time.monotonic(), size])
            last = size
        time.sleep(WATCH_EVERY)


async def until(check: Callable[[], object], timeout: float, what: str) -> None:
    """Wait for `check()` to be true, or fail saying what was awaited."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        await asyncio.sleep(SAMPLE_EVERY)


async def play(folder: Path) -> dict[str, Any]:
    """Run the case in `folder` through the app; what was seen and done."""
    case = json.loads((folder / "case.json").read_text())
    live, result = LiveGuide.open(GuideFile(folder / case["guide"], bundled=False))
    assert live is not None, result.diagnostics
    config, problems = load_config()
    state, warning = State.load()
    assert not problems and not warning, (problems, warning)
    memory = SettingsMemory(live.guide.name, config, state)
    app = build_app(live, memory, [], folder / case["music"], None, folder / "audio.log")
    samples: list[list[Any]] = []
    presses: list[list[Any]] = []
    toasts: list[str] = []
    clock: list[list[float]] = []
    stop = threading.Event()
    capture = Path(os.environ["SDL_DISKAUDIOFILE"])
    watcher = threading.Thread(target=watch, args=(capture, clock, stop), daemon=True)
    watcher.start()

    def view() -> Any:
        return app.listening_screen.view

    # Sampled from before the app starts: the music may play from the first view on.
    sampler = asyncio.create_task(sample(app, samples, toasts))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: view() and view().transport.mode == "audio", 20, "the device")
        for step in case["script"]:
            if step[0] == "at":  # the app's own clock has reached a moment of a track
                _, track, position = step

                def reached(track: int = track, position: float = position) -> bool:
                    now = view()
                    return bool(now.index == track and now.transport.position >= position)

                await until(reached, 30, f"track {track} at {position} s")
            elif step[0] == "sleep":
                await asyncio.sleep(step[1])
            else:
                for key in step[1:]:
                    now = view()
                    presses.append([time.monotonic(), key, now.index, now.transport.position])
                    press(app, key)
                    await asyncio.sleep(SAMPLE_EVERY)
        await until(lambda: view().transport.status == "ended", case["timeout"], "the end")
        await asyncio.sleep(TAIL)
        sampler.cancel()
        await pilot.press("q")  # quits as a listener does: the place is saved
    stop.set()
    watcher.join()
    return {"samples": samples, "presses": presses, "clock": clock, "toasts": toasts}


def main() -> None:
    folder = Path(sys.argv[1])
    outcome = asyncio.run(play(folder))
    (folder / "log.json").write_text(json.dumps(outcome))


if __name__ == "__main__":
    main()
