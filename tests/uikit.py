"""Building the listening screen for tests: the sample guide, a read-along transport on a fake
clock, and helpers to let time pass and to read what the screen shows."""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from ostguide.authoring.live import LiveGuide
from ostguide.guide.model import Guide, TrackId
from ostguide.guide.parser import load_guide
from ostguide.listening.controller import Listening
from ostguide.listening.view import View
from ostguide.player.clock import FakeClock
from ostguide.player.interface import Source
from ostguide.player.transport import Transport
from ostguide.session import Session
from ostguide.settings.memory import SettingsMemory
from ostguide.ui.app import ListeningApp
from ostguide.ui.commentary import Remark
from ostguide.ui.transportbar import TransportBar

os.environ["TEXTUAL_ANIMATIONS"] = "none"

GUIDES = Path(__file__).parent / "guides"
NO_DEVICE = "no audio device: test"


def load(path: Path) -> Guide:
    """A guide that must parse."""
    result = load_guide(path)
    assert result.guide is not None, result.diagnostics
    return result.guide


def sample_guide() -> Guide:
    """Four tracks of 40, 30, 50 and 20 s; see tests/guides/sample.md."""
    return load(GUIDES / "sample.md")


@dataclass
class Rig:
    """An app reading along on a clock that moves only when told."""

    app: ListeningApp
    clock: FakeClock

    @property
    def controller(self) -> Listening:
        return self.app.controller

    @property
    def session(self) -> Session:
        return self.app.controller.session

    @property
    def view(self) -> View:
        """What the screen shows now."""
        view = self.app.listening_screen.view
        assert view is not None
        return view

    async def advance(self, seconds: float) -> None:
        """Let `seconds` pass and have the app look at the clock."""
        self.clock.advance(seconds)
        self.app.clocks.tick()
        await Pilot(self.app).pause()

    def current_remark(self) -> int | None:
        """Index of the remark marked as being heard, or None."""
        marked = [r.index for r in self.app.query(Remark) if r.has_class("-current")]
        assert len(marked) <= 1, marked
        return marked[0] if marked else None

    def bar(self) -> str:
        """The transport line's text."""
        return str(self.app.query_one(TransportBar).render())


def make_controller(
    guide: Guide | None = None,
    *,
    start: tuple[int, float] = (0, 0.0),
    missing: Collection[TrackId] = (),
    music_note: str = "",
    files: Mapping[TrackId, Source] | None = None,
    live: LiveGuide | None = None,
    memory: SettingsMemory | None = None,
    lengths: Mapping[TrackId, float] | None = None,
    place_remarks: bool = True,
    snap_stamps: bool = True,
    environ: Mapping[str, str] | None = None,
) -> tuple[Listening, FakeClock]:
    """A controller on the sample guide (or `guide`, or the live guide's), reading along
    without a device on a fake clock; `environ` names the editor (none by default)."""
    clock = FakeClock(1000.0)
    transport = Transport(clock, None, NO_DEVICE)
    chosen = live.guide if live is not None else guide or sample_guide()
    session = Session(chosen, transport, files, lengths=lengths, place_remarks=place_remarks)
    controller = Listening(
        session,
        memory=memory,
        live=live,
        missing=missing,
        music_note=music_note,
        start=start,
        snap_stamps=snap_stamps,
        clock=clock,
        environ=environ or {},
    )
    return controller, clock


def make_rig(
    guide: Guide | None = None,
    *,
    warnings: Collection[str] = (),
    keymap: Mapping[str, str] | None = None,
    **controller: Any,
) -> Rig:
    """A `ListeningApp` on the controller `make_controller(guide, **controller)` makes."""
    made, clock = make_controller(guide, **controller)
    app = ListeningApp(made, warnings=tuple(warnings), keymap=keymap)
    return Rig(app, clock)


def alive(kind: type) -> int:
    """How many objects of `kind` are alive, those frozen out of the collector's sight too (the
    app freezes what lives once it is mounted: `ui.app.freeze_survivors`)."""
    gc.unfreeze()
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())
