"""The form follows the keyboard: an input that takes the focus out of sight is scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_the_form_scrolls_to_the_weight_after_a_pick(window, qtbot):
    window.resize(1366, 420)
    qtbot.wait(50)
    bar = window.inputs_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # the weight is scrolled out of sight
    qtbot.keyClicks(window.picker.search, "kawasaki")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    weight = window.inputs.patient.weight
    assert QApplication.focusWidget() is weight
    top = weight.mapTo(window.inputs_scroll.viewport(), weight.rect().topLeft()).y()
    assert top >= 0 and top + weight.height() <= window.inputs_scroll.viewport().height()
