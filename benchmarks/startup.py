"""Launch-to-first-paint: IVIG Desk from source (and frozen, if built) beside a bare PySide6 window.

Each figure is the median wall time of several launches, measured in the same run. Run under a
real display (e.g. ``xvfb-run -s "-screen 0 1366x768x24" python benchmarks/startup.py``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXE = ".exe" if sys.platform == "win32" else ""
FROZEN = HERE.parent / "dist" / "ivigdesk" / f"ivigdesk{EXE}"
FROZEN_BARE = HERE.parent / "dist" / "bare_window" / f"bare_window{EXE}"  # built by benchmarks/size.py


def launch_seconds(command: list[str], runs: int) -> list[float]:
    """Seconds from launch to the first paint, which each program prints as ``first-paint <epoch>``
    (work a program does after its paint, before it exits, is not counted)."""
    times = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        painted = next(float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("first-paint"))
        times.append(painted - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    commands = {
        "bare PySide6 window": [sys.executable, str(HERE / "bare_window.py")],
        "IVIG Desk (source)": [sys.executable, "-m", "ivigdesk", "--exit-after-startup"],
    }
    if FROZEN_BARE.exists():
        commands["bare window (frozen)"] = [str(FROZEN_BARE)]
    if FROZEN.exists():
        commands["IVIG Desk (frozen)"] = [str(FROZEN), "--exit-after-startup"]
    for command in commands.values():  # warm the file cache once
        launch_seconds(command, 1)
    medians = {}
    # interleave the runs so drift in machine load affects every command alike
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name] += launch_seconds(command, 1)
    for name, times in samples.items():
        medians[name] = statistics.median(times)
    bare = medians["bare PySide6 window"]
    frozen_bare = medians.get("bare window (frozen)")
    print(f"launch to first paint, median of {args.runs} runs:")
    for name, median in medians.items():
        line = f"  {name:<22} {median:6.3f} s   {median / bare:4.2f}× bare"
        if frozen_bare and "frozen" in name:
            line += f"   {median / frozen_bare:4.2f}× frozen bare"
        print(line)


if __name__ == "__main__":
    main()
