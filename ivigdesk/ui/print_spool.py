"""The program's private temporary folder for printing (no Qt, imported at start-up).

Qt's print engine on Linux hands CUPS the whole worksheet, identity included, as a temporary
PDF made where ``TMPDIR`` points. While printing, ``TMPDIR`` points at a folder only this user
can open (``<temp>/ivigdesk-print-<user>``, mode 0700); it is emptied after every print and at
every start, so a print cut short by a crash leaves nothing behind for long. (CUPS itself may keep
a copy of the job for a time its administrator sets: ``PreserveJobFiles`` in cupsd.conf.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


def folder() -> Path:
    """Where prints are spooled from: one folder per user in the system's temporary folder."""
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


def clear() -> None:
    """Empty the private folder (at start-up and after each print); errors are ignored: a file
    that cannot be removed now is tried again next time."""
    path = folder()
    if not _own_private(path):
        return
    for entry in path.iterdir():
        with contextlib.suppress(OSError):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


@contextlib.contextmanager
def private_temp() -> Iterator[Path]:
    """Point ``TMPDIR`` at the private folder while the body runs, then empty it."""
    path = folder()
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    if not _own_private(path):  # someone else's, or a link: use a fresh folder of our own instead
        path = Path(tempfile.mkdtemp(prefix="ivigdesk-print-"))
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(path)
    try:
        yield path
    finally:
        if old is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old
        for entry in path.iterdir():
            with contextlib.suppress(OSError):
                entry.unlink()
        if path != folder():
            with contextlib.suppress(OSError):
                path.rmdir()
