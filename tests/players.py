"""Real players for the follow tests: mpv with a null audio output and an IPC socket, MPD on a
loopback port with a null output, a private D-Bus session bus. Nothing here is a mock: each
helper starts the real program in a temporary folder and stops it afterwards."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from audiogen import make_tone
from uikit import make_controller

from ostguide.follow.follower import Follower
from ostguide.follow.player import FollowPlayer
from ostguide.follow.tracks import TrackFinder
from ostguide.listening.controller import Listening
from ostguide.listening.news import Following

ALBUM = "Sample Soundtrack"
TRACKS = (("Opening", 40.0), ("Interlude", 30.0), ("Finale", 50.0))
"""The first three tracks of tests/guides/sample.md, with the lengths the guide gives."""


def need(program: str) -> str:
    """The program's path, or skip the test saying which program is missing."""
    found = shutil.which(program)
    if found is None:
        pytest.skip(f"{program} is not installed (.ci/run installs it with apt-get)")
    return found


def make_album(folder: Path, suffix: str = ".flac") -> list[Path]:
    """Tagged tones for the sample guide's first three tracks: `01 Opening.flac`, …"""
    return [
        make_tone(
            folder / f"{number:02d} {title}{suffix}",
            seconds,
            freq=220.0 * number,
            tags={"title": title, "album": ALBUM, "tracknumber": f"{number}/4"},
        )
        for number, (title, seconds) in enumerate(TRACKS, start=1)
    ]


def near(follower: Follower, seconds: float, within: float = 0.3) -> bool:
    """Whether the follower's position is within `within` seconds of `seconds`."""
    return abs(follower.position - seconds) < within


def titled(title: str) -> Callable[[Follower], bool]:
    """Whether the follower knows the player plays a track of this title."""

    def check(follower: Follower) -> bool:
        reading = follower.reading
        return bool(reading and reading.playing and reading.playing.title == title)

    return check


def is_paused(follower: Follower) -> bool:
    """Whether the follower knows the player is paused."""
    return bool(follower.reading and follower.reading.paused)


def is_playing(follower: Follower) -> bool:
    """Whether the follower knows the player is playing."""
    return bool(follower.reading and not follower.reading.paused)


async def holds_still_once_paused(follower: Follower) -> None:
    """Wait until the follower knows the player paused, then check that no time passes."""
    await follower.wait_for(is_paused, 2)
    held = follower.position
    await asyncio.sleep(0.3)
    assert follower.position == pytest.approx(held, abs=0.05)


async def step_through_the_queue(
    follower: Follower, on: Callable[[str], Callable[[Follower], bool]]
) -> None:
    """Drive a player's queue on the sample album: entry 2 (the finale), previous (the
    interlude), next (the finale again); `on(title)` says when the follower sees that track."""
    await follower.play_entry(2)
    await follower.wait_for(on("Finale"), 2)
    await follower.previous()
    await follower.wait_for(on("Interlude"), 2)
    await follower.next()
    await follower.wait_for(on("Finale"), 2)


def wait_until(condition: Callable[[], object], timeout: float = 5.0, what: str = "") -> None:
    """Poll `condition` until it is true; fail the test saying `what` did not happen."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what or condition}")
        time.sleep(0.02)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a program started here, by its process id."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Mpv:
    """A running mpv and its IPC socket."""

    process: subprocess.Popen[bytes]
    socket: Path

    def answer(self, *command: object) -> dict[str, Any]:
        """Send one IPC command and return mpv's whole answer."""
        with socket.socket(socket.AF_UNIX) as client:
            client.settimeout(5)
            client.connect(str(self.socket))
            client.sendall(json.dumps({"command": list(command), "request_id": 1}).encode() + b"\n")
            buffer = b""
            while True:
                buffer += client.recv(65536)
                for line in buffer.split(b"\n")[:-1]:
                    answer: dict[str, Any] = json.loads(line)
                    if answer.get("request_id") == 1:
                        return answer
                buffer = buffer.rsplit(b"\n", 1)[-1]

    def command(self, *command: object, allow: str = "success") -> Any:
        """Send one IPC command and return its data (fails the test on an error other than
        `allow`)."""
        answer = self.answer(*command)
        assert answer["error"] in {"success", allow}, (command, answer)
        return answer.get("data")

    def get(self, name: str) -> Any:
        """A property's value (None while mpv has none, e.g. before a file is loaded)."""
        return self.command("get_property", name, allow="property unavailable")


@contextmanager
def run_mpv(
    files: Sequence[Path], sock: Path, extra: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[Mpv]:
    """mpv playing `files` silently (null audio output), with its IPC socket at `sock`."""
    mpv = need("mpv")
    sock.unlink(missing_ok=True)
    command = [mpv, "--no-config", "--ao=null", "--vo=null", "--idle=yes", "--really-quiet"]
    process = subprocess.Popen(
        [*command, f"--input-ipc-server={sock}", *extra, *map(str, files)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    player = Mpv(process, sock)
    try:
        wait_until(sock.exists, what="mpv's IPC socket")
        wait_until(lambda: player.get("path") is not None or not files, what="mpv to load")
        yield player
    finally:
        stop(process)


def controlled_by(follower: Follower) -> Listening:
    """A listening controller on the sample guide whose transport follows `follower`."""
    controller, _ = make_controller()
    finder = TrackFinder(lambda: controller.session.guide)
    controller.arrive(Following(FollowPlayer(follower, finder)))
    controller.start()
    return controller


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Mpd:
    """A running MPD on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int

    def mpc(self, *args: str) -> str:
        """Run mpc against this MPD; its output."""
        result = subprocess.run(
            [need("mpc"), "-h", "127.0.0.1", "-p", str(self.port), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def status(self) -> dict[str, str]:
        """MPD's `status` answer, key by key (through the protocol itself)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as client:
            stream = client.makefile("rwb")
            stream.readline()
            stream.write(b"status\n")
            stream.flush()
            fields: dict[str, str] = {}
            while (line := stream.readline().decode().rstrip("\n")) != "OK":
                key, _, value = line.partition(": ")
                fields[key] = value
            return fields


@contextmanager
def run_mpd(music: Path, home: Path, port: int | None = None) -> Iterator[Mpd]:
    """MPD on 127.0.0.1 (never another address) with a null output (its volume a software
    mixer's), serving `music`."""
    mpd = need("mpd")
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = home / "mpd.conf"
    config.write_text(
        f'music_directory "{music}"\n'
        f'db_file "{home / "database"}"\n'
        f'state_file "{home / "state"}"\n'
        f'bind_to_address "127.0.0.1"\n'
        f'port "{port}"\n'
        'audio_output {\n type "null"\n name "silent"\n mixer_type "software"\n}\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [mpd, "--no-daemon", "--stderr", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(home / "log").open("wb"),
    )
    server = Mpd(process, port)
    try:
        wait_until(lambda: _answers(port), what="MPD to listen")
        server.mpc("update", "--wait")
        yield server
    finally:
        stop(process)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def session_bus(home: Path) -> Iterator[str]:
    """A private D-Bus session bus for the test; its address (also in DBUS_SESSION_BUS_ADDRESS
    for the test's duration)."""
    daemon = need("dbus-daemon")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    address = process.stdout.readline().decode().strip()
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        yield address
    finally:
        if previous is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous
        stop(process)
