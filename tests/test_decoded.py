"""AAC and ALAC files decoded to cached FLAC copies that the mixer plays: exact samples, one
decode per file version, in the background when asked, a bounded cache."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
import rips
import soundfile
from audiogen import chirp, make_tone, write_mp4
from test_real_rips import noein

from ostguide.launch import decode_from, find_library
from ostguide.player import decoded
from ostguide.player.decoded import (
    DecodeError,
    cache_folder,
    decode_ahead,
    is_ready,
    mixer_path,
)

RATE = 44100


def test_formats_the_mixer_reads_are_played_as_they_are(tmp_path: Path) -> None:
    path = make_tone(tmp_path / "a.flac", 0.2)
    assert mixer_path(path) == path and is_ready(path)
    assert not cache_folder().exists()


def test_an_alac_copy_holds_exactly_the_samples_and_the_length(tmp_path: Path) -> None:
    samples = chirp(2.5, RATE)
    path = tmp_path / "a.m4a"
    write_mp4(path, samples, RATE, "alac")
    assert not is_ready(path)
    copy = mixer_path(path)
    assert is_ready(path) and copy.parent == cache_folder() and copy.suffix == ".flac"
    heard, rate = soundfile.read(copy, dtype="int16")
    assert rate == RATE and heard.shape == samples.shape
    expected = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    assert np.array_equal(heard, expected)


def test_an_aac_copy_leaves_out_the_padding_of_its_last_frame(tmp_path: Path) -> None:
    path = make_tone(tmp_path / "a.m4a", 1.0)
    assert soundfile.info(mixer_path(path)).frames == RATE


def test_mono_stays_mono(tmp_path: Path) -> None:
    path = tmp_path / "mono.m4a"
    import av

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=RATE, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            np.zeros((1, 1024), dtype=np.float32), format="fltp", layout="mono"
        )
        frame.sample_rate, frame.pts = RATE, 0
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    assert soundfile.info(mixer_path(path)).channels == 1


def test_one_decode_per_version_of_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = decoded._decode

    def counted(path: Path, copy: Path) -> None:
        calls.append(path)
        real(path, copy)

    monkeypatch.setattr(decoded, "_decode", counted)
    path = make_tone(tmp_path / "a.m4a", 0.5)
    first = mixer_path(path)
    assert mixer_path(path) == first and len(calls) == 1
    os.utime(path, ns=(1, 1))  # the file changed: a new copy
    assert mixer_path(path) != first and len(calls) == 2


def test_two_threads_asking_at_once_decode_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    calls: list[Path] = []
    real = decoded._decode

    def slow(path: Path, copy: Path) -> None:
        calls.append(path)
        started.set()
        release.wait(10)
        real(path, copy)

    monkeypatch.setattr(decoded, "_decode", slow)
    path = make_tone(tmp_path / "a.m4a", 0.5)
    ahead = decode_ahead([path, path])
    assert ahead is not None and started.wait(10)
    found: list[Path] = []
    waiter = threading.Thread(target=lambda: found.append(mixer_path(path)))
    waiter.start()
    release.set()
    waiter.join(10)
    ahead.join(10)
    assert found == [mixer_path(path)] and calls == [path]
    assert decode_ahead([path]) is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the decoder refused it"),
        (b"not an mp4 at all\n" * 40, "the decoder refused it"),
    ],
)
def test_a_file_that_cannot_be_decoded_says_why_and_leaves_nothing(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "broken.m4a"
    path.write_bytes(content)
    with pytest.raises(DecodeError, match=reason):
        mixer_path(path)
    with pytest.raises(DecodeError, match="cannot be read"):
        mixer_path(tmp_path / "gone.m4a")
    assert not cache_folder().exists() or not any(cache_folder().iterdir())


def test_the_cache_keeps_the_copies_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [make_tone(tmp_path / f"{n}.m4a", 1.0, freq=300 + 50 * n) for n in range(3)]
    copies = [mixer_path(path) for path in paths[:2]]
    size = max(copy.stat().st_size for copy in copies)
    monkeypatch.setattr(decoded, "MAX_CACHE_BYTES", 2 * size + size // 2)
    os.utime(copies[0], (1, 1))  # used long ago
    newest = mixer_path(paths[2])
    assert sorted(cache_folder().iterdir()) == sorted([copies[1], newest])


def test_the_first_track_is_decoded_before_the_music_arrives_the_rest_after(
    tmp_path: Path,
) -> None:
    rip = rips.itunes(tmp_path / "Noein", "alac")
    guide = noein()
    library = find_library(guide, explicit=rip.folder)
    decode_from(library, guide, first=5)
    assert is_ready(rip.expected[6][0])
    for thread in threading.enumerate():
        if thread.name == "decode-ahead":
            thread.join(30)
    assert all(is_ready(path) for path, _ in rip.expected.values())
