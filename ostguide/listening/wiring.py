"""Building a listening for real, without the screen: the session on a transport with the
listener's volume and offset, the controller at the place they left, the audio device and the
music got ready at once in a thread (`opening`), the music search for a folder chosen later, the
service beside it (following another player, or ostguide as an MPRIS player), and what the screen
must say about the settings."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..authoring.live import LiveGuide
from ..guide.about import first_open_notice
from ..guide.model import Guide
from ..launch import Library, decode_from, find_library
from ..player.clock import MonotonicClock
from ..player.errors import PlaybackError
from ..player.transport import Transport, open_device
from ..session import Session
from ..settings.memory import SettingsMemory
from .commands import KEYED, key_hint, unknown_ids
from .controller import Listening
from .opening import FindMusic, Opening
from .services import Service, following, mpris

if TYPE_CHECKING:
    from ..follow.spec import FollowSpec
    from ..library.scan import Progress as ScanProgress
    from ..player.mixer import MixerPlayer

OPENING = "opening the audio device"
"""Why the track reads along until the device is open."""


@dataclass(frozen=True, slots=True)
class Wiring:
    """Everything the listening screen is started with."""

    controller: Listening
    keymap: Mapping[str, str]
    """The listener's keys, by command id."""
    theme: str | None
    """The listener's Textual theme, if they chose one."""
    warnings: tuple[str, ...]
    """Problems with the settings, to show once the screen is up."""
    opening: Opening | None
    """The audio device and the music, being got ready (None: another player is followed)."""
    find_music: FindMusic | None
    """Finds the music in a folder the listener chooses (None: another player is followed)."""
    services: tuple[Service, ...]
    """What runs beside the screen."""
    greeting: str
    """Said under the transport line the first time the guide is opened."""


def wire(
    live: LiveGuide,
    memory: SettingsMemory,
    warnings: list[str],
    music: Path | None,
    follow: FollowSpec | None,
    log: Path,
) -> Wiring:
    """The listening of `live`'s guide with the listener's settings: the music from `music`,
    else remembered, else searched; with `follow`, another player keeps time and ostguide plays
    nothing, otherwise ostguide is an MPRIS player. Native audio libraries write to `log`.
    The device is opened and the music found at once, in a thread: call this before importing
    Textual, so that the two share the time before the first frame."""
    guide = live.guide
    clock = MonotonicClock()
    transport = Transport(clock, None, OPENING)
    transport.volume = memory.volume
    session = Session(
        guide,
        transport,
        offset=memory.offset,
        place_remarks=memory.place_remarks,
        track_offsets=memory.track_offsets,
    )
    remembered = memory.music
    first, position = start_point(guide, memory)

    def find_music(progress: ScanProgress, chosen: Path | None) -> Library:  # in a thread
        library = find_library(
            guide, remembered=remembered, explicit=chosen or music, progress=progress
        )
        decode_from(library, guide, first)
        return library

    def ready(mixer: MixerPlayer, library: Library) -> None:  # in the opening's thread
        track = guide.tracks[first]
        source = library.files.get(track.id)
        if source is not None:
            with suppress(PlaybackError):  # the session meets it again when it plays, and says so
                known = track.length or library.lengths.get(track.id)
                mixer.load(source, known, position, paused=True)

    greeting = (
        "" if memory.opened_before() else first_open_notice(guide, key_hint("about", memory.keys))
    )
    controller = Listening(
        session,
        memory=memory,
        live=live,
        start=(first, position),
        paused=memory.left_paused(),
        snap_stamps=memory.snap_stamps,
        clock=clock,
    )
    service = following(follow, controller, clock) if follow else mpris(controller, clock)
    opening = None if follow else Opening(lambda: open_device(log), find_music, ready)
    if opening is not None:
        opening.start()
    return Wiring(
        controller,
        keymap=memory.keys,
        theme=memory.theme,
        warnings=(*warnings, *memory.opened(), *unknown_keys(memory)),
        opening=opening,
        find_music=None if follow else find_music,
        services=(service,),
        greeting=greeting,
    )


def start_point(guide: Guide, memory: SettingsMemory) -> tuple[int, float]:
    """(track index, position) where the listener left this guide, or the beginning."""
    resume = memory.resume()
    if resume is not None:
        for index, track in enumerate(guide.tracks):
            if track.id == resume[0]:
                return index, resume[1]
    return 0, 0.0


def unknown_keys(memory: SettingsMemory) -> list[str]:
    """Problems with the `[keys]` table: command ids that no key has."""
    known = ", ".join(sorted(KEYED))
    return [
        memory.key_problem(name, f"no key binding has the id '{name}'") + f" (ids: {known})"
        for name in unknown_ids(memory.keys)
    ]
