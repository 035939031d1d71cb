"""Knowledge-base load time, compiled and from YAML, and recalculation time (medians, printed)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date


def cold_load_seconds(use_compiled: bool, runs: int = 5) -> float:
    """Fresh interpreter: import the loader and load the bundled knowledge base and products."""
    code = (
        "import time; t=time.perf_counter(); "
        "from ivigdesk.knowledge.loader import load_knowledge_base; "
        "from ivigdesk.knowledge.products import load_product_catalogue; "
        f"load_knowledge_base(use_compiled={use_compiled}); load_product_catalogue(use_compiled={use_compiled}); "
        "print(time.perf_counter()-t)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    from ivigdesk.dosing.body_weight import Patient
    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.inputs import parse_concentration, parse_height, parse_weight
    from ivigdesk.dosing.report import plan_to_text
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.knowledge.products import load_product_catalogue

    catalogue = load_product_catalogue()
    for use_compiled, label in ((True, "compiled"), (False, "from YAML (baseline)")):
        cold = cold_load_seconds(use_compiled) * 1000
        loads = []
        for _ in range(20):
            start = time.perf_counter()
            kb = load_knowledge_base(use_compiled=use_compiled)
            load_product_catalogue(use_compiled=use_compiled)
            loads.append(time.perf_counter() - start)
        warm = statistics.median(loads) * 1000
        print(f"knowledge base and products, {label:21} cold (with imports) {cold:6.1f} ms, warm {warm:6.1f} ms")
    recalcs = []
    for i in range(500):
        start = time.perf_counter()
        request = DoseRequest("dm-pm", None, parse_weight(f"{60 + i % 40} kg"), parse_concentration("10%"), 3)
        calculate(kb, request)
        recalcs.append(time.perf_counter() - start)
    print(f"recalculation (parse inputs + calculate), median of 500:     {statistics.median(recalcs) * 1000:7.3f} ms")
    full = []
    for i in range(500):  # the window's full path: dosing weight, a product, vial rounding, schedule, dates
        start = time.perf_counter()
        request = DoseRequest(
            "dm-pm",
            None,
            parse_weight(f"{80 + i % 60} kg"),
            None,
            5,
            patient=Patient(height=parse_height("165"), sex="female"),
            product_id="octagam-10",
            start_date=date(2027, 1, 29),
        )
        plan = calculate(kb, request, catalogue)
        plan_to_text(plan)
        full.append(time.perf_counter() - start)
    print(
        f"recalculation with DDW, product, vials, schedule, dates and the plan text, median of 500: "
        f"{statistics.median(full) * 1000:.3f} ms"
    )


if __name__ == "__main__":
    main()
