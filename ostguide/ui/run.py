"""Running the listening screen for real: the controller with the listener's settings, the audio
device and the terminal."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..authoring.live import LiveGuide
from ..guide.about import first_open_notice
from ..guide.model import Guide
from ..launch import Library, find_library
from ..listening.controller import Listening
from ..listening.services import following, mpris
from ..player.clock import MonotonicClock
from ..player.quiet import divert_stderr, restore_stderr
from ..player.transport import Transport, open_device
from ..session import Session
from ..settings.memory import SettingsMemory
from .app import ListeningApp
from .keys import REGISTRY, key_hint, unknown_ids

if TYPE_CHECKING:
    from ..follow.spec import FollowSpec
    from ..library.scan import Progress as ScanProgress

OPENING = "opening the audio device"
"""Why the first frame reads along: the device is opened once the screen is drawn."""


def start_point(guide: Guide, memory: SettingsMemory) -> tuple[int, float]:
    """(track index, position) where the listener left this guide, or the beginning."""
    resume = memory.resume()
    if resume is not None:
        for index, track in enumerate(guide.tracks):
            if track.id == resume[0]:
                return index, resume[1]
    return 0, 0.0


def unknown_keys(memory: SettingsMemory) -> list[str]:
    """Problems with the `[keys]` table: binding ids that no screen has."""
    known = ", ".join(sorted(REGISTRY))
    return [
        memory.key_problem(name, f"no key binding has the id '{name}'") + f" (ids: {known})"
        for name in unknown_ids(memory.keys)
    ]


def listen(
    live: LiveGuide,
    memory: SettingsMemory,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None = None,
) -> int:
    """Play the guide in the terminal until the listener quits; returns the exit status.

    The screen comes up first; the audio device is opened and the music found (`music`, else
    remembered, else searched) after that, in threads. `warnings` about the settings are shown on
    the screen, where they are seen; every change of a setting is saved when it is made. With
    `follow`, another player keeps time and ostguide plays nothing; otherwise ostguide is an
    MPRIS player on the session bus, if there is one.

    Native audio libraries write to file descriptor 2; it points at the log file for the whole
    run, and Textual draws on a duplicate of the terminal instead. ostguide's own log messages
    (a file that cannot be analysed, say) go to the same file: Textual captures `sys.stderr`.
    """
    guide = live.guide
    log = paths.log_file()
    diverted = divert_stderr(log)
    terminal = sys.__stderr__
    logged = logging.FileHandler(log, encoding="utf-8")
    logged.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logging.getLogger("ostguide").addHandler(logged)
    try:
        clock = MonotonicClock()
        transport = Transport(clock, None, OPENING)
        transport.volume = memory.volume
        session = Session(
            guide, transport, offset=memory.offset, place_remarks=memory.place_remarks
        )
        remembered = memory.music

        def find_music(progress: ScanProgress) -> Library:  # runs in a worker thread
            return find_library(guide, remembered=remembered, explicit=music, progress=progress)

        greeting = (
            ""
            if memory.opened_before()
            else first_open_notice(guide, key_hint("about", memory.keys))
        )
        controller = Listening(
            session,
            memory=memory,
            live=live,
            start=start_point(guide, memory),
            snap_stamps=memory.snap_stamps,
            clock=clock,
        )
        service = following(follow, controller, clock) if follow else mpris(controller, clock)
        app = ListeningApp(
            controller,
            keymap=memory.keys,
            theme=memory.theme,
            warnings=[*warnings, *memory.opened(), *unknown_keys(memory)],
            open_audio=None if follow else lambda: open_device(log),
            find_music=None if follow else find_music,
            services=[service],
            greeting=greeting,
        )
        # Textual draws on sys.__stderr__, which typeshed marks final: hence setattr.
        setattr(sys, "__stderr__", diverted.terminal)  # noqa: B010
        app.run()
    finally:
        setattr(sys, "__stderr__", terminal)  # noqa: B010
        logging.getLogger("ostguide").removeHandler(logged)
        logged.close()
        restore_stderr(diverted)
    if app.return_code:
        print(f"ostguide stopped unexpectedly; the details are in {log}", file=sys.stderr)
    return app.return_code or 0
