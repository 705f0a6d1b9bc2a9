"""Small generated audio files for tests and benchmarks (never commercial audio).

`make_tone` writes a sine tone in any format the player supports and tags it with mutagen the way
a ripper would.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import mutagen
import numpy as np
import soundfile
from mutagen.easyid3 import EasyID3
from mutagen.id3 import ID3, TALB, TIT2, TPOS, TRCK
from mutagen.wave import WAVE

FORMATS = {
    ".wav": ("WAV", "PCM_16", 44100),
    ".ogg": ("OGG", "VORBIS", 44100),
    ".flac": ("FLAC", "PCM_16", 44100),
    ".mp3": ("MP3", "MPEG_LAYER_III", 44100),
    ".opus": ("OGG", "OPUS", 48000),
}


def tone(seconds: float, rate: int, freq: float = 440.0) -> np.ndarray:
    """A quiet stereo sine tone as float32 samples."""
    t = np.arange(int(seconds * rate)) / rate
    mono = (0.2 * np.sin(2 * np.pi * freq * t)).astype("float32")
    return np.column_stack([mono, mono])


def make_tone(
    path: Path,
    seconds: float,
    *,
    freq: float = 440.0,
    tags: Mapping[str, str] | None = None,
    samples: np.ndarray | None = None,
) -> Path:
    """Write `seconds` of tone (or the given samples) to `path`, in the format its suffix names.

    `tags` uses easy keys: title, album, artist, albumartist, tracknumber, discnumber, date.
    """
    fmt, subtype, rate = FORMATS[path.suffix.lower()]
    data = tone(seconds, rate, freq) if samples is None else samples
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, data, rate, format=fmt, subtype=subtype)
    if tags:
        write_tags(path, tags)
    return path


def write_tags(path: Path, tags: Mapping[str, str]) -> None:
    """Tag a file with easy keys; WAV files get an ID3 chunk, MP3 files ID3v2."""
    suffix = path.suffix.lower()
    if suffix == ".wav":
        wave = WAVE(path)
        if wave.tags is None:
            wave.add_tags()
        assert isinstance(wave.tags, ID3)
        frames = {"title": TIT2, "album": TALB, "tracknumber": TRCK, "discnumber": TPOS}
        for key, value in tags.items():
            if key in frames:
                wave.tags.add(frames[key](encoding=3, text=[value]))
        wave.save()
        return
    if suffix == ".mp3":
        try:
            easy = EasyID3(path)
        except mutagen.id3.ID3NoHeaderError:
            easy = EasyID3()
        for key, value in tags.items():
            easy[key] = value
        easy.save(path)
        return
    audio = mutagen.File(path, easy=True)
    assert audio is not None, path
    for key, value in tags.items():
        audio[key] = value
    audio.save()
