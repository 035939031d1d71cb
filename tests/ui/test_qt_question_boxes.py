"""The source's yes/no questions keep one answer box each: a new box for every diagnosis made
None's reference count rise with every edit (PySide6 6.11 keeps a reference to None for each item
model destroyed after holding rows; see tests/ui/test_soak.py)."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import choose


def test_a_question_box_is_kept_and_starts_unanswered_each_time(window, qtbot):
    choose(window, qtbot, "cidp", "cidp")
    qtbot.keyClicks(window.inputs.patient.weight, "60")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    box = window.inputs.diagnosis.questions["within-3-months-of-onset"]
    box.setCurrentIndex(2)  # "No": no dose
    assert not window.plan.has_dose
    window.picker.search.clear()
    choose(window, qtbot, "dm-pm", "dm-pm")  # no question
    assert window.inputs.diagnosis.questions == {} and not box.isVisible()
    window.picker.search.clear()
    choose(window, qtbot, "cidp", "cidp")
    assert window.inputs.diagnosis.questions["within-3-months-of-onset"] is box
    assert box.currentIndex() == 0 and box.isVisible() and window.plan.has_dose  # not answered, as new


@pytest.mark.no_qt_log  # pytest-qt's message handler leaks references to None by itself
def test_changing_the_diagnosis_keeps_nones_reference_count_flat(window, qtbot):
    def settle() -> None:
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    for indication in ("cidp", "dm-pm", "kawasaki") * 3:  # warm-up
        window.picker.select(indication)
        settle()
    gc.collect()
    before = sys.getrefcount(None)
    for indication in ("cidp", "dm-pm", "kawasaki") * 20:
        window.picker.select(indication)
        settle()
    gc.collect()
    assert sys.getrefcount(None) - before <= 5  # it was about 6 an edit (3 per question box)
