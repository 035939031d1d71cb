"""Real wheel events from the X server (xdotool under Xvfb) over the real window: each box the
wheel passes over unfocused keeps its value while the form scrolls; a focused box takes the
wheel. Prints one JSON object and exits 0.

    xvfb-run -a -s "-screen 0 1366x768x24" python tests/support/real_wheel.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

BOXES = (  # the form part and box, as attribute paths from the form
    "product_rates.product", "patient.sex", "patient.days", "patient.weight_unit", "patient.height_unit",
    "patient.age_unit", "dates.start_date",
)  # fmt: skip


def main() -> int:
    from screenshot import fill_dm

    from ivigdesk.app import make_app
    from ivigdesk.ui.qt_main_window import MainWindow

    app = make_app(["real-wheel"])
    window = MainWindow(user_settings=False)
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # no window manager
    window.resize(1366, 560)  # the form taller than its scroll area
    result: dict[str, object] = {}

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def state() -> dict[str, str]:
        return {name: attrgetter(name)(window.inputs).text() if name in ("patient.days", "dates.start_date")
                else attrgetter(name)(window.inputs).currentText() for name in BOXES}  # fmt: skip

    def wheel_over(widget, button: str, times: int) -> None:
        centre = widget.mapToGlobal(widget.rect().center())
        subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y())], check=True)
        settle()
        for _ in range(times):
            subprocess.run(["xdotool", "click", button], check=True)
            settle()

    def run() -> None:
        fill_dm(window)
        window.activateWindow()
        window.picker.search.setFocus()
        settle()
        before, dose, scrolled = state(), str(window.plan.total_dose), []
        bar = window.inputs_scroll.verticalScrollBar()
        for name in BOXES:
            box = attrgetter(name)(window.inputs)
            window.inputs_scroll.ensureWidgetVisible(box)
            settle()
            position = bar.value()
            wheel_over(box, "5", 2)  # down
            wheel_over(box, "4", 1)  # up
            scrolled.append(bar.value() != position)
        result.update(before=before, after=state(), dose_before=dose, dose_after=str(window.plan.total_dose),
                      scrolled=scrolled, active=window.isActiveWindow())  # fmt: skip
        sex = window.inputs.patient.sex
        sex.setFocus()
        window.inputs_scroll.ensureWidgetVisible(sex)
        settle()
        result["focused"] = sex.hasFocus()
        wheel_over(sex, "4", 1)  # up, from Female: the focused box takes it
        result["focused_sex_after_wheel"] = sex.currentText()
        app.quit()

    window.knowledge_ready.connect(lambda: QTimer.singleShot(300, run))
    window.show()
    app.exec()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
