"""Following another player: how far ostguide's clock trails it after a seek and across a track
change, and what following costs in CPU.

    python benchmarks/bench_follow.py

Needs mpv and MPD (Debian packages mpv, mpd, mpc); a player that is missing is left out.

1. Trail: a follower runs on an asyncio loop as in the app, against mpv (JSON IPC) and MPD (on a
   loopback port, null output) playing a generated 23-track album. Another client seeks to a
   random moment, or skips to the next track; the trail is the time from that client's command
   being acknowledged until the follower's position is within 50 ms of where the player is (the
   target plus the time since the acknowledgement, on the new track for a skip). The screen is
   woken by every reading that is news (a seek, another track, a pause:
   `listening.services.following`), so this is also how long the highlight waits, plus one
   redraw. Goal: p95 ≤ 50 ms.
2. Highlight: the listening screen itself (headless, 120×40) following mpv on the sample guide's
   first track; mpv is seeked just past one of its three remarks (0:00, 0:10, 0:20) in turn,
   and the trail is the time from the seek's acknowledgement until that remark is the one
   highlighted (`Commentary.current`). Goal: p95 ≤ 50 ms.
3. CPU: `ostguide noein --music RIP` reading along (SDL given a driver that does not exist, so
   no audio device and no audio thread, as when following) against `ostguide noein --follow
   mpv:SOCKET` while mpv plays the same rip, each for 20 s on a 120×40 pseudo-terminal: utime +
   stime of the ostguide process from /proc.
   Goal: following ≤ read-along + 0.3 points.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_ui import OSTGUIDE, QUIT_OSTGUIDE, Terminal, build_rip, cpu_seconds, isolated_env  # noqa: E402
from players import make_album, run_mpd, run_mpv  # noqa: E402
from uikit import sample_guide  # noqa: E402

from ostguide.follow.follower import Follower  # noqa: E402
from ostguide.follow.mpd import MpdFollower  # noqa: E402
from ostguide.follow.mpv import MpvFollower  # noqa: E402
from ostguide.follow.spec import FollowSpec  # noqa: E402
from ostguide.listening.controller import Listening  # noqa: E402
from ostguide.listening.services import following  # noqa: E402
from ostguide.player.clock import MonotonicClock  # noqa: E402
from ostguide.player.transport import Transport  # noqa: E402
from ostguide.session import Session  # noqa: E402
from ostguide.ui.app import ListeningApp  # noqa: E402
from ostguide.ui.commentary import Commentary  # noqa: E402

CACHE = Path("/tmp/ostguide-bench-follow")
SEEKS = 40
SKIPS = 20
WITHIN = 0.05
"""A follower this close to the player's position has caught up."""
CPU_SECONDS = 20.0
NO_DRIVER = "none-for-this-benchmark"
"""An SDL audio driver that does not exist: ostguide reads along, with no audio thread."""
SETTLE = 2.0


def summary(name: str, trails: list[float]) -> str:
    """p50, p95 and max of trails given in seconds, in milliseconds."""
    ms = sorted(t * 1000 for t in trails)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"{name:<28} p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms"
    )


def playing_path(follower: Follower) -> str | None:
    reading = follower.reading
    return reading.playing.path if reading and reading.playing else None


async def caught_up(follower: Follower, where: Callable[[], float], left: str | None) -> None:
    """Wait until the follower is within `WITHIN` of `where()` (and off the track `left`)."""

    def close(f: Follower) -> bool:
        on_track = left is None or playing_path(f) != left
        return on_track and abs(f.position - where()) < WITHIN

    await follower.wait_for(close, 5)


async def trail(
    follower: Follower,
    seek: Callable[[float], Awaitable[None]],
    skip: Callable[[], Awaitable[None]],
) -> tuple[list[float], list[float]]:
    """Seek and skip trails against a running player, in seconds."""
    task = asyncio.create_task(follower.run())
    rng = random.Random(10)
    seeks: list[float] = []
    skips: list[float] = []
    try:
        await follower.wait_for(lambda f: f.connected and f.reading is not None, 10)
        for _ in range(SEEKS):
            target = float(rng.randint(1, 30))
            await seek(target)
            acked = time.monotonic()
            await caught_up(follower, lambda t=target, a=acked: t + time.monotonic() - a, None)
            seeks.append(time.monotonic() - acked)
            await asyncio.sleep(0.1)
        for _ in range(SKIPS):
            left = playing_path(follower)
            await skip()
            acked = time.monotonic()
            await caught_up(follower, lambda a=acked: time.monotonic() - a, left)
            skips.append(time.monotonic() - acked)
            await asyncio.sleep(0.3)
    finally:
        task.cancel()
    return seeks, skips


