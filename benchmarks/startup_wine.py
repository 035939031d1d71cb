"""Launch to first paint and to ready of the frozen Windows program under Wine, beside a bare
PySide6 window frozen the same way (the Windows PyInstaller, defaults), as benchmarks/startup.py
does on Linux. Absolute times under Wine mean little; the ratio is the figure.

Run by ``packaging/check_windows_build.sh --benchmark RUNS``, which builds both folders, makes
the Wine prefix and its display, and sets WINEPREFIX and DISPLAY:

    python benchmarks/startup_wine.py IVIGDESK_EXE BARE_WINDOW_EXE [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import one_launch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ivigdesk", type=Path)
    parser.add_argument("bare", type=Path)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    settings = tempfile.mkdtemp(prefix="ivigdesk-bench-")  # a first launch: no saved settings or place
    env = dict(os.environ) | {"APPDATA": settings}
    launches = {
        "bare window (frozen)": ["wine", str(args.bare)],
        "IVIG Desk (frozen)": ["wine", str(args.ivigdesk), "--exit-when-ready"],
    }
    for command in launches.values():  # warm the file cache and Wine
        one_launch(command, env)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in launches}
    for _ in range(args.runs):  # interleaved, so drift in the machine's load affects both alike
        for name, command in launches.items():
            samples[name].append(one_launch(command, env))

    def median(name: str, figure: str) -> float:
        return statistics.median(s[figure] for s in samples[name])

    bare = median("bare window (frozen)", "first paint")
    print(f"Wine, median of {args.runs} interleaved launches; × = multiple of the bare window's first paint")
    for name in samples:
        first, ready = median(name, "first paint"), median(name, "ready")
        print(f"  {name:22} first paint {first:6.3f} s {first / bare:5.2f}×  ready {ready:6.3f} s {ready / bare:5.2f}×")


if __name__ == "__main__":
    main()
