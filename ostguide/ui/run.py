"""Running the listening screen for real: the audio device, the terminal, and saving the
listener's place and volume afterwards."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding

from .. import paths
from ..authoring.live import LiveGuide
from ..follow.player import FollowPlayer
from ..follow.spec import FollowSpec
from ..follow.tracks import TrackFinder
from ..guide.model import Guide, TrackId
from ..launch import (
    Library,
    find_library,
    remember_library,
    remembered_music,
    save_config,
)
from ..library.scan import Progress as ScanProgress
from ..player.clock import Clock, MonotonicClock
from ..player.quiet import divert_stderr, restore_stderr
from ..player.transport import Transport, open_device
from ..session import Session
from ..settings.config import Config
from ..settings.state import State
from .app import ListeningApp, Service
from .keys import KEYS

OPENING = "opening the audio device"
"""Why the first frame reads along: the device is opened once the screen is drawn."""


def start_point(guide: Guide, state: State) -> tuple[int, float]:
    """(track index, position) where the listener left this guide, or the beginning."""
    point = state.resume_point(guide.name)
    if point is None:
        return 0, 0.0
    wanted = TrackId(point.disc, point.number)
    for index, track in enumerate(guide.tracks):
        if track.id == wanted:
            return index, point.position
    return 0, 0.0


def unknown_keys(config: Config) -> list[str]:
    """Problems with the `[keys]` table: binding ids the screen does not have."""
    known = sorted(key.id for key in KEYS if isinstance(key, Binding) and key.id)
    keymap = config.keys()
    return [
        str(config.problem_at(("keys", name), f"no key binding has the id '{name}'"))
        + f" (ids: {', '.join(known)})"
        for name in keymap
        if name not in known
    ]


def following(follow: FollowSpec, session: Session, clock: Clock) -> Service:
    """Keep the session's time by the player `follow` names; the service that follows it."""
    follower = follow.follower(clock)
    session.transport.follow(FollowPlayer(follower, TrackFinder(lambda: session.guide)))
    return follower.run


def mpris(session: Session, clock: Clock) -> Service:
    """The service that makes ostguide an MPRIS player (dbus-fast is imported only by it)."""

    async def serve(wake: Callable[[], None]) -> None:
        from ..mpris_service import serve

        await serve(session, clock.now, wake)

    return serve


def listen(
    live: LiveGuide,
    config: Config,
    state: State,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None = None,
) -> int:
    """Play the guide in the terminal until the listener quits; returns the exit status.

    The screen comes up first; the audio device is opened and the music found (`music`, else
    remembered, else searched) after that. `warnings` about the settings are shown on the screen,
    where they are seen. With `follow`, another player keeps time and ostguide plays nothing;
    otherwise ostguide is an MPRIS player on the session bus, if there is one.

    Native audio libraries write to file descriptor 2; it points at the log file for the whole
    run, and Textual draws on a duplicate of the terminal instead.
    """
    guide = live.guide
    log = paths.log_file()
    diverted = divert_stderr(log)
    terminal = sys.__stderr__
    try:
        clock = MonotonicClock()
        transport = Transport(clock, None, OPENING)
        transport.volume = config.volume / 100
        session = Session(guide, transport, offset=config.offset(guide.name))
        services = [following(follow, session, clock) if follow else mpris(session, clock)]

        def remember(track: TrackId, position: float, volume: float) -> None:
            try:
                state.remember(guide.name, track.disc, track.number, position)
                state.save()
            except (OSError, ValueError) as error:  # fd 2 is the log here; saving is best effort
                print(f"could not save {state.path}: {error}", file=sys.stderr)

        remembered = remembered_music(guide, config, state)

        def find_music(progress: ScanProgress) -> Library:  # runs in a worker thread
            return find_library(guide, remembered=remembered, explicit=music, progress=progress)

        def keep_music(library: Library) -> list[str]:  # back on the event loop
            return remember_library(guide, library, config, state)

        state.opened(guide.name)
        app = ListeningApp(
            session,
            start=start_point(guide, state),
            remember=remember,
            keymap=config.keys(),
            theme=config.theme,
            live=live,
            warnings=[*warnings, *unknown_keys(config)],
            open_audio=None if follow else lambda: open_device(log),
            find_music=None if follow else find_music,
            keep_music=keep_music,
            services=services,
        )
        # Textual draws on sys.__stderr__, which typeshed marks final: hence setattr.
        setattr(sys, "__stderr__", diverted.terminal)  # noqa: B010
        app.run()
    finally:
        setattr(sys, "__stderr__", terminal)  # noqa: B010
        restore_stderr(diverted)
    if app.return_code:
        print(f"ostguide stopped unexpectedly; the details are in {log}", file=sys.stderr)
    config.set_volume(round(transport.volume * 100))
    config.set_offset(guide.name, session.offset)
    for note in save_config(config):
        print(f"ostguide: {note}", file=sys.stderr)
    return app.return_code or 0
