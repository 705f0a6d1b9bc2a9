"""The wiring of the analysis on the listening screen, with the real mixer (SDL's dummy driver) and
a real file analysed in the screen's thread: the loudness overview drawn above the timeline, a
`[~50%]` shown placed on the change in the commentary and the themes view, `r` writing the placed
time, `i` snapping with its note on the transport line and `u` undoing it. What the controller
does with an analysis is tested without a screen in tests/test_listening_analysis.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile
from musicgen import RATE, crossfade, noise, pad, plucks
from textual.pilot import Pilot
from textual.widgets import OptionList

from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.guide.model import TrackId
from ostguide.listening.controller import Listening
from ostguide.listening.opening import Opening
from ostguide.player.clock import MonotonicClock
from ostguide.player.transport import Transport, open_device
from ostguide.session import Session
from ostguide.ui.app import ListeningApp
from ostguide.ui.commentary import Remark
from ostguide.ui.transportbar import TransportBar

SIZE = (100, 30)
SECONDS = 40.0
CHANGE = 14.8
"""37 % of the track: where the music changes, though the guide says "around the middle"."""
GUIDE = """\
+++
title = "Changes"

[themes]
noise = { name = "The Noise" }
+++

## 01. Pad, then noise

- Length: 0:40

[0:02] The pad alone.

[~50%] Around the middle it turns to [noise](#noise).
"""

pytestmark = pytest.mark.slow


def write_music(path: Path) -> Path:
    """A pad that turns to noise at `CHANGE` s, at equal loudness, and a plucked chord struck at
    exactly 3.000 s."""
    rng = np.random.default_rng(3)
    turn = crossfade(
        pad(SECONDS, RATE, 220.0, -24.0), noise(SECONDS, RATE, -24.0, rng), RATE, CHANGE, 0
    )
    mono = turn + plucks(SECONDS, RATE, np.array([3.0]), -6.0, rng) * 0.5
    soundfile.write(path, np.column_stack([mono, mono]).astype(np.float32), RATE)
    return path


def listening(tmp_path: Path) -> tuple[ListeningApp, Path]:
    """The screen on the guide and its file, opening the audio device after the first frame."""
    guide_path = tmp_path / "changes.md"
    guide_path.write_text(GUIDE, encoding="utf-8")
    audio = write_music(tmp_path / "01 Pad, then noise.flac")  # WAV seeks to whole seconds
    live = LiveGuide(GuideFile(guide_path))
    transport = Transport(MonotonicClock(), None, "opening the audio device")
    session = Session(live.guide, transport, {TrackId(1, 1): audio})
    controller = Listening(session, live=live)
    app = ListeningApp(controller, opening=Opening(lambda: open_device(tmp_path / "log"), None))
    return app, guide_path


async def until(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `check()` is true (the analysis runs in a thread)."""
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def bar(app: ListeningApp) -> list[str]:
    return str(app.query_one(TransportBar).render()).splitlines()


async def test_the_overview_draws_and_the_remark_lands_on_the_change(tmp_path: Path) -> None:
    app, guide_path = listening(tmp_path)
    session = app.controller.session
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: session.remarks.analysis is not None)
        await pilot.pause()
        assert session.transport.mode == "audio"
        lines = bar(app)
        assert len(lines) == 3 and set(lines[1].strip()) <= set("▁▂▃▄▅▆▇█")
        assert len(lines[1]) == SIZE[0] - 2  # the bar's padding takes a column each side
        assert app.query_one(TransportBar).size.height == 3  # the timeline is still in view
        assert [str(remark.label) for remark in app.query(Remark)] == ["0:02", "≈0:14"]
        assert session.remarks.timeline.time_of(1) == pytest.approx(CHANGE, abs=0.3)
        await pilot.press("t")
        options = app.screen.query_one(OptionList)
        assert "[≈0:14]" in str(options.get_option_at_index(1).prompt)
        await pilot.press("escape")
        app.show(app.controller.run("seek", CHANGE + 1.0))
        await pilot.press("r")  # the highlighted remark was placed: its placed time is written
        assert "[0:14." in guide_path.read_text(encoding="utf-8")
        assert session.track.cues[1].stamp.approximate is False


async def test_a_late_stamp_snaps_to_the_chord_and_u_undoes_it(tmp_path: Path) -> None:
    app, guide_path = listening(tmp_path)
    before = guide_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.controller.session.remarks.analysis is not None)
        app.controller.run("play_pause")
        app.show(app.controller.run("seek", 3.6 - app.controller.session.position))
        await pilot.press("i")  # the key comes 0.6 s after the chord
        assert "[0:03.0]" in guide_path.read_text(encoding="utf-8")
        await pilot.pause()
        assert "stamped 0:03.0 (snapped −0.6 s)" in bar(app)[0]
        await pilot.press("u")
        assert guide_path.read_bytes() == before
