"""Scanning real (generated) audio files, through the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import mutagen
import pytest
import rips
from audiogen import make_tone
from mutagen.id3 import ID3, TIT2

from ostguide import paths
from ostguide.library.locate import album_folders
from ostguide.library.scan import (
    CACHE_VERSION,
    AudioFile,
    ScanCache,
    audio_paths,
    read_audio_file,
    scan,
)

TAGS = {
    "title": "La’cryma, Chika Sekai",
    "album": "Noein",
    "artist": "Nanase Hikaru",
    "tracknumber": "4/23",
    "discnumber": "1/1",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One tagged file per format, a nested folder, a broken file and some files to ignore."""
    music = tmp_path / "Noein"
    for suffix in (".mp3", ".ogg", ".flac", ".opus", ".wav"):
        make_tone(music / f"04 tone{suffix}", 0.2, tags=TAGS)
    make_tone(music / "CD2" / "01 untagged.OGG", 0.2)
    (music / "broken.flac").write_bytes(b"fLaC" + bytes(range(7, 107)))  # not a FLAC stream
    (music / "cover.jpg").write_bytes(b"\xff\xd8")
    (music / ".hidden.mp3").write_bytes(b"")
    return music


def by_name(files: list[AudioFile]) -> dict[str, AudioFile]:
    return {f.path.name: f for f in files}


@pytest.mark.parametrize("suffix", [".mp3", ".ogg", ".flac", ".opus", ".wav"])
def test_tags_and_length_are_read_in_every_format(folder: Path, suffix: str) -> None:
    found = by_name(scan(folder, cache=ScanCache()))[f"04 tone{suffix}"]
    assert found.problem is None
    assert (found.title, found.album, found.track, found.disc) == (TAGS["title"], "Noein", 4, 1)
    assert found.artist == (None if suffix == ".wav" else "Nanase Hikaru")
    assert found.length == pytest.approx(0.2, abs=0.06)
    assert found.path.is_absolute()
    assert found.size == found.path.stat().st_size


def test_the_walk_is_recursive_sorted_and_skips_what_is_not_audio(folder: Path) -> None:
    names = [f.path.relative_to(folder).as_posix() for f in scan(folder, cache=ScanCache())]
    assert names == [
        "04 tone.flac",
        "04 tone.mp3",
        "04 tone.ogg",
        "04 tone.opus",
        "04 tone.wav",
        "CD2/01 untagged.OGG",
        "broken.flac",
    ]


def test_a_broken_file_is_listed_with_its_problem(folder: Path) -> None:
    files = by_name(scan(folder, cache=ScanCache()))
    broken = files["broken.flac"]
    assert broken.problem is not None and broken.problem.startswith("unreadable")
    assert (broken.title, broken.track, broken.length) == (None, None, None)
    untagged = files["01 untagged.OGG"]
    assert untagged.problem is None and untagged.title is None and untagged.length


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.mp3", b"", "unreadable"),
        ("empty.ogg", b"", "not a recognised audio file"),
        ("text.ogg", b"not audio at all" * 10, "not a recognised audio file"),
        ("noise.mp3", bytes(range(256)) * 8, "unreadable"),
        ("cut.wav", b"RIFF\x10\x00\x00\x00WAVE", "unreadable"),
    ],
)
def test_read_audio_file_never_raises(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    found = read_audio_file(path, len(content), 0)
    assert found.problem is not None and found.problem.startswith(problem)


def test_a_missing_file_is_a_problem_not_an_error(tmp_path: Path) -> None:
    found = read_audio_file(tmp_path / "gone.mp3", 0, 0)
    assert found.problem is not None


def test_the_second_scan_opens_no_audio_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = scan(folder, cache=ScanCache())
    cache_file = paths.cache_dir() / "scan.json"
    assert cache_file.is_file()

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("mutagen was called on a cached file")

    monkeypatch.setattr(mutagen, "File", refuse)
    cache = ScanCache()
    seen: list[tuple[int, int]] = []
    second = scan(folder, cache=cache, progress=lambda done, total: seen.append((done, total)))
    assert second == first
    assert cache.opened == 0
    assert seen[0] == (0, 7) and seen[-1] == (7, 7) and len(seen) == 8


def test_a_changed_file_is_read_again_and_a_deleted_one_forgotten(folder: Path) -> None:
    scan(folder, cache=ScanCache())
    retagged = folder / "04 tone.ogg"
    audio = mutagen.File(retagged, easy=True)
    audio["title"] = "Omoi"
    audio.save()
    os.utime(retagged, ns=(1, 1))  # the size may stay the same: the time alone must be enough
    (folder / "04 tone.mp3").unlink()
    cache = ScanCache()
    files = by_name(scan(folder, cache=cache))
    assert cache.opened == 1
    assert files["04 tone.ogg"].title == "Omoi"
    stored = json.loads((paths.cache_dir() / "scan.json").read_text(encoding="utf-8"))
    assert not any(key.endswith("04 tone.mp3") for key in stored["files"])


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 0, "files": {}}',
        '{"version": 2, "files": []}',
        '{"version": 1, "files": {}}',
        "\udcff",
        "[" * 100_000,
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(folder: Path, content: str) -> None:
    cache_file = paths.cache_dir() / "scan.json"
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(content.encode("utf-8", "surrogateescape"))
    cache = ScanCache()
    files = scan(folder, cache=cache)
    assert cache.opened == len(files) == 7
    assert json.loads(cache_file.read_text(encoding="utf-8"))["version"] == CACHE_VERSION
    again = ScanCache()
    assert scan(folder, cache=again) == files and again.opened == 0


