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


def test_several_circumstances_are_chosen_never_guessed(qtbot, kb):
    from ivigdesk.ui.qt_inputs_diagnosis import DiagnosisPart

    part = DiagnosisPart()
    qtbot.addWidget(part)
    regimens: list[object] = []
    part.regimen_chosen.connect(regimens.append)
    part.set_indication(kb.indication("lupus-flare"))  # three circumstances
    assert part.circumstance.currentIndex() == -1 and part.circumstance.isVisibleTo(part)
    assert part.circumstance.placeholderText() == "Choose the circumstance…" and regimens == [None]
    assert part.raw() == {"circumstance_id": None, "regimen_id": None, "answers": {}}
    part.circumstance.setCurrentIndex(part.circumstance.findData("refractory"))
    assert [r.id for r in regimens[1:]] == ["400mg-per-kg-5-days"] and "circumstance" in part.touched
    assert not part.regimen.isVisibleTo(part)  # one regimen: nothing to choose


def test_the_sources_question_is_answered_in_words(qtbot, kb):
    from ivigdesk.ui.qt_inputs_diagnosis import DiagnosisPart

    part = DiagnosisPart()
    qtbot.addWidget(part)
    part.set_indication(kb.indication("gbs"))  # one circumstance, one question
    (question,) = kb.indication("gbs").circumstances[0].questions
    box = part.questions[question.id]
    assert part.field_widget("answers") is box and box.accessibleName() == question.text
    with qtbot.waitSignal(part.changed):
        box.setCurrentIndex(box.findText("Yes"))
    assert part.raw() == {"circumstance_id": "lupus-associated", "regimen_id": None, "answers": {question.id: "yes"}}
    assert part.touched == {"answers"}


def test_with_no_row_to_show_the_part_takes_no_room(qtbot, kb):
    from ivigdesk.ui.qt_inputs_diagnosis import DiagnosisPart

    part = DiagnosisPart()
    qtbot.addWidget(part)
    part.set_indication(kb.indication("ibm"))  # one circumstance, no question, no regimen
    assert part.isHidden()
    part.errors["regimen"].show_error("Choose a regimen.")
    part.show_if_needed()
    assert not part.isHidden()
