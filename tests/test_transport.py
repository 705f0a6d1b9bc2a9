"""The transport's choice between audio and read-along, its reasons, and what it carries across
tracks; and keeping native libraries' messages off the terminal (`quiet`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from audiogen import make_tone
from polling import Elapsed, heard_from

from ostguide.player.clock import FakeClock
from ostguide.player.errors import PlaybackError
from ostguide.player.interface import TrackEnded
from ostguide.player.mixer import MixerPlayer
from ostguide.player.transport import NO_FILE, Transport, open_transport

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def track(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tone(tmp_path_factory.mktemp("audio") / "01 Theme.ogg", 4.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def transport(clock: FakeClock, player: MixerPlayer) -> Iterator[Transport]:
    transport = Transport(clock, player)
    yield transport
    transport.stop()


def test_no_file_reads_along_over_the_guides_length(transport: Transport, clock: FakeClock) -> None:
    transport.play(None, 95.0, start=10.0)
    assert (transport.mode, transport.reason) == ("read-along", NO_FILE)
    assert NO_FILE == "no audio file for this track"
    clock.advance(5)
    assert (transport.position, transport.length, transport.loaded_path) == (15.0, 95.0, None)
    assert not pygame.mixer.music.get_busy()


def test_a_file_and_a_device_play_audio(transport: Transport, track: Path) -> None:
    since = Elapsed()
    transport.play(track, 200.0, start=1.0)
    assert (transport.mode, transport.reason, transport.loaded_path) == ("audio", "", track)
    assert transport.length == pytest.approx(4.0, abs=0.05)
    assert heard_from(transport.position, 1.0, since)
    assert pygame.mixer.music.get_busy()
    transport.play(None, 30.0)
    assert transport.mode == "read-along"
    assert not pygame.mixer.music.get_busy()


def test_no_device_reads_along_and_says_why(clock: FakeClock, track: Path) -> None:
    transport = Transport(clock, None, "no audio device: ALSA: Couldn't open audio device")
    transport.play(track, 120.0)
    assert transport.mode == "read-along"
    assert transport.reason == "no audio device: ALSA: Couldn't open audio device"
    assert not transport.audio_available
    assert (transport.loaded_path, transport.length) == (track, 120.0)
    transport.play(None, 60.0)
    assert transport.reason.startswith("no audio device")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"OggS" + bytes(200), "could not play broken.ogg: the decoder refused it ("),
        (None, "could not play broken.ogg: the file is missing"),
    ],
)
def test_broken_file_raises_and_reads_along(
    transport: Transport, clock: FakeClock, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "broken.ogg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PlaybackError) as caught:
        transport.play(path, 80.0, start=3.0, paused=True)
    assert str(caught.value).startswith(reason)
    assert transport.mode == "read-along" and transport.reason.startswith(reason)
    assert ";" not in transport.reason
    clock.advance(10)
    assert (transport.position, transport.paused, transport.length) == (3.0, True, 80.0)


@pytest.mark.slow
def test_file_failing_mid_track_falls_back_to_read_along(
    transport: Transport, clock: FakeClock, tmp_path: Path
) -> None:
    whole = make_tone(tmp_path / "whole.wav", 1.5).read_bytes()
    path = tmp_path / "03 Vanishing.wav"
    path.write_bytes(whole[: len(whole) // 3])
    transport.play(path, 90.0)
    path.unlink()
    with pytest.raises(PlaybackError, match="disappeared while playing"):
        wait_for_end(transport)
    assert transport.mode == "read-along"
    assert transport.reason == "could not play 03 Vanishing.wav: the file disappeared while playing"
    resumed_at = transport.position
    assert 0.35 <= resumed_at <= 0.55
    clock.advance(2)
    assert (transport.position, transport.length) == (resumed_at + 2, 90.0)


def test_volume_and_mute_carry_across_tracks_and_modes(transport: Transport, track: Path) -> None:
    transport.play(None, 60.0)
    transport.volume = 0.3
    transport.set_muted(True)
    transport.play(track, None)
    assert pygame.mixer.music.get_volume() == 0.0
    transport.set_muted(False)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.3, abs=0.01)
    transport.play(track, None, start=2.0)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.3, abs=0.01)
    transport.play(None, 60.0)
    assert (transport.volume, transport.muted) == (0.3, False)
    transport.volume = 2.0
    assert transport.volume == 1.0


@pytest.mark.slow
def test_controls_reach_the_active_player(
    transport: Transport, clock: FakeClock, track: Path
) -> None:
    transport.play(None, 60.0)
    transport.seek(20.0)
    transport.toggle_pause()
    clock.advance(3)
    transport.seek_by(-5.0)
    assert (transport.position, transport.paused) == (15.0, True)
    transport.resume()
    clock.advance(46)
    assert transport.poll() == TrackEnded(None, 60.0)
    transport.play(track, None, paused=True)
    transport.seek(2.5)
    assert (transport.position, transport.paused) == (2.5, True)
    transport.seek(3.2)
    transport.resume()
    assert isinstance(wait_for_end(transport), TrackEnded)


def wait_for_end(transport: Transport) -> TrackEnded:
    until = time.monotonic() + 3
    while time.monotonic() < until:
        ended = transport.poll()
        if ended:
            return ended
        time.sleep(0.01)
    pytest.fail("the track did not end")


def test_open_transport_without_a_device(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock, tmp_path: Path, track: Path
) -> None:
    def refuse(**_: int) -> None:
        os.write(2, b"ALSA lib pcm.c: Unknown PCM default\n")
        raise pygame.error("ALSA: Couldn't open audio device")

    monkeypatch.setattr(pygame.mixer, "init", refuse)
    log = tmp_path / "state" / "audio.log"
    transport = open_transport(clock, log)
    transport.play(track, 30.0)
    assert transport.mode == "read-along"
    assert transport.reason == "no audio device: ALSA: Couldn't open audio device"
    assert "Unknown PCM default" in log.read_text()


def test_open_transport_with_a_device(clock: FakeClock, tmp_path: Path, track: Path) -> None:
    transport = open_transport(clock, tmp_path / "audio.log")
    transport.play(track, None)
    assert (transport.mode, transport.audio_available) == ("audio", True)
    transport.stop()


def run(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python code (with `args`) in a fresh interpreter that can import ostguide."""
    environment = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )


