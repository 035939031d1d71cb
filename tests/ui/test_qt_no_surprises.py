"""Issue 28: the window never changes a dose behind the user's back. New patient against a fresh
launch, and Enter in the search (the wheel: test_qt_wheel_guard; typing a product's name:
test_qt_type_ahead)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

from tests.ui.conftest import choose, obese_dm_pm

CTRL = Qt.KeyboardModifier.ControlModifier


# -- New patient is a fresh launch -----------------------------------------------------------------


def snapshot(window) -> list[tuple]:
    """Everything a user can see or reach of every input, label and button, in order."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QAbstractButton, QDateEdit, QLabel, QLineEdit, QScrollBar, QWidget

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the last diagnosis's questions
    rows = []
    for widget in [*window.picker.findChildren(QWidget), *window.inputs.findChildren(QWidget)]:
        if widget.objectName().startswith("qt_scrollarea_") or isinstance(widget, QScrollBar):
            continue  # a scroll bar comes with the column widths (the splitter), not with the form
        row: tuple = (type(widget).__name__, widget.objectName(), widget.isEnabled(),
                      widget.isVisibleTo(window), widget.toolTip(), widget.accessibleDescription())  # fmt: skip
        if isinstance(widget, QLineEdit):
            row += (widget.text(), widget.placeholderText(), widget.isUndoAvailable(), widget.isRedoAvailable())
        elif isinstance(widget, QComboBox):
            items = tuple((widget.itemText(i), widget.itemData(i)) for i in range(widget.count()))
            row += (widget.currentIndex(), widget.currentText(), items, widget.placeholderText())
        elif isinstance(widget, QDateEdit):
            row += (widget.date(), widget.text())
        elif isinstance(widget, QAbstractSpinBox):
            row += (widget.text(), widget.minimum(), widget.maximum(), widget.suffix(), widget.specialValueText())
        elif isinstance(widget, QAbstractButton):
            row += (widget.text(), widget.isChecked())
        elif isinstance(widget, QLabel):
            row += (widget.text(),)
        rows.append(row)
    current = window.picker.list.currentItem()
    rows.append(("list", current.text() if current is not None else None, window.picker.visible_ids()))
    rows.append(("scroll", window.inputs_scroll.verticalScrollBar().value()))
    rows.append(("result", window.plan is None, window.results.placeholder.text(), window.copy_button.isEnabled()))
    return rows


def a_patient_in_pounds_with_everything(window, qtbot) -> None:
    from PySide6.QtCore import QDate

    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    inputs.patient.weight_unit.setCurrentText("lb")
    inputs.patient.height_unit.setCurrentText("in")
    inputs.patient.age_unit.setCurrentText("months")
    for field, text in (
        (inputs.patient.weight, "154"),
        (inputs.patient.height_field, "65"),
        (inputs.patient.age, "400"),
    ):
        qtbot.keyClicks(field, text)
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.patient.pregnant.setChecked(True)
    qtbot.keyClicks(inputs.patient.pre_pregnancy, "140")
    qtbot.keyClicks(inputs.patient.gestation, "16+3")
    inputs.patient.use_actual.setChecked(True)
    inputs.risks.boxes["renal"].setChecked(True)
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.patient.days.setValue(5)
    inputs.dates.has_start.setChecked(True)
    inputs.dates.start_date.setDate(QDate(2026, 12, 24))
    qtbot.keyClicks(inputs.identity_part.lines["name"], "Ann Example")
    assert inputs.patient.pre_pregnancy_unit.text() == "lb" and window.plan is not None


def test_new_patient_leaves_the_form_exactly_as_a_fresh_launch(window, qtbot):
    from tests.ui.conftest import open_window

    a_patient_in_pounds_with_everything(window, qtbot)
    window.inputs_scroll.verticalScrollBar().setValue(200)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.wait(400)  # the search's clear button fades out
    fresh = open_window(qtbot)  # the product it restores is the one remembered: Octagam 10 %
    fresh.resize(window.size())
    qtbot.wait(400)
    after, launch = snapshot(window), snapshot(fresh)
    assert len(after) == len(launch)
    for mine, theirs in zip(after, launch, strict=True):
        assert mine == theirs, f"after New patient {mine} but at launch {theirs}"
    assert window.inputs.patient.pre_pregnancy_unit.text() == "kg"
    assert window.inputs.raw_inputs() == fresh.inputs.raw_inputs()


def test_new_patient_leaves_nothing_for_undo(window, qtbot):
    a_patient_in_pounds_with_everything(window, qtbot)
    qtbot.keyClicks(window.picker.search, "x")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    from PySide6.QtWidgets import QLineEdit

    for field in [window.picker.search, *window.inputs.findChildren(QLineEdit)]:
        field.setFocus()
        before = field.text()
        qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
        assert field.text() == before, f"Ctrl+Z brought back {field.text()!r} in {field.objectName()}"
    assert window.inputs.identity().empty and window.inputs.identity_part.lines["name"].text() == ""


# -- Enter picks only a diagnosis, and the form follows the keyboard ----------------------------------


