"""Aligning another copy with the author's description, and knowing tracks by their sound: the
time map as a table, then generated songs under the transforms listeners' copies have. Each
aligned case prints its errors, so `pytest -rA -k sync -s` gives the table
(`benchmarks/bench_align.py` measures more songs, longer)."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import songgen
import transforms

from ostguide.analysis.features import analyse
from ostguide.analysis.model import Analysis
from ostguide.analysis.timemap import Piece, TimeMap
from ostguide.guide.model import TrackId
from ostguide.listening.job import AnalysisJob, Heard, run_job
from ostguide.sync import cache as sync_cache
from ostguide.sync.align import align
from ostguide.sync.identify import identify
from ostguide.sync.sound import TrackSound, describe

SLOWER = TimeMap(1.02, (Piece(0.0, 1.5, True),), shift=-34.0)
CUT = TimeMap(1.0, (Piece(0.0, 0.0, True), Piece(60.0, -1.0, True)), unsure=((59.0, 61.0),))
INSERTED = TimeMap(1.0, (Piece(0.0, -3.0, True), Piece(90.0, -2.0, False)), unsure=((0.0, 3.0),))


@pytest.mark.parametrize(
    ("found", "author", "listener", "sure"),
    [
        (TimeMap.identity(), 12.5, 12.5, True),
        (SLOWER, 10.0, 11.7, True),
        (CUT, 30.0, 30.0, True),
        (CUT, 59.5, 59.5, False),
        (CUT, 70.0, 69.0, True),
        (INSERTED, 1.0, 0.0, False),
        (INSERTED, 50.0, 47.0, True),
        (INSERTED, 100.0, 98.0, False),
    ],
)
def test_where_an_authors_moment_is(
    found: TimeMap, author: float, listener: float, sure: bool
) -> None:
    moved, is_sure = found.where(author)
    assert moved == pytest.approx(listener) and is_sure is sure


@pytest.mark.parametrize(
    ("found", "listener", "author"),
    [
        (TimeMap.identity(), 12.5, 12.5),
        (SLOWER, 11.7, 10.0),
        (CUT, 69.0, 70.0),
        (INSERTED, 47.0, 50.0),
        (INSERTED, 87.5, 90.0),  # the inserted second is given the join
        (INSERTED, 98.0, 100.0),
    ],
)
def test_the_authors_moment_heard_at_a_listeners_time(
    found: TimeMap, listener: float, author: float
) -> None:
    assert found.back(listener) == pytest.approx(author)


@pytest.mark.parametrize(
    ("found", "said"),
    [
        (TimeMap.identity(), "+0.00 s, confident"),
        (SLOWER, "+1.50 s, 2.0 % slower, flat, confident"),
        (CUT, "+0.00 s, 1.0 s cut at 1:00, unsure in places"),
        (INSERTED, "−3.00 s, 1.0 s inserted at 1:30, unsure in places"),
    ],
)
def test_what_was_found_in_a_few_words(found: TimeMap, said: str) -> None:
    assert found.summary() == said


SECONDS = 60.0


@cache
def _original() -> tuple[songgen.Song, TrackSound]:
    return songgen.song(7, SECONDS), describe(_analysed("same file"))


_ANALYSES: dict[str, Analysis] = {}


def _analysed(name: str) -> Analysis:
    """The analysis of the song's copy made by a transform (written to a scratch file once)."""
    if name not in _ANALYSES:
        song = songgen.song(7, SECONDS)
        copy = transforms.TRANSFORMS[name](song.samples, songgen.RATE)
        with tempfile.TemporaryDirectory() as scratch:
            path = transforms.write(copy, songgen.RATE, Path(scratch) / "copy")
            _ANALYSES[name] = analyse(path)
    return _ANALYSES[name]


IN_ALL_AT_ONCE = ("EQ and clipping", "2 % faster, same pitch")
"""Transforms the suite meets only within "all at once" (with "2 % slower, same pitch" for the
stretch): together 8 s of the suite. benchmarks/bench_align.py measures each on its own."""


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in transforms.TRANSFORMS if n not in IN_ALL_AT_ONCE])
def test_stamps_move_to_the_listeners_copy(name: str) -> None:
    """Median error ≤ 20 ms; a stamp more than 250 ms off (or cut) is marked unsure."""
    song, sound = _original()
    copy = transforms.TRANSFORMS[name](song.samples, songgen.RATE)
    found = align(sound, _analysed(name))
    errors = []
    for stamp in np.arange(0.5, song.seconds - 0.5, 2.3):
        truth = copy.where(float(stamp))
        moved, sure = found.map.where(float(stamp))
        if truth is None:
            assert not sure, f"{stamp:.1f} s was cut, yet sure"
            continue
        errors.append(abs(moved - truth))
        assert not sure or abs(moved - truth) <= 0.25, f"{stamp:.1f} s: {moved:.3f} ≠ {truth:.3f}"
    print(f"{name}: median {np.median(errors) * 1000:.1f} ms; {found.map.summary()}")
    assert np.median(errors) <= 0.02
    assert found.cost < 0.1


