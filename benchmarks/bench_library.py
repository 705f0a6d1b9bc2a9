"""Scanning and matching a big music library.

    python benchmarks/bench_library.py [--folder /tmp/ostguide-bench-library]

Writes 5,000 tiny tagged files once (216 albums of 23 tracks in MP3, OGG and FLAC, the Noein
album among them, and 32 singles; reused on later runs), then times, for the 23-track Noein
guide:

1. scan + match, cold: an empty scan cache, so mutagen reads every file. Goal 3 s.
2. scan + match, warm: the cache filled by (1), so no audio file is opened. Goal 0.3 s.
3. match alone, all 5,000 files against the 23 tracks.
4. locate, cold and warm: the search of a music folder for the album folder.

"Cold" means the scan cache is empty, not the operating system's file cache.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from albums import NOEIN_TRACKLIST  # noqa: E402
from audiogen import make_tone, write_tags  # noqa: E402

from ostguide.guide.model import Album, Guide, Track, TrackId  # noqa: E402
from ostguide.library.locate import locate  # noqa: E402
from ostguide.library.match import match  # noqa: E402
from ostguide.library.scan import ScanCache, scan  # noqa: E402

WORDS = ["Sora", "Umi", "Yume", "Kaze", "Hoshi", "Tsuki", "Battle", "Theme", "Main", "Ending"]
FILES = 5000
GOALS = {"scan + match, cold": 3.0, "scan + match, warm": 0.3}

T = TypeVar("T")


def build_library(folder: Path) -> None:
    """Write the library once; a marker file says it is complete."""
    marker = folder / ".complete"
    if marker.exists():
        return
    suffixes = [".mp3", ".ogg", ".flac"]
    templates = {s: make_tone(folder / ".templates" / f"t{s}", 0.05) for s in suffixes}
    count = 0

    def write(path: Path, tags: dict[str, str]) -> None:
        nonlocal count
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(templates[path.suffix].read_bytes())
        write_tags(path, tags)
        count += 1

    albums = (FILES - len(NOEIN_TRACKLIST)) // len(NOEIN_TRACKLIST)
    for a in range(albums):
        suffix = suffixes[a % len(suffixes)]
        for n in range(1, len(NOEIN_TRACKLIST) + 1):
            title = f"{WORDS[(a + n) % len(WORDS)]} {WORDS[(a * n) % len(WORDS)]} {n}"
            tags = {"title": title, "album": f"Album {a}", "tracknumber": f"{n}/23"}
            write(folder / f"Artist {a % 40}" / f"Album {a}" / f"{n:02d} {title}{suffix}", tags)
    for n, title in enumerate(NOEIN_TRACKLIST, start=1):
        tags = {"title": title, "album": "Noein OST", "tracknumber": f"{n}/23"}
        write(folder / "Nanase Hikaru" / "Noein" / f"{n:02d} {title}.flac", tags)
    while count < FILES:
        write(folder / "Singles" / f"single {count}.mp3", {"title": f"Single {count}"})
    marker.write_text("")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/ostguide-bench-library"))
    folder = parser.parse_args().folder
    built, _ = timed(lambda: build_library(folder))
    print(f"library: {folder} ({FILES} files; {built:.1f} s to prepare)")
    tracks = tuple(
        Track(id=TrackId(1, n), title=t, line=n) for n, t in enumerate(NOEIN_TRACKLIST, start=1)
    )
    guide = Guide(path=Path("noein.md"), album=Album(title="Noein OST"), tracks=tracks)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        cache_file = Path(scratch) / "scan.json"

        def scan_and_match() -> int:
            files = scan(folder, cache=ScanCache(cache_file))
            result = match(tracks, files, album=guide.album.title, root=folder)
            assert result.complete, [m for m in result.matches if m.file is None]
            assert all(m.file and m.file.path.parent.name == "Noein" for m in result.matches)
            return len(files)

        seconds, scanned = timed(scan_and_match)
        assert scanned == FILES, scanned
        rows.append(("scan + match, cold", seconds, f"{scanned} files read with mutagen"))
        seconds, _ = timed(scan_and_match)
        rows.append(("scan + match, warm", seconds, "no audio file opened"))
        files = scan(folder, cache=ScanCache(cache_file))
        seconds, _ = timed(lambda: match(tracks, files, album=guide.album.title))
        rows.append(("match alone", seconds, f"23 tracks x {len(files)} files"))
        seconds, _ = timed(lambda: ScanCache(cache_file))
        rows.append(("load the cache", seconds, f"{cache_file.stat().st_size // 1024} KiB JSON"))

        search_cache = Path(scratch) / "locate.json"
        for label in ("cold", "warm"):
            seconds, found = timed(
                lambda: locate(guide, cache=ScanCache(search_cache), music=folder)
            )
            assert found.folder is not None and found.folder.name == "Noein", found
            rows.append((f"locate, {label}", seconds, found.how))

    print(f"{'measure':<22} {'seconds':>8} {'goal':>6}  note")
    for name, seconds, note in rows:
        goal = GOALS.get(name)
        mark = f"{goal:>6.1f}" if goal else " " * 6
        verdict = "" if goal is None else (" ok" if seconds <= goal else " MISSED")
        print(f"{name:<22} {seconds:>8.3f} {mark}  {note}{verdict}")


if __name__ == "__main__":
    main()
