"""What a screen reader meets: error lines tied to their fields, the input a focus belongs to."""

from __future__ import annotations

from ivigdesk.ui.qt_accessibility import _focus_target, _input_of, tie_errors


def test_each_error_line_labels_its_field(window):
    inputs = window.inputs
    tie_errors(inputs)
    assert inputs.errors["weight"].buddy() is inputs.patient.weight
    assert inputs.errors["start date"].buddy() is inputs.dates.start_date
    assert inputs.errors["rates"].buddy() is inputs.product_rates.initial_rate


def test_the_concentrations_line_edit_belongs_to_its_box(window):
    product = window.inputs.product_rates
    descriptions = window.inputs._descriptions
    assert _input_of(product.concentration_text, descriptions, window.inputs) is product.concentration
    assert _focus_target(product.concentration) is product.concentration_text
    assert product.concentration_text.accessibleName() == "Product concentration"


def test_the_units_are_named_by_hidden_labels(window):
    from PySide6.QtWidgets import QLabel

    patient = window.inputs.patient
    for unit, name in ((patient.weight_unit, "Weight unit"), (patient.age_unit, "Age unit")):
        label = unit.parentWidget().findChild(QLabel, f"{unit.objectName()}Label")
        assert label is not None and label.buddy() is unit and label.text() == name and label.isHidden()


def test_the_key_result_is_one_line_with_the_patient_behind_it():
    from types import SimpleNamespace

    from ivigdesk.ui.qt_accessibility import key_result_name

    key = SimpleNamespace(summary="28 g (280 mL) on day 1.", patient="70 kg, actual weight")
    view = SimpleNamespace(key=key, colour_word="RED", priority="high priority", meaning="Treat first.")
    assert key_result_name(view) == (
        "Key result. 28 g (280 mL) on day 1. RED means high priority: Treat first. 70 kg, actual weight."
    )
