"""The listening controller with a guide whose sidecar describes the author's copy, on a fake
clock, alignments given as data: the job carries the description, exact stamps move to the
listener's copy, unsure ones show `≈`, the transport line says what was found, `x`/`z` still add
on top, and stamping or retiming on this copy writes the author's time."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import songgen
import transforms
from polling import wait_for
from test_listening_analysis import CHANGE, FIRST, GUIDE, SECOND, asked, listening
from uikit import make_controller

from ostguide.analysis.features import analyse
from ostguide.analysis.model import Analysis
from ostguide.analysis.timemap import Piece, TimeMap
from ostguide.authoring.guidefile import GuideFile
from ostguide.authoring.live import LiveGuide
from ostguide.launch import Library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.listening.arrivals import MUSIC
from ostguide.listening.controller import Listening
from ostguide.listening.events import Answer
from ostguide.listening.job import Heard, run_job
from ostguide.listening.news import Analysed, MusicFound
from ostguide.player.clock import FakeClock
from ostguide.sync.sidecar import SyncedTrack, read_sidecar, write_sidecar
from ostguide.sync.sound import TrackSound, describe

SOUND = TrackSound(100.0, 0.1, 0.0, bytes(12000), (1.0,))
LATER = TimeMap(1.0, (Piece(0.0, 1.25, True),))
"""The listener's copy has 1.25 s more lead-in."""
CUT_AT_5 = TimeMap(1.0, (Piece(0.0, 0.0, True), Piece(5.0, -1.0, True)), unsure=((4.0, 6.0),))
SLOWER_UNSURE = TimeMap(1.02, (Piece(0.0, 0.0, False),))


@pytest.fixture
def guide_path(tmp_path: Path) -> Path:
    path = tmp_path / "changes.md"
    path.write_text(GUIDE.replace("[0:10]", "[0:10]\n\n[0:05] A chord."), encoding="utf-8")
    return path


def synced(guide_path: Path) -> tuple[Listening, FakeClock, Answer]:
    """The controller once the music arrived, with a description of the first track."""
    controller, clock = make_controller(live=LiveGuide(GuideFile(guide_path)))
    controller.start([MUSIC])
    matches = tuple(
        Match(track, AudioFile(guide_path.parent / name, 1, 1, length=100.0), 1.0, "test")
        for track, name in ((FIRST, "01.flac"), (SECOND, "02.flac"))
    )
    library = Library(
        Location(guide_path.parent, Source.EXPLICIT, "given"),
        Assignment(matches, (), guide_path.parent),
        sounds={FIRST: SOUND},
    )
    return controller, clock, controller.arrive(MusicFound(library))


def aligned(controller: Listening, answer: Answer, timing: TimeMap) -> Answer:
    job = asked(answer)
    assert job is not None and job.sound == SOUND
    return controller.arrive(Analysed(job, Heard(CHANGE, timing, timing.summary())))


def test_the_job_carries_the_description_and_stamps_move(guide_path: Path) -> None:
    _, _, started = listening(guide_path)
    job = asked(started)
    assert job is not None and job.sound is None  # no sidecar: as before
    controller, _, answer = synced(guide_path)
    view = aligned(controller, answer, LATER).view
    assert view.transport.cue_times == pytest.approx((6.25, 11.25, 37.0), abs=0.05)
    assert view.labels == ("0:10", "0:05", "≈0:37")  # sure: the author's stamps as written
    assert view.transport.timing == "+1.25 s, confident"
    assert (
        controller.run("next_track").view.transport.timing == ""
    )  # the second track has no sidecar


def test_unsure_stamps_show_as_placed_and_the_offset_adds_on_top(guide_path: Path) -> None:
    controller, _, answer = synced(guide_path)
    view = aligned(controller, answer, CUT_AT_5).view
    assert view.labels[:2] == ("0:10", "≈0:04")  # sure: as written; at the join: where placed
    for _ in range(5):
        view = controller.run("offset_later").view
    assert view.transport.cue_times[:2] == pytest.approx((4.5, 9.5), abs=0.01)
    assert "1.0 s cut at 0:05" in view.transport.timing


