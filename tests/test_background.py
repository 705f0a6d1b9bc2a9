"""Saving in a thread of its own (`settings.background`): the latest bytes of each file, written
atomically, and failures handed back at the next look."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ostguide.atomic import write_atomically
from ostguide.guide.model import TrackId
from ostguide.settings.background import Background
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State


def test_the_latest_bytes_are_written_once_the_writer_is_free(tmp_path: Path) -> None:
    writer = Background()
    target = tmp_path / "state.json"
    for n in range(50):
        writer.write(target, f"{n}".encode())
    writer.wait()
    assert target.read_bytes() == b"49"
    assert writer.problems() == []


def test_a_failed_write_is_told_once(tmp_path: Path) -> None:
    writer = Background()
    (tmp_path / "file").write_text("")
    writer.write(tmp_path / "file" / "under a file", b"x")
    writer.wait()
    problems = writer.problems()
    assert len(problems) == 1 and isinstance(problems[0], OSError)
    assert writer.problems() == []


def test_a_place_that_could_not_be_saved_is_said_and_saved_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory = SettingsMemory("sample", Config.load(), State.load()[0])
    failing = threading.Event()
    failing.set()

    def write(path: Path, data: bytes) -> None:
        if failing.is_set():
            raise PermissionError(13, "Permission denied")
        write_atomically(path, data)

    monkeypatch.setattr("ostguide.settings.background.write_atomically", write)
    assert memory.place(TrackId(1, 2), 5.0, later=True) == []
    memory.settle()
    failing.clear()
    said = memory.place(TrackId(1, 2), 5.0, later=True)  # the same place: written again
    assert len(said) == 1 and "could not remember your place" in said[0]
    memory.settle()
    point = State.load()[0].resume_point("sample")
    assert point is not None and (point.number, point.position) == (2, 5.0)


def test_a_place_saved_now_lands_after_the_one_handed_to_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory = SettingsMemory("sample", Config.load(), State.load()[0])
    slow = threading.Event()

    def write(path: Path, data: bytes) -> None:
        slow.wait(5)
        write_atomically(path, data)

    monkeypatch.setattr("ostguide.settings.background.write_atomically", write)
    memory.place(TrackId(1, 1), 5.0, later=True)
    threading.Timer(0.2, slow.set).start()
    assert memory.place(TrackId(1, 3), 9.0) == []  # quitting: waits for the one before
    point = State.load()[0].resume_point("sample")
    assert point is not None and (point.number, point.position) == (3, 9.0)
