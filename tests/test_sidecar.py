"""The sidecar `NAME.sync`: written and read back exactly, and every bad one ignored with a
message naming it, never a traceback."""

from __future__ import annotations

import base64
import json
import os
import zlib
from pathlib import Path
from typing import Any

import pytest

from ostguide import paths
from ostguide.catalog import bundled_dir
from ostguide.guide.model import TrackId
from ostguide.sync.sidecar import (
    MAX_BYTES,
    SyncedTrack,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)
from ostguide.sync.sound import TrackSound

SOUND = TrackSound(
    duration=2.0,
    step=0.1,
    tuning=-12.5,
    chroma=bytes([0, 1, 2, 3] * 3 * 20),
    onsets=(0.005, 0.5, 0.75, 1.995),
)
TRACKS = {
    TrackId(1, 1): SyncedTrack("01 Shangri-La.flac", SOUND),
    TrackId(2, 3): SyncedTrack("CD2/03 シャングリラ.mp3", SOUND),
}


def written(tmp_path: Path) -> Path:
    path = tmp_path / "noein.sync"
    write_sidecar(path, TRACKS)
    return path


def test_a_sidecar_lives_beside_its_guide() -> None:
    assert sidecar_path(Path("/g/noein.md")) == Path("/g/noein.sync")


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    tracks, problems = read_sidecar(written(tmp_path))
    assert problems == [] and tracks == TRACKS


def test_no_sidecar_is_no_problem(tmp_path: Path) -> None:
    assert read_sidecar(tmp_path / "none.sync") == ({}, [])


def test_long_gaps_between_onsets_survive(tmp_path: Path) -> None:
    sound = TrackSound(600.0, 0.1, 0.0, bytes(12 * 6000), (0.0, 1.0, 599.995))
    path = tmp_path / "long.sync"
    write_sidecar(path, {TrackId(1, 1): SyncedTrack("a.flac", sound)})
    assert read_sidecar(path)[0][TrackId(1, 1)].sound == sound


def _document(tmp_path: Path) -> dict[str, Any]:
    return dict(json.loads(written(tmp_path).read_text(encoding="utf-8")))


def _deflated(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data)).decode()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"format": "something else"}, "not a sidecar"),
        ({"version": 2}, "version 2 is not 1"),
        ({"tracks": {}}, '"tracks" is not a list'),
        ({"tracks": [{}] * 1000}, "more than 999 tracks"),
    ],
    ids=["format", "version", "tracks not a list", "too many tracks"],
)
def test_a_sidecar_of_another_kind_is_ignored(
    change: dict[str, Any], said: str, tmp_path: Path
) -> None:
    path = tmp_path / "noein.sync"
    path.write_text(json.dumps({**_document(tmp_path), **change}), encoding="utf-8")
    tracks, problems = read_sidecar(path)
    assert tracks == {} and len(problems) == 1
    assert str(path) in problems[0] and said in problems[0]


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("track", "A", "not a track number"),
        ("track", "1-2-3", "not a track number"),
        ("track", 1, "not a track number"),
        ("file", "a\x1b[31m.flac", "control characters"),
        ("file", None, "not a file name"),
        ("seconds", -1, "between"),
        ("seconds", 1e400, "not a number"),
        ("seconds", True, "not a number"),
        ("step", 0, "between"),
        ("tuning", 51, "between"),
        ("chroma", "!!", "not base64"),
        ("chroma", _deflated(bytes(3 * 5)), "chroma frames"),
        ("chroma", _deflated(bytes(1_000_000)), "longer than its track"),
        ("chroma", _deflated(bytes(3 * 20))[:-8], "cut short"),
        ("onsets", _deflated(b"\x80\x80\x80\x80\x80\x01"), "too large"),
        ("onsets", _deflated(b"\x80"), "cut short"),
        ("onsets", _deflated(bytes([0xFF, 0x07])), "past the end"),
    ],
)
def test_a_bad_track_entry_is_ignored_and_the_rest_kept(
    key: str, value: Any, said: str, tmp_path: Path
) -> None:
    document = _document(tmp_path)
    document["tracks"][0][key] = value
    path = tmp_path / "noein.sync"
    path.write_text(json.dumps(document), encoding="utf-8")
    tracks, problems = read_sidecar(path)
    assert list(tracks) == [TrackId(2, 3)]
    assert len(problems) == 1 and said in problems[0] and "track entry 1" in problems[0]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe", b"{", b"[" * 100_000, b"null"],
    ids=["not UTF-8", "not JSON", "nested too deep", "not an object"],
)
def test_a_sidecar_that_is_not_json_is_ignored(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "noein.sync"
    path.write_bytes(content)
    tracks, problems = read_sidecar(path)
    assert tracks == {} and len(problems) == 1 and str(path) in problems[0]


def test_a_sidecar_too_large_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "noein.sync"
    path.write_bytes(b" " * (MAX_BYTES + 1))
    assert "too large" in read_sidecar(path)[1][0]


def test_a_folder_or_a_fifo_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "folder.sync"
    folder.mkdir()
    assert read_sidecar(folder)[0] == {} and len(read_sidecar(folder)[1]) == 1
    fifo = tmp_path / "fifo.sync"
    os.mkfifo(fifo)
    assert "not a regular file" in read_sidecar(fifo)[1][0]


def test_a_sidecar_is_readable_by_others_like_the_guide_it_goes_with(tmp_path: Path) -> None:
    assert written(tmp_path).stat().st_mode & 0o777 == 0o644


def test_a_bundled_guides_sidecar_lives_in_the_users_guide_folder() -> None:
    assert sidecar_path(bundled_dir() / "noein.md") == paths.user_guides_dir() / "noein.sync"
