"""The window's columns: the picker and the inputs (with the buttons under them) on the left,
the result on the right. On a wide screen the picker and the inputs sit side by side; on a
narrow one (1024 px, or 200 % scaling) the picker stands above the inputs, so the key result
always has room. The inputs column is never narrower than its inputs, so nothing is clipped and
nothing scrolls sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

WIDE = 1200  # logical pixels: from here the picker and the inputs sit side by side


def scroll_area(inner: QWidget, name: str) -> QScrollArea:
    """A frameless scroll area round ``inner``, which it resizes."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


class Columns(QSplitter):
    """Picker and inputs | result; ``adapt`` to the window's width."""

    def __init__(self, picker: QWidget, inputs: QWidget, results: QWidget, buttons: list[QPushButton]) -> None:
        super().__init__()
        self.setObjectName("columns")
        self.inputs, self.results = inputs, results
        self.inputs_scroll = scroll_area(inputs, "inputsScroll")
        # the result scrolls as a whole only on a screen too short for it (1366 × 768 at 200 %), so
        # the window never grows past the screen and cuts off its buttons
        self.results_scroll = scroll_area(results, "resultsScroll")
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(4, 0, 4, 0)
        middle_layout.addWidget(self.inputs_scroll, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        middle_layout.addLayout(row)
        self.left = QWidget()
        self.left.setObjectName("pickerAndInputs")
        self.left_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.left)
        self.left_layout.setContentsMargins(0, 0, 0, 0)
        self.left_layout.addWidget(picker, 2)
        self.left_layout.addWidget(middle, 3)
        self.addWidget(self.left)
        self.addWidget(self.results_scroll)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self._wide: bool | None = None

    def adapt(self, width: int) -> None:
        """Three columns when ``width`` is wide; the picker above the inputs when narrow (no Qt
        enum is touched here: this runs before the first paint)."""
        needed = self.inputs.minimumSizeHint().width() + self.inputs_scroll.verticalScrollBar().sizeHint().width() + 8
        self.inputs_scroll.setMinimumWidth(needed)
        bar = self.results_scroll.verticalScrollBar().sizeHint().width()
        self.results_scroll.setMinimumWidth(self.results.minimumSizeHint().width() + bar)  # never sideways
        wide = width >= WIDE
        if wide == self._wide:
            return
        self._wide = wide
        direction = QBoxLayout.Direction
        self.left_layout.setDirection(direction.LeftToRight if wide else direction.TopToBottom)
        self.left_layout.setStretch(0, 2 if wide else 1)
        self.left_layout.setStretch(1, 3 if wide else 2)
        left = (needed * 5 // 3) if wide else needed
        self.setSizes([left, max(width - left, 1)])
