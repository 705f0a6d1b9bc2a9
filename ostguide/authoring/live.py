"""The guide open in a listening session, kept in step with its file: stamping, retiming and undo
write the file, and changes made elsewhere (an editor in another window) are read back.

An edit that no longer parses leaves the last good guide in use and reports the errors until the
file is fixed; nothing here raises for a guide's content.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..guide.diagnostics import Diagnostic
from ..guide.model import Cue, Guide, Track
from ..guide.parser import ParseResult
from .guidefile import GuideChanged, GuideFile, GuideRefused
from .stamping import Edit, insert_remark, retime_remark


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit or a reload did."""

    message: str
    """A sentence for the listener."""
    guide: Guide | None = None
    """The new guide, or None when the file did not change or does not parse."""
    line: int = 0
    """The line of the remark an edit touched (1-based), if any."""
    errors: tuple[Diagnostic, ...] = ()
    """Why the file does not parse, when it does not."""
    first: bool = False
    """The session's first write to the guide: the message says where the file is (and that a
    bundled guide was copied there, and the previous version kept)."""


class LiveGuide:
    """A guide and its file during a session."""

    def __init__(self, file: GuideFile, read: tuple[str, ParseResult] | None = None) -> None:
        """Read the file (unless `read` is its text and parse already); the parse must have
        produced a guide."""
        self.file = file
        self.text, result = file.read() if read is None else read
        if result.guide is None:
            raise ValueError(f"{file.path} does not parse")
        self.guide: Guide = result.guide
        self.errors: tuple[Diagnostic, ...] = ()
        self.in_step = True
        """Whether `text` is the text `guide` was parsed from (edits are refused otherwise)."""

    @classmethod
    def open(cls, file: GuideFile) -> tuple[LiveGuide | None, ParseResult]:
        """Read and parse the file once: the live guide (None when it does not parse) and the
        parse, whose diagnostics say what is wrong."""
        text, result = file.read()
        return (cls(file, (text, result)) if result.guide is not None else None), result

    def insert(self, track: Track, seconds: float, length: float | None) -> Change:
        """Add an empty remark at `seconds` to `track`."""
        return self._apply(insert_remark(self.text, track, seconds, length), "Remark added")

    def retime(self, cue: Cue, seconds: float) -> Change:
        """Move a remark to `seconds` (an approximate stamp becomes exact)."""
        return self._apply(retime_remark(self.text, cue, seconds), "Remark retimed")

    def undo(self) -> Change:
        """Put the file back as it was before the last edit of this session."""
        try:
            undone = self.file.undo()
        except GuideChanged as error:
            return Change(str(error))
        except OSError as error:
            return Change(f"could not undo: {error.strerror or error}")
        if not undone:
            return Change("Nothing to undo.")
        if self.file.bundled:
            return self._reread("Undone: your copy was the bundled guide again and was removed.")
        return self._reread("Undone: the guide is as it was before the last edit.")

    def reload_if_changed(self) -> Change | None:
        """Read the file again if it changed on disk since we last read or wrote it."""
        if not self.file.changed_on_disk():
            return None
        return self._reread("The guide changed on disk and was reloaded.")

    def _apply(self, edit: Edit, done: str) -> Change:
        """Write an edit, unless the file changed behind our back (then reload it instead)."""
        if not self.in_step:
            return Change(
                "The guide on disk cannot be used as it is; fix it in your editor first.",
                errors=self.errors,
            )
        try:
            written = self.file.write(self.text, edit.text)
        except GuideChanged as error:
            return self._reread(str(error))
        except GuideRefused as error:
            return Change(str(error))
        except OSError as error:
            return Change(f"could not write {self.file.path}: {error.strerror or error}")
        first = written.copied_from is not None or written.backup is not None
        if not first:
            message = f"{done} at line {edit.line} of {written.path.name}."
        elif written.copied_from is not None:
            message = (
                f"{done}: your first edit copied the bundled guide to {written.path}, "
                f"where every edit goes (line {edit.line}); u undoes."
            )
        else:
            kept = (
                "" if written.backup is None else f"; the previous version is {written.backup.name}"
            )
            message = f"{done}: this writes to {written.path} (line {edit.line}){kept}; u undoes."
        change = self._reread(message)
        return Change(change.message, change.guide, edit.line, change.errors, first)

    def _reread(self, message: str) -> Change:
        """Parse the file again; keep the last good guide when it no longer parses."""
        try:
            self.text, result = self.file.read()
        except OSError as error:
            return Change(f"could not read {self.file.path}: {error.strerror or error}")
        return self._take(result, message)

    def _take(self, result: ParseResult, message: str) -> Change:
        """Adopt a parse result if it produced a guide with tracks; else keep the last good one."""
        self.errors = result.errors
        self.in_step = result.guide is not None and bool(result.guide.tracks)
        if result.guide is None:
            where = ", ".join(str(d.line) for d in self.errors[:3])
            return Change(
                f"{result.path.name} has errors (line {where}); the last good version stays "
                "on screen until they are fixed.",
                errors=self.errors,
            )
        if not result.guide.tracks:
            return Change(
                f"{result.path.name} has no tracks now; the last good version stays on screen."
            )
        self.guide = result.guide
        return Change(message, result.guide)
