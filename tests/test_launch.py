"""Getting a guide's music ready: the sentence shown when nothing plays, and what is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from audiogen import make_tone
from uikit import sample_guide

from ostguide import paths
from ostguide.launch import Library, find_library, remember_library
from ostguide.library.locate import Location, Source
from ostguide.library.match import Assignment, Match
from ostguide.library.scan import AudioFile
from ostguide.settings.config import Config
from ostguide.settings.memory import SettingsMemory
from ostguide.settings.state import State


@pytest.mark.parametrize(
    ("location", "sentence"),
    [
        (
            Location(None, Source.NOT_FOUND, "not found: looked in ~/Music; run with --music DIR"),
            "No audio found: looked in ~/Music; run with --music DIR.",
        ),
        (
            Location(None, Source.NOT_FOUND, "not found: --music /x is not a folder"),
            "No audio found: --music /x is not a folder.",
        ),
        (
            Location(Path("/m/Album"), Source.EXPLICIT, "from --music"),
            "No file in /m/Album matched this guide's tracks; 'ostguide match sample' shows why.",
        ),
    ],
)
def test_why_silent(location: Location, sentence: str) -> None:
    assert Library(location, None).why_silent(sample_guide()) == sentence


def _rip(folder: Path) -> Path:
    for number, track in enumerate(sample_guide().tracks, 1):
        make_tone(folder / f"{number:02d} {track.title}.ogg", 0.2, tags={"title": track.title})
    return folder


def test_a_folder_given_with_music_is_remembered_in_the_config(tmp_path: Path) -> None:
    guide = sample_guide()
    folder = _rip(tmp_path / "Sample")
    state, _ = State.load()
    config = Config.load()
    library = find_library(guide, explicit=folder)
    assert library.missing(guide) == ()
    assert not paths.config_file().exists()  # finding touches no settings (it runs in a thread)
    assert remember_library(library, SettingsMemory(guide.name, config, state)) == []
    assert Config.load().music_dir("sample") == folder
    assert SettingsMemory(guide.name, Config.load(), state).music == folder


def test_a_folder_found_by_searching_is_remembered_in_the_state() -> None:
    guide = sample_guide()
    folder = _rip(paths.music_dir() / "Sample Soundtrack")
    state, _ = State.load()
    library = find_library(guide)
    assert library.location.source is Source.FOUND
    assert len(library.files) == len(guide.tracks)
    assert remember_library(library, SettingsMemory(guide.name, Config.load(), state)) == []
    assert State.load()[0].found_music("sample") == folder
    assert not paths.config_file().exists()


def test_lengths_come_from_trusted_tags_only() -> None:
    guide = sample_guide()
    first, second = guide.tracks[0].id, guide.tracks[1].id

    def audio(name: str, length: float | None, estimated: bool) -> AudioFile:
        return AudioFile(Path(name), 1, 1, None, None, None, None, None, length, estimated, None)

    matches = (
        Match(first, audio("/m/a.ogg", 41.5, False), 1.0, "tag"),
        Match(second, audio("/m/b.mp3", 12.0, True), 1.0, "tag"),
    )
    location = Location(Path("/m"), Source.EXPLICIT, "from --music")
    library = Library(location, Assignment(matches, (), Path("/m")))
    assert library.lengths == {first: 41.5}
