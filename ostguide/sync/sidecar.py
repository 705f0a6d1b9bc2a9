"""The sidecar `NAME.sync` beside a guide `NAME.md`: how the author's copy of each track sounds,
so that a listener's copy can be aligned with it. Never any audio.

A UTF-8 JSON object (`ostguide help format` documents it):

    {"format": "ostguide sync", "version": 1,
     "tracks": [{"track": "01", "file": "01 Shangri-La.flac", "seconds": 252.41,
                 "step": 0.09977, "tuning": -0.42, "chroma": "eNrt…", "onsets": "eNpj…"}]}

`chroma` is base64 of zlib of three bytes per frame: the twelve pitch classes' 2-bit levels,
C in the top bits of the first byte. `onsets` is base64 of zlib of the onset times as unsigned
LEB128 varints, each the gap since the previous one in 5 ms units.

Reading is a boundary: a sidecar that is not a regular file, too large, not this format or of
another version is ignored with a message naming it, and so is a track entry whose values are
out of range; nothing about it is ever fatal.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..atomic import SHARED, read_regular, write_atomically
from ..catalog import bundled_dir
from ..guide.model import TrackId
from .sound import LEVELS, ONSET_UNIT, TrackSound

SUFFIX = ".sync"
FORMAT, VERSION = "ostguide sync", 1
MAX_BYTES = 4_000_000
"""A larger sidecar is not read (a whole album of 5-minute tracks takes about 5 KB a track)."""
MAX_TRACKS = 999
MAX_SECONDS = 5400.0
"""The longest track described (an album image's track, at most)."""
STEPS = (0.02, 1.0)
"""Seconds between chroma frames that are accepted."""
MAX_NAME = 1000
"""The longest file name kept."""


class SidecarError(Exception):
    """A sidecar (or one of its entries) that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class SyncedTrack:
    """One track's entry: the author's file and what it sounds like."""

    file: str
    """The author's file name (shown, never opened)."""
    sound: TrackSound


def sidecar_path(guide: Path) -> Path:
    """Where a guide's sidecar lives: beside it, `.sync` for `.md`; for a guide shipped with
    ostguide (read-only), in the user's guide folder."""
    if guide.resolve().parent == bundled_dir().resolve():
        return paths.user_guides_dir() / (guide.stem + SUFFIX)
    return guide.with_suffix(SUFFIX)


def read_sidecar(path: Path) -> tuple[dict[TrackId, SyncedTrack], list[str]]:
    """The tracks a sidecar describes, and what was wrong with it (each a sentence naming the
    file); no sidecar at all is no problem."""
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        reason = error.strerror or error
        return {}, [f"{path}: ignored, {reason}"]
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        return {}, [f"{path}: ignored, not a sidecar ostguide can read ({type(error).__name__})"]
    try:
        entries = _entries(document)
    except SidecarError as error:
        return {}, [f"{path}: ignored, {error}"]
    tracks: dict[TrackId, SyncedTrack] = {}
    problems: list[str] = []
    for number, entry in enumerate(entries, 1):
        try:
            track, synced = _track(entry)
        except SidecarError as error:
            problems.append(f"{path}: track entry {number} ignored, {error}")
            continue
        tracks[track] = synced
    return tracks, problems


def write_sidecar(path: Path, tracks: dict[TrackId, SyncedTrack]) -> None:
    """Write a sidecar describing `tracks` (replacing the file, atomically)."""
    entries = [
        {
            "track": str(track),
            "file": synced.file,
            "seconds": synced.sound.duration,
            "step": synced.sound.step,
            "tuning": synced.sound.tuning,
            "chroma": _packed(synced.sound.chroma),
            "onsets": _varints(synced.sound.onsets),
        }
        for track, synced in sorted(tracks.items(), key=lambda item: (item[0].disc, item[0].number))
    ]
    document = {"format": FORMAT, "version": VERSION, "tracks": entries}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    write_atomically(path, text.encode("utf-8"), new_mode=SHARED)


def _entries(document: Any) -> list[Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SidecarError(f'not a sidecar ("format" is not "{FORMAT}")')
    version = document.get("version")
    if version != VERSION:
        raise SidecarError(
            f"version {version!r} is not {VERSION}: run `ostguide sync` again, or update ostguide"
        )
    entries = document.get("tracks")
    if not isinstance(entries, list):
        raise SidecarError('"tracks" is not a list')
    if len(entries) > MAX_TRACKS:
        raise SidecarError(f"more than {MAX_TRACKS} tracks")
    return entries


def _track(entry: Any) -> tuple[TrackId, SyncedTrack]:
    if not isinstance(entry, dict):
        raise SidecarError("not an object")
    track = _track_id(entry.get("track"))
    name = entry.get("file")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise SidecarError('"file" is not a file name')
    if any(ord(char) < 32 or 127 <= ord(char) < 160 for char in name):
        raise SidecarError('"file" holds control characters')
    seconds = _number(entry, "seconds", 0.0, MAX_SECONDS)
    step = _number(entry, "step", *STEPS)
    tuning = _number(entry, "tuning", -50.0, 50.0)
    frames = int(seconds / step) + 2
    chroma = _unpacked(_decompressed(entry.get("chroma"), "chroma", 3 * frames))
    if abs(len(chroma) // 12 - seconds / step) > 2:
        raise SidecarError(f"{len(chroma) // 12} chroma frames for {seconds} s")
    onsets = _onsets(_decompressed(entry.get("onsets"), "onsets", 4 * int(seconds * 400 + 1)))
    if onsets and onsets[-1] > seconds + 1:
        raise SidecarError("an onset lies past the end")
    return track, SyncedTrack(name, TrackSound(seconds, step, tuning, chroma, onsets))


def _track_id(value: Any) -> TrackId:
    """`01` or `2-03`."""
    if not isinstance(value, str) or len(value) > 7:
        raise SidecarError('"track" is not a track number such as "01" or "2-03"')
    disc, _, number = value.rpartition("-")
    if not number.isdigit() or not (disc == "" or disc.isdigit()) or not number.isascii():
        raise SidecarError(f'"track" {value!r} is not a track number such as "01" or "2-03"')
    return TrackId(int(disc) if disc else 1, int(number))


def _number(entry: dict[str, Any], key: str, low: float, high: float) -> float:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SidecarError(f'"{key}" is not a number')
    if not low <= value <= high:
        raise SidecarError(f'"{key}" {value} is not between {low:g} and {high:g}')
    return float(value)


def _decompressed(value: Any, key: str, limit: int) -> bytes:
    """Base64 of zlib, at most `limit` bytes once inflated."""
    if not isinstance(value, str) or len(value) > MAX_BYTES:
        raise SidecarError(f'"{key}" is not text')
    try:
        packed = base64.b64decode(value, validate=True)
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, limit + 1)
    except (binascii.Error, zlib.error) as error:
        raise SidecarError(f'"{key}" is not base64 of zlib data') from error
    if len(data) > limit or inflater.unconsumed_tail or not inflater.eof:
        raise SidecarError(f'"{key}" is longer than its track, or cut short')
    return data


def _packed(chroma: bytes) -> str:
    """Twelve levels of 0–3 per frame in three bytes, deflated, in base64."""
    out = bytearray()
    for first in range(0, len(chroma), 4):
        a, b, c, d = chroma[first : first + 4]
        out.append(a << 6 | b << 4 | c << 2 | d)
    return base64.b64encode(zlib.compress(bytes(out), 9)).decode("ascii")


def _unpacked(data: bytes) -> bytes:
    if len(data) % 3:
        raise SidecarError('"chroma" is not three bytes a frame')
    return bytes(byte >> shift & LEVELS for byte in data for shift in (6, 4, 2, 0))


def _varints(onsets: Iterable[float]) -> str:
    """Gaps between onsets in `ONSET_UNIT`s as LEB128 varints, deflated, in base64."""
    out = bytearray()
    previous = 0
    for onset in onsets:
        units = round(onset / ONSET_UNIT)
        gap, previous = units - previous, units
        while gap >= 0x80:
            out.append(gap & 0x7F | 0x80)
            gap >>= 7
        out.append(gap)
    return base64.b64encode(zlib.compress(bytes(out), 9)).decode("ascii")


def _onsets(data: bytes) -> tuple[float, ...]:
    onsets: list[float] = []
    units = gap = shift = 0
    for byte in data:
        gap |= (byte & 0x7F) << shift
        shift += 7
        if shift > 28:
            raise SidecarError('"onsets" holds a number too large')
        if not byte & 0x80:
            units += gap
            onsets.append(round(units * ONSET_UNIT, 3))
            gap = shift = 0
    if shift:
        raise SidecarError('"onsets" is cut short')
    return tuple(onsets)