async def trail_mpv(files: list[Path], work: Path) -> list[str]:
    with run_mpv(files, work / "mpv.sock") as mpv:

        async def seek(target: float) -> None:
            while (await asyncio.to_thread(mpv.answer, "seek", target, "absolute+exact"))[
                "error"
            ] != "success":  # refused while a file is still loading: try again
                await asyncio.sleep(0.02)

        async def skip() -> None:
            await asyncio.to_thread(mpv.command, "playlist-next")

        seeks, skips = await trail(MpvFollower(MonotonicClock(), mpv.socket), seek, skip)
    return [summary("mpv: after a seek", seeks), summary("mpv: across a track change", skips)]


async def trail_mpd(files: list[Path], work: Path) -> list[str]:
    with run_mpd(files[0].parent, work / "mpd") as mpd:
        mpd.mpc("add", "/")
        mpd.mpc("play")

        async def seek(target: float) -> None:
            await asyncio.to_thread(mpd.mpc, "seek", str(round(target)))

        async def skip() -> None:
            await asyncio.to_thread(mpd.mpc, "next")

        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        seeks, skips = await trail(follower, seek, skip)
    return [summary("mpd: after a seek", seeks), summary("mpd: across a track change", skips)]


async def trail_screen(work: Path) -> list[str]:
    """Seek-to-highlight trails of the screen following mpv."""
    files = make_album(work / "sample")
    with run_mpv(files[:1], work / "screen.sock") as mpv:
        clock = MonotonicClock()
        session = Session(sample_guide(), Transport(clock, None, "following"))
        spec = FollowSpec("mpv", str(mpv.socket))
        controller = Listening(session, clock=clock)
        app = ListeningApp(controller, services=[following(spec, controller, clock)])
        trails: list[float] = []
        async with app.run_test(size=(120, 40)):
            commentary = app.query_one(Commentary)
            while "following" not in session.transport.reason:
                await asyncio.sleep(0.01)
            for turn in range(SEEKS):
                cue = turn % 3
                while (
                    await asyncio.to_thread(mpv.answer, "seek", 10.0 * cue + 0.2, "absolute+exact")
                )["error"] != "success":
                    await asyncio.sleep(0.02)
                acked = time.monotonic()
                while commentary.current != cue:
                    await asyncio.sleep(0.001)
                trails.append(time.monotonic() - acked)
                await asyncio.sleep(0.2)
    return [summary("screen: remark after a seek", trails)]


def cpu_percent(argv: list[str], home: Path, **env: str) -> float:
    """CPU of ostguide over `CPU_SECONDS`, in percent of one core."""
    terminal = Terminal(argv, isolated_env(home, XDG_MUSIC_DIR=str(home / "Music"), **env))
    try:
        terminal.wait_for("Noein")
        terminal.drain(SETTLE)
        before, start = cpu_seconds(terminal.pid), time.monotonic()
        terminal.drain(CPU_SECONDS)
        return 100 * (cpu_seconds(terminal.pid) - before) / (time.monotonic() - start)
    finally:
        terminal.quit(QUIT_OSTGUIDE)


def main() -> None:
    rip = build_rip(CACHE / "rip")
    files = sorted(rip.glob("[0-9]*.ogg"))
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        if shutil.which("mpv"):
            for line in asyncio.run(trail_mpv(files, work)):
                print(line)
            for line in asyncio.run(trail_screen(work)):
                print(line)
        if shutil.which("mpd") and shutil.which("mpc"):
            for line in asyncio.run(trail_mpd(files, work)):
                print(line)
        print("goal: p95 ≤ 50 ms")
        if not shutil.which("mpv"):
            return
        alone = cpu_percent(
            [*OSTGUIDE, "noein", "--music", str(rip)], work / "alone", SDL_AUDIODRIVER=NO_DRIVER
        )
        with run_mpv(files, work / "cpu.sock"):
            following = cpu_percent(
                [*OSTGUIDE, "noein", "--follow", f"mpv:{work / 'cpu.sock'}"], work / "following"
            )
        print(f"CPU reading along:   {alone:.2f} % of a core")
        print(f"CPU following mpv:   {following:.2f} % of a core ({following - alone:+.2f} points)")
        print("goal: following ≤ read-along + 0.3 points")


if __name__ == "__main__":
    main()
