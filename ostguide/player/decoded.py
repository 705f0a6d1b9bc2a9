"""Formats pygame's mixer cannot decode (AAC and ALAC in `.m4a`/`.mp4`, as iTunes and most shops
sell them), decoded with PyAV (FFmpeg's decoders, in its wheel) to a FLAC in the user cache, which
the mixer then plays like any other file: seeks land as exactly as on FLAC, a queued copy starts
without a gap, the clock is the mixer's, and the analysis reads the copy. No Python runs in SDL's
audio thread. docs/design.md gives the figures this choice was made on.

`mixer_path(path)` is the seam: the file itself for a format the mixer reads, else its copy,
decoded now when it is not there yet (or waited for when a background decode has it in hand).
`decode(paths)` decodes copies in order now, `decode_ahead(paths)` in a background thread, so that
the next track is ready to be queued; `is_ready(path)` says whether `mixer_path` would return at
once. Copies are keyed by the file's path, size and mtime, written atomically, and the cache folder
is kept under `MAX_CACHE_BYTES` by removing the copies used least recently.

PyAV and soundfile are imported only when a file is decoded.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import paths
from ..atomic import writing_atomically
from ..formats import DECODED_EXTENSIONS

MAX_CACHE_BYTES = 2 << 30
"""Decoded copies kept at most (2 GiB: a few albums of FLAC); the least recently used go first."""
BLOCK_FRAMES = 1 << 16
"""Decoded frames gathered before they are handed to the FLAC encoder."""

log = logging.getLogger(__name__)

_lock = threading.Lock()
_busy: dict[Path, threading.Event] = {}
"""Copies being decoded now, each with the event set when its decode ends."""
_failed: dict[Path, str] = {}
"""Why a copy could not be made, for a caller that waited for it."""


class DecodeError(Exception):
    """A file could not be decoded; the message says why, for the listener."""


def needs_decoding(path: Path) -> bool:
    """Whether the mixer needs a decoded copy of `path` to play it."""
    return path.suffix.lower() in DECODED_EXTENSIONS


def cache_folder() -> Path:
    """Where decoded copies are kept."""
    return paths.cache_dir() / "decoded"


def is_ready(path: Path) -> bool:
    """Whether `mixer_path(path)` returns at once (no decoding needed, or the copy is there)."""
    if not needs_decoding(path):
        return True
    copy = _copy_of(path)
    return copy is not None and copy.is_file()


def mixer_path(path: Path) -> Path:
    """What the mixer loads to play `path`: the file itself, or its decoded copy (decoded now if
    need be). Raises `DecodeError` saying why a copy cannot be made."""
    if not needs_decoding(path):
        return path
    copy = _copy_of(path)
    if copy is None:
        raise DecodeError("the file cannot be read")
    if copy.is_file():
        _touch(copy)
        return copy
    with _lock:
        waiting = _busy.get(copy)
        if waiting is None:
            _busy[copy] = threading.Event()
    if waiting is not None:
        waiting.wait()
    else:
        _decode_once(path, copy)
    if copy.is_file():
        return copy
    raise DecodeError(_failed.get(copy, "it could not be decoded"))


def decode_ahead(files: Sequence[Path]) -> threading.Thread | None:
    """Decode the copies `files` need, in order, in a background thread (returned, or None when
    there is nothing to do). A failure is logged; playing the file says it again."""
    todo = [path for path in dict.fromkeys(files) if not is_ready(path)]
    if not todo:
        return None
    thread = threading.Thread(target=decode, args=(todo,), name="decode-ahead", daemon=True)
    thread.start()
    return thread


def decode(files: Sequence[Path]) -> None:
    """Decode the copies `files` need, in order, now; a failure is logged."""
    for path in files:
        try:
            mixer_path(path)
        except DecodeError as error:
            log.warning("%s cannot be decoded: %s", path, error)


def _decode_once(path: Path, copy: Path) -> None:
    """Decode `path` into `copy` (this thread holds `copy` in `_busy`), then release it."""
    try:
        _decode(path, copy)
        _failed.pop(copy, None)
        _trim(cache_folder(), keep=copy)
    except DecodeError as error:
        _failed[copy] = str(error)
    finally:
        with _lock:
            _busy.pop(copy).set()


def _copy_of(path: Path) -> Path | None:
    """The cache file of `path` as it is now (path, size, mtime); None if it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    name = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_folder() / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.flac"


