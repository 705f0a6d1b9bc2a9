"""The guide file being edited during a listening session: where edits go, the backup taken the
first time, undo to the exact earlier bytes, and noticing changes made in another window.

Guides shipped inside the package are never written: the first edit copies the guide to the
user's guide folder, and that copy (which then wins over the bundled one) is edited instead. An
undo that makes the copy the bundled guide again removes it, so that it does not hide the
versions of the bundled guide that later releases ship.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..atomic import SHARED, write_atomically
from ..guide.parser import ParseResult, parse_bytes

BACKUP_SUFFIX = ".bak"


class GuideChanged(RuntimeError):
    """The file on disk is no longer the text an edit was based on."""


class GuideRefused(RuntimeError):
    """The edit cannot be written where it would have to go."""


@dataclass(frozen=True, slots=True)
class Written:
    """What writing an edit did besides changing the guide."""

    path: Path
    """The file now holding the guide."""
    copied_from: Path | None = None
    """The bundled guide that was copied to the user's folder first, if any."""
    backup: Path | None = None
    """The backup taken before this session's first edit, if this edit took it."""


@dataclass(slots=True)
class GuideFile:
    """One guide on disk, as this session reads and writes it."""

    path: Path
    bundled: bool = False
    """The file ships with ostguide and must not be written."""
    undo_stack: list[tuple[bytes, bytes]] = field(default_factory=list)
    """(bytes before, bytes after) of each edit, newest last."""
    backed_up: bool = False
    copied_from: Path | None = None
    """The bundled guide this session copied to `path` before its first edit, if any."""
    _seen: tuple[int, int] = (0, 0)

    def read(self) -> tuple[str, ParseResult]:
        """The file's text (exactly as stored, BOM included) and its parse. A file that cannot
        be read counts as seen, so that the failure is reported once, not at every look."""
        self._seen = self._stamp()
        data = self.path.read_bytes()
        return data.decode("utf-8", "replace"), parse_bytes(data, self.path)

    def write(self, before: str, after: str) -> Written:
        """Replace the guide's text `before` by `after`, refusing if the file changed meanwhile."""
        old = before.encode("utf-8")
        if self.path.read_bytes() != old:
            raise GuideChanged(f"{self.path} changed on disk; it was reloaded, try again")
        target, copied_from, backup = self.path, None, None
        if self.bundled:
            target, copied_from = paths.user_guides_dir() / self.path.name, self.path
            if target.exists():
                raise GuideRefused(
                    f"{target} already exists; open it instead of the bundled guide to edit it"
                )
        elif not self.backed_up:
            backup = target.with_name(target.name + BACKUP_SUFFIX)
            shutil.copyfile(target, backup)
        new = after.encode("utf-8")
        write_atomically(target, new, new_mode=SHARED)
        self.path, self.bundled, self.backed_up = target, False, True
        self.copied_from = self.copied_from or copied_from
        self._seen = self._stamp()
        self.undo_stack.append((old, new))
        return Written(target, copied_from, backup)

    def undo(self) -> bool:
        """Put back the bytes from before the last edit; False when there is nothing to undo.
        A copy of a bundled guide that would become the bundled bytes again is removed instead,
        and the bundled guide is the one in use again."""
        if not self.undo_stack:
            return False
        old, new = self.undo_stack[-1]
        if self.path.read_bytes() != new:
            raise GuideChanged(f"{self.path} changed on disk since the last edit; not undoing")
        if self.copied_from is not None and self.copied_from.read_bytes() == old:
            self.path.unlink()
            self.path, self.bundled, self.copied_from = self.copied_from, True, None
        else:
            write_atomically(self.path, old)
        self._seen = self._stamp()
        self.undo_stack.pop()
        return True

    def changed_on_disk(self) -> bool:
        """Whether the file was modified since this session last read or wrote it."""
        return self._stamp() != self._seen

    def _stamp(self) -> tuple[int, int]:
        """(mtime in ns, size) of the file, or zeros when it cannot be read."""
        try:
            info = self.path.stat()
        except OSError:
            return (0, 0)
        return (info.st_mtime_ns, info.st_size)
