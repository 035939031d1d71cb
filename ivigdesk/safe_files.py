"""Reading and writing files so that every operating-system error becomes a refusal that names
the file and the reason, reads are bounded, and a failed save leaves the old file as it was.

Qt-free and dependency-free: the knowledge base, the site and settings files and the worksheet
all go through here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path

PARTIAL_PREFIX = ".ivigdesk-saving-"
PARTIAL_SUFFIX = ".part"


class FileProblem(Exception):
    """A file cannot be read or written; ``reason`` is in words, ``path`` names the file."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class FileMissing(FileProblem):
    """The file is not there (or is not a regular file)."""


def reason(error: OSError) -> str:
    """An operating-system error in words: 'permission denied', 'no space left on device'."""
    words = error.strerror or (os.strerror(error.errno) if error.errno else "") or str(error)
    return words[0].lower() + words[1:] if words else "the system gave no reason"


def read_bounded(item: Path | Traversable, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; never reads more than ``limit + 1``."""
    try:
        if not item.is_file():
            raise FileMissing(item, "it is missing (or is not a file)")
        with item.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise FileProblem(item, f"it cannot be read ({reason(error)})") from error
    if len(raw) > limit:
        raise FileProblem(item, f"the file holds more than {limit:,} bytes; the limit is {limit:,}")
    return raw


def _read_only(path: Path) -> bool:
    mode = path.stat().st_mode
    if not mode & stat.S_IWUSR:
        return True
    attributes = getattr(path.stat(), "st_file_attributes", 0)  # Windows' read-only attribute
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_READONLY", 0))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- partial files: each save holds its own, and the next save removes any nobody holds -----------


def _hold(fd: int) -> bool:
    """Take the lock a save keeps on its partial file while it writes (POSIX ``flock``; False if
    another save holds it). On Windows an open file cannot be deleted, which is lock enough."""
    if sys.platform != "win32":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
    return True


def still_named(fd: int, path: str | Path) -> bool:
    """Whether ``path`` is still the file open as ``fd`` (not removed or replaced meanwhile)."""
    try:
        mine, named = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def _remove_stale_partials(folder: Path) -> None:
    """Remove the partial files a killed or failed IVIG Desk save left in ``folder``, whatever their
    age, unless another save is writing one now (it holds it: see :func:`_hold`)."""
    with contextlib.suppress(OSError):
        for item in folder.glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
            with contextlib.suppress(OSError):
                if not stat.S_ISREG(item.lstat().st_mode):
                    continue  # not a file this program made
                if sys.platform == "win32":
                    item.unlink()  # refused while a save has it open
                else:
                    fd = os.open(item, os.O_RDONLY | os.O_NOFOLLOW)
                    try:
                        if _hold(fd) and still_named(fd, item):
                            item.unlink()
                    finally:
                        os.close(fd)


def _new_partial(folder: Path) -> tuple[int, str]:
    """A new partial file in ``folder``, open and held (a cleaning save that took it between its
    creation and the lock is noticed, and another is made)."""
    for _ in range(5):
        fd, temporary = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=folder)
        if sys.platform == "win32":
            return fd, temporary  # no cleaning save can delete a file that is open there
        else:
            if _hold(fd) and still_named(fd, temporary):
                return fd, temporary
            os.close(fd)
    raise OSError(errno.EBUSY, "another save keeps removing its temporary file")


# -- the mode a saved file gets ------------------------------------------------------------------


def _umask() -> int:
    """The process's umask (read without changing it where Linux shows it)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The permissions a save of ``path`` gets: those of the file it replaces (so colleagues who
    could open it still can), or, for a new file, what any new file gets (0o666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o777
    except OSError:
        return 0o666 & ~_umask()


# Windows refuses to replace a file another program holds open: ERROR_ACCESS_DENIED (5) or
# ERROR_SHARING_VIOLATION (32). Antivirus and the search indexer hold new files for a moment, so
# the replace is tried again for about a second before the save is refused.
_HELD_OPEN = {5, 32}
_RETRY_DELAYS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.25)


def _held_open(error: OSError, path: Path) -> bool:
    return getattr(error, "winerror", None) in _HELD_OPEN and path.exists()


def _replace(temporary: str, path: Path) -> None:
    """``os.replace``, tried again briefly while Windows says another program holds ``path``."""
    for delay in (*_RETRY_DELAYS, None):
        try:
            os.replace(temporary, path)
            return
        except PermissionError as error:
            if delay is None or not _held_open(error, path):
                raise
            time.sleep(delay)


def write_atomically(path: Path, data: bytes, check: Callable[[bytes], str | None] | None = None) -> Path:
    """Write ``data`` to ``path``: to a temporary file in the same folder, flushed to disk, read
    back and checked (``check`` returns what is wrong, or None), then put in place in one step.

    On any failure the temporary file is removed, ``path`` is left exactly as it was, and
    :class:`FileProblem` says why. A read-only ``path`` is refused, not replaced.
    """
    path = Path(path)
    folder = path.parent
    problem = check(data) if check is not None else None
    if problem:
        raise FileProblem(path, f"nothing was written: {problem}")
    _refuse_unwritable(path)
    _remove_stale_partials(folder)
    mode = _mode_for(path)
    try:
        fd, temporary = _new_partial(folder)
    except OSError as error:
        raise FileProblem(path, f"it cannot be written in {folder} ({reason(error)})") from error
    held = sys.platform != "win32"  # POSIX: the lock stays until the file is in place
    try:
        try:
            _write_all(fd, data, mode)
        finally:
            if not held:
                os.close(fd)  # Windows renames no open file
        with open(temporary, "rb") as handle:
            written = handle.read(len(data) + 1)
        if written != data:
            raise FileProblem(path, "the file read back differs from what was written")
        _replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _not_saved(path, error) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        if held:
            os.close(fd)
    _sync_folder(folder)
    return path


def _refuse_unwritable(path: Path) -> None:
    """Refuse, before anything is written, a folder, a missing folder or a read-only file."""
    try:
        if path.is_dir():
            raise FileProblem(path, "this is a folder; give a file name")
        if not path.parent.is_dir():
            raise FileProblem(path, f"the folder {path.parent} does not exist")
        if path.exists() and _read_only(path):
            raise FileProblem(path, "the file is read-only; choose another name or make it writable")
    except OSError as error:
        raise FileProblem(path, f"it cannot be written ({reason(error)})") from error


def _write_all(fd: int, data: bytes, mode: int) -> None:
    """Give the temporary file its mode, write every byte and flush it to disk."""
    if sys.platform != "win32":
        os.fchmod(fd, mode)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _not_saved(path: Path, error: OSError) -> FileProblem:
    """The refusal for a save that failed while writing or putting the file in place."""
    if error.errno == errno.ENAMETOOLONG:
        return FileProblem(path, "the file name is too long")
    if _held_open(error, path):
        return FileProblem(
            path,
            "it was not saved: the file is open in another program; close it in the PDF viewer, "
            "or save under another name",
        )
    return FileProblem(path, f"it was not saved ({reason(error)})")
