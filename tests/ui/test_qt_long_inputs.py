"""The window's measure fields: a long paste is cut at 40 characters, never parsed whole (before,
each edit of a 32,767-character weight froze the window for 7 s), and a number written with
thousands separators is refused in a pharmacist's words, not as "typed in ,5"."""

from __future__ import annotations

import pytest

from ivigdesk.ui.qt_inputs_common import MEASURE_MAX_LENGTH
from tests.ui.conftest import choose


def test_every_measure_field_takes_at_most_forty_characters(window, qtbot):
    fields = window.inputs.measure_fields()
    assert len(fields) == 8 and MEASURE_MAX_LENGTH == 40
    for field in fields:
        assert field.maxLength() == MEASURE_MAX_LENGTH, field.objectName()
    choose(window, qtbot, "gbs", "gbs")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.inputs.patient.weight.clear()
    window.inputs.patient.weight.insert("70 " + "a" * 32_767)  # as a paste arrives
    assert len(window.inputs.patient.weight.text()) == MEASURE_MAX_LENGTH
    assert window.plan is None and "is not a unit" in window.inputs.errors["weight"].text()


@pytest.mark.parametrize("typed", ["1.234,5", "1,234.5"])
def test_thousands_separators_are_refused_in_words(window, qtbot, typed):
    choose(window, qtbot, "gbs", "gbs")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.inputs.patient.weight.setText(typed)
    message = window.inputs.errors["weight"].text()
    assert window.plan is None
    assert "typed in" not in message and ",5" not in message.replace(typed, "")
    assert f"“{typed}” has a thousands separator or a decimal comma" in message
    assert "one decimal point and no separators" in message
