"""What `--follow PLAYER` (or `follow = "…"` in config.toml) names, and the follower for it:

- `mpv:SOCKET`: mpv started with `--input-ipc-server=SOCKET`;
- `mpd`, `mpd:HOST`, `mpd:HOST:PORT`: MPD (`MPD_HOST`, which may be `password@host`, and
  `MPD_PORT` fill in what is not given; a HOST starting with / is a Unix socket);
- `mpris`, `mpris:NAME`: an MPRIS player on the session bus (without NAME, the one playing).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ostguide.player.clock import Clock

from .follower import Follower

MPD_PORT = 6600
FORMS = "mpv:SOCKET, mpd[:HOST[:PORT]] or mpris[:NAME]"


class FollowSpecError(ValueError):
    """A `--follow` value that names no player; the text says what to write."""


@dataclass(frozen=True, slots=True)
class FollowSpec:
    """A player to follow."""

    kind: str
    """"mpv", "mpd" or "mpris"."""
    target: str = ""
    """The mpv socket, the MPD host, or the MPRIS name ("" for the one playing)."""
    port: int = MPD_PORT
    password: str | None = None

    def follower(self, clock: Clock) -> Follower:
        """A follower for this player (it connects when run)."""
        if self.kind == "mpv":
            from .mpv import MpvFollower

            return MpvFollower(clock, Path(self.target))
        if self.kind == "mpd":
            from .mpd import MpdFollower

            return MpdFollower(clock, self.target, self.port, self.password)
        from .mpris import MprisFollower

        return MprisFollower(clock, self.target or None)


def parse_follow(text: str, environ: Mapping[str, str]) -> FollowSpec:
    """The player `text` names; `FollowSpecError` says what is wrong with it."""
    kind, _, rest = text.strip().partition(":")
    if kind == "mpv":
        if not rest:
            raise FollowSpecError(
                "mpv needs its IPC socket: --follow mpv:SOCKET, with mpv started as "
                "mpv --input-ipc-server=SOCKET"
            )
        return FollowSpec("mpv", str(Path(rest).expanduser()))
    if kind == "mpd":
        return _mpd(rest, environ)
    if kind == "mpris":
        return FollowSpec("mpris", rest)
    raise FollowSpecError(f"cannot follow '{text}': write {FORMS}")


def follow_spec(given: str | None, configured: str | None, config_path: Path) -> FollowSpec | None:
    """The player to follow: `--follow` if given, else the config's; the error names where."""
    if given:
        try:
            return parse_follow(given, os.environ)
        except FollowSpecError as error:
            raise FollowSpecError(f"--follow {given}: {error}") from None
    if configured:
        try:
            return parse_follow(configured, os.environ)
        except FollowSpecError as error:
            raise FollowSpecError(f'follow = "{configured}" in {config_path}: {error}') from None
    return None


def _mpd(rest: str, environ: Mapping[str, str]) -> FollowSpec:
    """MPD's host and port from the spec, else MPD_HOST and MPD_PORT, else localhost:6600."""
    host_text, _, port_text = rest.partition(":") if not rest.startswith("/") else (rest, "", "")
    env_host = environ.get("MPD_HOST", "")
    password, _, env_host = env_host.rpartition("@") if "@" in env_host[1:] else ("", "", env_host)
    host = host_text or env_host or "localhost"
    port_text = port_text or environ.get("MPD_PORT", "")
    try:
        port = int(port_text) if port_text else MPD_PORT
    except ValueError:
        raise FollowSpecError(f"MPD's port must be a number, not '{port_text}'") from None
    if not 0 < port < 65536:
        raise FollowSpecError(f"MPD's port must be from 1 to 65535, not {port}")
    return FollowSpec("mpd", host, port, password or None)
