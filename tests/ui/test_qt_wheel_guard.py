"""No wheel edits an unfocused box (issue 28): the wheel over one scrolls the form instead."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

from tests.ui.conftest import choose


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
    qtbot.keyClicks(inputs.patient.weight, "70")
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.patient.days.setValue(5)
    inputs.dates.has_start.setChecked(True)
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


def test_the_questions_rebuilt_for_each_diagnosis_are_guarded_too(window, qtbot):
    window.resize(1366, 500)
    choose(window, qtbot, "lupus flare", "lupus-flare")  # a first set of inputs, then another
    window.picker.search.setText("")
    choose(window, qtbot, "gbs", "gbs")
    window.picker.search.setFocus()
    questions = list(window.inputs.diagnosis.questions.values())
    assert questions, "GBS asks the source's questions"
    for box in [*questions, window.inputs.diagnosis.circumstance]:
        before = state(box)
        for steps in (-1, 1, -2):
            wheel(box, steps)
        assert state(box) == before, f"the wheel changed {box.objectName()}"
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_focused_box_still_takes_the_wheel(window, qtbot):
    dm_on_octagam(window, qtbot)
    sex = window.inputs.patient.sex
    sex.setFocus()
    assert sex.hasFocus()
    wheel(sex, -1)
    assert sex.currentIndex() == 1


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xdotool")) and not os.environ.get("IVIGDESK_REQUIRE_XDOTOOL"),
    reason="needs xvfb-run and xdotool",
)
def test_real_wheel_events_from_the_x_server_change_nothing_unfocused(tmp_path):
    """The wheel as a user's mouse sends it (spontaneous events from Xvfb, by xdotool)."""
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, str(REPO / "tests/support/real_wheel.py")],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["active"] and result["after"] == result["before"] and result["dose_after"] == result["dose_before"]
    assert any(result["scrolled"]), "the wheel never scrolled the form"
    assert result["focused"] and result["focused_sex_after_wheel"] == "Male"  # Female, one notch up: Male
