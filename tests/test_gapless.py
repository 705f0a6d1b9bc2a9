"""Tracks inside an album image, and going from one track to the next without a gap: the real
mixer on SDL's dummy driver for the behaviour, and its `disk` driver (in a subprocess) for what
was heard across the boundary."""

from __future__ import annotations

import time
from pathlib import Path

import album_heard
import pygame
import pytest
import soundfile
from audiogen import chirp, make_tone
from boundary import measure
from polling import Elapsed, heard_from, wait_for

from ostguide.guide.model import Album, Guide, Track, TrackId
from ostguide.player.clock import FakeClock, MonotonicClock
from ostguide.player.interface import Source, Span, TrackEnded
from ostguide.player.mixer import MixerPlayer, open_mixer
from ostguide.player.transport import BUFFER_FRAMES, Transport
from ostguide.session import Session

TESTS = Path(__file__).parent
RATE = 44100
BUFFER = 1024 / RATE
"""Seconds of one mixing buffer of the `player` fixture (`open_mixer`'s default)."""


@pytest.fixture(scope="module")
def album(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A six-second image; its tracks start at 0, 2 and 4.4 s."""
    path = tmp_path_factory.mktemp("image") / "Noein.flac"
    soundfile.write(path, chirp(6.0, RATE), RATE, format="FLAC")
    return path


def spans(album: Path) -> list[Span]:
    return [Span(album, 0.0, 2.0), Span(album, 2.0, 4.4), Span(album, 4.4, None)]


@pytest.mark.slow  # the real mixer, in real time
def test_a_span_is_a_track_of_its_own(player: MixerPlayer, album: Path) -> None:
    since = Elapsed()
    player.load(spans(album)[1], None)
    assert heard_from(player.position, 0.0, since)
    assert player.length == pytest.approx(2.4)
    assert player.loaded_path == album
    since = Elapsed()
    player.seek(1.0)
    assert heard_from(player.position, 1.0, since)
    since = Elapsed()
    player.seek(10.0)
    assert heard_from(player.position, 1.9, since)
    since = Elapsed()
    player.seek_by(-5.0)
    assert heard_from(player.position, 0.0, since)
    player.pause()
    player.seek(0.5)
    assert player.position == pytest.approx(0.5)
    assert player.paused


@pytest.mark.slow  # the real mixer, in real time
def test_a_span_ends_at_the_next_tracks_start(player: MixerPlayer, album: Path) -> None:
    first = spans(album)[0]
    player.load(first, None, start=1.6)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded)
    assert ended.path == album
    assert ended.length == pytest.approx(2.0)
    assert player.position == pytest.approx(2.0)
    assert not pygame.mixer.music.get_busy()
    assert not player.carries_on(spans(album)[1], 0.0, False)


@pytest.mark.slow  # the real mixer, in real time
def test_the_next_span_plays_on_without_reloading(player: MixerPlayer, album: Path) -> None:
    first, second, _ = spans(album)
    player.load(first, None, start=1.6)
    player.queue_next(second)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded)
    assert ended.path == album
    assert ended.length == pytest.approx(2.0)
    assert pygame.mixer.music.get_busy()
    assert player.carries_on(second, 0.0, False)
    assert 0.0 <= player.position < 0.3
    assert player.length == pytest.approx(2.4)
    assert not player.carries_on(second, 0.0, False)  # said once


@pytest.mark.slow  # the real mixer, in real time
def test_a_queued_file_takes_over_and_the_clock_restarts(
    player: MixerPlayer, tmp_path: Path
) -> None:
    first = make_tone(tmp_path / "a.ogg", 1.0)
    second = make_tone(tmp_path / "b.ogg", 2.0)
    player.load(first, None, start=0.5)
    player.queue_next(second)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded)
    assert ended.path == first
    assert ended.length == pytest.approx(1.0, abs=0.05)
    assert player.carries_on(second, 0.0, False)
    assert player.loaded_path == second
    assert player.length == pytest.approx(2.0, abs=0.05)
    before = player.position
    assert 0.0 <= before < 0.3
    since = Elapsed()
    time.sleep(0.2)
    assert 0.2 - BUFFER <= player.position - before <= since.most()  # in steps of one buffer


@pytest.mark.slow  # the real mixer, in real time
def test_the_next_file_is_queued_by_the_next_poll_not_when_the_track_changes(
    player: MixerPlayer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_tone(tmp_path / "a.ogg", 1.0)
    second = make_tone(tmp_path / "b.ogg", 2.0)
    queued: list[str] = []
    real = pygame.mixer.music.queue

    def queue(name: str) -> None:
        queued.append(name)
        real(name)

    monkeypatch.setattr(pygame.mixer.music, "queue", queue)
    player.load(first, None, start=0.5)
    player.queue_next(second)
    assert queued == []  # the moment the track changes has enough to do
    assert player.poll() is None
    assert queued == [str(second)]
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded) and player.loaded_path == second
    assert player.length == pytest.approx(2.0, abs=0.05)  # read when it was queued


@pytest.mark.slow  # the real mixer, in real time
def test_reading_the_position_never_hides_the_queued_file_taking_over(
    player: MixerPlayer, tmp_path: Path
) -> None:
    """The screen reads the position far more often than the session polls: those reads must
    not change what `poll` concludes (they once hid every restart, and the album replayed).
    The first poll after `get_pos()` restarted must report the end."""
    first = make_tone(tmp_path / "a.ogg", 0.8)
    second = make_tone(tmp_path / "b.ogg", 2.0)
    player.load(first, None)
    player.queue_next(second)
    last_ms, ended = -1, None
    for _ in range(40):  # ten seconds at most, however slow the machine
        for _ in range(25):  # a read every 10 ms, a poll every 250 ms, as the screen does
            assert 0.0 <= player.position <= 0.8
            time.sleep(0.01)
        now_ms = pygame.mixer.music.get_pos()
        ended = player.poll()
        if now_ms < last_ms:  # the queued file began before this poll
            assert isinstance(ended, TrackEnded)
        if ended is not None:
            break
        last_ms = now_ms
    assert isinstance(ended, TrackEnded)
    assert ended.path == first
    assert player.loaded_path == second
    assert player.position < 2.0


@pytest.mark.slow  # the real mixer, in real time
def test_a_takeover_is_seen_when_the_last_poll_came_just_after_a_seek(
    player: MixerPlayer, tmp_path: Path
) -> None:
    """Polled right after a seek to the last half second, then only once the queued file has
    played longer than the first one had: `get_pos()` reads higher than at the last poll, yet
    the queued file has taken over."""
    first = make_tone(tmp_path / "a.ogg", 2.0)
    second = make_tone(tmp_path / "b.ogg", 2.0)
    player.load(first, None)
    player.queue_next(second)
    since = Elapsed()
    player.seek(1.9)  # lands at 1.5: seeks stop half a second before the end
    assert player.poll() is None  # reads get_pos() a few ms after the seek restarted it
    time.sleep(0.9)
    assert pygame.mixer.music.get_pos() > 100  # the queued file's: no lower than at that poll
    assert player.position == pytest.approx(2.0)  # before the poll, the end of the first file
    ended = player.poll()
    assert isinstance(ended, TrackEnded)
    assert ended.path == first
    assert player.loaded_path == second
    assert 0.3 <= player.position <= since.most() - 0.5


def image_session(album: Path, clock: FakeClock | None = None) -> Session:
    tracks = tuple(Track(TrackId(1, n), f"T{n}", n) for n in (1, 2, 3))
    guide = Guide(Path("g.md"), Album("Image"), tracks=tracks)
    files: dict[TrackId, Source] = {
        track.id: span for track, span in zip(tracks, spans(album), strict=True)
    }
    lengths = {
        track.id: (s.end or 6.0) - s.start for track, s in zip(tracks, spans(album), strict=True)
    }
    if clock is None:
        return Session(guide, Transport(MonotonicClock(), open_mixer()), files, lengths=lengths)
    return Session(guide, Transport(clock, None, "no device"), files, lengths=lengths)


@pytest.mark.slow  # the real mixer, in real time
def test_a_session_plays_through_an_image(player: MixerPlayer, album: Path) -> None:
    session = image_session(album)
    session.play(0, 1.7)
    wait_for(lambda: session.tick() and session.index == 1)
    assert session.transport.mode == "audio"
    assert session.position < 0.3
    session.next_track()
    assert session.index == 2
    assert session.transport.length == pytest.approx(1.6)
    session.previous_track()
    assert (session.index, session.transport.loaded_path) == (1, album)
    since = Elapsed()
    session.jump(TrackId(1, 1))
    assert heard_from(session.position, 0.0, since)
    assert session.back()
    assert session.index == 1


def test_an_image_reads_along_track_by_track_without_a_device(album: Path) -> None:
    clock = FakeClock()
    session = image_session(album, clock)
    session.play(1)
    assert session.transport.length == pytest.approx(2.4)
    clock.advance(2.5)
    assert session.tick()
    assert session.index == 2


@pytest.mark.slow  # the real mixer, in real time
def test_an_undecodable_file_in_a_gapless_run_is_skipped(
    player: MixerPlayer, tmp_path: Path
) -> None:
    good = [make_tone(tmp_path / f"{n}.ogg", 0.8) for n in (1, 3)]
    broken = tmp_path / "2.ogg"
    broken.write_bytes(b"OggS" + b"\x00" * 200)
    tracks = tuple(Track(TrackId(1, n), f"T{n}", n) for n in (1, 2, 3))
    guide = Guide(Path("g.md"), Album("Run"), tracks=tracks)
    files: dict[TrackId, Source] = dict(
        zip((t.id for t in tracks), [good[0], broken, good[1]], strict=True)
    )
    session = Session(guide, Transport(MonotonicClock(), player), files)
    session.play(0, 0.3)
    wait_for(lambda: session.tick() and session.index == 2)
    notices = session.take_notices()
    assert [n.severity for n in notices] == ["error"]
    assert notices[0].message.startswith("02 T2: ")
    assert session.transport.loaded_path == good[1]
    assert session.transport.mode == "audio"


def heard(kind: str, lead: float = 0.5) -> dict[str, object]:
    return measure(kind, BUFFER_FRAMES, lead)


BUFFER_MS = 1000 * BUFFER_FRAMES / RATE


@pytest.mark.slow
def test_two_files_meet_with_less_silence_than_one_buffer(tmp_path: Path) -> None:
    result = heard("files", lead=0.5013)
    gap = result["gap_ms"]
    assert isinstance(gap, float) and gap < BUFFER_MS
    errors = result["position_errors_ms"]
    assert isinstance(errors, list) and abs(errors[0]) <= BUFFER_MS + 1


@pytest.mark.slow
def test_two_itunes_files_meet_as_two_flac_files_do(tmp_path: Path) -> None:
    """AAC pads its last frame with silence: the decoded copy leaves it out, so the halves of a
    chirp in two `.m4a` files meet with less silence than one buffer, at the right position."""
    result = heard("m4a", lead=0.5013)
    gap = result["gap_ms"]
    assert isinstance(gap, float) and gap < BUFFER_MS
    errors = result["position_errors_ms"]
    assert isinstance(errors, list) and abs(errors[0]) <= BUFFER_MS + 1


@pytest.mark.slow
def test_two_tracks_of_an_image_meet_without_silence(tmp_path: Path) -> None:
    result = heard("image")
    assert result["gap_ms"] == 0.0
    errors = result["position_errors_ms"]
    assert isinstance(errors, list) and abs(errors[0]) <= BUFFER_MS + 1


@pytest.mark.slow
def test_positions_inside_an_image_are_what_was_heard(tmp_path: Path) -> None:
    errors = heard("positions")["position_errors_ms"]
    assert isinstance(errors, list) and len(errors) == 4
    assert all(abs(error) <= BUFFER_MS + 1 for error in errors), errors


@pytest.mark.slow
def test_an_album_is_heard_whole_in_order_with_the_session_in_step() -> None:
    """Four AAC tracks (decoded copies queued one after another) played through a session on
    the disk driver: each heard once, in order, and the session on the track that sounds within
    a tick and a buffer or two. (Every format's album through the whole app: test_truth.py.)"""
    result = album_heard.measure(".m4a")
    assert result["heard"] == [1, 2, 3, 4]
    lag = result["max_lag_ms"]
    assert isinstance(lag, float) and lag <= 1000 * album_heard.TICK + 3 * BUFFER_MS


@pytest.mark.slow  # the real mixer, in real time
def test_a_copy_still_being_made_is_queued_once_it_is_ready(
    player: MixerPlayer, tmp_path: Path
) -> None:
    """The next track's decoded copy is made in the background when `queue_next` asks for it; a
    later `poll` queues it, so it still follows without a gap."""
    first = make_tone(tmp_path / "a.ogg", 1.5)
    second = make_tone(tmp_path / "b.m4a", 1.0)
    player.load(first, None)
    player.queue_next(second)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded) and ended.path == first
    assert player.loaded_path == second
    assert player.carries_on(second, 0.0, False)
