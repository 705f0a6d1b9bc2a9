"""The one way ostguide writes a file, and the one way it reads one.

Writing replaces the file so that a reader, a crash or `kill -9` sees the old contents or the
new, never a mix, and never writes through a link planted where the file goes: a temporary file
is created beside the target (exclusively, so never through a link), written and flushed to
disk, then renamed over the target (a rename replaces a link at the target instead of following
it), and the folder is flushed so that the rename itself survives a power cut. Temporary files
carry the writer's process id; those left by a writer that was killed are removed by the next
write of the same file.

Reading takes regular files only, up to a size: a FIFO named like a CUE sheet would block the
reader for ever, and a link to `/dev/zero` would be read until memory ran out. The file is
opened without waiting (a FIFO cannot block the open), its kind checked on what was opened, and
no more than the limit is read even from a file that grows meanwhile.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .paths import locks_dir

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
    with _temporary_beside(target, new_mode) as (file, temporary):
        yield file
    try:
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    _sync_folder(target.parent)
    remove_stale_temporaries(target)


@contextmanager
def _temporary_beside(target: Path, new_mode: int) -> Iterator[tuple[BinaryIO, str]]:
    """A new temporary file beside `target` to write to, and its name: flushed to disk and given
    the mode the target has (or `new_mode`) when the block ends, removed if the block fails; the
    caller renames or removes it."""
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w+b") as file:
            yield file, temporary
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_to_keep(target, new_mode))
    except BaseException:
        os.unlink(temporary)
        raise


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
    pattern = rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp"
    removed: list[Path] = []
    for candidate, match in _named_beside(target, pattern):
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


class NotARegularFile(OSError):
    """What was to be read is a FIFO, a device or a socket, not a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))


class FileTooLarge(OSError):
    """The file holds more than its reader takes."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(
            errno.EFBIG, f"too large ({_megabytes(size)}; at most {_megabytes(limit)})", str(path)
        )
        self.size = size
        """The file's size (at least: a file that grows is read no further than the limit)."""


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading in binary, when it is a regular file (a link to one is
    followed); `IsADirectoryError` for a folder and `NotARegularFile` for anything else, without
    ever waiting on it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise NotARegularFile(path, kind)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`; `NotARegularFile` for anything else and
    `FileTooLarge` past `limit` bytes (other `OSError`s as reading raises them)."""
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise FileTooLarge(path, size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, len(data), limit)
    return data


class ChangedMeanwhile(RuntimeError):
    """The file is no longer what the write was based on (another program wrote it)."""


def lock_path(path: Path) -> Path:
    """The lock file of `path` (of the file a link at `path` points to), named by a digest of
    its real path in ostguide's folder of locks."""
    target = os.fsencode(os.path.realpath(path))
    return locks_dir() / f"{hashlib.sha256(target).hexdigest()[:32]}.lock"


@contextmanager
def locked(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the lock of `path` (`flock` on its lock file): exclusive to change the file,
    `shared` to read it. Readers and writers of ostguide take turns; other programs are not
    held back (see `replace_if_unchanged`). Where no lock file can be made (the folder of locks
    cannot be written), a reader reads without one; a writer gets the error."""
    lock = lock_path(path)
    try:
        lock.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError:
        if not shared:
            raise
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def replace_if_unchanged(
    path: Path, expected: bytes | None, data: bytes, *, new_mode: int = SHARED
) -> None:
    """Make `data` the contents of the file `path` names (through a link), if it holds
    `expected` (None: if there is no file yet); else `ChangedMeanwhile`, and the file is left
    as the other writer made it.

    Under the file's lock (ostguide's other writers wait), the new file is written beside it;
    then the file is moved aside by a rename, which takes exactly what is there at that moment,
    compared with `expected`, and the new file linked in its place, which fails if something was
    created there since. So an editor's save landing at any moment is either compared (and the
    write refused) or kept. Between the rename and the link the name is briefly free: a reader
    of ostguide waits on the lock meanwhile, and a file left aside by a killed writer is put
    back by `restore_set_aside`.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target):
        restore_set_aside(target)
        with _temporary_beside(target, new_mode) as (file, temporary):
            file.write(data)
        aside = target.parent / f".{target.name}.{os.getpid()}.aside"
        try:
            _swap(target, aside, temporary, expected)
        finally:
            _put_back(aside, target)  # whatever failed, the name never stays free
            for left in (temporary, aside):
                with suppress(FileNotFoundError):
                    os.unlink(left)
        _sync_folder(target.parent)
    remove_stale_temporaries(target)


def _swap(target: Path, aside: Path, temporary: str, expected: bytes | None) -> None:
    """Put `temporary` at `target` if `target` holds `expected`; see `replace_if_unchanged`."""
    if expected is None:
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise ChangedMeanwhile(f"{target} was created meanwhile") from None
        return
    try:
        os.rename(target, aside)
    except FileNotFoundError:
        raise ChangedMeanwhile(f"{target} was removed meanwhile") from None
    with open_regular(aside) as held:
        before = os.fstat(held.fileno())
        found = held.read(len(expected) + 1)
        if found != expected:
            raise ChangedMeanwhile(f"{target} changed meanwhile")
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise ChangedMeanwhile(f"{target} was saved again meanwhile") from None
        after = os.fstat(held.fileno())
    if (after.st_ctime_ns, after.st_size) != (before.st_ctime_ns, before.st_size):
        os.replace(aside, target)  # written in place while compared: that save wins
        raise ChangedMeanwhile(f"{target} changed meanwhile")


def _put_back(aside: Path, target: Path) -> None:
    """Return the file moved aside (if it still is), unless another took its name meanwhile."""
    with suppress(FileNotFoundError, FileExistsError):
        os.link(aside, target)


def restore_set_aside(target: Path) -> bool:
    """Put back a file that `replace_if_unchanged` moved aside and whose writer was killed
    before linking the new one in; True if one was. Only when nothing has the name now."""
    if target.exists() or target.is_symlink():
        return False
    for aside, match in _named_beside(target, rf"\.{re.escape(target.name)}\.(\d+)\.aside"):
        if _left_behind(int(match.group(1)), 0.0):
            with suppress(FileNotFoundError, FileExistsError):
                os.link(aside, target)
                os.unlink(aside)
                return True
    return False


def _named_beside(target: Path, pattern: str) -> Iterator[tuple[Path, re.Match[str]]]:
    """The files in `target`'s folder whose whole name matches `pattern` (none when the folder
    cannot be read)."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = re.fullmatch(pattern, name)
        if match is not None:
            yield target.parent / name, match
