"""The guide file being edited during a listening session: where edits go, the backup taken the
first time, undo to the exact earlier bytes, and noticing changes made in another window.

Guides shipped inside the package are never written: the first edit copies the guide to the
user's guide folder, and that copy (which then wins over the bundled one) is edited instead. An
undo that makes the copy the bundled guide again removes it, so that it does not hide the
versions of the bundled guide that later releases ship.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..atomic import (
    SHARED,
    ChangedMeanwhile,
    locked,
    read_regular,
    replace_if_unchanged,
    restore_set_aside,
    write_atomically,
)
from ..guide.limits import MAX_BYTES
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


@dataclass(frozen=True, slots=True)
class _Edit:
    """One edit as undo needs it: the bytes it replaced and what it put there, and the file after.

    Only the changed stretch is kept (a stamp is a line or two), not two copies of the whole file:
    a session of thousands of stamps would otherwise hold thousands of copies of the guide.
    """

    start: int
    """Where the changed stretch begins (bytes in common at the front)."""
    before: bytes
    """What was there before the edit."""
    after: bytes
    """What the edit put there."""
    digest: bytes
    """SHA-256 of the whole file after the edit, to notice a change made elsewhere since."""

    @classmethod
    def between(cls, old: bytes, new: bytes) -> _Edit:
        """The edit that turned `old` into `new`."""
        start = _common_prefix(old, new)
        end = _common_prefix(old[start:][::-1], new[start:][::-1])
        return cls(start, old[start : len(old) - end], new[start : len(new) - end], _digest(new))

    def undone(self, current: bytes) -> bytes | None:
        """The file before the edit, or None when `current` is not the file the edit left."""
        if _digest(current) != self.digest:
            return None
        return current[: self.start] + self.before + current[self.start + len(self.after) :]


def _common_prefix(a: bytes, b: bytes) -> int:
    """How many bytes `a` and `b` have in common at the front (slices compared in C, halving)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _read(path: Path, *, lock: bool = True) -> bytes:
    """A guide's bytes (a regular file, no larger than a guide may be), read while no other
    ostguide is writing it (unless `lock` is off: a bundled guide, never written); a guide
    another ostguide was killed writing is put back first."""
    with locked(path, shared=True) if lock else nullcontext():
        try:
            return read_regular(path, MAX_BYTES)
        except FileNotFoundError:
            if not restore_set_aside(Path(os.path.realpath(path))):
                raise
        return read_regular(path, MAX_BYTES)


def _replace(path: Path, expected: bytes | None, new: bytes, backup: Path | None = None) -> None:
    """Write `new` over the guide if it holds `expected` (None: if it does not exist yet),
    taking `backup` of `expected` first; `GuideChanged` when it does not."""
    if backup is not None and expected is not None:
        write_atomically(backup, expected, new_mode=SHARED)
    try:
        replace_if_unchanged(path, expected, new)
    except ChangedMeanwhile:
        raise GuideChanged(f"{path} changed on disk; it was reloaded, try again") from None


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@dataclass(slots=True)
class GuideFile:
    """One guide on disk, as this session reads and writes it."""

    path: Path
    bundled: bool = False
    """The file ships with ostguide and must not be written."""
    undo_stack: list[_Edit] = field(default_factory=list)
    """Each edit of this session, newest last."""
    backed_up: bool = False
    copied_from: Path | None = None
    """The bundled guide this session copied to `path` before its first edit, if any."""
    _seen: tuple[int, int] = (0, 0)

    def read(self) -> tuple[str, ParseResult]:
        """The file's text (exactly as stored, BOM included) and its parse. A file that cannot
        be read counts as seen, so that the failure is reported once, not at every look."""
        self._seen = self._stamp()
        data = _read(self.path, lock=not self.bundled)
        return data.decode("utf-8", "replace"), parse_bytes(data, self.path)

    def write(self, before: str, after: str) -> Written:
        """Replace the guide's text `before` by `after`, refusing if the file changed meanwhile
        (another ostguide stamping, an editor saving: the check and the replacement are one
        step, see `atomic.replace_if_unchanged`)."""
        old = before.encode("utf-8")
        target, copied_from, backup = self.path, None, None
        if self.bundled:
            target, copied_from = paths.user_guides_dir() / self.path.name, self.path
            if _read(self.path, lock=False) != old:
                raise GuideChanged(f"{self.path} changed on disk; it was reloaded, try again")
            if target.exists() or target.is_symlink():
                raise GuideRefused(
                    f"{target} already exists; open it instead of the bundled guide to edit it"
                )
        elif not self.backed_up:
            backup = target.with_name(target.name + BACKUP_SUFFIX)
        new = after.encode("utf-8")
        _replace(target, None if self.bundled else old, new, backup)
        self.path, self.bundled, self.backed_up = target, False, True
        self.copied_from = self.copied_from or copied_from
        self._seen = self._stamp()
        self.undo_stack.append(_Edit.between(old, new))
        return Written(target, copied_from, backup)

    def undo(self) -> bool:
        """Put back the bytes from before the last edit; False when there is nothing to undo.
        A copy of a bundled guide that would become the bundled bytes again is removed instead,
        and the bundled guide is the one in use again."""
        if not self.undo_stack:
            return False
        current = _read(self.path)
        old = self.undo_stack[-1].undone(current)
        if old is None:
            raise GuideChanged(f"{self.path} changed on disk since the last edit; not undoing")
        if self.copied_from is not None and _read(self.copied_from, lock=False) == old:
            self.path.unlink()
            self.path, self.bundled, self.copied_from = self.copied_from, True, None
        else:
            _replace(self.path, current, old)
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
