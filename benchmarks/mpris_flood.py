"""A flood of MPRIS calls while the listener uses the keys: are they still answered at once?

    python benchmarks/mpris_flood.py [--seconds 60] [--rate 1000]

ostguide runs on a pseudo-terminal (tests/ptyrun.py) with its own XDG folders and a private
D-Bus session bus, reading along the sample guide, as the MPRIS player
`org.mpris.MediaPlayer2.ostguide`. A client sends `--rate` calls a second for `--seconds`,
without waiting for the answers: seeks, play/pause, next and previous, SetPosition with another
track's id, a volume of NaN, and reads of Position and Metadata. Meanwhile `m` (mute) is pressed
twice a second and the time until the transport line says "muted" (or the volume again) is
measured. Reported: that latency (median, 95th percentile, worst; goal ≤ 100 ms), how many calls
were refused for the budget, ostguide's memory before, at the end of and 20 s after the flood,
and how long `q` takes to end it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from dbus_fast import Message, Variant  # noqa: E402
from fakeplayers import Call, flood_mpris  # noqa: E402
from kill_loop import environment  # noqa: E402
from ptyrun import Terminal  # noqa: E402

PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
CALLS: list[Call] = [
    (PLAYER, "Seek", "x", [0]),
    (PLAYER, "PlayPause", "", []),
    (PLAYER, "Next", "", []),
    (PLAYER, "Previous", "", []),
    (PLAYER, "SetPosition", "ox", ["/not/this/track", 1_000_000]),
    (PROPERTIES, "Set", "ssv", [PLAYER, "Volume", Variant("d", float("nan"))]),
    (PROPERTIES, "Get", "ss", [PLAYER, "Position"]),
    (PROPERTIES, "Get", "ss", [PLAYER, "Metadata"]),
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def flood(seconds: float, rate: float, refused: list[int]) -> None:
    """Send `rate` calls a second for `seconds`, counting the answers that refuse them."""

    def answered(reply: Message | None) -> None:
        if reply is not None and reply.error_name == "org.freedesktop.DBus.Error.LimitsExceeded":
            refused[0] += 1

    await flood_mpris(CALLS, seconds, rate, answered)


def key_latency(terminal: Terminal, want: str) -> float:
    """Press `m` and wait until `want` is drawn after it; seconds."""
    with terminal._lock:
        terminal.output.clear()
    start = time.monotonic()
    terminal.press("m")
    while want not in terminal.text():
        if time.monotonic() - start > 10:
            return 10.0
        time.sleep(0.002)
    return time.monotonic() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=float, default=60.0)
    options.add_argument("--rate", type=float, default=1000.0)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address"],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        assert daemon.stdout is not None
        address = daemon.stdout.readline().decode().strip()
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        env = environment(home) | {"DBUS_SESSION_BUS_ADDRESS": address}
        terminal = Terminal([str(ROOT / "tests" / "guides" / "sample.md")], env, home)
        try:
            terminal.wait_for("read-along")
            time.sleep(2.0)
            pid = terminal.process.pid
            before = rss_mb(pid)
            refused = [0]
            latencies: list[float] = []

            async def measured() -> None:
                flooding = asyncio.create_task(flood(args.seconds, args.rate, refused))
                muted = False
                while not flooding.done():
                    muted = not muted
                    want = "muted" if muted else "vol 100%"
                    latencies.append(await asyncio.to_thread(key_latency, terminal, want))
                    await asyncio.sleep(0.5)
                await flooding

            asyncio.run(measured())
            during = rss_mb(pid)
            time.sleep(20.0)
            after = rss_mb(pid)
            start = time.monotonic()
            terminal.press("q")
            code = terminal.process.wait(30)
            quit_seconds = time.monotonic() - start
        finally:
            terminal.close()
            daemon.terminate()
            daemon.wait(5)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    print(f"flood: {args.rate:g} calls/s for {args.seconds:g} s; {refused[0]:,} refused (budget)")
    print(
        f"key latency over {len(latencies)} presses: median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"worst {latencies[-1] * 1000:.0f} ms (goal ≤ 100 ms)"
    )
    print(f"RSS MB: {before:.0f} before, {during:.0f} at the end, {after:.0f} 20 s later")
    print(f"q ended ostguide in {quit_seconds:.2f} s with status {code}")


if __name__ == "__main__":
    main()