def _decode(path: Path, copy: Path) -> None:
    """Decode the first audio stream of `path` to 16-bit FLAC at its own rate (mono stays mono,
    more than two channels are mixed down to stereo). Raises `DecodeError`."""
    try:
        import av
        import soundfile
    except ImportError as error:
        raise DecodeError(f"no decoder for it is installed ({error})") from None
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise DecodeError("it holds no audio")
            stream: Any = container.streams.audio[0]
            rate = int(stream.codec_context.sample_rate or 0)
            channels = 1 if stream.codec_context.channels == 1 else 2
            if not rate:
                raise DecodeError("it gives no sample rate")
            layout = "mono" if channels == 1 else "stereo"
            resampler = av.AudioResampler(format="s16", layout=layout, rate=rate)
            limit = _frames_in(stream, rate)
            with (
                writing_atomically(copy) as file,
                soundfile.SoundFile(file, "w", rate, channels, "PCM_16", format="FLAC") as out,
            ):
                pending: list[Any] = []
                gathered = written = 0
                for frame in container.decode(stream):
                    for piece in resampler.resample(frame):
                        pending.append(piece.to_ndarray())
                        gathered += piece.samples
                    if gathered >= BLOCK_FRAMES:
                        written += _write(out, pending, channels, limit - written)
                        pending, gathered = [], 0
                pending.extend(piece.to_ndarray() for piece in resampler.resample(None))
                _write(out, pending, channels, limit - written)
    except DecodeError:
        raise
    except (av.FFmpegError, OSError, ValueError, RuntimeError) as error:
        raise DecodeError(f"the decoder refused it ({error})") from None


def _frames_in(stream: Any, rate: int) -> int:
    """How many frames the stream holds by its container (an MP4's edit list gives the exact
    length: AAC's last frame is padded with up to 1,023 frames of silence, which this leaves
    out, so one track runs into the next without a gap); very many when it does not say."""
    if stream.duration and stream.time_base:
        frames: int = round(stream.duration * stream.time_base * rate)
        return frames
    return 1 << 62


def _write(out: Any, pending: list[Any], channels: int, room: int) -> int:
    """Write the gathered blocks of interleaved samples, at most `room` frames; how many."""
    import numpy as np

    if not pending or room <= 0:
        return 0
    frames = np.concatenate(pending, axis=1).reshape(-1, channels)[:room]
    out.write(frames)
    return len(frames)


def _touch(copy: Path) -> None:
    """Mark a copy as just used (its mtime), so trimming the cache keeps it."""
    with contextlib.suppress(OSError):  # a copy that cannot be touched is only trimmed sooner
        os.utime(copy)


def _trim(folder: Path, keep: Path) -> None:
    """Remove the least recently used copies while the folder holds more than MAX_CACHE_BYTES."""
    try:
        entries = [(entry.stat(), Path(entry.path)) for entry in os.scandir(folder)]
    except OSError:
        return
    copies = sorted(
        (stat.st_mtime, stat.st_size, path)
        for stat, path in entries
        if path.suffix == ".flac" and path != keep
    )
    total = sum(size for _, size, _ in copies) + (keep.stat().st_size if keep.is_file() else 0)
    for _, size, path in copies:
        if total <= MAX_CACHE_BYTES:
            break
        try:
            path.unlink()
            total -= size
        except OSError as error:
            log.warning("could not remove decoded copy %s: %s", path, error)
