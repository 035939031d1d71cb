"""Take a screenshot of the real window with a representative case, and render its worksheet
pages to PNG from the saved PDF with pdftoppm (run under Xvfb, which has no window manager: the
window fills the screen).

    xvfb-run -a -s "-screen 0 1366x768x24" python benchmarks/screenshot.py docs/window.png --pages docs/worksheet
    xvfb-run -a -s "-screen 0 1024x768x24" python benchmarks/screenshot.py docs/window-1024.png
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/screenshot.py w200.png
    ... screenshot.py dark.png --theme dark        (or --theme high-contrast)
    ... screenshot.py kawasaki.png --case kawasaki --pages kawasaki-sheet
"""

from __future__ import annotations

import argparse

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QGuiApplication

from ivigdesk.app import make_app
from ivigdesk.ui.qt_main_window import MainWindow


def fill_dm(window: MainWindow) -> None:
    """Dermatomyositis, obese woman (110 kg, 165 cm, 54 years), Octagam 10 %, 5 days."""
    inputs = window.inputs
    window.picker.search.setText("myositis")
    window.picker.select("dm-pm")
    inputs.patient.weight.setText("110")
    inputs.patient.height_field.setText("165")
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.patient.age.setText("54")
    inputs.patient.days.setValue(5)
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.dates.has_start.setChecked(True)
    inputs.dates.start_date.setDate(QDate(2027, 1, 29))


def fill_kawasaki(window: MainWindow) -> None:
    """Kawasaki disease, 18 kg, 4 years, Octagam 10 %, dated."""
    inputs = window.inputs
    window.picker.search.setText("kawasaki")
    window.picker.select("kawasaki")
    inputs.patient.weight.setText("18")
    inputs.patient.age.setText("4")
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.dates.has_start.setChecked(True)
    inputs.dates.start_date.setDate(QDate(2027, 1, 29))


def fill_caps(window: MainWindow) -> None:
    """Catastrophic APS (circumstances, questions, a carried risk), 82 kg, no product."""
    inputs = window.inputs
    window.picker.search.setText("CAPS")
    window.picker.select("caps")
    inputs.diagnosis.circumstance.setCurrentIndex(0)
    inputs.patient.weight.setText("82")
    inputs.product_rates.concentration.setCurrentText("10 %")


CASES = {"dm": fill_dm, "kawasaki": fill_kawasaki, "caps": fill_caps}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--pages", help="also save the worksheet pages as PREFIX-1.png, PREFIX-2.png …")
    parser.add_argument("--case", choices=CASES, default="dm")
    parser.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light")
    args = parser.parse_args()
    app = make_app(["screenshot"])
    if args.theme != "light":
        from ivigdesk.ui.theme import dark_palette, high_contrast_palette

        app.setPalette(dark_palette() if args.theme == "dark" else high_contrast_palette())
    window = MainWindow()

    def fill() -> None:
        CASES[args.case](window)
        QTimer.singleShot(600, shoot)

    def shoot() -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(args.out)
        print(f"saved {args.out} ({screen.size().width()}x{screen.size().height()})")
        if args.pages:
            save_pages(window, args.pages)
        app.quit()

    window.knowledge_ready.connect(lambda: QTimer.singleShot(100, fill))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # no window manager in Xvfb
    window.show()
    app.exec()


def save_pages(window: MainWindow, prefix: str) -> None:
    """The worksheet's pages as the user gets them: the saved PDF, rasterised with poppler's
    ``pdftoppm`` at 100 dpi (no second renderer), for a sample patient."""
    import dataclasses
    import subprocess
    import tempfile
    from pathlib import Path

    from ivigdesk.dosing.identity import PatientIdentity
    from ivigdesk.ui.qt_worksheet import write_pdf

    assert window.plan is not None
    sample = PatientIdentity(name="Ann Example", hospital_number="123 456 7890", date_of_birth="02/03/1972")
    extras = dataclasses.replace(window.worksheet_extras(), identity=sample, paper="A4")
    with tempfile.TemporaryDirectory() as folder:
        pdf = write_pdf(window.plan, Path(folder) / "worksheet.pdf", extras)
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), f"{folder}/page"], check=True)
        for number, page in enumerate(sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem[5:])), 1):
            Path(f"{prefix}-{number}.png").write_bytes(page.read_bytes())
            print(f"saved {prefix}-{number}.png (from the saved PDF, page {number})")


if __name__ == "__main__":
    main()
