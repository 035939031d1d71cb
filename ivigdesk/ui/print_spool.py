"""The program's private temporary folders for printing (no Qt, imported at start-up).

Qt's print engine on Linux hands CUPS the whole worksheet, identity included, as a temporary
PDF made where ``TMPDIR`` points. While printing, ``TMPDIR`` points at a folder of this print's
own (``<temp>/ivigdesk-print-<user>/<pid>-…``) inside a folder only this user can open (mode
0700). The print holds a lock on that folder while it runs (``flock`` on a lock file in it on
POSIX; on Windows the open lock file cannot be deleted, which is lock enough) and removes the
folder after. At every start the program removes only the folders no running print holds, so a
print cut short by a crash leaves nothing behind for long, and a second IVIG Desk never deletes
the first one's spool file mid-print. (CUPS itself may keep a copy of the job for a time its
administrator sets: ``PreserveJobFiles`` in cupsd.conf.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ivigdesk.safe_files import still_named

if TYPE_CHECKING:
    from collections.abc import Iterator

LOCK = ".lock"  # in each print's folder, held while the print runs
UNLOCKED_GRACE_S = 60.0  # a folder without its lock file yet is being made: left alone this long
LOOSE_FILE_GRACE_S = 3600.0  # a file loose in the user's folder (an older version's): left this long


def folder() -> Path:
    """Where prints are spooled from: one folder per user in the system's temporary folder
    (each print has its own folder inside it)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"ivigdesk-print-{user}"


def _own_private(path: Path) -> bool:
    """``path`` is a real folder (not a link) of this user's that no one else can open."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077 == 0)


def _hold(path: Path) -> int | None:
    """Open ``path`` (made if missing) and take its lock; the open descriptor, or None if another
    process holds it. On Windows the open file is the lock: it cannot be deleted while open."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    if sys.platform != "win32":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
    return fd


def _remove_if_abandoned(sub: Path) -> None:
    """Remove ``sub`` if no running print holds it (its lock file is free, or missing for longer
    than a print takes to make it). The lock is kept while the folder goes, so a print that
    opens the lock file meanwhile finds it gone and makes another folder."""
    lock = sub / LOCK
    if not lock.exists():
        if time.time() - sub.lstat().st_mtime > UNLOCKED_GRACE_S:
            shutil.rmtree(sub)
        return
    if sys.platform == "win32":
        lock.unlink()  # refused (OSError) while the print that made it has it open
        shutil.rmtree(sub)
        return
    fd = _hold(lock)
    if fd is None:
        return  # a running print holds it
    try:
        shutil.rmtree(sub)
    finally:
        os.close(fd)


def clear() -> None:
    """Remove every print's folder whose print is no longer running (at start-up); a folder in
    use by another IVIG Desk is left alone. Errors are ignored: what cannot be removed now is
    tried again next time."""
    path = folder()
    if not _own_private(path):
        return
    with contextlib.suppress(OSError):
        for entry in path.iterdir():
            with contextlib.suppress(OSError):
                info = entry.lstat()
                if stat.S_ISDIR(info.st_mode):
                    _remove_if_abandoned(entry)
                elif time.time() - info.st_mtime > LOOSE_FILE_GRACE_S:
                    entry.unlink()


def _own_folder(root: Path) -> tuple[Path, int]:
    """A new folder for this print in ``root``, and the descriptor of its held lock file (a
    cleaner that took the folder between its making and the lock is noticed: another is made)."""
    for _ in range(5):
        path = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
        fd = _hold(path / LOCK)
        if fd is not None and still_named(fd, path / LOCK):
            return path, fd
        if fd is not None:
            os.close(fd)
    raise OSError(f"another IVIG Desk keeps removing the print folder in {root}")


@contextlib.contextmanager
def private_temp() -> Iterator[Path]:
    """Point ``TMPDIR`` at a folder of this print's own, held while the body runs, then remove it.
    Raises FileProblem (naming the folder) if it cannot be made: nothing is printed then."""
    root = folder()
    try:
        with contextlib.suppress(FileExistsError):
            root.mkdir(mode=0o700)
        if not _own_private(root):  # someone else's, or a link: use a fresh folder of our own instead
            root = Path(tempfile.mkdtemp(prefix="ivigdesk-print-"))
        path, lock = _own_folder(root)
    except OSError as error:
        from ivigdesk.safe_files import FileProblem, reason

        raise FileProblem(root, f"the private print folder cannot be made ({reason(error)})") from error
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(path)
    try:
        yield path
    finally:
        if old is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old
        with contextlib.suppress(OSError):
            for entry in path.iterdir():
                if entry.name != LOCK:
                    with contextlib.suppress(OSError):
                        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        os.close(lock)
        with contextlib.suppress(OSError):
            (path / LOCK).unlink()
            path.rmdir()
        if root != folder():
            with contextlib.suppress(OSError):
                root.rmdir()
