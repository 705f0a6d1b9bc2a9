"""ID3 chapters (CHAP frames, read with mutagen) of an audio file as remarks for one track."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mutagen
from mutagen.id3 import ID3

from ostguide.guide.diagnostics import Findings

from .imported import Imported, ImportedCue, Result, clean


def parse_chapters(path: Path) -> Result:
    """ID3 chapters (CHAP frames with a TIT2 title) of an audio file, in time order."""
    findings = Findings(path)
    try:
        audio = mutagen.File(path)
    # mutagen's parsers raise many unrelated types on damaged data (struct.error, ValueError,
    # MutagenError subclasses); any of them means the chapters cannot be read.
    except Exception as exc:
        findings.error(1, 1, f"mutagen cannot read this file: {exc}")
        return None, findings.diagnostics
    tags = audio.tags if audio is not None else None
    if not isinstance(tags, ID3):
        findings.error(1, 1, "the file has no ID3 tag, so no chapters", "try another --format")
        return None, findings.diagnostics
    frames_of: Any = tags.getall  # mutagen's ID3 is untyped
    chapters: list[Any] = sorted(frames_of("CHAP"), key=lambda frame: frame.start_time)
    if not chapters:
        findings.error(
            1,
            1,
            "the ID3 tag has no chapters (CHAP frames)",
            "podcast and audiobook tools write chapters; try another --format",
        )
        return None, findings.diagnostics
    cues = tuple(
        ImportedCue(
            chapter.start_time / 1000,
            _frame_text(chapter.sub_frames, "TIT2") or f"Chapter {number}",
        )
        for number, chapter in enumerate(chapters, 1)
    )
    return findings.outcome(
        Imported("cues", _frame_text(tags, "TIT2"), _frame_text(tags, "TPE1"), cues)
    )


def _frame_text(tags: Any, frame_id: str) -> str:
    """The first text of a text frame, or "" if there is none."""
    frames: list[Any] = tags.getall(frame_id)
    return clean(str(frames[0].text[0])) if frames and frames[0].text else ""
