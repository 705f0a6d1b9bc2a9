"""Fixtures that take chance out of every test: settings, state, caches and guides in a temporary
home, no sound card, no pygame banner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

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
