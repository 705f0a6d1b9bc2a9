"""Timing a guide while listening: insert a remark at a time, or retime one, as minimal text edits.

Each edit returns the guide's new text with every other byte unchanged (line endings included),
and the line of the remark it touched so that an editor can be opened there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import writer
from ..guide.model import Cue, Track
from ..guide.source import lines_with_endings


@dataclass(frozen=True, slots=True)
class Edit:
    """A guide's text after one change."""

    text: str
    """The whole new text."""
    line: int
    """1-based line of the remark inserted or retimed."""


def newline_of(lines: list[str]) -> str:
    """The line ending the file already uses (LF when it has none)."""
    for line in lines:
        for ending in ("\r\n", "\n", "\r"):
            if line.endswith(ending):
                return ending
    return "\n"


def insert_remark(text: str, track: Track, seconds: float, length: float | None) -> Edit:
    """Add an empty remark stamped `seconds` to `track`, in time order among its remarks.

    It goes before the first remark (in the file) that sounds later than the time it is written
    as (to a tenth: 0.548 s is written `[0:00.5]`, so it goes before a remark at 0.54 s), else
    after the track's last line; `length` resolves fraction stamps when comparing.
    """
    lines = lines_with_endings(text)
    newline = newline_of(lines)
    stamp = writer.tenth_stamp(seconds)
    written = round(seconds, writer.STAMP_DECIMALS)
    later = [cue for cue in track.cues if cue.stamp.resolve(length) > written]
    if later:
        at = min(cue.line for cue in later) - 1
        lines[at:at] = [stamp + newline, newline]
        return Edit("".join(lines), at + 1)
    end = min(track.end, len(lines))
    while end > track.line and not lines[end - 1].strip():
        end -= 1
    if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    lines[end:end] = [newline, stamp + newline]
    return Edit("".join(lines), end + 2)


def retime_remark(text: str, cue: Cue, seconds: float) -> Edit:
    """Replace the stamp of `cue` (approximate or not) by an exact one at `seconds`."""
    lines = lines_with_endings(text)
    index = cue.line - 1
    line = lines[index]
    close = line.index("]")
    lines[index] = writer.tenth_stamp(seconds) + line[close + 1 :]
    return Edit("".join(lines), cue.line)
