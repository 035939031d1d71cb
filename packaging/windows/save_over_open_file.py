"""Save over a file that another process holds open, in each share mode, the way the worksheet is
saved (ivigdesk.safe_files.write_atomically); run by the Windows Python under Wine
(packaging/check_windows_build.sh) or on Windows (.github/workflows/build.yml):

    python save_over_open_file.py SOURCE_FOLDER

Another process opens the target with CreateFileW (read access, the share mode under test) and
keeps it open. A save must then be refused in words ("open in another program ... close it in
the PDF viewer, or save under another name"), leave the old file as it was and leave no
temporary file; a holder that shares deletion may let it through, and then the new file must
be complete. One PASS/FAIL line a share mode; exit status = the number of FAILs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from ivigdesk.safe_files import PARTIAL_PREFIX, FileProblem, write_atomically

HOLD = r"""
import ctypes, sys
from ctypes import wintypes
kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
kernel32.CreateFileW.restype = wintypes.HANDLE
kernel32.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                                 wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
GENERIC_READ, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL = 0x80000000, 3, 0x80
handle = kernel32.CreateFileW(sys.argv[1], GENERIC_READ, int(sys.argv[2]), None, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, None)
if handle in (None, ctypes.c_void_p(-1).value):
    print("cannot open:", ctypes.get_last_error(), flush=True)
    sys.exit(1)
print("held", flush=True)
sys.stdin.read()
"""
SHARE_READ, SHARE_WRITE, SHARE_DELETE = 1, 2, 4
MODES = {
    "no sharing": 0,
    "FILE_SHARE_READ": SHARE_READ,
    "FILE_SHARE_READ|WRITE": SHARE_READ | SHARE_WRITE,
    "FILE_SHARE_READ|DELETE": SHARE_READ | SHARE_DELETE,
    "FILE_SHARE_READ|WRITE|DELETE": SHARE_READ | SHARE_WRITE | SHARE_DELETE,
}
OLD, NEW = b"%PDF-1.4 the old worksheet\n", b"%PDF-1.4 the new worksheet\n"
WORDS = ("open in another program", "close it in the PDF viewer, or save under another name")


def check(name: str, share: int, folder: Path) -> bool:
    target = folder / f"worksheet {share}.pdf"
    target.write_bytes(OLD)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(target), str(share)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        said = holder.stdout.readline().strip() if holder.stdout else ""
        if said != "held":
            print(f"FAIL: {name}: the holder could not open the file ({said})")
            return False
        started = time.monotonic()
        try:
            write_atomically(target, NEW)
            outcome = "saved"
        except FileProblem as problem:
            outcome = problem.reason
        seconds = time.monotonic() - started
    finally:
        if holder.stdin:
            holder.stdin.close()
        holder.wait(30)
    leftovers = [p.name for p in folder.glob(f"{PARTIAL_PREFIX}*")]
    content = target.read_bytes()
    if leftovers:
        print(f"FAIL: {name}: a temporary file was left: {leftovers}")
        return False
    if outcome == "saved":
        if share & SHARE_DELETE and content == NEW:
            print(f"PASS: {name}: the holder shares deletion, so the save went through, complete ({seconds:.2f} s)")
            return True
        print(f"FAIL: {name}: saved over a file held open without shared deletion (content {content!r})")
        return False
    if content != OLD:
        print(f"FAIL: {name}: refused, but the old file changed: {content!r}")
        return False
    if not all(words in outcome for words in WORDS):
        print(f"FAIL: {name}: refused in other words: {outcome!r}")
        return False
    print(f"PASS: {name}: refused after {seconds:.2f} s, old file intact, no temporary: {outcome!r}")
    return True


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        return sum(not check(name, share, Path(temporary)) for name, share in MODES.items())


if __name__ == "__main__":
    sys.exit(main())
