"""The listening screen with the listener's file analysed: the loudness overview, a `[~50%]`
placed on the change, `r` writing the placed time, and no overview for a file that cannot be
analysed. The real mixer plays (SDL's dummy driver)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile
from musicgen import RATE, crossfade, noise, pad, plucks
from textual.pilot import Pilot

from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.guide.model import TrackId
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
+++

## 01. Pad, then noise

- Length: 0:40

[0:02] The pad alone.

[~50%] Around the middle it turns to noise.
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


def listening(tmp_path: Path, audio: Path) -> tuple[ListeningApp, Path]:
    guide_path = tmp_path / "changes.md"
    guide_path.write_text(GUIDE, encoding="utf-8")
    live = LiveGuide(GuideFile(guide_path))
    transport = Transport(MonotonicClock(), None, "opening the audio device")
    session = Session(live.guide, transport, {TrackId(1, 1): audio})
    app = ListeningApp(session, live=live, open_audio=lambda: open_device(tmp_path / "log"))
    return app, guide_path


async def until(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `check()` is true (the analysis runs in a thread)."""
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def test_the_overview_draws_and_the_remark_lands_on_the_change(tmp_path: Path) -> None:
    app, guide_path = listening(tmp_path, write_music(tmp_path / "01 Pad, then noise.wav"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: TrackId(1, 1) in app.session.analyses)
        await app.tick()
        await pilot.pause()
        bar = str(app.query_one(TransportBar).render()).splitlines()
        assert len(bar) == 3 and set(bar[1].strip()) <= set("▁▂▃▄▅▆▇█")
        assert app.query_one(TransportBar).size.height == 3  # the timeline is still in view
        labels = [str(remark.label) for remark in app.query(Remark)]
        assert labels[1] == "≈0:14", labels
        assert app.session.timeline.time_of(1) == pytest.approx(CHANGE, abs=0.3)
        app.session.seek(CHANGE + 1.0)
        await app.tick()
        await pilot.press("r")  # the highlighted remark was placed: its placed time is written
        assert "[0:14." in guide_path.read_text(encoding="utf-8")
        assert app.session.track.cues[1].stamp.approximate is False


async def test_a_late_stamp_snaps_to_the_chord_and_u_undoes_it(tmp_path: Path) -> None:
    app, guide_path = listening(tmp_path, write_music(tmp_path / "01 Pad, then noise.flac"))
    before = guide_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: TrackId(1, 1) in app.session.analyses)
        app.session.seek(3.6)  # the key comes 0.6 s after the chord
        app.session.toggle_pause()
        await pilot.press("i")
        assert "[0:03.0]" in guide_path.read_text(encoding="utf-8")
        await pilot.pause()
        assert "stamped 0:03.0 (snapped −0.6 s)" in str(app.query_one(TransportBar).render())
        await pilot.press("u")
        assert guide_path.read_bytes() == before


async def test_the_overview_follows_the_width(tmp_path: Path) -> None:
    app, _ = listening(tmp_path, write_music(tmp_path / "01 Pad, then noise.wav"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: TrackId(1, 1) in app.session.analyses)
        for width in (60, 100):
            await pilot.resize_terminal(width, 30)
            await app.tick()
            await pilot.pause()
            row = str(app.query_one(TransportBar).render()).splitlines()[1]
            assert len(row) == width - 2  # the bar's padding takes a column each side


async def test_a_file_cut_short_gets_no_overview_and_a_line_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    audio = write_music(tmp_path / "01 Pad, then noise.wav")
    data = audio.read_bytes()
    audio.write_bytes(data[: len(data) // 2])  # the header still says 40 s
    app, _ = listening(tmp_path, audio)
    with caplog.at_level(logging.WARNING):
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "is not analysed" in caplog.text)
            await app.tick()
            assert app.session.transport.mode == "audio"
            assert len(str(app.query_one(TransportBar).render()).splitlines()) == 2
            assert [str(remark.label) for remark in app.query(Remark)][1] == "~0:20"
    assert "could be decoded" in caplog.text
