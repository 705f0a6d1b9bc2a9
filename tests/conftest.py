"""Fixtures that take chance out of every test: settings, state, caches and guides in a temporary
home, no sound card, no pygame banner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

if TYPE_CHECKING:
    from ptyrun import Terminal

    from ostguide.player.mixer import MixerPlayer


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every platformdirs folder at a fresh temporary home."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_MUSIC_DIR", "Music"),
    ]:
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    yield home


@pytest.fixture(scope="module")
def player() -> Iterator[MixerPlayer]:
    """The real mixer player on SDL's dummy driver, for one test module."""
    import pygame

    from ostguide.player.mixer import open_mixer

    player = open_mixer()
    yield player
    player.stop()
    pygame.mixer.quit()


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Terminals opened by a test, closed (their process killed if need be) after it."""
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


@pytest.fixture(scope="session")
def whole_albums(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every whole-album case the session selected, played once through the real app: the truth
    test's (a `case` parameter, tests/test_truth.py) and its copies' (a `copy` parameter,
    tests/test_truth_copies.py), the truth test's three at a time, then the copies two at a time
    (`truthkit.run_prepared`): the case's name → the folder it played in."""
    from copykit import prepare as prepare_copy
    from truthkit import Case, run_prepared
    from truthkit import prepare as prepare_case

    root = tmp_path_factory.mktemp("albums")
    copies: dict[str, tuple[Path, dict[str, Any]]] = {}
    cases: dict[str, tuple[Path, dict[str, Any]]] = {}
    for item in request.session.items:
        if not isinstance(item, pytest.Function) or "whole_albums" not in item.fixturenames:
            continue
        copy, case = item.callspec.params.get("copy"), item.callspec.params.get("case")
        if isinstance(copy, str) and copy not in copies:
            folder = root / f"copy {copy}"
            folder.mkdir()
            copies[copy] = (folder, prepare_copy(copy, folder))
        elif isinstance(case, Case) and case.name not in cases:
            folder = root / case.name
            cases[case.name] = (folder, prepare_case(case, folder))
    run_prepared(list(cases.values()))
    run_prepared(list(copies.values()), parallel=2)  # alone: their apps align while they play
    return {name: folder for name, (folder, _) in (cases | copies).items()}
