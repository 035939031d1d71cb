"""The columns: picker, inputs and result side by side when wide; the picker above the inputs
when narrow (1024 px, or 200 % scaling); the inputs column never narrower than its inputs."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout

from ivigdesk.ui.qt_columns import WIDE


def test_the_picker_stands_above_the_inputs_when_narrow(window, qtbot):
    columns = window.columns
    window.resize(WIDE + 80, 760)
    qtbot.wait(10)
    assert columns.left_layout.direction() == QBoxLayout.Direction.LeftToRight
    window.resize(WIDE - 176, 700)  # 1024 px
    qtbot.wait(10)
    assert columns.left_layout.direction() == QBoxLayout.Direction.TopToBottom
    assert columns.inputs_scroll.width() >= window.inputs.minimumSizeHint().width()  # nothing clipped sideways
    assert columns.objectName() == "columns" and columns.left.objectName() == "pickerAndInputs"
    assert [columns.widget(0), columns.widget(1)] == [columns.left, columns.results_scroll]