def test_lupus_and_enter_never_lands_on_a_group_heading(window, qtbot):
    picker = window.picker
    qtbot.keyClicks(picker.search, "lupus")
    assert len(picker.visible_ids()) > 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is picker.list
    assert picker.list.currentItem() is None and picker.current_id() is None  # nothing chosen, no heading
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.current_id() is None and window.plan is None
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    first = picker.current_id()
    assert first == picker.visible_ids()[0]
    for _ in range(len(picker.visible_ids()) + 2):  # down past every heading to the last, and up again
        qtbot.keyClick(picker.list, Qt.Key.Key_Down)
        assert picker.current_id() is not None
    assert picker.current_id() == picker.visible_ids()[-1]
    for _ in range(len(picker.visible_ids()) + 2):
        qtbot.keyClick(picker.list, Qt.Key.Key_Up)
        assert picker.current_id() is not None
    assert picker.current_id() == first
    picker.list.setCurrentRow(0)  # a heading (as a click or Home would make it): not taken
    assert picker.current_id() == first and picker.list.currentItem() is not None


# -- labels that say what they mean -----------------------------------------------------------------


def choose_weight_rule(window, rule_id: str) -> None:
    settings = next(a.menu() for a in window.menuBar().actions() if a.text() == "Se&ttings")
    rules = next(a.menu() for a in settings.actions() if a.text() == "Dosing-weight rule")
    next(a for a in rules.actions() if a.data()[1] == rule_id).trigger()


def test_every_rate_per_kg_names_the_weight_it_is_on(window, qtbot):
    from ivigdesk.dosing.report import plan_to_text
    from ivigdesk.dosing.worksheet import plan_to_html

    obese_dm_pm(window, qtbot, start=None)
    # the default rule (Ontario): BMI 40.4, IBW 57.0 kg, DDW 57.0 + 0.4 × (110 − 57.0) = 78.15 kg
    key = window.results.key
    rate_value = next(v for n, v in key.facts if "Fastest rate" in n.text())
    assert "mL/kg/h" in rate_value.text() and "mL/kg/h of the 78.15 kg dosing weight" in rate_value.text()
    wanted = "every mL/kg/h is per kg of the dosing weight, 78.15 kg (dose-determining weight)"
    assert wanted in window.results.part("regimen") and wanted in window.results.part("schedule")
    assert wanted in plan_to_text(window.plan) and wanted in plan_to_html(window.plan, "")
    assert plan_to_html(window.plan, "").count("Rates per kg:") == 1  # on paper once, under the Regimen
    assert "Weight rule in force" not in key.patient.text()  # the default rule is not announced


def test_a_weight_rule_other_than_the_default_is_named_where_the_dose_is_read(window, qtbot):
    from ivigdesk.dosing.presentation import plan_view
    from ivigdesk.dosing.report import plan_to_text
    from ivigdesk.dosing.worksheet import plan_to_html

    obese_dm_pm(window, qtbot, start=None)
    assert window.results.day(0)["give"].startswith("31 g")  # 78.15 kg × 2 g/kg ÷ 5 = 31.26 g: 31 g in vials
    choose_weight_rule(window, "actual")
    # actual body weight always: 110 kg × 2 g/kg ÷ 5 = 44 g a day
    assert window.results.day(0)["give"].startswith("44 g")
    named = "Weight rule in force: Actual body weight always, not the default (Ontario IG dose calculator)"
    assert named in window.results.key.patient.text() and window.results.key.patient.isVisible()
    assert plan_view(window.plan).weight_rule == named
    assert named in plan_to_text(window.plan)
    sheet = plan_to_html(window.plan, "")
    assert f"<p class='box'><b>{named}.</b></p>" in sheet
    assert sheet.index(named) < sheet.index("Day")  # before the day table


# -- copying: what a checker needs first ----------------------------------------------------------


def test_the_copied_plan_puts_what_a_checker_needs_first_and_the_version_last(window, qtbot):
    from PySide6.QtGui import QGuiApplication

    obese_dm_pm(window, qtbot, start=None)
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    plan = window.plan
    assert plan.warnings and plan.guidance
    # 78.15 kg × 2 g/kg ÷ 5 = 31.26 g a day, 31 g in vials (310 mL at 10 %); 310 mL ÷ 8 h = 38.7 mL/h
    order = [
        "The patient as entered:",
        "Weight: 110 kg",
        "Indication: Dermatomyositis / polymyositis",
        "Dose to give: 31 g a day × 5 days",
        "Volume: 310 mL a day",
        "Duration, at least: 8 h 00 min",
        "Fastest rate: 38.7 mL/h",
        *(f"⚠ {warning.text}" for warning in plan.warnings),
        "Working:",
        "Newer guidance",
        "References:",
    ]
    places = [text.index(wanted) for wanted in order]
    assert places == sorted(places), [order[i] for i in range(len(order) - 1) if places[i] > places[i + 1]]
    from ivigdesk import __version__

    assert text.rstrip("\n").splitlines()[-1].startswith(f"IVIG Desk {__version__} · knowledge base")  # last
    assert text.count(f"IVIG Desk {__version__}") == 1