def test_a_corrupt_entry_is_read_again(folder: Path) -> None:
    scan(folder, cache=ScanCache())
    cache_file = paths.cache_dir() / "scan.json"
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    key = str(folder.absolute() / "04 tone.flac")
    stored["files"][key][2] = 12  # a title that is not text
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    cache = ScanCache()
    files = by_name(scan(folder, cache=cache))
    assert cache.opened == 1
    assert files["04 tone.flac"].title == TAGS["title"]


def test_the_cache_is_written_atomically(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan(folder, cache=ScanCache())
    cache_file = paths.cache_dir() / "scan.json"
    before = cache_file.read_bytes()
    (folder / "broken.flac").unlink()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    scan(folder, cache=ScanCache())  # the failure is logged, not raised
    assert cache_file.read_bytes() == before
    assert [p.name for p in cache_file.parent.iterdir()] == ["scan.json"]


def test_scanning_something_that_is_not_a_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        scan(tmp_path / "nowhere", cache=ScanCache())


def test_a_fifo_named_like_audio_is_skipped_not_read(tmp_path: Path) -> None:
    make_tone(tmp_path / "01 One.ogg", 0.2, tags={"title": "One"})
    os.mkfifo(tmp_path / "02 Two.mp3")  # opening it for reading would block forever
    files = scan(tmp_path, cache=ScanCache())
    assert [f.path.name for f in files] == ["01 One.ogg"]
    assert list(album_folders(tmp_path)) == [tmp_path]
    assert [p.name for p, _, _ in album_folders(tmp_path)[tmp_path]] == ["01 One.ogg"]


@pytest.mark.parametrize(
    ("tag", "number"),
    [("3", 3), ("03/23", 3), ("²", None), ("٣", None), ("x", None), ("9" * 5000, None)],
    ids=["3", "03/23", "superscript", "arabic-indic", "x", "5,000 digits"],
)
def test_track_numbers_only_from_ascii_digits(tmp_path: Path, tag: str, number: int | None) -> None:
    path = make_tone(tmp_path / "a.flac", 0.2, tags={"title": "A", "tracknumber": tag})
    assert read_audio_file(path, path.stat().st_size, path.stat().st_mtime_ns).track == number


@pytest.mark.slow
def test_a_folder_nested_thousands_of_levels_deep_is_walked_without_recursion(
    tmp_path: Path,
) -> None:
    folder = os.open(tmp_path, os.O_RDONLY)
    for _ in range(1200):  # os.makedirs and Path.mkdir(parents=True) recurse themselves
        os.mkdir("d", dir_fd=folder)
        inner = os.open("d", os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(os.open("01 deep.ogg", os.O_CREAT | os.O_WRONLY, dir_fd=folder))
    os.close(folder)
    deep = tmp_path / "/".join(["d"] * 1200)
    assert [path for path, _, _ in audio_paths(tmp_path)] == [deep / "01 deep.ogg"]
    (deep / "01 deep.ogg").unlink()
    for depth in range(1200, 0, -1):  # pytest's clean-up would recurse as deep
        os.rmdir(tmp_path / "/".join(["d"] * depth))


def test_links_to_folders_are_followed_once_each(tmp_path: Path) -> None:
    music = tmp_path / "music"
    (music / "Album").mkdir(parents=True)
    (music / "Album" / "01 a.ogg").write_bytes(b"")
    external = tmp_path / "external" / "Other"
    external.mkdir(parents=True)
    (external / "01 b.ogg").write_bytes(b"")
    (music / "Linked").symlink_to(external)
    (music / "Album" / "up").symlink_to(music)  # a loop back to the top
    (music / "Again").symlink_to(music / "Album")  # the same folder by a second name
    (music / "dangling").symlink_to(tmp_path / "gone")
    found = [path.relative_to(music).as_posix() for path, _, _ in audio_paths(music)]
    assert found in (["Album/01 a.ogg", "Linked/01 b.ogg"], ["Again/01 a.ogg", "Linked/01 b.ogg"])


def test_a_cache_that_cannot_be_written_is_reported_once(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("")
    cache = ScanCache(blocked / "scan.json")
    scan(folder, cache=cache)  # a search and then the scan both save through one cache
    scan(folder / "CD2", cache=cache)
    cache.save()
    writes = [r.getMessage() for r in caplog.records if r.getMessage().startswith("could not")]
    assert len(writes) == 1
    assert writes[0].startswith(f"could not write scan cache {blocked / 'scan.json'}: ")


@pytest.mark.parametrize(("codec", "lossless"), [("aac", False), ("alac", True)])
def test_an_itunes_file_is_scanned_with_its_tags(
    tmp_path: Path, codec: str, lossless: bool
) -> None:
    tags = {"title": "Omoi", "album": "Noein", "tracknumber": "18/23", "discnumber": "1/1"}
    make_tone(tmp_path / "18 Omoi.m4a", 0.5, codec=codec, tags=tags)
    (found,) = scan(tmp_path, cache=ScanCache())
    assert (found.title, found.album, found.track, found.total, found.disc) == (
        "Omoi",
        "Noein",
        18,
        23,
        1,
    )
    assert found.lossless is lossless
    assert found.length == pytest.approx(0.5, abs=0.05)


def test_the_track_total_comes_from_n_of_n_or_a_total_tag(tmp_path: Path) -> None:
    make_tone(tmp_path / "a.flac", 0.1, tags={"tracknumber": "3", "tracktotal": "20"})
    make_tone(tmp_path / "b.mp3", 0.1, tags={"tracknumber": "4/21"})
    make_tone(tmp_path / "c.ogg", 0.1, tags={"tracknumber": "5"})
    totals = [f.total for f in scan(tmp_path, cache=ScanCache())]
    assert totals == [20, 21, None]


def test_latin_1_tags_holding_shift_jis_are_repaired_and_cached(tmp_path: Path) -> None:
    path = make_tone(tmp_path / "03.mp3", 0.1)
    tags = ID3()
    tags.add(TIT2(encoding=0, text=["廃墟の地上".encode("cp932").decode("latin-1")]))
    tags.save(path, v2_version=3)
    assert scan(tmp_path, cache=ScanCache())[0].title == "廃墟の地上"
    again = ScanCache()
    assert scan(tmp_path, cache=again)[0].title == "廃墟の地上" and again.opened == 0


@pytest.mark.parametrize("kind", ["block", "tag"])
def test_a_flac_embedded_cuesheet_is_kept_as_sheet_text(tmp_path: Path, kind: str) -> None:
    rips.embedded(tmp_path, kind)
    (image,) = scan(tmp_path, cache=ScanCache())
    assert image.cuesheet is not None
    assert "TRACK 23 AUDIO" in image.cuesheet and "TRACK 170" not in image.cuesheet
    assert "INDEX 01 00:22:00" in image.cuesheet


def test_a_wavpack_file_is_scanned_with_its_ape_tags(tmp_path: Path) -> None:
    tags = {"title": "Omoi", "album": "Noein", "tracknumber": "18/23"}
    make_tone(tmp_path / "18 Omoi.wv", 0.5, tags=tags)
    (found,) = scan(tmp_path, cache=ScanCache())
    assert (found.title, found.album, found.track, found.total, found.lossless) == (
        "Omoi",
        "Noein",
        18,
        23,
        True,
    )