@pytest.mark.slow
def test_files_are_known_by_their_sound_and_another_albums_rejected(tmp_path: Path) -> None:
    sounds, files = {}, {}
    for k, name in enumerate(["2 % faster, sharp", "MP3 128k", "1 s cut"]):
        song = songgen.song(30 + k, 40)
        same = transforms.TRANSFORMS["same file"](song.samples, songgen.RATE)
        sounds[TrackId(1, k + 1)] = describe(
            analyse(transforms.write(same, songgen.RATE, tmp_path / f"a{k}"))
        )
        copy = transforms.TRANSFORMS[name](song.samples, songgen.RATE)
        files[f"untagged {k}"] = analyse(transforms.write(copy, songgen.RATE, tmp_path / f"b{k}"))
    stranger = songgen.song(99, 40)
    same = transforms.TRANSFORMS["same file"](stranger.samples, songgen.RATE)
    files["another album"] = analyse(transforms.write(same, songgen.RATE, tmp_path / "c"))
    found = identify(sounds, dict(reversed(files.items())))
    assert {name: known.track.number for name, known in found.items()} == {
        "untagged 0": 1,
        "untagged 1": 2,
        "untagged 2": 3,
    }


def test_an_alignment_is_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audio = tmp_path / "track.flac"
    audio.write_bytes(b"x")
    sound = TrackSound(1.0, 0.1, 0.0, bytes(120), (0.5,))
    analysis = Analysis(1.0, 0.1, (-20.0,) * 10, (0.0,) * 10, (0.5,), (3.0,), bytes(120))
    first = sync_cache.aligned(audio, sound, analysis)
    monkeypatch.setattr("ostguide.sync.align.align", lambda *args: pytest.fail("aligned again"))
    assert sync_cache.aligned(audio, sound, analysis) == first
    (entry,) = sync_cache.cache_folder().iterdir()
    entry.write_text(entry.read_text().replace('"speed":', '"speed":"NaN","was":'))
    with pytest.raises(pytest.fail.Exception, match="aligned again"):
        sync_cache.aligned(audio, sound, analysis)


@pytest.mark.parametrize("frames", [0, 1, 9])
def test_too_little_music_is_no_copy(frames: int) -> None:
    sound = TrackSound(frames / 10, 0.1, 0.0, bytes(12 * frames), ())
    analysis = Analysis(1.0, 0.1, (-20.0,) * 10, (0.0,) * 10, (), (), bytes(range(120)))
    found = align(sound, analysis)
    assert not found.same and found.map == TimeMap.identity()


def test_a_fault_in_aligning_loses_only_the_alignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    audio = tmp_path / "01.flac"
    audio.write_bytes(b"x")
    analysis = Analysis(1.0, 0.1, (-20.0,) * 10, (0.0,) * 10, (), (), bytes(120))

    def broken(*args: object) -> None:
        raise FloatingPointError("overflow")

    monkeypatch.setattr("ostguide.sync.align.align", broken)
    job = AnalysisJob(TrackId(1, 1), audio, None, sound=TrackSound(1.0, 0.1, 0.0, bytes(120), ()))
    heard = run_job(job, lambda path: analysis)
    assert isinstance(heard, Heard) and heard.analysis is analysis and heard.timing is None
    assert heard.said == "could not be aligned with the author's copy"
    assert "FloatingPointError" in caplog.text


@pytest.mark.slow
def test_a_short_track_with_a_cut_keeps_its_speed(tmp_path: Path) -> None:
    """17 s with a second cut at 60 %: most spans of the path cross the cut (a median of their
    slopes said 12 % faster), and the zigzags of the path are the copies running together."""
    song = songgen.song(61, 16.0)
    same = transforms.TRANSFORMS["same file"](song.samples, songgen.RATE)
    sound = describe(analyse(transforms.write(same, songgen.RATE, tmp_path / "mine")))
    copy = transforms.TRANSFORMS["all at once"](song.samples, songgen.RATE)
    found = align(sound, analyse(transforms.write(copy, songgen.RATE, tmp_path / "theirs")))
    assert found.same and found.map.speed == pytest.approx(1 / 1.02, abs=0.005)
    assert len(found.map.pieces) == 2
