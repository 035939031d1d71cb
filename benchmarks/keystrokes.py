"""From a keystroke in the weight field to the repainted result, 200 keystrokes each for a simple
plan (GBS, 70 kg, 10 %) and the heaviest (an obese woman with height, sex and age, Octagam 10 %
in whole vials, a rate schedule, dates and a worksheet-ready plan), beside an empty keystroke in
a bare QLineEdit measured the same way in the same run; and each letter of five misspelt diagnoses
typed into the search (the close-spelling matching runs on every keystroke).

    xvfb-run -a -s "-screen 0 1366x768x24" python benchmarks/keystrokes.py [--cpu]
"""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

KEYSTROKES = 200
CLOCK = [time.perf_counter]  # --cpu: this process's CPU time, steadier than the wall clock on a busy machine


def per_keystroke(field: QLineEdit) -> list[float]:
    """Milliseconds from each keystroke to the end of the repaint it causes. The keys alternate
    Backspace and 0, so the weight goes 110 → 11 → 110 …: every key changes the plan."""
    app = QApplication.instance()
    times = []
    for n in range(KEYSTROKES):
        start = CLOCK[0]()
        QTest.keyClick(field, Qt.Key.Key_Backspace if n % 2 == 0 else Qt.Key.Key_0)
        app.processEvents()  # the recalculation has run; this paints what it changed
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        times.append((CLOCK[0]() - start) * 1000)
    return times


MISSPELT = ("kawasaky", "dermatomyosits", "lupus nefritis", "gullain", "rheumatiod")


def per_search_keystroke(field: QLineEdit) -> list[float]:
    """Milliseconds from each letter typed in the diagnosis search to the end of the repaint:
    the misspellings the fuzzy search forgives, letter by letter (each word typed afresh)."""
    app = QApplication.instance()
    times: list[float] = []
    while len(times) < KEYSTROKES:
        for word in MISSPELT:
            field.setText("")
            app.processEvents()
            for letter in word:
                start = CLOCK[0]()
                QTest.keyClicks(field, letter)
                app.processEvents()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                times.append((CLOCK[0]() - start) * 1000)
    return times[:KEYSTROKES]


def describe(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return f"  {name:34} median {statistics.median(times):6.2f} ms   p99 {p99:6.2f} ms   max {max(times):6.2f} ms"


def main() -> None:
    import sys

    if "--cpu" in sys.argv:
        CLOCK[0] = time.process_time
    from screenshot import fill_dm

    from ivigdesk.app import make_app
    from ivigdesk.ui.qt_main_window import MainWindow

    app = make_app(["keystrokes"])
    bare = QLineEdit("110")
    bare.show()
    window = MainWindow(user_settings=False)
    window.resize(1366, 740)
    window.show()
    while window.kb is None and window.kb_error is None:
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    inputs = window.inputs
    window.picker.select("gbs")
    inputs.patient.weight.setText("110")
    inputs.product_rates.concentration.setCurrentText("10 %")
    app.processEvents()
    simple = per_keystroke(inputs.patient.weight)
    fill_dm(window)  # the screenshots' obese woman: 110 kg, 165 cm, Octagam 10 %, 5 days, dated
    app.processEvents()
    assert window.plan is not None and window.plan.days[0].schedule is not None
    heavy = per_keystroke(inputs.patient.weight)
    window.picker.search.setFocus()
    search = per_search_keystroke(window.picker.search)
    empty = per_keystroke(bare)
    clock = "CPU time" if CLOCK[0] is time.process_time else "wall clock"
    print(f"keystroke to repainted result, {KEYSTROKES} keystrokes each ({clock}):")
    print(describe("bare QLineEdit (baseline)", empty))
    print(describe("GBS 70 kg, 10 % (simple)", simple))
    print(describe("obese DM, Octagam, vials, dates (heavy)", heavy))
    print(describe("diagnosis search, misspelt (fuzzy)", search))


if __name__ == "__main__":
    main()
