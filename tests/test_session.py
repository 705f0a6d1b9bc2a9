"""The listening session on the sample guide (tracks of 40, 30, 50 and 20 s), reading along on a
fake clock: remarks in time, moving between remarks and tracks, the album's end, broken files,
jumps and theme tours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest
from audiogen import make_tone
from polling import Elapsed
from uikit import sample_guide

from ostguide.guide.model import Album, Guide, Stamp, Track, TrackId
from ostguide.guide.parser import parse_text
from ostguide.player.clock import FakeClock, MonotonicClock
from ostguide.player.transport import Transport, open_transport
from ostguide.session import Notice, Session, Tour

MOTIF = Tour("The Motif", (0, 2))
"""The sample guide's theme, stated in its first and third tracks."""


def reading_along(offset: float = 0.0) -> tuple[Session, FakeClock]:
    """A session without a device, on a clock that moves when told."""
    clock = FakeClock()
    return Session(
        sample_guide(), Transport(clock, None, "no audio device: test"), offset=offset
    ), clock


@pytest.mark.parametrize(
    ("offset", "position", "cue"),
    [
        (0.0, 0.0, 0),
        (0.0, 9.9, 0),
        (0.0, 10.0, 1),
        (0.0, 39.0, 2),
        (2.0, 1.0, None),
        (2.0, 11.9, 0),
        (2.0, 12.0, 1),
        (-2.0, 8.0, 1),
    ],
)
def test_the_remark_heard_at_a_time_with_the_offset(
    offset: float, position: float, cue: int | None
) -> None:
    session, _ = reading_along(offset)
    session.play(0, position)
    assert session.remarks.current_cue() == cue


@pytest.mark.parametrize(
    ("offset", "cue_times"),
    [(0.0, [0.0, 10.0, 20.0]), (2.0, [2.0, 12.0, 22.0]), (-2.0, [0.0, 8.0, 18.0])],
)
def test_cue_times_carry_the_offset(offset: float, cue_times: list[float]) -> None:
    session, _ = reading_along(offset)
    session.play(0)
    assert [session.remarks.cue_time(i) for i in range(3)] == cue_times


def test_a_fraction_stamp_resolves_against_the_length_playing() -> None:
    session, _ = reading_along()
    session.play(1)
    assert session.remarks.cue_time(1) == 15.0
    assert session.remarks.timeline.order == (0, 1)


@pytest.mark.parametrize(
    ("position", "moved", "after"),
    [
        (0.0, True, 10.0),
        (9.9, True, 10.0),
        (9.97, True, 20.0),  # within 50 ms of a remark, that remark counts as reached
        (10.0, True, 20.0),
        (15.0, True, 20.0),
        (20.0, False, 20.0),
    ],
)
def test_next_remark(position: float, moved: bool, after: float) -> None:
    session, _ = reading_along()
    session.play(0, position)
    assert session.next_remark() is moved
    assert session.position == after


@pytest.mark.parametrize(
    ("position", "moved", "after"),
    [
        (25.0, True, 20.0),
        (20.5, True, 10.0),
        (11.5, True, 10.0),
        (10.5, True, 0.0),
        (0.5, False, 0.5),
    ],
)
def test_previous_remark_allows_a_second_of_grace(
    position: float, moved: bool, after: float
) -> None:
    session, _ = reading_along()
    session.play(0, position)
    assert session.previous_remark() is moved
    assert session.position == after


@pytest.mark.parametrize(
    ("index", "position", "after"),
    [
        (1, 3.5, (1, 0.0)),
        (1, 3.0, (0, 0.0)),
        (1, 0.0, (0, 0.0)),
        (0, 1.0, (0, 0.0)),
        (0, 20.0, (0, 0.0)),
    ],
)
def test_previous_track_restarts_a_track_under_way(
    index: int, position: float, after: tuple[int, float]
) -> None:
    session, _ = reading_along()
    session.play(index, position)
    session.previous_track()
    assert (session.index, session.position) == after


@pytest.mark.parametrize(("index", "after"), [(0, 1), (2, 3), (3, 3)])
def test_next_track_stops_at_the_last(index: int, after: int) -> None:
    session, _ = reading_along()
    session.play(index, 5.0)
    session.next_track()
    assert session.index == after
    assert session.position == (5.0 if index == after else 0.0)


def test_the_end_of_a_track_plays_the_next() -> None:
    session, clock = reading_along()
    session.play(0, 30.0)
    clock.advance(9.9)
    assert session.tick() is False
    clock.advance(0.1)
    assert session.tick() is True
    assert (session.index, session.position) == (1, 0.0)
    assert not session.finished
    assert session.take_notices() == []


