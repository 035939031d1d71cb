"""Take a screenshot of the real window with a representative case (run under Xvfb).

xvfb-run -s "-screen 0 1366x768x24" python benchmarks/screenshot.py docs/window.png
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from ivigdesk.app import make_app
from ivigdesk.ui.qt_main_window import MainWindow


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "window.png"
    app = make_app(sys.argv[:1])
    window = MainWindow()

    def fill() -> None:
        window.picker.search.setText("myositis")
        window.picker.select("dm-pm")
        window.inputs.weight_unit.setCurrentText("lb")
        window.inputs.weight.setText("154")
        window.inputs.days.setValue(3)
        window.inputs.concentration.setCurrentText("10 %")
        QTimer.singleShot(500, shoot)

    def shoot() -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(out)
        print(f"saved {out} ({screen.size().width()}x{screen.size().height()})")
        app.quit()

    window.knowledge_ready.connect(lambda: QTimer.singleShot(100, fill))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # no window manager in Xvfb
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