def test_a_stamp_on_an_aligned_copy_writes_the_authors_time(guide_path: Path) -> None:
    controller, clock, answer = synced(guide_path)
    aligned(controller, answer, LATER)
    clock.advance(21.25)  # the listener's 21.25 s is the author's 20 s
    controller.tick()
    controller.run("stamp")
    assert "[0:20.0]\n" in guide_path.read_text(encoding="utf-8")
    clock.advance(2.0)
    assert controller.tick().view.cue is not None
    controller.run("retime")
    assert re.search(r"^\[0:22\.0\]", guide_path.read_text(encoding="utf-8"), re.M)


def test_a_cross_reference_to_a_moment_lands_where_the_copy_has_it(guide_path: Path) -> None:
    controller, _, answer = synced(guide_path)
    aligned(controller, answer, SLOWER_UNSURE)
    controller.run("next_track")
    view = controller.run("follow_href", "#01@0:50").view
    assert view.index == 0 and view.transport.position == pytest.approx(51.0)


def test_a_stamp_describes_a_track_the_sidecar_lacks(guide_path: Path) -> None:
    controller, clock, started = listening(guide_path)
    job = asked(started)
    assert job is not None
    chroma = bytes(k % 256 for k in range(12 * 1000))
    heard = Analysis(100.0, 0.1, CHANGE.loudness, CHANGE.novelty, (1.0,), (3.0,), chroma, 3.0)
    controller.arrive(Analysed(job, Heard(heard)))
    clock.advance(3.6)
    controller.tick()
    controller.run("stamp")
    sidecar = guide_path.with_suffix(".sync")
    wait_for(sidecar.exists)
    tracks, problems = read_sidecar(sidecar)
    assert problems == [] and list(tracks) == [FIRST]
    assert tracks[FIRST].file == "01.flac" and tracks[FIRST].sound == describe(heard)
    written = sidecar.stat().st_ino
    clock.advance(2.0)
    controller.tick()
    controller.run("stamp")  # described already: left as it is (a rewrite is a new file)
    time.sleep(0.2)
    assert sidecar.stat().st_ino == written


def test_a_track_the_sidecar_describes_keeps_the_authors_description(guide_path: Path) -> None:
    controller, clock, answer = synced(guide_path)
    aligned(controller, answer, LATER)
    clock.advance(3.6)
    controller.tick()
    controller.run("stamp")
    assert not guide_path.with_suffix(".sync").exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["all at once", "2 % slower, same pitch", "1 s inserted"])
def test_a_guide_timed_on_one_copy_follows_another(name: str, tmp_path: Path) -> None:
    """Real files end to end (the controller reading along on a fake clock): each remark is
    heard from within 100 ms of where the transformed copy has the author's moment, or shows ≈."""
    song = songgen.song(45, 40.0)
    same = transforms.TRANSFORMS["same file"](song.samples, songgen.RATE)
    mine = transforms.write(same, songgen.RATE, tmp_path / "mine" / "01")
    copy = transforms.TRANSFORMS[name](song.samples, songgen.RATE)
    theirs = transforms.write(copy, songgen.RATE, tmp_path / "theirs" / "01")
    stamps = (3.0, 8.5, 17.25, 22.4, 30.0)
    guide = tmp_path / "one.md"
    remarks = "".join(f"[0:{s:06.3f}] At {s} s.\n\n" for s in stamps)
    guide.write_text(f"## 01. One\n\n{remarks}", encoding="utf-8")
    write_sidecar(
        guide.with_suffix(".sync"), {FIRST: SyncedTrack("01.flac", describe(analyse(mine)))}
    )
    controller, _ = make_controller(live=LiveGuide(GuideFile(guide)))
    controller.start([MUSIC])
    audio = AudioFile(theirs, 1, 1, length=len(copy.samples) / songgen.RATE)
    library = Library(
        Location(tmp_path, Source.EXPLICIT, "given"),
        Assignment((Match(FIRST, audio, 1.0, "test"),), (), tmp_path),
        sounds={FIRST: read_sidecar(guide.with_suffix(".sync"))[0][FIRST].sound},
    )
    job = asked(controller.arrive(MusicFound(library)))
    assert job is not None
    view = controller.arrive(Analysed(job, run_job(job))).view
    print(f"{name}: {view.transport.timing}")
    for index, stamp in enumerate(stamps):
        truth = copy.where(stamp)
        assert truth is not None
        if view.labels[index].startswith("≈"):
            continue
        for before, expected in ((-0.1, index - 1), (0.1, index)):
            controller.run("seek_to", truth + before)
            heard = controller.tick().view.cue
            assert heard == (expected if expected >= 0 else None), (stamp, truth, before)
