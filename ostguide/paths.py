"""Where ostguide keeps things, following the platform's conventions (platformdirs).

Each function reads the environment when called, so tests can point them at a temporary folder
through the XDG variables.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "ostguide"


def config_dir() -> Path:
    """Folder of `config.toml`, which the user may edit."""
    return Path(platformdirs.user_config_dir(APP))


def config_file() -> Path:
    """The user's settings file."""
    return config_dir() / "config.toml"


def state_dir() -> Path:
    """Folder of what ostguide remembers between runs (positions) and its log."""
    return Path(platformdirs.user_state_dir(APP))


def cache_dir() -> Path:
    """Folder of caches that can be deleted at any time (audio scans)."""
    return Path(platformdirs.user_cache_dir(APP))


def locks_dir() -> Path:
    """Folder of the lock files by which ostguide's instances take turns with a guide: the
    session's runtime folder where there is one, else the cache. Never beside the guide: that
    folder is the author's (often a repository), and a bundled guide's may not be writable."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return Path(platformdirs.user_runtime_dir(APP)) / "locks"
    return cache_dir() / "locks"


def user_guides_dir() -> Path:
    """Folder where the user's own guides live; a guide here wins over a bundled one."""
    return Path(platformdirs.user_data_dir(APP)) / "guides"


def music_dir() -> Path:
    """The user's music folder, searched when no folder was given for a guide."""
    return Path(platformdirs.user_music_dir())


def log_file() -> Path:
    """Where messages from the audio libraries go instead of the terminal."""
    return state_dir() / "audio.log"
