"""The real pygame mixer (SDL's dummy driver, real time) playing generated files in every format.

Files are short and the waits small, so the whole module runs in a few seconds. One test runs a
subprocess on SDL's `disk` driver to compare the position the player reports with the audio it
actually wrote.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pygame
import pytest
from audiogen import chirp, locate, make_tone, sound_stretches, strip_xing
from polling import Elapsed, heard_from, wait_for

from ostguide.player.errors import AudioUnavailable, PlaybackError
from ostguide.player.interface import TrackEnded
from ostguide.player.mixer import MixerPlayer, open_mixer

pytestmark = pytest.mark.slow
"""Every test here plays audio through the real pygame mixer."""

Files = dict[tuple[str, float], Path]
"""Generated test files by (suffix, length)."""

FORMATS = [".mp3", ".ogg", ".flac", ".wav", ".opus", ".m4a", ".wv"]
"""`.m4a` (AAC) and `.wv` (WavPack) are decoded to a FLAC copy that the mixer plays."""
LONG = 6.0
SHORT = 1.5
TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("audio")
    return {
        (suffix, seconds): make_tone(folder / f"tone-{seconds}{suffix}", seconds)
        for suffix in FORMATS
        for seconds in (LONG, SHORT)
    }


def heard(seconds: float, suffix: str) -> float:
    """Where a seek to `seconds` lands: WAV seeks snap down to the whole second."""
    return float(int(seconds)) if suffix == ".wav" else seconds


@pytest.mark.parametrize("suffix", FORMATS)
def test_plays_and_keeps_time(player: MixerPlayer, files: Files, suffix: str) -> None:
    path = files[suffix, LONG]
    since = Elapsed()
    player.load(path, None)
    assert 0.0 <= player.position <= since.most()
    assert (player.loaded_path, player.paused) == (path, False)
    assert player.length == pytest.approx(LONG, abs=0.05)
    time.sleep(0.3)
    assert 0.2 <= player.position <= since.most()
    assert pygame.mixer.music.get_busy()


@pytest.mark.parametrize("suffix", FORMATS)
def test_pause_freezes_and_resume_carries_on(
    player: MixerPlayer, files: Files, suffix: str
) -> None:
    since = Elapsed()
    player.load(files[suffix, LONG], None, start=2.0)
    time.sleep(0.15)
    player.pause()
    frozen = player.position
    assert 2.08 <= frozen <= 2.0 + since.most()
    time.sleep(0.1)
    assert (player.position, player.paused) == (frozen, True)
    assert not pygame.mixer.music.get_busy()
    resumed = Elapsed()
    player.toggle_pause()
    assert not player.paused
    assert frozen - 0.03 <= player.position <= frozen + resumed.most()
    time.sleep(0.15)
    assert frozen + 0.08 <= player.position <= frozen + resumed.most(0.07)


SEEKS = [
    ("seek", 3.3, 3.3),
    ("seek", -2.0, 0.0),
    ("seek", 100.0, LONG - 0.5),
    ("seek_by", 1.5, 3.7),
    ("seek_by", -1.7, 0.5),
    ("seek_by", -9.0, 0.0),
]


@pytest.mark.parametrize("paused", [True, False], ids=["paused", "playing"])
@pytest.mark.parametrize(("action", "arg", "expected"), SEEKS)
@pytest.mark.parametrize("suffix", FORMATS)
def test_seeks_are_exact_right_away(
    player: MixerPlayer,
    files: Files,
    suffix: str,
    action: str,
    arg: float,
    expected: float,
    paused: bool,
) -> None:
    since = Elapsed()
    player.load(files[suffix, LONG], None, start=2.2, paused=paused)
    start = player.position
    assert heard(2.2, suffix) - 0.02 <= start <= heard(2.2, suffix) + since.most(0.02)
    since = Elapsed()  # a seek_by moves on from where the player is when it comes
    getattr(player, action)(arg)
    target = heard(expected if action == "seek" else max(start + arg, 0.0), suffix)
    target = min(target, heard(LONG - 0.5, suffix))
    most = 0.02 if paused else since.most()
    assert target - 0.02 <= player.position <= target + most
    assert player.paused is paused
    assert pygame.mixer.music.get_busy() is not paused


@pytest.mark.parametrize("suffix", FORMATS)
def test_seek_while_paused_plays_from_there(player: MixerPlayer, files: Files, suffix: str) -> None:
    player.load(files[suffix, LONG], None, start=1.0)
    player.pause()
    player.seek(4.6)
    time.sleep(0.1)
    assert player.position == heard(4.6, suffix)
    since = Elapsed()
    player.resume()
    time.sleep(0.2)
    assert heard(4.6, suffix) + 0.12 <= player.position <= heard(4.6, suffix) + since.most(0.08)


@pytest.mark.parametrize("suffix", FORMATS)
def test_end_of_track_is_reported_once(player: MixerPlayer, files: Files, suffix: str) -> None:
    path = files[suffix, SHORT]
    player.load(path, None, start=1.0)
    assert player.poll() is None
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded)
    assert (ended.path, ended.corrected) == (path, False)
    assert ended.length == pytest.approx(SHORT, abs=0.05)
    assert player.poll() is None
    assert (player.position, player.finished, player.paused) == (player.length, True, False)
    since = Elapsed()
    player.resume()
    assert heard_from(player.position, 0.0, since)
    assert pygame.mixer.music.get_busy()


def test_the_track_made_ready_before_the_screen_plays_without_loading_again(
    player: MixerPlayer, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = files[".ogg", LONG]
    player.load(path, None, start=2.5, paused=True)  # the opening's thread, before the screen
    loads: list[object] = []
    real = pygame.mixer.music.load

    def load(*args: str) -> None:
        loads.append(args)
        real(*args)

    monkeypatch.setattr(pygame.mixer.music, "load", load)
    player.load(path, None, start=2.5, paused=True)  # the track waits: nothing to do
    assert (player.paused, player.position) == (True, 2.5)
    since = Elapsed()
    player.load(path, None, start=2.5)  # the screen plays it
    assert heard_from(player.position, 2.5, since)
    assert not player.paused and loads == []
    player.load(path, None, start=1.0)  # another place: loaded again
    assert len(loads) == 1


@pytest.mark.parametrize("suffix", [".ogg", ".wav"])
def test_a_resting_device_is_closed_and_the_track_plays_on_from_where_it_was(
    player: MixerPlayer, files: Files, suffix: str
) -> None:
    player.load(files[suffix, LONG], None, start=2.0)
    player.volume = 0.5
    time.sleep(0.2)
    player.pause()
    paused_at = player.position
    player.rest()
    assert not pygame.mixer.get_init()
    assert (player.paused, player.position) == (True, paused_at)
    player.seek(3.0)  # while resting: only remembered
    assert player.position == heard(3.0, suffix)
    since = Elapsed()
    player.resume()
    assert pygame.mixer.get_init()
    assert heard_from(player.position, heard(3.0, suffix), since)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)


def test_a_track_that_ended_rests_and_plays_again_from_its_start(
    player: MixerPlayer, files: Files
) -> None:
    player.load(files[".flac", SHORT], None, start=1.2)
    assert isinstance(wait_for(player.poll), TrackEnded)
    player.rest()
    assert not pygame.mixer.get_init()
    since = Elapsed()
    player.resume()
    assert heard_from(player.position, 0.0, since)
    player.load(files[".ogg", SHORT], None)  # and another track loads as ever
    assert player.loaded_path == files[".ogg", SHORT]


def test_no_end_while_paused(player: MixerPlayer, files: Files) -> None:
    player.load(files[".ogg", SHORT], None, start=1.2)
    player.pause()
    time.sleep(0.5)
    assert player.poll() is None
    player.resume()
    assert isinstance(wait_for(player.poll), TrackEnded)


def test_stop_unloads(player: MixerPlayer, files: Files) -> None:
    player.load(files[".ogg", LONG], None)
    player.stop()
    assert (player.position, player.length, player.loaded_path) == (0.0, 0.0, None)
    assert not pygame.mixer.music.get_busy()
    assert player.poll() is None


def _damage(path: Path, kind: str, folder: Path) -> Path:
    data = path.read_bytes()
    blobs = {
        "garbage": bytes(range(256)) * 12,
        "empty": b"",
        "header-only": data[:60],
        "truncated": data[: len(data) // 3],
    }
    damaged = folder / f"{kind}{path.suffix}"
    damaged.write_bytes(blobs[kind])
    return damaged


UNPLAYABLE = [(suffix, kind) for suffix in FORMATS for kind in ("garbage", "empty")]
UNPLAYABLE += [(s, "header-only") for s in (".mp3", ".ogg", ".flac", ".opus")]
UNPLAYABLE += [(s, "truncated") for s in (".ogg", ".opus")]


@pytest.mark.parametrize("paused", [False, True], ids=["playing", "paused"])
@pytest.mark.parametrize(("suffix", "kind"), UNPLAYABLE)
def test_broken_files_raise_a_clear_error(
    player: MixerPlayer, files: Files, tmp_path: Path, suffix: str, kind: str, paused: bool
) -> None:
    damaged = _damage(files[suffix, SHORT], kind, tmp_path)
    with pytest.raises(PlaybackError) as caught:
        player.load(damaged, 90.0, paused=paused)
    message = str(caught.value)
    assert message.startswith(f"could not play {damaged.name}: ")
    assert "replace it" in message and "\n" not in message
    assert caught.value.path == damaged
    assert player.loaded_path is None and not pygame.mixer.music.get_busy()


def test_unsupported_and_missing_files(player: MixerPlayer, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not audio at all\n" * 50)
    with pytest.raises(PlaybackError, match=r"could not play notes\.txt: the decoder refused it"):
        player.load(notes, None)
    with pytest.raises(PlaybackError, match=r"could not play gone\.ogg: the file is missing"):
        player.load(tmp_path / "gone.ogg", None)


# What a third of the bytes holds: WAV and FLAC a third of the time; the MP3's first third also
# holds its header frame and a richer start, 0.31 s as libsndfile decodes it.
@pytest.mark.parametrize(("suffix", "playable"), [(".wav", 0.5), (".flac", 0.5), (".mp3", 0.31)])
def test_truncated_file_ends_early_and_length_is_corrected(
    player: MixerPlayer, files: Files, tmp_path: Path, suffix: str, playable: float
) -> None:
    damaged = _damage(files[suffix, SHORT], "truncated", tmp_path)
    player.load(damaged, None)
    assert player.length == pytest.approx(SHORT, abs=0.05)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded) and ended.corrected
    assert ended.length == pytest.approx(playable, abs=0.06)
    assert player.length == ended.length


def test_file_vanishing_mid_track_raises(player: MixerPlayer, files: Files, tmp_path: Path) -> None:
    damaged = _damage(files[".wav", SHORT], "truncated", tmp_path)
    player.load(damaged, None)
    damaged.unlink()
    with pytest.raises(PlaybackError, match="disappeared while playing; check that its drive"):
        wait_for(player.poll)
    assert player.loaded_path is None


def test_deleted_file_that_still_plays_is_not_an_error(player: MixerPlayer, tmp_path: Path) -> None:
    path = make_tone(tmp_path / "doomed.ogg", SHORT)
    player.load(path, None, start=0.7)
    path.unlink()
    player.seek(0.8)
    assert isinstance(wait_for(player.poll), TrackEnded)
    with pytest.raises(PlaybackError, match="missing"):
        player.load(path, None)


@pytest.mark.parametrize(
    ("order", "claim"),
    [("silence-first", "too long"), ("noise-first", "too short")],
)
def test_vbr_mp3_without_header_gets_its_length_from_playback(
    player: MixerPlayer, tmp_path: Path, order: str, claim: str
) -> None:
    half = np.zeros((int(0.5 * 44100), 2), "float32")
    noise = (0.3 * np.random.default_rng(7).standard_normal(half.shape)).astype("float32")
    parts = [half, noise] if order == "silence-first" else [noise, half]
    path = strip_xing(make_tone(tmp_path / "vbr.mp3", 0, samples=np.vstack(parts)))
    player.load(path, 200.0)
    estimate = player.length
    assert player.length_estimated
    assert (estimate > 1.8) if claim == "too long" else (estimate < 0.7)
    ended = wait_for(player.poll)
    assert isinstance(ended, TrackEnded) and ended.corrected
    assert ended.length == pytest.approx(1.0, abs=0.1)
    assert not player.length_estimated


def test_volume(player: MixerPlayer, files: Files) -> None:
    player.load(files[".ogg", LONG], None)
    player.volume = 0.5
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)
    player.load(files[".mp3", LONG], None)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)
    player.volume = 7.0
    assert player.volume == 1.0
    player.volume = -1.0
    assert (player.volume, pygame.mixer.music.get_volume()) == (0.0, 0.0)
    player.volume = 1.0


def test_no_device_raises_audio_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: int) -> None:
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    monkeypatch.setattr(pygame.mixer, "init", refuse)
    with pytest.raises(AudioUnavailable) as caught:
        open_mixer()
    assert str(caught.value) == "no audio device: ALSA: Couldn't open audio device: " + (
        "No such file or directory"
    )


DISK_SCRIPT = """
import json, sys, time
from pathlib import Path
from ostguide.player.mixer import open_mixer
player = open_mixer()
player.load(Path(sys.argv[1]), None)
time.sleep(0.4)
player.pause()
first = player.position
time.sleep(0.2)
player.seek(2.0)
player.resume()
time.sleep(0.4)
player.pause()
print(json.dumps([first, player.position]))
"""


def test_position_agrees_with_the_audio_the_disk_driver_wrote(tmp_path: Path) -> None:
    """The player's position is what was heard, to within one mixer buffer.

    `get_pos()` counts the audio handed to the device, which is exactly what the disk driver
    writes; the only slack is a callback (1024 frames = 23 ms) landing between the pause and the
    reading, so the tolerance is 25 ms.
    """
    rate = 44100
    path = make_tone(tmp_path / "chirp.ogg", 0, samples=chirp(4.0, rate))
    raw = tmp_path / "out.raw"
    env = os.environ | {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS.parent), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", DISK_SCRIPT, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    first, second = json.loads(done.stdout)
    mono = np.fromfile(raw, dtype="<i2")[0::2] / 32768
    (start1, end1), (start2, end2) = sound_stretches(mono, gap=rate // 10)
    assert (end1 - start1) * 4 / 176400 == pytest.approx(first, abs=0.025)
    assert (end2 - start2) * 4 / 176400 == pytest.approx(second - 2.0, abs=0.025)
    reference = chirp(4.0, rate)[:, 0]
    assert locate(mono[start2 : start2 + 2048], reference) / rate == pytest.approx(2.0, abs=0.005)
    last_heard = (locate(mono[end2 - 2048 : end2], reference) + 2048) / rate
    assert last_heard == pytest.approx(second, abs=0.025)


SIGTERM_SCRIPT = """
import os, signal, time
from ostguide.player.mixer import open_mixer
open_mixer()
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(2)
print("SIGTERM was swallowed")
"""


@pytest.mark.slow
def test_opening_the_mixer_leaves_sigterm_to_the_program() -> None:
    """SDL installs its own SIGTERM handler at `mixer.init()` unless told not to; the process
    then ignores `kill PID`. Opened by ostguide, the mixer leaves the default: SIGTERM ends it."""
    env = os.environ | {"PYTHONPATH": str(TESTS.parent)}
    env.pop("SDL_NO_SIGNAL_HANDLERS", None)
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_SCRIPT], env=env, capture_output=True, text=True, timeout=20
    )
    assert (done.returncode, done.stdout) == (-signal.SIGTERM, "")


UNREADABLE_SCRIPT = """
import sys
from pathlib import Path
from ostguide.player.errors import PlaybackError
from ostguide.player.mixer import open_mixer
try:
    open_mixer().load(Path(sys.argv[1]), None)
except PlaybackError as error:
    print(error)
"""


def _without_root_file_access() -> None:
    """In the child: as root, give up the capabilities that skip file permissions (the bounding
    set is what root's next program gets), so that a mode-000 file is unreadable as for anyone."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.slow
def test_an_unreadable_file_is_reported_as_unreadable(files: Files, tmp_path: Path) -> None:
    locked = tmp_path / "locked.ogg"
    locked.write_bytes(files[".ogg", SHORT].read_bytes())
    locked.chmod(0)
    done = subprocess.run(
        [sys.executable, "-c", UNREADABLE_SCRIPT, str(locked)],
        env=os.environ | {"PYTHONPATH": str(TESTS.parent)},
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
        preexec_fn=_without_root_file_access,
    )
    assert done.stdout == (
        "could not play locked.ogg: the file cannot be read (Permission denied); give yourself "
        "permission to read it (chmod u+r FILE), or re-match\n"
    )
