"""The guide file being edited during a listening session: where edits go, the backup taken the
first time, undo to the exact earlier bytes, and noticing changes made in another window.

Guides shipped inside the package are never written: the first edit copies the guide to the
user's guide folder, and that copy (which then wins over the bundled one) is edited instead.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..atomic import write_atomically
from ..guide.parser import ParseResult, parse_bytes

BACKUP_SUFFIX = ".bak"


class GuideChanged(RuntimeError):
    """The file on disk is no longer the text an edit was based on."""


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
    _seen: tuple[int, int] = (0, 0)

    def read(self) -> tuple[str, ParseResult]:
        """The file's text (exactly as stored, BOM included) and its parse."""
        data = self.path.read_bytes()
        self._seen = self._stamp()
        return data.decode("utf-8", "replace"), parse_bytes(data, self.path)

    def write(self, before: str, after: str) -> Written:
        """Replace the guide's text `before` by `after`, refusing if the file changed meanwhile."""
        old = before.encode("utf-8")
        if self.path.read_bytes() != old:
            raise GuideChanged(f"{self.path} changed on disk; it was reloaded, try again")
        copied_from = None
        if self.bundled:
            copied_from, self.path = self.path, paths.user_guides_dir() / self.path.name
            if self.path.exists():
                raise GuideChanged(
                    f"{self.path} already exists; open it instead of the bundled guide to edit it"
                )
            self.bundled = False
            self.backed_up = True
        backup = None
        if not self.backed_up:
            backup = self.path.with_name(self.path.name + BACKUP_SUFFIX)
            shutil.copyfile(self.path, backup)
            self.backed_up = True
        new = after.encode("utf-8")
        write_atomically(self.path, new)
        self._seen = self._stamp()
        self.undo_stack.append((old, new))
        return Written(self.path, copied_from, backup)

    def undo(self) -> bool:
        """Put back the bytes from before the last edit; False when there is nothing to undo."""
        if not self.undo_stack:
            return False
        old, new = self.undo_stack[-1]
        if self.path.read_bytes() != new:
            raise GuideChanged(f"{self.path} changed on disk since the last edit; not undoing")
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
