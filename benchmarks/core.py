"""Knowledge-base load time and recalculation time (median of many runs, printed)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def cold_load_seconds(runs: int = 5) -> float:
    """Fresh interpreter: import the core, build the registry and load the knowledge base."""
    code = (
        "import time; t=time.perf_counter(); "
        "from ivigdesk.knowledge.loader import load_knowledge_base; load_knowledge_base(); "
        "print(time.perf_counter()-t)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.inputs import parse_concentration, parse_weight
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import load_knowledge_base

    print(f"knowledge base, cold (imports + registry + load), median of 5: {cold_load_seconds() * 1000:7.1f} ms")
    loads = []
    for _ in range(20):
        start = time.perf_counter()
        kb = load_knowledge_base()
        loads.append(time.perf_counter() - start)
    print(f"knowledge base, warm reload, median of 20:                   {statistics.median(loads) * 1000:7.1f} ms")
    recalcs = []
    for i in range(500):
        start = time.perf_counter()
        request = DoseRequest("dm-pm", None, parse_weight(f"{60 + i % 40} kg"), parse_concentration("10%"), 3)
        calculate(kb, request)
        recalcs.append(time.perf_counter() - start)
    print(f"recalculation (parse inputs + calculate), median of 500:     {statistics.median(recalcs) * 1000:7.3f} ms")


if __name__ == "__main__":
    main()
