"""Analyses remembered between runs: one small JSON file per audio file in the user cache folder,
valid while the audio file keeps its path, size and modification time. A file that could not be
analysed is remembered too, with the reason, so it is not decoded again at every start.

The decoder (numpy, soundfile) is imported only when a file really has to be analysed; a format
libsndfile cannot read (AAC, ALAC) is analysed from the player's decoded copy.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .. import paths
from ..atomic import read_regular, write_atomically
from .model import Analysis, AnalysisError

CACHE_VERSION = 2
"""Format of a cache file (and of the analysis it holds); other versions are ignored."""
MAX_ENTRY_BYTES = 16_000_000
"""A larger cache file is ignored (an hour and a half of music takes about 1.5 MB)."""

SHORT_SHARE, SHORT_SECONDS = 0.95, 1.0
"""A file whose decoded length is below this share of its stated length, less these seconds,
counts as cut short."""

Analyser = Callable[[Path], Analysis]
"""Decodes and analyses a file; raises AnalysisError."""

log = logging.getLogger(__name__)


def cache_folder() -> Path:
    """Where the analyses are kept."""
    return paths.cache_dir() / "analysis"


def analysed(
    path: Path,
    length: float | None = None,
    *,
    start: float = 0.0,
    end: float | None = None,
    folder: Path | None = None,
    analyser: Analyser | None = None,
) -> Analysis:
    """The analysis of `path` (of its part from `start` to `end`, for a track of an album
    image: the whole file is analysed and cached once), from the cache when the file is
    unchanged, else computed (by `analyser`, by default decoding the file) and remembered.
    Raises AnalysisError saying why the file cannot be analysed, or why its analysis is of no
    use: when `length` (what the file's tags, or the sheet, say) is clearly longer than what
    could be decoded, the file was cut short."""
    analysis = _analysed(path, folder, analyser)
    if start or end is not None:
        analysis = analysis.within(start, end)
    if length is not None and analysis.duration < SHORT_SHARE * length - SHORT_SECONDS:
        raise AnalysisError(
            f"only {analysis.duration:.1f} s of its {length:.1f} s could be decoded"
        )
    return analysis


def _analysed(path: Path, folder: Path | None, analyser: Analyser | None) -> Analysis:
    key = file_key(path)
    entry = (folder if folder is not None else cache_folder()) / _entry_name(path)
    cached = _load(entry, key)
    if isinstance(cached, Analysis):
        return cached
    if isinstance(cached, str):
        raise AnalysisError(cached)
    if analyser is None:
        try:
            from .features import analyse
        except (ImportError, OSError) as error:  # soundfile without its libsndfile
            raise AnalysisError(f"no audio decoder is available ({error})") from error
        analyser = analyse
    try:
        analysis = analyser(_decodable(path))
    except AnalysisError as error:
        write_entry(entry, {**key, "problem": str(error)}, CACHE_VERSION)
        raise
    write_entry(entry, {**key, "analysis": _to_json(analysis)}, CACHE_VERSION)
    return analysis


def _decodable(path: Path) -> Path:
    """What libsndfile can read for `path`: the file, or its decoded copy (AAC, ALAC)."""
    from ..player.decoded import DecodeError, mixer_path

    try:
        return mixer_path(path)
    except DecodeError as error:
        raise AnalysisError(f"cannot be decoded ({error})") from error


def _entry_name(path: Path) -> str:
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json"


def file_key(path: Path) -> dict[str, Any]:
    """What identifies a file's contents in a cache entry: its path, size and mtime. Raises
    AnalysisError when it cannot be read, or is not a regular file."""
    try:
        info = path.stat()
    except OSError as error:
        raise AnalysisError(f"cannot be read ({error.strerror or error})") from error
    if not S_ISREG(info.st_mode):  # a followed player may name a FIFO: decoding it would hang
        raise AnalysisError("it is not a regular file")
    return {"path": str(path), "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def read_entry(entry: Path, key: dict[str, Any], version: int) -> dict[str, Any] | None:
    """A cache entry of this version written for exactly `key`; None when there is none (a
    broken one is logged)."""
    try:
        data = json.loads(read_regular(entry, MAX_ENTRY_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
        log.warning("ignoring cache entry %s: %s", entry, error)
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    if any(data.get(name) != value for name, value in key.items()):
        return None
    return data


def write_entry(entry: Path, data: dict[str, Any], version: int) -> None:
    """Remember a cache entry; one that cannot be written is logged, not fatal."""
    text = json.dumps({"version": version, **data}, separators=(",", ":"))
    try:
        write_atomically(entry, text.encode("utf-8"))
    except OSError as error:
        log.warning("could not write cache entry %s: %s", entry, error)


def _load(entry: Path, key: dict[str, Any]) -> Analysis | str | None:
    """The analysis or problem remembered for this exact file; None if there is none."""
    data = read_entry(entry, key, CACHE_VERSION)
    if data is None:
        return None
    problem = data.get("problem")
    if isinstance(problem, str):
        return problem
    try:
        return _from_json(data["analysis"])
    except (KeyError, TypeError, ValueError, AnalysisError) as error:
        log.warning("ignoring analysis cache %s: %s", entry, error)
        return None


def _to_json(analysis: Analysis) -> dict[str, Any]:
    return {
        "duration": analysis.duration,
        "step": analysis.step,
        "loudness": analysis.loudness,
        "novelty": analysis.novelty,
        "onsets": analysis.onsets,
        "strengths": analysis.strengths,
        "chroma": base64.b64encode(analysis.chroma).decode("ascii"),
        "tuning": analysis.tuning,
    }


def _from_json(data: dict[str, Any]) -> Analysis:
    """Raises ValueError or TypeError for anything that is not a well-formed analysis."""
    numbers = {name: tuple(float(value) for value in data[name]) for name in _SERIES}
    if len(numbers["onsets"]) != len(numbers["strengths"]):
        raise ValueError("onsets and strengths differ in number")
    step = float(data["step"])
    if not step > 0:
        raise ValueError(f"step {step} is not positive")
    try:
        chroma = base64.b64decode(str(data["chroma"]), validate=True)
    except binascii.Error as error:
        raise ValueError(f"chroma is not base64: {error}") from error
    if chroma and len(chroma) != 12 * len(numbers["loudness"]):
        raise ValueError("chroma and loudness differ in length")
    tuning = float(data["tuning"])
    if not -50 <= tuning <= 50:
        raise ValueError(f"tuning {tuning} is not between -50 and 50 cents")
    return Analysis(
        duration=float(data["duration"]), step=step, **numbers, chroma=chroma, tuning=tuning
    )


_SERIES = ("loudness", "novelty", "onsets", "strengths")
