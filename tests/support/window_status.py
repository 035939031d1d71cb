"""Open the window, wait until its knowledge base has loaded or been refused, and print what the
user sees: the status label, the result placeholder and whether the inputs are enabled."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ivigdesk.app import make_app
    from ivigdesk.ui.qt_main_window import MainWindow

    app = make_app(sys.argv[:1])
    window = MainWindow()
    window.knowledge_ready.connect(lambda: QTimer.singleShot(0, app.quit))
    QTimer.singleShot(30_000, app.quit)
    window.show()
    app.exec()
    print("STATUS", window.kb_label.text())
    print("PLACEHOLDER", " ".join(window.results.placeholder.text().split()))
    print("ENABLED", window.inputs.isEnabled())
    QApplication.processEvents()


if __name__ == "__main__":
    main()
