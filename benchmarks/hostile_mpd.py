"""A followed MPD that misbehaves: what it costs ostguide, in time and memory.

    python benchmarks/hostile_mpd.py [--entries 1000000]

The MPD is the fake of tests/fakeplayers.py, in a thread of this process.

1. Queue: the listener picks another track while the MPD's queue holds `--entries` songs (the
   current one in the middle); reported: how long until ostguide asked MPD to play it (reading
   the queue and matching it to the guide's tracks, on the event loop: the screen waits that
   long), and how much the process grew.
2. No end: an MPD that answers `currentsong` with lines and never `OK`, for 10 s; reported: the
   growth of the process and how often the connection was made again.
3. Drip: an MPD that sends `status` one line every 4 s; reported: how long until ostguide drops
   the connection.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakeplayers import FakeMpd  # noqa: E402

from ostguide.follow.mpd import MpdFollower  # noqa: E402
from ostguide.follow.player import FollowPlayer  # noqa: E402
from ostguide.follow.tracks import TrackFinder  # noqa: E402
from ostguide.guide.model import TrackId  # noqa: E402
from ostguide.guide.parser import load_guide  # noqa: E402
from ostguide.player.clock import MonotonicClock  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def switching(entries: int) -> None:
    guide = load_guide(ROOT / "guides" / "noein.md").guide
    assert guide is not None
    middle = entries // 2
    status = {"state": "play", "songid": "1", "song": str(middle)}
    mpd = FakeMpd(
        status={**status, "playlistlength": str(entries)},
        song={"file": f"{middle:07d}.flac", "Id": "1", "Title": guide.tracks[0].title},
        playlist=entries,
        titles={middle + k: track.title for k, track in enumerate(guide.tracks)},
    )
    with mpd.running():
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        task = asyncio.create_task(follower.run())
        await follower.wait_for(lambda f: f.connected, 5)
        player = FollowPlayer(follower, TrackFinder(lambda: guide))
        before, start = rss_mb(), time.perf_counter()
        player.choose(TrackId(1, 5))
        while not any(command.startswith("play ") for command in mpd.asked):
            if player.note:
                raise SystemExit(player.note)
            await asyncio.sleep(0.001)
        elapsed = time.perf_counter() - start
        asked = [c for c in mpd.asked if c.startswith("playlistinfo")]
        print(
            f"queue of {entries:,}: play asked after {elapsed * 1000:.0f} ms, "
            f"process grew {rss_mb() - before:+.1f} MB ({asked[0]})"
        )
        task.cancel()


async def endless() -> None:
    mpd = FakeMpd(endless={"currentsong"})
    with mpd.running():
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        before = rss_mb()
        task = asyncio.create_task(follower.run())
        peak = before
        for _ in range(100):
            await asyncio.sleep(0.1)
            peak = max(peak, rss_mb())
        print(
            f"answer without OK for 10 s: process grew {peak - before:+.1f} MB at most, "
            f"{mpd.connections // 2} connections made; the last problem: {follower.problem}"
        )
        task.cancel()


async def drip() -> None:
    mpd = FakeMpd(
        status={"state": "play", "songid": "1", "elapsed": "1", "duration": "9"}, drip={"status"}
    )
    with mpd.running():
        follower = MpdFollower(MonotonicClock(), "127.0.0.1", mpd.port)
        task = asyncio.create_task(follower.run())
        start = time.perf_counter()
        await follower.wait_for(lambda f: f.connected, 5)
        await follower.wait_for(lambda f: not f.connected, 60)
        print(f"a line every 4 s: dropped after {time.perf_counter() - start:.1f} s")
        task.cancel()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--entries", type=int, default=1_000_000)
    args = options.parse_args()
    asyncio.run(switching(args.entries))
    asyncio.run(endless())
    asyncio.run(drip())


if __name__ == "__main__":
    main()
