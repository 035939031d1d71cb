"""Take a screenshot of the real window with a representative obese adult case, and render its
worksheet page to PNG (run under Xvfb).

xvfb-run -s "-screen 0 1366x768x24" python benchmarks/screenshot.py docs/window.png docs/worksheet.png
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage

from ivigdesk.app import make_app
from ivigdesk.ui.qt_main_window import MainWindow


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "window.png"
    sheet = sys.argv[2] if len(sys.argv) > 2 else "worksheet.png"
    app = make_app(sys.argv[:1])
    window = MainWindow()

    def fill() -> None:
        inputs = window.inputs
        window.picker.search.setText("myositis")
        window.picker.select("dm-pm")
        inputs.weight_unit.setCurrentText("kg")
        inputs.weight.setText("110")
        inputs.height.setText("165")
        inputs.sex.setCurrentIndex(inputs.sex.findData("female"))
        inputs.days.setValue(5)
        inputs.product.setCurrentIndex(inputs.product.findData("octagam-10"))
        inputs.has_start.setChecked(True)
        inputs.start_date.setDate(QDate(2027, 1, 29))
        QTimer.singleShot(500, shoot)

    def shoot() -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(out)
        print(f"saved {out} ({screen.size().width()}x{screen.size().height()})")
        render_worksheet(window, sheet)
        app.quit()

    window.knowledge_ready.connect(lambda: QTimer.singleShot(100, fill))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # no window manager in Xvfb
    window.show()
    app.exec()


def render_worksheet(window: MainWindow, path: str) -> None:
    """Paint the worksheet as one A4 page at 110 dpi, exactly as the PDF lays it out."""
    from ivigdesk.ui.qt_worksheet import paint_page, worksheet_document

    assert window.plan is not None and window.kb is not None
    document = worksheet_document(window.plan, window.kb.meta.disclaimer)
    width, height = round(210 / 25.4 * 110), round(297 / 25.4 * 110)
    margin = round(12 / 25.4 * 110)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    paint_page(document, image, margin, margin, width - 2 * margin, height - 2 * margin)
    image.save(path)
    print(f"saved {path} ({width}x{height})")


if __name__ == "__main__":
    main()
