"""The one way ostguide writes a file: replacing it so that a reader, a crash or `kill -9` sees the
old contents or the new, never a mix, and never writing through a link planted where the file goes.

A temporary file is created beside the target (exclusively, so never through a link), written and
flushed to disk, then renamed over the target (a rename replaces a link at the target instead of
following it), and the folder is flushed so that the rename itself survives a power cut. Temporary
files carry the writer's process id; those left by a writer that was killed are removed by the next
write of the same file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

PRIVATE = 0o600
"""Settings and state: the owner's business."""
SHARED = 0o644
"""Documents such as guides, meant to be read and passed around like any other file."""
ORPHAN_AGE = 3600.0
"""Seconds after which a temporary file without a process id (older versions) counts as left."""


def write_atomically(
    path: Path, data: bytes, *, new_mode: int = PRIVATE, through_link: bool = False
) -> None:
    """Make `data` the contents of `path` in one step, creating its folder if needed.

    A symbolic link at `path` is replaced by the new file unless `through_link` is set: then its
    target is replaced and the link stays (for files the user points at on purpose, such as a
    config kept with their dotfiles, or the guide they opened). The mode of a regular file being
    replaced is kept; a new file gets `new_mode` (by default readable by its owner only). If
    anything fails, the temporary file is removed, the old file is untouched and the error
    propagates.
    """
    with writing_atomically(path, new_mode=new_mode, through_link=through_link) as file:
        file.write(data)


@contextmanager
def writing_atomically(
    path: Path, *, new_mode: int = PRIVATE, through_link: bool = False
) -> Iterator[BinaryIO]:
    """`write_atomically` for contents written piece by piece (a decoded copy of a long file):
    the temporary file to write to; it becomes `path` when the block ends without an error."""
    if through_link:
        target = Path(os.path.realpath(path))
    else:
        target = Path(os.path.realpath(path.parent)) / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w+b") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_to_keep(target, new_mode))
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    _sync_folder(target.parent)
    remove_stale_temporaries(target)


def _mode_to_keep(target: Path, new_mode: int) -> int:
    """The permission bits of the regular file at `target` (links not followed), else `new_mode`."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return new_mode
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else new_mode


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename has happened all the same
    finally:
        os.close(fd)


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files of `target` that writers killed before renaming left behind.

    Only regular files named as `write_atomically` names them, owned by this user, and either
    made by a process that no longer exists or (without a process id) older than `ORPHAN_AGE`.
    Returns what was removed; a folder that cannot be read is left alone.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        candidate = target.parent / name
        try:
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                pid = match.group(1)
                if _left_behind(int(pid) if pid else None, info.st_mtime):
                    candidate.unlink()
                    removed.append(candidate)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _left_behind(pid: int | None, mtime: float) -> bool:
    """Whether the writer of a temporary file is gone: its process ended, or it is too old."""
    if pid is None:
        return time.time() - mtime > ORPHAN_AGE
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # a process of another user holds that id: the file is not ours to judge
    return False


class FileExistsAlready(FileExistsError):
    """A file is already there and overwriting it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists: use --force to overwrite it, or -o FILE to write elsewhere"
        )
        self.path = path


def create_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write a new document (readable by others, as editors create them) atomically; an existing
    file is replaced only with `force`, and a link where it goes is replaced, never followed."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if (path.exists() or path.is_symlink()) and not force:
        raise FileExistsAlready(path)
    try:
        write_atomically(path, data, new_mode=SHARED)
    except OSError as error:  # name the file asked for, not the temporary one beside it
        raise OSError(error.errno, error.strerror, str(path)) from error
