"""Launch to first paint, and launch to ready (the first frame painted with the inputs enabled,
when the user can type), for IVIG Desk and for a bare PySide6 window, from source and frozen;
with each program's peak resident memory at that point.

Every command runs once to warm the file cache (and, from source, to write its bytecode), then
the commands take turns, so drift in the machine's load affects each alike. Medians are printed
with each figure as a multiple of the bare window's first paint, measured in the same run.

    xvfb-run -a -s "-screen 0 1366x768x24" python benchmarks/startup.py --runs 15
    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXE = ".exe" if sys.platform == "win32" else ""
FROZEN = HERE.parent / "dist" / "ivigdesk" / f"ivigdesk{EXE}"
FROZEN_BARE = HERE.parent / "dist" / "bare_window" / f"bare_window{EXE}"  # built by benchmarks/size.py


def one_launch(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to ``first-paint`` and to ``ready`` (a bare window is ready when it has
    painted), and the peak resident memory in MB, as the program prints them."""
    start = time.time()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    printed = dict(line.split(maxsplit=1) for line in done.stdout.splitlines() if " " in line)
    first = float(printed["first-paint"]) - start
    figures = {"first paint": first, "ready": float(printed.get("ready", printed["first-paint"])) - start}
    if printed.get("peak-rss-kb", "None") != "None":
        figures["peak MB"] = float(printed["peak-rss-kb"]) / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    settings = tempfile.mkdtemp(prefix="ivigdesk-bench-")  # a first launch: no settings, no saved place
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"XDG_CONFIG_HOME": settings, "APPDATA": settings}
    commands = {
        "bare window (source)": [sys.executable, str(HERE / "bare_window.py")],
        "IVIG Desk (source)": [sys.executable, "-m", "ivigdesk", "--exit-when-ready"],
    }
    if FROZEN_BARE.exists():
        commands["bare window (frozen)"] = [str(FROZEN_BARE)]
    if FROZEN.exists():
        commands["IVIG Desk (frozen)"] = [str(FROZEN), "--exit-when-ready"]
    for command in commands.values():  # warm the file cache and write the bytecode
        one_launch(command, env)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(one_launch(command, env))
    bare = statistics.median(s["first paint"] for s in samples["bare window (source)"])
    print(f"median of {args.runs} interleaved launches; × = multiple of the bare window's first paint ({bare:.3f} s)")
    print(f"  {'':22} {'first paint':>17} {'ready':>17} {'peak memory':>12}")
    for name, runs in samples.items():
        first = statistics.median(s["first paint"] for s in runs)
        ready = statistics.median(s["ready"] for s in runs)
        memory = [s["peak MB"] for s in runs if "peak MB" in s]
        peak = f"{statistics.median(memory):7.1f} MB" if memory else "       –"
        print(f"  {name:22} {first:7.3f} s {first / bare:5.2f}× {ready:7.3f} s {ready / bare:5.2f}×  {peak}")


if __name__ == "__main__":
    main()
