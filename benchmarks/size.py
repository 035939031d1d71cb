"""Size and file count of dist/ivigdesk/ beside a bare PySide6 window built with PyInstaller's
defaults, and the check CI runs on the built folder.

    python benchmarks/size.py              # builds both, then prints the figures
    python benchmarks/size.py --no-build   # prints the figures of what is already built
    python benchmarks/size.py --check      # fails if dist/ivigdesk/ is past the aim (CI)
    python benchmarks/size.py --check --windows dist/windows/ivigdesk   # and the Windows folder

The Windows folder is built under Wine by packaging/check_windows_build.sh (WINDOWS_DIST_COPY
says where it is copied); ``--check`` checks it when given, or when dist/windows/ivigdesk exists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIM_MB = 163  # a bare PySide6 window's onedir with PyInstaller's defaults, measured on Linux
AIM_FILES = 200
# the Windows folder as lean.py leaves it, 59.4 MB in 74 files (packaging/README.md), with a
# margin; lean.py matching nothing on Windows (as it once did) gave 87.8 MB in 186 files
WINDOWS_AIM_MB = 63
WINDOWS_AIM_FILES = 80
WINDOWS_DEFAULT = ROOT / "dist" / "windows" / "ivigdesk"


def folder(path: Path) -> tuple[float, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]  # symlinks counted once
    return sum(p.stat().st_size for p in files) / 1_000_000, len(files)


def build(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", *arguments, "--noconfirm", "--distpath", str(ROOT / "dist"),
         "--workpath", str(ROOT / "build")],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--windows", type=Path, help="the Windows onedir to check too (default: dist/windows/ivigdesk)")
    args = parser.parse_args()
    if args.check:
        size, files = folder(ROOT / "dist" / "ivigdesk")
        print(f"dist/ivigdesk/ {size:.1f} MB in {files} files (aim: at most {AIM_MB} MB and {AIM_FILES} files)")
        passed = size <= AIM_MB and files <= AIM_FILES
        windows = args.windows or (WINDOWS_DEFAULT if WINDOWS_DEFAULT.is_dir() else None)
        if windows is not None:
            if not (windows / "ivigdesk.exe").is_file():
                print(f"{windows}: no ivigdesk.exe, so it is not a Windows build")
                sys.exit(1)
            size, files = folder(windows)
            print(
                f"{windows} (Windows) {size:.1f} MB in {files} files "
                f"(aim: at most {WINDOWS_AIM_MB} MB and {WINDOWS_AIM_FILES} files)"
            )
            passed = passed and size <= WINDOWS_AIM_MB and files <= WINDOWS_AIM_FILES
        sys.exit(0 if passed else 1)
    if not args.no_build:
        build(str(ROOT / "packaging" / "ivigdesk.spec"))
        build("--onedir", "--windowed", "--name", "bare_window", str(ROOT / "benchmarks" / "bare_window.py"))
    ours, ours_files = folder(ROOT / "dist" / "ivigdesk")
    bare, bare_files = folder(ROOT / "dist" / "bare_window")
    print(f"dist/ivigdesk/                      {ours:7.1f} MB  {ours_files:5d} files")
    print(f"dist/bare_window/ (defaults)        {bare:7.1f} MB  {bare_files:5d} files")
    print(f"difference                          {ours - bare:+7.1f} MB  {ours_files - bare_files:+5d} files")


if __name__ == "__main__":
    main()