def test_the_end_of_the_album_is_quiet() -> None:
    session, clock = reading_along()
    session.play(3, 15.0)
    clock.advance(5.0)
    assert session.tick() is True
    assert session.finished
    assert session.index == 3
    assert session.take_notices() == [Notice("End of the album.")]
    clock.advance(60.0)
    assert session.tick() is False
    assert session.take_notices() == []
    session.toggle_pause()
    assert (session.index, session.finished) == (0, False)


@pytest.fixture(scope="module")
def mixer_transport(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Transport]:
    """A transport on the real mixer (SDL's dummy driver)."""
    transport = open_transport(MonotonicClock(), tmp_path_factory.mktemp("log") / "log")
    assert transport.audio_available
    yield transport
    transport.stop()
    pygame.mixer.quit()


@pytest.mark.slow
def test_a_file_that_will_not_play_is_skipped_with_a_notice(
    mixer_transport: Transport, tmp_path: Path
) -> None:
    broken = tmp_path / "02 Interlude.mp3"
    broken.write_bytes(b"not an mp3 at all " * 64)
    session = Session(sample_guide(), mixer_transport, {TrackId(1, 2): broken})
    session.play(1)
    assert session.index == 2
    notices = session.take_notices()
    assert [n.severity for n in notices] == ["error"]
    assert notices[0].message.startswith("02 Interlude: could not play 02 Interlude.mp3")
    assert mixer_transport.mode == "read-along"


@pytest.mark.slow
def test_a_broken_last_file_reads_along(mixer_transport: Transport, tmp_path: Path) -> None:
    broken = tmp_path / "04 Coda.mp3"
    broken.write_bytes(b"\x00" * 4096)
    session = Session(sample_guide(), mixer_transport, {TrackId(1, 4): broken})
    session.play(3)
    assert (session.index, session.finished) == (3, False)
    assert (mixer_transport.mode, mixer_transport.paused) == ("read-along", False)
    assert [n.severity for n in session.take_notices()] == ["error"]


@pytest.mark.slow
def test_many_broken_files_in_a_row_are_skipped_without_recursion(
    mixer_transport: Transport, tmp_path: Path
) -> None:
    # More tracks than a guide file may hold (1,000), so more than the recursion limit: built
    # directly as a model.
    tracks = tuple(Track(TrackId(1, n), f"T{n}", 2 * n) for n in range(1, 1501))
    guide = Guide(Path("long.md"), Album("Long"), tracks=tracks)
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"\x00" * 64)
    files = {track.id: broken for track in guide.tracks[:-1]}
    session = Session(guide, mixer_transport, files)
    session.play(0)
    assert session.index == 1499
    assert len(session.take_notices()) == 1499


def test_a_place_past_the_end_of_a_shorter_file_opens_that_track_at_its_start(
    mixer_transport: Transport, tmp_path: Path
) -> None:
    """Read along to 0:23 of the guide's 40 s track 1, then find a 4 s file for it: the track
    starts over instead of playing its last half second and moving on."""
    session = Session(sample_guide(), mixer_transport)
    session.play(0, 23.0, paused=True)
    assert (mixer_transport.mode, session.position) == ("read-along", 23.0)
    session.attach_library({TrackId(1, 1): make_tone(tmp_path / "01 Opening.ogg", 4.0)}, {})
    since = Elapsed()
    session.play(session.index, session.position)
    assert (mixer_transport.mode, session.index) == ("audio", 0)
    assert 0.0 <= session.position <= since.most()  # from the start, however busy the machine
    session.tick()
    assert session.index == 0


def test_a_jump_remembers_where_it_came_from() -> None:
    session, clock = reading_along()
    session.play(0, 22.0)
    assert session.jump(TrackId(1, 3), Stamp(10.0, None))
    assert (session.index, session.position) == (2, 10.0)
    assert session.jump(TrackId(1, 2), Stamp(None, 0.5))
    assert (session.index, session.position) == (1, 15.0)
    clock.advance(2.0)
    assert session.back()
    assert (session.index, session.position) == (2, 10.0)
    assert session.back()
    assert (session.index, session.position) == (0, 22.0)
    assert not session.back()
    assert (session.index, session.position) == (0, 22.0)


def test_a_jump_to_a_track_that_does_not_exist_goes_nowhere() -> None:
    session, _ = reading_along()
    session.play(1, 4.0)
    assert not session.jump(TrackId(1, 9))
    assert (session.index, session.position, session.back()) == (1, 4.0, False)


def test_a_jump_with_an_offset_lands_on_the_remark() -> None:
    session, _ = reading_along(offset=2.0)
    session.play(0)
    session.jump(TrackId(1, 3), Stamp(10.0, None))
    assert session.position == 12.0
    assert session.remarks.current_cue() == 1


