"""Imported timings written in the guide format (ostguide/guide/format.md)."""

from __future__ import annotations

from collections.abc import Sequence

from ostguide.guide.writer import (
    file_field,
    format_stamp,
    front_matter,
    heading,
    length_field,
    toml_string,
)

from .imported import Imported, ImportedCue, clean


def render(imported: Imported) -> str:
    """Markdown in the guide format: remarks to paste under a track heading (`cues`), or a whole
    guide with front matter and one heading per track (`tracks`). A file hint that a File field
    cannot hold is left out."""
    if imported.kind == "cues":
        return _remarks(imported.cues) + "\n"
    parts: list[str] = []
    matter = [
        (key, toml_string(clean(value)))
        for key, value in (("title", imported.title), ("composer", imported.performer))
        if clean(value)
    ]
    discs = max((track.disc for track in imported.tracks), default=1)
    if discs > 1:
        matter.append(("discs", str(discs)))
    if matter:
        parts.append("\n".join(front_matter(matter)))
    for track in imported.tracks:
        title = clean(track.title) or f"Track {track.number:02d}"
        named = file_field(track.file) if track.file else None
        length = length_field(track.length) if track.length is not None else None
        fields = [field for field in (length, named) if field is not None]
        # Disc 1 keeps the short label (`01`), as `TrackId` writes it.
        parts.append(heading(track.disc, track.number, title, multi_disc=track.disc != 1))
        parts.extend(["\n".join(fields)] if fields else [])
        parts.append(_remarks(track.cues) if track.cues else "[0:00]")
    return "\n\n".join(parts) + "\n"


def _remarks(cues: Sequence[ImportedCue]) -> str:
    """One `[m:ss.fff] text` paragraph per cue."""
    return "\n\n".join(f"{stamp(cue.seconds)} {clean(cue.text)}" for cue in cues)


def stamp(seconds: float) -> str:
    """An imported time as a stamp: to the millisecond, `[1:05]` when whole."""
    return format_stamp(seconds, 3, trim=True)
