"""Launch to first paint, and launch to ready (the first frame painted with the inputs enabled,
when the user can type), for IVIG Desk and for a bare PySide6 window, from source and frozen;
with each program's peak resident memory at ready and once settled (IVIG Desk fills its menus
and builds pint's registry just after the ready frame).

Every command runs once to warm the file cache (and, from source, to write its bytecode), then
the commands take turns, so drift in the machine's load affects each alike. Medians are printed
with each figure as a multiple of the bare window's, measured in the same run and built the same
way (from source, or frozen by ``benchmarks/size.py``).

    xvfb-run -a -s "-screen 0 1366x768x24" python benchmarks/startup.py --runs 15
    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py

``--window-alone`` adds IVIG Desk with its knowledge base refused at once (a site file that is
not there): the settings, the theme and the window with no data loaded, to show what the window
itself costs beside the bare one. Its "ready" frame is the one saying why nothing is calculated.
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
        figures["settled MB"] = float(printed["peak-rss-kb"]) / 1024
        figures["ready MB"] = float(printed.get("ready-peak-rss-kb", printed["peak-rss-kb"])) / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--window-alone", action="store_true", help="also time the window with no data loaded")
    args = parser.parse_args()
    settings = tempfile.mkdtemp(prefix="ivigdesk-bench-")  # a first launch: no settings, no saved place
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"XDG_CONFIG_HOME": settings, "APPDATA": settings}
    refused = env | {"IVIGDESK_SITE_CONFIG": str(HERE / "no-such-site-file.ini")}  # the window alone
    source = [sys.executable, "-m", "ivigdesk", "--exit-when-ready"]
    launches = {
        "bare window (source)": ([sys.executable, str(HERE / "bare_window.py")], env),
        "IVIG Desk (source)": (source, env),
    }
    if FROZEN_BARE.exists():
        launches["bare window (frozen)"] = ([str(FROZEN_BARE)], env)
    if args.window_alone:
        launches["window alone (source)"] = (source, refused)
    if FROZEN.exists():
        launches["IVIG Desk (frozen)"] = ([str(FROZEN), "--exit-when-ready"], env)
        if args.window_alone:
            launches["window alone (frozen)"] = ([str(FROZEN), "--exit-when-ready"], refused)
    for command, command_env in launches.values():  # warm the file cache and write the bytecode
        one_launch(command, command_env)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in launches}
    for _ in range(args.runs):
        for name, (command, command_env) in launches.items():
            samples[name].append(one_launch(command, command_env))

    def median(name: str, figure: str) -> float:
        return statistics.median(s[figure] for s in samples[name] if figure in s)

    print(f"median of {args.runs} interleaved launches; × = multiple of the bare window's, built the same way")
    print(f"  {'':22} {'first paint':>17} {'ready':>17} {'peak memory at ready':>22} {'once settled':>13}")
    for name in samples:
        frozen = "frozen" in name and "bare window (frozen)" in samples
        bare = "bare window (frozen)" if frozen else "bare window (source)"
        paint, memory = median(bare, "first paint"), median(bare, "ready MB")
        first, ready = median(name, "first paint"), median(name, "ready")
        at_ready, settled = median(name, "ready MB"), median(name, "settled MB")
        print(
            f"  {name:22} {first:7.3f} s {first / paint:5.2f}× {ready:7.3f} s {ready / paint:5.2f}× "
            f"{at_ready:7.1f} MB {at_ready / memory:5.2f}× {settled:8.1f} MB {settled / memory:4.2f}×"
        )


if __name__ == "__main__":
    main()