def test_a_theme_tour_plays_its_tracks_in_turn() -> None:
    session, clock = reading_along()
    session.play(1, 4.0)
    session.start_tour(MOTIF)
    assert (session.index, session.position) == (0, 0.0)
    clock.advance(40.0)
    session.tick()
    assert session.index == 2
    clock.advance(50.0)
    session.tick()
    assert session.finished
    assert session.tour is None
    assert session.take_notices() == [Notice("End of the tour.")]


def test_back_from_a_jump_during_a_tour_resumes_the_tour() -> None:
    session, clock = reading_along()
    session.start_tour(MOTIF)
    session.jump(TrackId(1, 4))
    session.back()
    assert session.tour == MOTIF
    clock.advance(40.0)
    session.tick()
    assert session.index == 2


def test_next_track_follows_the_tour() -> None:
    session, _ = reading_along()
    session.start_tour(MOTIF)
    session.next_track()
    assert session.index == 2
    session.next_track()
    assert session.index == 2


def test_going_back_from_a_tour_leaves_it() -> None:
    session, clock = reading_along()
    session.play(0, 30.0)
    session.start_tour(MOTIF)
    assert session.back()
    assert (session.index, session.position) == (0, 30.0)
    clock.advance(10.0)
    session.tick()
    assert session.index == 1


def test_an_empty_tour_changes_nothing() -> None:
    session, _ = reading_along()
    session.play(1, 4.0)
    session.start_tour(Tour("Nothing", ()))
    assert (session.index, session.position, session.tour, session.back()) == (
        1,
        4.0,
        None,
        False,
    )


def _without_first_track(text: str) -> str:
    return text[: text.index("## 01.")] + text[text.index("## 02.") :]


@pytest.mark.parametrize(
    ("edit", "index"),
    [
        (lambda text: text, 2),
        (lambda text: text.replace("Opening", "Overture"), 2),
        (_without_first_track, 1),  # the playing track moved up: found by its number
        (lambda text: text.replace("## 03. Finale", "## 07. Finale"), 2),  # number gone: same place
    ],
)
def test_an_edited_guide_keeps_the_track_and_position(
    edit: Callable[[str], str], index: int
) -> None:
    session, _ = reading_along()
    session.play(2, 7.0)
    text = (Path(__file__).parent / "guides" / "sample.md").read_text()
    edited = parse_text(edit(text), Path("sample.md")).guide
    assert edited is not None
    session.replace_guide(edited)
    assert (session.index, session.guide, session.position) == (index, edited, 7.0)


@pytest.mark.parametrize(
    ("offset", "position", "due"),
    [
        (0.0, 0.0, 10.0),
        (0.0, 9.5, 0.5),
        (0.0, 10.0, 10.0),
        (0.5, 9.5, 1.0),
        (0.0, 25.0, None),
    ],
)
def test_seconds_to_next_cue(offset: float, position: float, due: float | None) -> None:
    session, _ = reading_along(offset)
    session.play(0, position)
    assert session.remarks.seconds_to_next_cue() == (None if due is None else pytest.approx(due))


def test_p_in_a_theme_tour_goes_back_within_the_tour() -> None:
    session, _ = reading_along()
    session.start_tour(MOTIF)
    session.next_track()
    assert session.index == 2
    session.previous_track()
    assert session.index == 0
    session.previous_track()
    assert session.index == 0  # the tour's first track restarts


def test_without_a_device_a_file_length_times_the_read_along_clock() -> None:
    clock = FakeClock()
    guide = parse_text("## 01. Untimed\n\n[50%] Half.\n", Path("g.md")).guide
    assert guide is not None
    session = Session(
        guide,
        Transport(clock, None, "no audio device: test"),
        files={TrackId(1, 1): Path("/m/01.ogg")},
        lengths={TrackId(1, 1): 30.0},
    )
    session.play(0)
    assert session.transport.length == 30.0
    assert session.remarks.cue_time(0) == 15.0


@pytest.mark.parametrize(
    ("position", "due"),
    [(35.0, 5.0), (39.5, 0.5), (5.0, 5.0), (12.0, 8.0)],
)
def test_the_next_change_is_a_remark_or_the_tracks_end(position: float, due: float) -> None:
    session, _ = reading_along()
    session.play(0, position)
    assert session.remarks.seconds_to_next_change() == pytest.approx(due)


def test_at_a_tracks_end_not_yet_reported_the_next_change_is_now() -> None:
    """The screen looks again at once until the player says the next track has begun, rather
    than at its next tick, a quarter of a second later."""
    session, clock = reading_along()
    session.play(1, 25.0)
    clock.advance(5.0)
    assert session.position == pytest.approx(30.0)
    assert session.remarks.seconds_to_next_change() == 0.0
    assert session.tick()
    assert session.index == 2
