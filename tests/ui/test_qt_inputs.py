"""The form composes its parts: one RawInputs, one map of error lines, one tab order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from ivigdesk.dosing.raw_inputs import RawInputs
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.ui.qt_inputs import InputsPanel


@pytest.fixture
def form(qtbot):
    panel = InputsPanel()
    qtbot.addWidget(panel)
    panel.set_catalogue(load_product_catalogue())
    return panel


def test_the_parts_give_one_raw_input(form, kb, hand_worked_today):
    form.set_indication(kb.indication("dm-pm"))  # 2 to 5 days, one circumstance
    form.patient.weight.setText("110")
    form.patient.height_field.setText("165")
    form.patient.sex.setCurrentIndex(form.patient.sex.findData("female"))
    form.patient.age.setText("54")
    form.patient.days.setValue(5)
    form.product_rates.product.setCurrentIndex(form.product_rates.product.findData("octagam-10"))
    form.risks.boxes["renal"].setChecked(True)
    form.dates.has_start.setChecked(True)
    form.dates.start_date.setDate(QDate(hand_worked_today).addDays(3))
    form.identity_part.lines["name"].setText("Ada Lovelace")  # never part of the calculation
    assert form.raw_inputs() == RawInputs(
        circumstance_id="resistant-or-life-threatening", weight="110", weight_unit="kg", height="165",
        height_unit="cm", sex="female", age="54", age_unit="years", days="5", product_id="octagam-10",
        initial_minutes="30", rate_unit="mL/kg/h", risks=("renal",), start_date="2026-11-29",
    )  # fmt: skip
    assert form.identity().name == "Ada Lovelace"


def test_every_refusal_field_has_an_input_and_an_error_line(form, kb):
    from ivigdesk.dosing.fields import Field

    form.set_indication(kb.indication("gbs"))  # a question of the source's
    for field in Field:
        if field in (Field.INDICATION, Field.WEIGHT_RULE, Field.ROUNDING):
            continue  # the picker's and the settings', not the form's
        assert field.value in form.errors, field
        assert form.field_widget(field.value) is not None, field
    assert form.field_widget("answers") is next(iter(form.diagnosis.questions.values()))


def test_a_problem_is_shown_once_beside_its_field_and_elsewhere_below(form):
    assert form.set_errors("weight", "Enter the weight.", missing=True) is False  # not yet touched
    form.patient.weight.setText("x")
    assert form.set_errors("weight", "Enter the weight.", missing=True) is True
    assert not form.errors["weight"].isHidden() and form.other_error.isHidden()
    form.set_errors("weight rule", "No ideal weight without a height.")
    assert form.errors["weight"].isHidden() and "No ideal weight" in form.other_error.text()


def test_the_tab_order_reads_the_parts_top_to_bottom(form, kb):
    form.set_indication(kb.indication("lupus-chb"))  # a question, two regimens
    names = [widget.objectName() for widget in form.tab_chain()]
    assert names[:3] == ["circumstance", "question-" + kb.indication("lupus-chb").circumstances[0].questions[0].id,
                         "regimen"]  # fmt: skip
    assert names[3:9] == ["weight", "weightUnit", "height", "heightUnit", "sex", "age"]
    assert names.index("days") < names.index("product") < names.index("risk-renal") < names.index("hasStartDate")
    assert names[-7:] == [f"identity-{key}" for key in form.identity_part.lines]


def test_start_fresh_changes_once_and_keeps_the_stock(form, qtbot, kb):
    form.set_indication(kb.indication("gbs"))
    form.product_rates.product.setCurrentIndex(form.product_rates.product.findData("octagam-10"))
    form.patient.weight.setText("70")
    emitted: list[int] = []
    form.changed.connect(lambda: emitted.append(1))
    form.start_fresh()
    assert emitted == [1] and form.patient.weight.text() == "" and form.diagnosis.circumstance.count() == 0
    assert form.product_rates.product.currentData() == "octagam-10"
    assert all(not part.touched for part in form.parts)


def test_every_input_a_refusal_can_name_has_its_error_line_beside_it(form):
    from ivigdesk.dosing.fields import Field

    # the diagnosis is the picker's (its prompt is the result's); the weight rule and rounding are
    # the pharmacy's settings, whose refusals show on the form's own line
    elsewhere = {Field.INDICATION, Field.WEIGHT_RULE, Field.ROUNDING}
    assert set(form.errors) == set(Field) - elsewhere
    for field in set(Field) - elsewhere - {Field.ANSWERS}:  # answers: the questions are per diagnosis
        assert form.field_widget(field) is not None, field
    form.set_errors(Field.ROUNDING, "Rounding 'up' is not a rounding IVIG Desk knows.")
    assert "Rounding" in form.other_error.text()
