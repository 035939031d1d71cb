"""Size and file count of dist/ivigdesk/ beside a bare PySide6 window built with PyInstaller's
defaults, and the check CI runs on the built folder.

    python benchmarks/size.py              # builds both, then prints the figures
    python benchmarks/size.py --no-build   # prints the figures of what is already built
    python benchmarks/size.py --check      # fails if dist/ivigdesk/ is past the aim (CI)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIM_MB = 163  # a bare PySide6 window's onedir with PyInstaller's defaults, measured on Linux
AIM_FILES = 200


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
    args = parser.parse_args()
    if args.check:
        size, files = folder(ROOT / "dist" / "ivigdesk")
        print(f"dist/ivigdesk/ {size:.1f} MB in {files} files (aim: at most {AIM_MB} MB and {AIM_FILES} files)")
        sys.exit(0 if size <= AIM_MB and files <= AIM_FILES else 1)
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
