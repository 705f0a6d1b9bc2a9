"""What runs beside the listening screen, on its event loop: following another player, and
ostguide as an MPRIS player. Each service is a coroutine given `show`, which puts an answer on the
screen; it changes the listening only through the controller's commands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from .controller import Listening
from .events import Answer
from .news import Following

if TYPE_CHECKING:
    from ..follow.spec import FollowSpec
    from ..player.clock import Clock

Show = Callable[[Answer], None]
"""Puts an answer (its view and its events) on the screen."""
Service = Callable[[Show], Coroutine[Any, Any, None]]
"""Runs until the screen closes (cancelled then)."""


def following(spec: FollowSpec, controller: Listening, clock: Clock) -> Service:
    """Keep time by the player `spec` names from now on; the service that follows it. Each
    reading that is news (a seek, a pause, another track) is shown at once, by a tick. (The
    matcher is imported only here, as for ostguide's own music search.)"""
    from ..follow.player import FollowPlayer
    from ..follow.tracks import TrackFinder

    follower = spec.follower(clock)
    controller.arrive(Following(FollowPlayer(follower, TrackFinder(lambda: controller.guide))))

    async def follow(show: Show) -> None:
        await follower.run(lambda: show(controller.tick()))

    return follow


def mpris(controller: Listening, clock: Clock) -> Service:
    """The service that makes ostguide an MPRIS player (dbus-fast is imported only when it
    starts, in a thread: 15 ms, and up to 300 ms on a busy machine, that the event loop would
    otherwise spend not keeping time with the music)."""

    async def serve(show: Show) -> None:
        await asyncio.to_thread(_import_mpris)
        from .mpris_service import serve

        await serve(controller, clock.now, show)

    return serve


def _import_mpris() -> None:
    """Import the MPRIS service's module (and dbus-fast with it)."""
    from . import mpris_service  # noqa: F401
