"""Open the real window on a screen of a given size (Qt's offscreen platform, configured by a
JSON file), fill in three cases, and report every key widget that is off screen, clipped, or
scrolled sideways. Prints one line per problem, how many cases' result column scrolls as a whole
(the key strip with it), and "checked N" at the end; exit status 0.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json [QT_SCALE_FACTOR=2] python screen_check.py [PNG-PREFIX]
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def fill(window, case: str) -> None:
    inputs = window.inputs
    window.new_patient()
    if case == "dm":
        window.picker.search.setText("myositis")
        window.picker.select("dm-pm")
        inputs.patient.weight.setText("110")
        inputs.patient.height_field.setText("165")
        inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
        inputs.patient.days.setValue(5)
        inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    elif case == "caps":  # several circumstances, a question, a carried risk
        window.picker.search.setText("CAPS")
        window.picker.select("caps")
        inputs.diagnosis.circumstance.setCurrentIndex(0)
        inputs.patient.weight.setText("82")
        inputs.product_rates.product.setCurrentIndex(0)
        inputs.product_rates.concentration.setCurrentText("10 %")
    else:  # lupus flare: a long circumstance list and questions
        window.picker.search.setText("lupus flare")
        window.picker.select("lupus-flare")
        inputs.diagnosis.circumstance.setCurrentIndex(inputs.diagnosis.circumstance.findData("refractory"))
        inputs.patient.weight.setText("60")
        inputs.product_rates.concentration.setCurrentText("10 %")
    QApplication.processEvents()


def inside(widget: QWidget, area: QWidget) -> bool:
    """``widget`` is shown whole within ``area`` (no part cut off or scrolled out of it)."""
    top_left = widget.mapTo(area, widget.rect().topLeft())
    return (
        area.rect().contains(QRect(top_left, widget.size())) and widget.visibleRegion().boundingRect() == widget.rect()
    )


def check(window, case: str) -> list[str]:
    problems = []
    screen = window.screen().availableGeometry()
    if not screen.contains(window.frameGeometry()):
        problems.append(f"{case}: the window {window.frameGeometry()} is not within the screen {screen}")
    if window.plan is None:
        return [*problems, f"{case}: no plan ({window.results.placeholder.text()[:80]})"]
    key = window.results.key
    shown = [key.badge, key.heading, *(label for pair in key.facts for label in pair if label.text())]
    for widget in [*shown, window.new_button, window.copy_button, window.pdf_button]:
        if not widget.isVisible() or not inside(widget, window):
            problems.append(f"{case}: {widget.objectName() or widget.text()[:30]} is not fully in view")
    if window.inputs_scroll.horizontalScrollBar().isVisible():
        problems.append(f"{case}: the inputs scroll sideways")
    viewport = window.inputs_scroll.viewport()
    for widget in window.inputs.tab_chain():
        if widget.isVisibleTo(window.inputs):
            left = widget.mapTo(viewport, widget.rect().topLeft()).x()
            if left < 0 or left + widget.width() > viewport.width():
                problems.append(f"{case}: input {widget.objectName()} is cut off at the side")
    plan = window.results.document
    overflow = plan.document().size().width() - plan.viewport().width()
    if plan.isVisible() and overflow > 2:  # a pixel of table border may round past the edge
        problems.append(f"{case}: the plan (and its day table) is {overflow:.0f} px wider than its view")
    return problems


def main() -> int:
    from ivigdesk.app import make_app
    from ivigdesk.ui.qt_main_window import MainWindow

    prefix = sys.argv[1] if len(sys.argv) > 1 else ""
    app = make_app(["screen-check"])
    window = MainWindow(user_settings=False)
    window.place(None)
    problems: list[str] = []
    scrolled: list[str] = []  # the cases whose result column scrolls as a whole (the key strip with it)

    def run() -> None:
        for case in ("dm", "caps", "lupus-flare"):
            fill(window, case)
            problems.extend(check(window, case))
            if window.results_scroll.verticalScrollBar().maximum() > 0:
                scrolled.append(case)
            if prefix:
                window.grab().save(f"{prefix}-{case}.png")
        size = window.screen().availableGeometry()
        print(f"screen {size.width()}x{size.height()} window {window.width()}x{window.height()}")
        app.quit()

    window.knowledge_ready.connect(lambda: QTimer.singleShot(50, run))
    window.show()
    app.exec()
    for problem in problems:
        print(problem)
    print(f"result column scrolls: {len(scrolled)} of 3 ({', '.join(scrolled)})")
    print(f"checked, {len(problems)} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
