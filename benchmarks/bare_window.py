"""A bare PySide6 window that exits right after its first paint: the start-up baseline."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class Bare(QMainWindow):
    painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, report_and_quit)  # once the frame is shown, as IVIG Desk reports its own


def report_and_quit() -> None:
    """The time the first frame was shown and the peak resident memory (Linux), then quit."""
    print(f"first-paint {time.time():.6f}", flush=True)  # read by benchmarks/startup.py
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        print(f"peak-rss-kb {peak}", flush=True)
    except OSError:
        pass
    QApplication.quit()


app = QApplication(sys.argv)
window = Bare()
window.resize(1280, 720)
window.show()
sys.exit(app.exec())
