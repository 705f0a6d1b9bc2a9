"""Small generated audio files for tests and benchmarks (never commercial audio).

`make_tone` writes a sine tone in any format the player supports and tags it with mutagen the way
a ripper would; `.m4a` files (AAC, or ALAC with `codec="alac"`) are encoded with PyAV.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
ITUNES = {".m4a", ".mp4"}
"""Suffixes written with PyAV's AAC or ALAC encoder in an MPEG-4 container."""
WAVPACK = ".wv"
"""Written with PyAV's WavPack encoder, tagged with APEv2."""
_APE_KEYS = {"tracknumber": "Track", "discnumber": "Disc"}
"""Easy keys that APEv2 tags name otherwise."""


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
    codec: str = "aac",
) -> Path:
    """Write `seconds` of tone (or the given samples) to `path`, in the format its suffix names
    (`codec` "aac" or "alac" for `.m4a`; `.wv` is WavPack).

    `tags` uses easy keys: title, album, artist, albumartist, tracknumber, discnumber, date.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in {*ITUNES, WAVPACK}:
        data = tone(seconds, 44100, freq) if samples is None else samples
        write_mp4(path, data, 44100, "wavpack" if path.suffix.lower() == WAVPACK else codec)
    else:
        fmt, subtype, rate = FORMATS[path.suffix.lower()]
        data = tone(seconds, rate, freq) if samples is None else samples
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
    if suffix == WAVPACK and audio.tags is None:
        audio.add_tags()
    for key, value in tags.items():
        audio[_APE_KEYS.get(key, key) if suffix == WAVPACK else key] = value
    audio.save()


def write_mp4(path: Path, samples: np.ndarray, rate: int, codec: str = "aac") -> None:
    """Encode stereo float samples as AAC or ALAC in an MPEG-4 file, as iTunes rips are (or, with
    codec "wavpack", as a WavPack file)."""
    import av

    planar = np.ascontiguousarray(samples.T, dtype=np.float32)
    layout = "fltp"
    if codec in ("alac", "wavpack"):
        planar = (np.clip(planar, -1.0, 1.0) * 32767).astype(np.int16)
        layout = "s16p"
    container = {"alac": "ipod", "wavpack": "wv"}.get(codec, "mp4")
    with av.open(str(path), "w", format=container) as out:
        stream: Any = out.add_stream(codec, rate=rate, layout="stereo")
        size = stream.codec_context.frame_size or 4096
        for first in range(0, planar.shape[1], size):
            piece = np.ascontiguousarray(planar[:, first : first + size])
            frame = av.AudioFrame.from_ndarray(piece, format=layout, layout="stereo")
            frame.sample_rate = rate
            frame.pts = first
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def chirp(seconds: float, rate: int, start_hz: float = 200.0, sweep: float = 200.0) -> np.ndarray:
    """A quiet stereo linear chirp whose pitch encodes the time: `start_hz + sweep * t` Hz.

    It never repeats, so any few thousand samples of it can be placed in time by correlation
    (see `locate`).
    """
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * (start_hz * t + sweep * t * t / 2)
    mono = (0.2 * np.sin(phase)).astype("float32")
    return np.column_stack([mono, mono])


def locate(snippet: np.ndarray, reference: np.ndarray) -> int:
    """The sample offset in mono `reference` where mono `snippet` matches best (FFT correlation)."""
    size = 1 << int(np.ceil(np.log2(len(reference) + len(snippet))))
    spectrum = np.fft.rfft(reference, size) * np.conj(np.fft.rfft(snippet, size))
    correlation = np.fft.irfft(spectrum, size)[: len(reference) - len(snippet) + 1]
    return int(np.argmax(correlation))


def strip_xing(path: Path) -> Path:
    """Drop the first MPEG frame of an MP3 when it is a Xing/Info/LAME header frame.

    What is left is a VBR stream whose length mutagen can only estimate from the first real frame,
    like MP3s from encoders that never wrote the header.
    """
    data = path.read_bytes()
    tag = max(data.find(b"Xing"), data.find(b"Info"))
    assert tag > 0, f"{path} has no Xing/Info frame"
    frame = data.rfind(b"\xff", 0, tag)
    while frame > 0 and (data[frame + 1] & 0xE0) != 0xE0:
        frame = data.rfind(b"\xff", 0, frame)
    following = data.find(b"\xff", tag)
    while (data[following + 1] & 0xE0) != 0xE0 or data[following + 1 : following + 2] == b"\xff":
        following = data.find(b"\xff", following + 1)
    path.write_bytes(data[:frame] + data[following:])
    return path


def sound_stretches(mono: np.ndarray, gap: int, floor: float = 1e-3) -> list[tuple[int, int]]:
    """(first, last + 1) sample of each stretch of sound, split where `gap` samples are quiet."""
    loud = np.flatnonzero(np.abs(mono) > floor)
    if not len(loud):
        return []
    breaks = np.flatnonzero(np.diff(loud) > gap)
    starts = np.concatenate([[loud[0]], loud[breaks + 1]])
    ends = np.concatenate([loud[breaks], [loud[-1]]]) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def make_long_tone(path: Path, seconds: float, *, freq: float = 440.0, block: float = 10.0) -> Path:
    """Like `make_tone`, for minutes of audio: written in `block`-second pieces, since libsndfile's
    Vorbis encoder crashes (segfault) when handed a few minutes in one write."""
    fmt, subtype, rate = FORMATS[path.suffix.lower()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with soundfile.SoundFile(path, "w", rate, 2, subtype, format=fmt) as out:
        written = 0.0
        while written < seconds:
            piece = min(block, seconds - written)
            t = written + np.arange(int(piece * rate)) / rate
            mono = (0.2 * np.sin(2 * np.pi * freq * t)).astype("float32")
            out.write(np.column_stack([mono, mono]))
            written += piece
    return path