@pytest.mark.slow
def test_unknown_driver_falls_back_quietly(tmp_path: Path) -> None:
    done = run(
        "import json; from pathlib import Path; import sys\n"
        "from ostguide.player.clock import MonotonicClock\n"
        "from ostguide.player.transport import open_transport\n"
        "t = open_transport(MonotonicClock(), Path(sys.argv[1]))\n"
        "t.play(None, None)\n"
        "print(json.dumps([t.mode, t.reason]))\n",
        str(tmp_path / "audio.log"),
        SDL_AUDIODRIVER="no-such-driver",
    )
    mode, reason = json.loads(done.stdout)
    assert mode == "read-along"
    assert reason.startswith("no audio device: ") and "no-such-driver" in reason
    assert done.stderr == ""


QUIET = """
import os, sys
from pathlib import Path
from ostguide.player.quiet import divert_stderr, restore_stderr
diverted = divert_stderr(Path(sys.argv[1]))
os.write(2, b"native noise\\n")
print("python noise", file=sys.stderr)
diverted.terminal.write("for the terminal\\n")
restore_stderr(diverted)
os.write(2, b"after restore\\n")
"""


def test_native_writes_to_fd2_go_to_the_log(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "audio.log"
    done = run(QUIET, str(log))
    assert done.stderr == "for the terminal\nafter restore\n"
    assert log.read_text() == "native noise\npython noise\n"


@pytest.mark.slow
def test_importing_the_player_prints_no_banner() -> None:
    done = run("import ostguide.player.mixer")
    assert (done.stdout, done.stderr) == ("", "")
