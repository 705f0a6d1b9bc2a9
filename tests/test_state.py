"""What ostguide remembers: resume points, saved atomically, corrupt files set aside."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from ostguide import paths
from ostguide.settings.state import ResumePoint, State


def state_file() -> Path:
    return paths.state_dir() / "state.json"


def test_a_first_run_remembers_nothing_and_writes_nothing() -> None:
    state, warning = State.load()
    assert warning is None
    assert (state.last_guide, state.resume_point("noein"), state.found_music("noein")) == (
        None,
        None,
        None,
    )
    assert state.save() is False
    assert not paths.state_dir().exists()


def test_round_trip() -> None:
    state, _ = State.load()
    state.remember("noein", 1, 7, 83.5)
    state.remember_music("noein", Path("/music/Noein"))
    state.remember("haibane", 2, 3, 0)
    assert state.save() is True
    again, warning = State.load()
    assert warning is None
    assert again.last_guide == "haibane"
    assert again.resume_point("noein") == ResumePoint(1, 7, 83.5)
    assert again.resume_point("haibane") == ResumePoint(2, 3, 0.0)
    assert again.found_music("noein") == Path("/music/Noein")
    assert again.found_music("haibane") is None


def test_resume_points_are_per_guide_and_the_latest_wins() -> None:
    state, _ = State.load()
    state.remember("noein", 1, 1, 10.0)
    state.remember("gits", 1, 4, 20.0)
    state.remember("noein", 1, 2, 5.25)
    assert state.resume_point("noein") == ResumePoint(1, 2, 5.25)
    assert state.resume_point("gits") == ResumePoint(1, 4, 20.0)
    assert state.resume_point("never opened") is None


def test_opening_a_guide_makes_it_the_last_without_a_resume_point() -> None:
    state, _ = State.load()
    state.remember("noein", 1, 1, 10.0)
    state.opened("gits")
    state.save()
    again, _ = State.load()
    assert (again.last_guide, again.resume_point("gits")) == ("gits", None)


def test_a_guide_is_known_as_opened_before_once_it_was_opened() -> None:
    """For the notice shown only the first time a guide is opened."""
    state, _ = State.load()
    assert not state.opened_before("noein")
    state.opened("noein")
    assert state.opened_before("noein") and not state.opened_before("gits")
    state.save()
    again, _ = State.load()
    assert again.opened_before("noein") and not again.opened_before("gits")
    assert json.loads(state_file().read_text(encoding="utf-8"))["guides"] == {
        "noein": {"opened": True}
    }


def test_a_guide_listened_to_before_the_opened_flag_existed_was_opened_before() -> None:
    paths.state_dir().mkdir(parents=True)
    state_file().write_text(
        '{"version": 1, "last_guide": "noein", "guides": {"noein": '
        '{"disc": 1, "number": 3, "position": 12.0}, "gits": {"music": "/m"}}}'
    )
    state, warning = State.load()
    assert warning is None
    assert state.opened_before("noein") and not state.opened_before("gits")


def test_music_found_by_a_search_is_kept_apart_from_the_resume_point() -> None:
    state, _ = State.load()
    state.remember_music("noein", Path("/music/Noein"))
    assert state.resume_point("noein") is None
    state.remember("noein", 1, 3, 1.0)
    assert state.found_music("noein") == Path("/music/Noein")


def test_a_guide_kept_outside_the_guide_folder_is_remembered_by_name(tmp_path: Path) -> None:
    state, _ = State.load()
    state.keep_file("nothing", None)
    assert state.save() is False  # forgetting what was never known changes nothing
    state.remember("mine", 1, 2, 3.0)
    state.keep_file("mine", tmp_path / "mine.md")
    state.save()
    loaded, warning = State.load()
    assert warning is None
    assert loaded.guide_file("mine") == tmp_path / "mine.md"
    assert loaded.guide_files() == {"mine": tmp_path / "mine.md"}
    assert loaded.resume_point("mine") == ResumePoint(1, 2, 3.0)
    loaded.keep_file("mine", None)
    assert loaded.guide_files() == {}


def test_save_writes_only_when_something_changed() -> None:
    state, _ = State.load()
    state.remember("noein", 1, 7, 83.5)
    assert state.save() is True
    os.utime(state_file(), ns=(1_000_000_000, 1_000_000_000))
    state.remember("noein", 1, 7, 83.5)
    assert state.save() is False
    loaded, _ = State.load()
    assert loaded.save() is False
    assert state_file().stat().st_mtime_ns == 1_000_000_000
    state.remember("noein", 1, 7, 90.0)
    assert state.save() is True
    assert state_file().stat().st_mtime_ns != 1_000_000_000


def test_an_interrupted_save_leaves_the_old_file_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    state, _ = State.load()
    state.remember("noein", 1, 7, 83.5)
    state.save()
    before = state_file().read_bytes()

    def killed(source: object, target: object) -> None:
        raise KeyboardInterrupt  # as if the process died between writing and renaming

    state.remember("noein", 1, 8, 1.0)
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            state.save()
    assert state_file().read_bytes() == before
    assert os.listdir(paths.state_dir()) == ["state.json"]
    assert State.load()[0].resume_point("noein") == ResumePoint(1, 7, 83.5)
    assert state.save() is True  # the change was not lost: the next save writes it
    assert State.load()[0].resume_point("noein") == ResumePoint(1, 8, 1.0)


def test_a_save_is_flushed_to_disk_before_the_rename_and_the_folder_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(source: str, target: str) -> None:
        events.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    state, _ = State.load()
    state.remember("noein", 1, 1, 1.0)
    state.save()
    assert events == ["fsync", "replace", "fsync"]  # the data, the rename, the folder


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "last_guide": "noein", "guides": {"noein": {"disc": 1, "num',
        b"\xff\xfe garbage",
        b"[]",
        b'{"version": 99, "guides": {}}',
        b'{"version": 1, "last_guide": 3, "guides": {}}',
        b'{"version": 1, "guides": {"noein": {"disc": -1, "number": 1, "position": 1}}}',
        b'{"version": 1, "guides": {"noein": {"disc": 1, "number": 1, "position": "x"}}}',
        b'{"version": 1, "guides": {"noein": {"disc": 1, "number": 1, "position": NaN}}}',
        b'{"version": 1, "guides": {"noein": {"disc": 1, "number": 1}}}',
        b'{"version": 1, "guides": {"noein": {"music": 5}}}',
        b'{"version": 1, "guides": {"noein": {"opened": "yes"}}}',
        b'{"version": 1, "guides": {"noein": {"file": ["a"]}}}',
        b'{"version": 1, "guides": {"noein": {"file": "relative/mine.md"}}}',
        b'{"version": 1, "guides": {"noein": []}}',
        b"[" * 100_000,
        b'{"version": 1, "guides": {"noein": {"disc": 1, "number": ' + b"7" * 5000 + b"}}}",
    ],
    ids=lambda content: repr(content[:40]),
)
def test_a_corrupt_file_is_set_aside_with_a_warning(content: bytes) -> None:
    paths.state_dir().mkdir(parents=True)
    state_file().write_bytes(content)
    state, warning = State.load()
    assert (state.last_guide, state.resume_point("noein")) == (None, None)
    [aside] = paths.state_dir().glob("state.json.broken-*")
    assert aside.read_bytes() == content
    assert not state_file().exists()
    assert warning is not None
    assert str(state_file()) in warning
    assert str(aside) in warning
    state.remember("noein", 1, 1, 0.0)
    assert state.save() is True
    assert aside.read_bytes() == content


def test_files_set_aside_in_the_same_second_do_not_overwrite_each_other() -> None:
    paths.state_dir().mkdir(parents=True)
    for content in (b"first", b"second"):
        state_file().write_bytes(content)
        assert State.load()[1] is not None
    assert sorted(p.read_bytes() for p in paths.state_dir().glob("state.json.broken-*")) == [
        b"first",
        b"second",
    ]


def test_the_file_is_readable_json() -> None:
    state, _ = State.load()
    state.remember("ノエイン", 2, 5, 61.0)
    state.save()
    assert json.loads(state_file().read_text(encoding="utf-8")) == {
        "version": 1,
        "last_guide": "ノエイン",
        "guides": {"ノエイン": {"disc": 2, "number": 5, "position": 61.0}},
    }


def test_a_hidden_track_0_can_be_remembered() -> None:
    state, _ = State.load()
    state.remember("noein", 1, 0, 12.0)
    assert state.save()
    assert State.load()[0].resume_point("noein") == ResumePoint(1, 0, 12.0)


@pytest.mark.parametrize(
    ("disc", "number", "position"),
    [(-1, 1, 0.0), (1, -1, 0.0), (1, 1, -0.5), (1, 1, math.nan), (1, 1, math.inf)],
)
def test_remember_refuses_impossible_places(disc: int, number: int, position: float) -> None:
    state, _ = State.load()
    with pytest.raises(ValueError):
        state.remember("noein", disc, number, position)
    assert state.resume_point("noein") is None
    assert state.save() is False
