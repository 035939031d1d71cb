"""Size and file count of dist/ivigdesk/ beside a bare PySide6 window built the same way.

python benchmarks/size.py            # builds both with PyInstaller, then prints the figures
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder(path: Path) -> tuple[float, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]  # symlinks counted once
    return sum(p.stat().st_size for p in files) / 1_000_000, len(files)


def build(spec: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "packaging" / spec),
            "--noconfirm",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(ROOT / "build"),
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    if "--no-build" not in sys.argv:
        build("ivigdesk.spec")
        build("bare_window.spec")
    ours, ours_files = folder(ROOT / "dist" / "ivigdesk")
    bare, bare_files = folder(ROOT / "dist" / "bare_window")
    print(f"dist/ivigdesk/      {ours:7.1f} MB  {ours_files:5d} files")
    print(f"dist/bare_window/   {bare:7.1f} MB  {bare_files:5d} files")
    print(f"difference          {ours - bare:+7.1f} MB  {ours_files - bare_files:+5d} files")


if __name__ == "__main__":
    main()
