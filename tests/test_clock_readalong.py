"""The clocks and the silent read-along player, driven by a fake clock so no test waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.player.clock import FakeClock, MonotonicClock
from ostguide.player.interface import TrackEnded
from ostguide.player.readalong import DEFAULT_LENGTH, ReadAlongPlayer


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(100.0)


@pytest.fixture
def player(clock: FakeClock) -> ReadAlongPlayer:
    player = ReadAlongPlayer(clock)
    player.load(Path("t.mp3"), 60.0)
    return player


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock()
    assert clock.now() == 0.0
    clock.advance(1.5)
    clock.time = 10.0
    clock.advance(0.25)
    assert clock.now() == 10.25
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)


def test_monotonic_clock_never_goes_back() -> None:
    clock = MonotonicClock()
    first = clock.now()
    assert clock.now() >= first


def test_counts_time_while_playing(player: ReadAlongPlayer, clock: FakeClock) -> None:
    assert (player.position, player.length, player.paused) == (0.0, 60.0, False)
    clock.advance(12.5)
    assert player.position == 12.5
    assert player.loaded_path == Path("t.mp3")


def test_pause_freezes_and_resume_continues(player: ReadAlongPlayer, clock: FakeClock) -> None:
    clock.advance(5)
    player.pause()
    clock.advance(30)
    assert (player.position, player.paused) == (5.0, True)
    player.resume()
    clock.advance(2)
    assert (player.position, player.paused) == (7.0, False)
    player.toggle_pause()
    assert player.paused
    player.toggle_pause()
    assert not player.paused


@pytest.mark.parametrize(
    ("start", "action", "arg", "expected"),
    [
        (10.0, "seek", 30.0, 30.0),
        (10.0, "seek", -5.0, 0.0),
        (10.0, "seek", 500.0, 59.5),
        (10.0, "seek_by", 5.0, 15.0),
        (10.0, "seek_by", -15.0, 0.0),
        (50.0, "seek_by", 30.0, 59.5),
    ],
)
@pytest.mark.parametrize("paused", [False, True])
def test_seeks_are_absolute_or_relative_and_clamped(
    clock: FakeClock, start: float, action: str, arg: float, expected: float, paused: bool
) -> None:
    player = ReadAlongPlayer(clock)
    player.load(None, 60.0, start=start, paused=paused)
    getattr(player, action)(arg)
    assert player.position == expected
    assert player.paused is paused
    clock.advance(0.25)
    assert player.position == (expected if paused else min(expected + 0.25, 60.0))


def test_end_is_reported_once(player: ReadAlongPlayer, clock: FakeClock) -> None:
    clock.advance(59.9)
    assert player.poll() is None
    clock.advance(0.2)
    assert player.poll() == TrackEnded(Path("t.mp3"), 60.0)
    assert player.poll() is None
    assert player.position == 60.0
    assert player.finished


def test_no_end_while_paused(player: ReadAlongPlayer, clock: FakeClock) -> None:
    player.seek(59.0)
    player.pause()
    clock.advance(10)
    assert player.poll() is None
    player.resume()
    clock.advance(1)
    assert player.poll() is not None


def test_resume_after_end_starts_again(player: ReadAlongPlayer, clock: FakeClock) -> None:
    clock.advance(61)
    player.poll()
    player.resume()
    clock.advance(1)
    assert player.position == 1.0
    assert not player.finished


@pytest.mark.parametrize("length", [None, 0.0, -3.0])
def test_unknown_length_uses_the_default(clock: FakeClock, length: float | None) -> None:
    player = ReadAlongPlayer(clock)
    player.load(None, length)
    assert player.length == DEFAULT_LENGTH == 240.0
    clock.advance(DEFAULT_LENGTH)
    assert player.poll() == TrackEnded(None, DEFAULT_LENGTH)


def test_load_paused_at_start(clock: FakeClock) -> None:
    player = ReadAlongPlayer(clock, default_length=100.0)
    player.load(None, None, start=42.0, paused=True)
    clock.advance(5)
    assert (player.position, player.length, player.paused) == (42.0, 100.0, True)


def test_stop_forgets_the_track(player: ReadAlongPlayer, clock: FakeClock) -> None:
    clock.advance(3)
    player.stop()
    clock.advance(3)
    assert (player.position, player.length, player.loaded_path) == (0.0, 0.0, None)
    assert player.poll() is None
    player.seek(10)
    assert player.position == 0.0


@pytest.mark.parametrize(
    ("start", "position"),
    [(0.0, 0.0), (23.0, 23.0), (59.5, 59.5), (59.8, 59.5), (60.0, 59.5), (60.5, 0.0), (83.0, 0.0)],
)
def test_a_start_past_the_end_belongs_to_a_longer_track(
    clock: FakeClock, start: float, position: float
) -> None:
    """Up to the end a start is clamped before it (the track is heard ending); past the end it
    is no place in this track, which plays from its start."""
    player = ReadAlongPlayer(clock)
    player.load(None, 60.0, start=start, paused=True)
    assert player.position == position
