"""Issue 28: the window never changes a dose behind the user's back. Real wheel events on every
unfocused box, typing a product's name, New patient against a fresh launch, and Enter in the search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

from tests.ui.conftest import choose

CTRL = Qt.KeyboardModifier.ControlModifier


def wheel(widget, steps: int) -> None:
    """A real wheel event over the middle of ``widget`` (one notch is 120; negative scrolls down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def state(box) -> tuple:
    if isinstance(box, QComboBox):
        return box.currentIndex(), box.currentText()
    return box.text(), box.isEnabled()


def dm_on_octagam(window, qtbot) -> None:
    """Every box in use: a diagnosis with a range of days, a product, pounds, a start date."""
    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    qtbot.keyClicks(inputs.weight, "70")
    inputs.product.setCurrentIndex(inputs.product.findData("octagam-10"))
    inputs.days.setValue(5)
    inputs.has_start.setChecked(True)
    assert window.plan is not None


def boxes(window) -> list:
    found = [*window.inputs.findChildren(QComboBox), *window.inputs.findChildren(QAbstractSpinBox)]
    return [box for box in found if box.isVisibleTo(window.inputs)]


def test_the_wheel_over_an_unfocused_box_changes_nothing_and_scrolls_the_form(window, qtbot):
    window.resize(1366, 500)  # the form is taller than its scroll area
    dm_on_octagam(window, qtbot)
    window.picker.search.setFocus()
    guarded = boxes(window)
    assert {b.objectName() for b in guarded} >= {"product", "sex", "days", "startDate", "weightUnit", "heightUnit",
                                                  "ageUnit", "initialMinutes", "concentration"}  # fmt: skip
    dose = window.plan.total_dose
    bar = window.inputs_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    scrolled = False
    for box in guarded:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box.objectName()
        before = state(box)
        for steps in (-1, 1, -3, 3):
            position = bar.value()
            wheel(box, steps)
            scrolled |= bar.value() != position
            assert state(box) == before, f"the wheel changed {box.objectName()}"
            assert not box.hasFocus(), f"the wheel focused {box.objectName()}"
    assert scrolled, "the wheel over the boxes never scrolled the form"
    assert window.plan is not None and window.plan.total_dose == dose


def test_a_focused_box_still_takes_the_wheel(window, qtbot):
    dm_on_octagam(window, qtbot)
    sex = window.inputs.sex
    sex.setFocus()
    assert sex.hasFocus()
    wheel(sex, -1)
    assert sex.currentIndex() == 1


# -- typing a product's name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "typed", "lands_on"),
    [
        ("octagam-10", "Octagam 10", "octagam-10"),  # the product shown is kept
        ("octagam-10", "Octagam 5", "octagam-5"),
        ("octagam-5", "Octagam 10", "octagam-10"),
        ("octagam-10", "intratect", "intratect-50"),
        ("octagam-10", "Flebogamma DIF 10", "flebogamma-dif-10"),
        ("octagam-10", "zzz", "octagam-10"),  # nothing named so: nothing changes
    ],
)
def test_typing_a_product_name_lands_on_that_product(window, qtbot, shown, typed, lands_on):
    product = window.inputs.product
    ids = [product.itemData(i) for i in range(product.count())]
    assert shown in ids and lands_on in ids, ids
    product.setCurrentIndex(product.findData(shown))
    product.setFocus()
    seen = []
    product.currentIndexChanged.connect(lambda i: seen.append(product.itemData(i)))
    qtbot.keyClicks(product, typed)
    assert product.currentData() == lands_on
    if shown == lands_on:
        assert seen == [], f"passed through {seen}"  # the product shown never changes on the way


def test_typing_slowly_starts_a_new_name(window, qtbot, monkeypatch):
    from ivigdesk.ui import qt_type_ahead

    product = window.inputs.product
    product.setCurrentIndex(product.findData("octagam-10"))
    product.setFocus()
    clock = [100.0]
    monkeypatch.setattr(qt_type_ahead, "_now", lambda: clock[0])
    qtbot.keyClicks(product, "oct")
    clock[0] += 5
    qtbot.keyClicks(product, "priv")
    assert product.currentData() == "privigen"
