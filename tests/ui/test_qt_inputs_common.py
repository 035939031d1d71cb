"""What every part of the form shares: the error line, and the wiring of an edit."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from ivigdesk.ui.qt_inputs_common import ErrorLabel, edited_signal, mark_touched


def test_an_error_line_is_hidden_until_it_has_a_message(qtbot):
    label = ErrorLabel("pre-pregnancy weight")
    qtbot.addWidget(label)
    assert label.objectName() == "pre-pregnancy-weight-error" and label.property("role") == "error"
    assert label.isHidden() and label.text() == "" and label.accessibleName() == ""
    label.show_error("Enter the weight in kg & check it")
    assert not label.isHidden() and label.text() == "⚠ Enter the weight in kg & check it"
    assert label.accessibleName() == "Problem: Enter the weight in kg & check it"
    label.show_error(None)
    assert label.isHidden() and label.text() == ""


def test_a_tied_error_line_never_makes_its_ampersand_a_shortcut(qtbot):
    field, label = QLineEdit(), ErrorLabel("weight")
    qtbot.addWidget(field)
    qtbot.addWidget(label)
    label.setBuddy(field)
    label.show_error("kg & lb")
    assert label.text() == "⚠ kg && lb"  # drawn as one "&"


def test_each_edit_marks_its_field_touched(qtbot):
    weight, unit, box = QLineEdit(), QComboBox(), QCheckBox()
    for widget in (weight, unit, box):
        qtbot.addWidget(widget)
    unit.addItems(["kg", "lb"])
    touched: set[str] = set()
    mark_touched({"weight": [weight, unit], "risks": [box]}, touched)
    unit.setCurrentIndex(1)
    assert touched == {"weight"}
    box.setChecked(True)
    assert touched == {"weight", "risks"}


def test_only_an_input_has_an_edited_signal(qtbot):
    with pytest.raises(TypeError):
        edited_signal(QLabel())
