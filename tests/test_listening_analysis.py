"""The listening controller with the listener's files analysed, on a fake clock, analyses given as
data: the file asked for once, the overview and placed remarks in the view (and in the labels the
themes view and the palette show), `r` writing the placed time, `i` snapping to an onset with a
note on the transport line, both settings off, and a file that cannot be analysed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from uikit import make_controller

from ostguide import paths
from ostguide.analysis.model import Analysis, AnalysisError
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.guide.model import TrackId
from ostguide.listening.arrivals import DEVICE
from ostguide.listening.controller import Listening
from ostguide.listening.events import Analyse, Answer
from ostguide.listening.job import AnalysisJob, Heard, run_job
from ostguide.listening.news import Analysed, DeviceOpened
from ostguide.listening.outbox import NOTE_SECONDS
from ostguide.player.clock import FakeClock
from ostguide.player.interface import Span
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State

STEP = 0.1
GUIDE = """\
+++
title = "Changes"
+++

## 01. Pad, then a band

- Length: 1:40

[0:10] The pad alone.

[~50%] Around the middle the band comes in.

## 02. Steady

- Length: 1:40

[~50%] Nothing changes here.
"""
FIRST, SECOND = TrackId(1, 1), TrackId(1, 2)


def analysis(changes: dict[float, float], onsets: dict[float, float] | None = None) -> Analysis:
    """100 s of music whose novelty has a bump of each height at each time (4 s either side,
    over a floor of 0.2), with these (time: strength) onsets."""
    count = round(100.0 / STEP)
    novelty = [0.2] * count
    for at, height in changes.items():
        for k in range(count):
            novelty[k] = max(novelty[k], height * max(0.0, 1 - abs(k * STEP - at) / 4.0))
    found = onsets or {}
    loudness = tuple(-30.0 if k * STEP < 37.0 else -6.0 for k in range(count))
    return Analysis(100.0, STEP, loudness, tuple(novelty), tuple(found), tuple(found.values()))


CHANGE = analysis({37.0: 5.0}, {3.0: 6.0, 3.4: 1.0})
"""The band comes in at 37 s (the guide says "around the middle"); a chord struck at 3.0 s."""
STEADY = analysis({})


@pytest.fixture
def guide_path(tmp_path: Path) -> Path:
    path = tmp_path / "changes.md"
    path.write_text(GUIDE, encoding="utf-8")
    return path


def listening(
    guide_path: Path, *, place_remarks: bool = True, snap_stamps: bool = True
) -> tuple[Listening, FakeClock, Answer]:
    """The controller with a file for each track (tags: 100 s), reading along."""
    folder = guide_path.parent
    controller, clock = make_controller(
        live=LiveGuide(GuideFile(guide_path)),
        files={FIRST: folder / "01.flac", SECOND: folder / "02.flac"},
        lengths={FIRST: 100.0, SECOND: 100.0},
        place_remarks=place_remarks,
        snap_stamps=snap_stamps,
    )
    return controller, clock, controller.start()


def asked(answer: Answer) -> AnalysisJob | None:
    """The file an answer asks the screen to analyse, if any."""
    jobs = [event.job for event in answer.events if isinstance(event, Analyse)]
    assert len(jobs) <= 1, jobs
    return jobs[0] if jobs else None


def analysed(controller: Listening, answer: Answer, result: Analysis | AnalysisError) -> Answer:
    """Hand the file the answer asked for its analysis."""
    job = asked(answer)
    assert job is not None
    heard = Heard(result) if isinstance(result, Analysis) else result
    return controller.arrive(Analysed(job, heard))


def test_each_file_is_asked_for_once_when_nothing_is_awaited(guide_path: Path) -> None:
    controller, clock = make_controller(
        live=LiveGuide(GuideFile(guide_path)),
        files={FIRST: guide_path.parent / "01.flac"},
        lengths={FIRST: 100.0},
    )
    assert asked(controller.start([DEVICE])) is None  # the device comes first
    answer = controller.arrive(DeviceOpened(None, "no audio device: test"))
    assert asked(answer) == AnalysisJob(FIRST, guide_path.parent / "01.flac", 100.0)
    clock.advance(1)
    assert asked(controller.tick()) is None
    assert asked(controller.run("next_track")) is None  # the second track has no file
    assert asked(controller.run("previous_track")) is None  # the first was asked for already


def test_the_overview_and_the_placed_remark_show_once_the_file_is_analysed(
    guide_path: Path,
) -> None:
    controller, _, started = listening(guide_path)
    view = started.view
    assert (view.labels, view.transport.overview) == (("0:10", "~0:50"), None)
    view = analysed(controller, started, CHANGE).view
    assert view.transport.overview is CHANGE
    assert view.labels == ("0:10", "≈0:37")
    assert view.transport.cue_times == pytest.approx((10.0, 37.0), abs=0.05)
    session = controller.session
    assert session.remarks.label(0, 1) == "≈0:37"  # what the themes view and the palette show
    assert session.remarks.label(1, 0) == "~0:50"  # not analysed yet
    answer = controller.run("next_track")
    assert (answer.view.transport.overview, answer.view.labels) == (None, ("~0:50",))
    view = analysed(controller, answer, STEADY).view
    assert (view.transport.overview, view.labels) == (STEADY, ("~0:50",))  # nothing stands out
    assert session.remarks.label(0, 1) == "≈0:37"  # the other track's placement stays


def test_placing_follows_the_timing_offset(guide_path: Path) -> None:
    controller, _, started = listening(guide_path)
    analysed(controller, started, CHANGE)
    for _ in range(10):  # the guide runs a second early for this file
        view = controller.run("offset_later").view
    assert view.transport.cue_times[1] == pytest.approx(37.0, abs=0.05)  # still on the change
    assert view.labels[1] == "≈0:36"  # on the guide's own clock, like its exact stamps


def test_r_on_a_placed_remark_writes_the_placed_time(guide_path: Path) -> None:
    controller, clock, started = listening(guide_path)
    analysed(controller, started, CHANGE)
    clock.advance(45.0)
    assert controller.tick().view.cue == 1
    view = controller.run("retime").view
    text = guide_path.read_text(encoding="utf-8")
    assert re.search(r"^\[0:3[67]\.\d\] Around the middle", text, re.M), text
    assert view.labels[1] in ("0:36", "0:37")  # exact now
    assert view.guide.tracks[0].cues[1].stamp.approximate is False


def test_i_snaps_to_the_onset_and_says_so_for_a_while(guide_path: Path) -> None:
    controller, clock, started = listening(guide_path)
    before = guide_path.read_bytes()
    analysed(controller, started, CHANGE)
    clock.advance(3.6)  # the key comes 0.6 s after the chord
    controller.tick()
    view = controller.run("stamp").view
    assert "[0:03.0]\n" in guide_path.read_text(encoding="utf-8")
    assert view.transport.note == "stamped 0:03.0 (snapped −0.6 s)"
    clock.advance(NOTE_SECONDS - 0.5)
    assert controller.tick().view.transport.note == "stamped 0:03.0 (snapped −0.6 s)"
    clock.advance(0.5)
    assert controller.tick().view.transport.note == ""
    controller.run("undo")
    assert guide_path.read_bytes() == before


def test_without_an_onset_that_stands_out_the_key_press_is_stamped(guide_path: Path) -> None:
    controller, clock, started = listening(guide_path)
    analysed(controller, started, STEADY)
    clock.advance(3.6)
    controller.tick()
    assert controller.run("stamp").view.transport.note == "stamped 0:03.6"
    assert "[0:03.6]\n" in guide_path.read_text(encoding="utf-8")


def test_both_settings_off(guide_path: Path) -> None:
    controller, clock, started = listening(guide_path, place_remarks=False, snap_stamps=False)
    view = analysed(controller, started, CHANGE).view
    assert view.transport.overview is CHANGE  # the overview stays
    assert (view.labels, controller.session.remarks.label(0, 1)) == (("0:10", "~0:50"), "~0:50")
    clock.advance(3.6)
    controller.tick()
    assert controller.run("stamp").view.transport.note == "stamped 0:03.6"
    assert "[0:03.6]\n" in guide_path.read_text(encoding="utf-8")


def test_a_stamp_that_is_not_written_leaves_no_note(guide_path: Path) -> None:
    controller, _, started = listening(guide_path)
    analysed(controller, started, CHANGE)
    guide_path.write_text(GUIDE.replace("[0:10]", "[0:75]"), encoding="utf-8")  # broken
    controller.check_guide_file()
    view = controller.run("stamp").view
    assert view.transport.note == ""
    assert "[0:75]" in guide_path.read_text(encoding="utf-8")


def test_a_file_that_cannot_be_analysed_gets_a_line_in_the_log(
    guide_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    controller, _, started = listening(guide_path)
    with caplog.at_level(logging.WARNING):
        view = analysed(
            controller, started, AnalysisError("only 50.0 s of its 100.0 s could be decoded")
        ).view
    assert (view.transport.overview, view.labels) == (None, ("0:10", "~0:50"))
    assert caplog.messages == [
        f"{guide_path.parent / '01.flac'} is not analysed: only 50.0 s of its 100.0 s could be "
        "decoded"
    ]


def test_each_track_of_an_album_image_is_analysed_as_its_part_of_the_file(
    guide_path: Path,
) -> None:
    image = guide_path.parent / "album.flac"
    image.write_bytes(b"fLaC")
    controller, _ = make_controller(
        live=LiveGuide(GuideFile(guide_path)),
        files={FIRST: Span(image, 0.0, 100.0), SECOND: Span(image, 100.0, None)},
        lengths={FIRST: 100.0, SECOND: 100.0},
    )
    first = asked(controller.start())
    assert first == AnalysisJob(FIRST, image, 100.0, 0.0, 100.0)
    second = asked(controller.run("next_track"))
    assert second == AnalysisJob(SECOND, image, 100.0, 100.0, None)
    assert asked(controller.run("previous_track")) is None  # asked for already

    whole_file = Analysis(
        200.0,
        STEP,
        tuple(float(k) for k in range(2000)),
        (0.5,) * 2000,
        (50.0, 150.0, 199.0),
        (1.0, 2.0, 3.0),
    )
    assert first is not None and second is not None
    heard = run_job(second, lambda path: whole_file)
    assert isinstance(heard, Heard) and heard.timing is None
    part = heard.analysis
    assert (part.duration, part.loudness[0], len(part.loudness)) == (100.0, 1000.0, 1000)
    assert (part.onsets, part.strengths) == ((50.0, 99.0), (2.0, 3.0))
    view = controller.arrive(Analysed(second, heard)).view
    assert view.transport.overview is None  # the first track plays: its part is not here yet
    assert controller.run("next_track").view.transport.overview is part
    opening = run_job(first, lambda path: whole_file)  # from the cache now
    assert isinstance(opening, Heard)
    assert (opening.analysis.duration, opening.analysis.onsets) == (100.0, (50.0,))
    assert len(opening.analysis.novelty) == 1000


def test_a_fault_in_the_analysis_is_answered_as_a_file_that_cannot_be_analysed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    audio = tmp_path / "01.flac"
    audio.write_bytes(b"fLaC")

    def broken(path: Path) -> Analysis:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR):
        result = run_job(AnalysisJob(FIRST, audio, None), broken)
    assert isinstance(result, AnalysisError)
    assert str(result) == "the analysis failed (division by zero)"
    assert "ZeroDivisionError" in caplog.text  # the traceback, for a bug report
    assert run_job(AnalysisJob(FIRST, audio, None), lambda path: CHANGE) == Heard(CHANGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (True, True)),
        ("place_remarks = false\n", (False, True)),
        ("snap_stamps = false\nplace_remarks = true\n", (True, False)),
    ],
)
def test_the_settings_reach_the_screen_through_the_memory(
    text: str, expected: tuple[bool, bool]
) -> None:
    config_file = paths.config_file()
    config_file.parent.mkdir(parents=True)
    config_file.write_text(text, encoding="utf-8")
    memory = SettingsMemory("changes", Config.load(), State.load()[0])
    assert (memory.place_remarks, memory.snap_stamps) == expected
