"""Replacing a file so that a reader, a crash or `kill -9` sees the old contents or the new, never
a mix: write a temporary file in the same folder, flush it to disk, then rename it over the old one.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

PRIVATE = 0o600
"""Settings and state: the owner's business."""
SHARED = 0o644
"""Documents such as guides, meant to be read and passed around like any other file."""


def write_atomically(path: Path, data: bytes, *, new_mode: int = PRIVATE) -> None:
    """Make `data` the contents of `path` in one step, creating its folder if needed.

    A symbolic link is written through (its target is replaced, the link stays), and the mode of a
    file being replaced is kept; a new file gets `new_mode` (by default readable by its owner
    only). If anything fails, the temporary file is removed, the old file is untouched and the
    error propagates.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else new_mode
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


class FileExistsAlready(FileExistsError):
    """A file is already there and overwriting it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists: use --force to overwrite it, or -o FILE to write elsewhere"
        )
        self.path = path


def create_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write a new document (readable by others, as editors create them) atomically; an existing
    file is replaced only with `force`."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if path.exists() and not force:
        raise FileExistsAlready(path)
    try:
        write_atomically(path, data, new_mode=SHARED)
    except OSError as error:  # name the file asked for, not the temporary one beside it
        raise OSError(error.errno, error.strerror, str(path)) from error
