"""Alignments remembered between runs, like analyses: one small JSON file per listener's file (or
track of an album image) and author's description, valid while the file keeps its path, size and
modification time and the sidecar describes the track the same way.

numpy (through the aligner) is imported only when an alignment has to be worked out.
"""

from __future__ import annotations

import hashlib
import logging
import math
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import paths
from ..analysis.cache import file_key, read_entry, write_entry
from ..analysis.model import Analysis
from ..analysis.timemap import Piece, TimeMap
from .sound import TrackSound

if TYPE_CHECKING:
    from .align import Alignment

CACHE_VERSION = 1
"""Format of a cache file (and of the alignment it holds); other versions are ignored."""

log = logging.getLogger(__name__)


def cache_folder() -> Path:
    """Where the alignments are kept."""
    return paths.cache_dir() / "alignment"


def aligned(
    path: Path,
    sound: TrackSound,
    analysis: Analysis,
    *,
    start: float = 0.0,
    end: float | None = None,
    folder: Path | None = None,
) -> Alignment:
    """How the listener's file (its part from `start` to `end`, analysed as `analysis`) lines
    up with the author's copy; from the cache when nothing changed. Raises AnalysisError when
    the file cannot be read."""
    key = {**file_key(path), "start": start, "end": end, "sound": _digest(sound)}
    name = hashlib.sha256(repr(sorted(key.items())).encode("utf-8", "surrogateescape"))
    entry = (folder if folder is not None else cache_folder()) / (name.hexdigest()[:32] + ".json")
    data = read_entry(entry, key, CACHE_VERSION)
    from .align import Alignment, align

    if data is not None:
        try:
            paired = None if data["paired"] is None else _finite(data["paired"])
            return Alignment(_from_json(data["map"]), _finite(data["cost"]), paired)
        except (KeyError, TypeError, ValueError) as error:
            log.warning("ignoring alignment cache %s: %s", entry, error)
    found = align(sound, analysis)
    remembered = {"map": _to_json(found.map), "cost": found.cost, "paired": found.paired}
    write_entry(entry, {**key, **remembered}, CACHE_VERSION)
    return found


def _digest(sound: TrackSound) -> str:
    described = repr((sound.duration, sound.step, sound.tuning, sound.onsets)).encode()
    return hashlib.sha256(described + sound.chroma).hexdigest()[:32]


def _to_json(found: TimeMap) -> dict[str, Any]:
    return {
        "speed": found.speed,
        "shift": found.shift,
        "pieces": [[piece.start, piece.offset, piece.sure] for piece in found.pieces],
        "unsure": [list(stretch) for stretch in found.unsure],
    }


def _from_json(data: dict[str, Any]) -> TimeMap:
    """Raises ValueError or TypeError for anything that is not a well-formed time map."""
    speed = _finite(data["speed"])
    if not 0.5 <= speed <= 2.0:
        raise ValueError(f"speed {speed} is out of range")
    pieces = tuple(
        Piece(_finite(start), _finite(offset), bool(sure)) for start, offset, sure in data["pieces"]
    )
    if not pieces or any(b.start < a.start for a, b in pairwise(pieces)):
        raise ValueError("the pieces are not in order")
    unsure = tuple((_finite(low), _finite(high)) for low, high in data["unsure"])
    return TimeMap(speed, pieces, _finite(data["shift"]), unsure)


def _finite(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value} is not a finite number")
    return number
