"""The inputs: circumstance, the source's questions, regimen, weight, days and concentration.

Every input has an error line beside it; ``changed`` fires on any edit so the window can
recalculate at once.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ivigdesk.ui.palette import ERROR_COLOUR

if TYPE_CHECKING:
    from ivigdesk.knowledge.model import Circumstance, Indication

ANSWERS = (("Not answered", None), ("Yes", True), ("No", False))
CONCENTRATIONS = ("10 %", "5 %")


class ErrorLabel(QLabel):
    """A red line under an input; empty and hidden when the input is fine."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}Error")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setAccessibleName(f"{name} problem")
        self.show_error(None)

    def show_error(self, message: str | None) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setVisible(bool(message))


class InputsPanel(QWidget):
    """All the inputs for one request; reads them back as plain values."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.circumstance = QComboBox(objectName="circumstance")
        self.circumstance_text = QLabel(wordWrap=True, objectName="circumstanceText")
        self.regimen = QComboBox(objectName="regimen")
        self.questions_box = QWidget()
        self.questions_layout = QFormLayout(self.questions_box)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.questions: dict[str, QComboBox] = {}
        self.weight = QLineEdit(objectName="weight", placeholderText="e.g. 70 or 154 lb")
        self.weight_unit = QComboBox(objectName="weightUnit")
        self.weight_unit.addItems(["kg", "lb"])
        self.days = QSpinBox(objectName="days")
        self.concentration = QComboBox(objectName="concentration", editable=True)
        self.concentration.addItems(CONCENTRATIONS)
        self.concentration.setCurrentIndex(-1)
        self.concentration.lineEdit().setPlaceholderText("e.g. 10 % or 100 mg/mL")
        self.errors = {name: ErrorLabel(name) for name in ("weight", "days", "concentration", "regimen", "answers")}
        for widget, name in (
            (self.circumstance, "Circumstance"),
            (self.regimen, "Regimen"),
            (self.weight, "Patient weight"),
            (self.weight_unit, "Weight unit"),
            (self.days, "Number of infusion days"),
            (self.concentration, "Product concentration"),
        ):
            widget.setAccessibleName(name)

        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight, 1)
        weight_row.addWidget(self.weight_unit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, label, field in (
            ("circumstance", "&Circumstance", self.circumstance),
            ("circumstance_text", "", self.circumstance_text),
            ("questions", "", self.questions_box),
            ("regimen", "Re&gimen", self.regimen),
            ("regimen_error", "", self.errors["regimen"]),
            ("weight", "&Weight", weight_row),
            ("weight_error", "", self.errors["weight"]),
            ("days", "Da&ys", self.days),
            ("days_error", "", self.errors["days"]),
            ("concentration", "C&oncentration", self.concentration),
            ("concentration_error", "", self.errors["concentration"]),
            ("answers_error", "", self.errors["answers"]),
        ):
            row_label = QLabel(label)
            if isinstance(field, QWidget) and label:
                row_label.setBuddy(field)
            elif label:
                row_label.setBuddy(self.weight)
            form.addRow(row_label, field)
            self._rows[key] = (row_label, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Patient and product</b>")
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)

        self.circumstance.currentIndexChanged.connect(self._circumstance_changed)
        self.regimen.currentIndexChanged.connect(self._regimen_changed)
        self.weight.textChanged.connect(self.changed)
        self.weight_unit.currentIndexChanged.connect(self.changed)
        self.days.valueChanged.connect(self.changed)
        self.concentration.currentTextChanged.connect(self.changed)
        for line in (self.weight, self.concentration.lineEdit()):
            line.returnPressed.connect(self.focusNextChild)
        self._indication: Indication | None = None
        self.set_indication(None)

    # -- what the window sets -------------------------------------------------------------------

    def set_indication(self, indication: Indication | None) -> None:
        """Rebuild the circumstance choice for an indication (None: nothing chosen)."""
        self._indication = indication
        self.circumstance.blockSignals(True)
        self.circumstance.clear()
        if indication is not None:
            for circumstance in indication.circumstances:
                self.circumstance.addItem(circumstance.label, circumstance.id)
            # one circumstance is selected for the user; several must be chosen, never guessed
            self.circumstance.setPlaceholderText("Choose the circumstance…")
            self.circumstance.setCurrentIndex(0 if len(indication.circumstances) == 1 else -1)
        self.circumstance.blockSignals(False)
        self._set_row_visible("circumstance", indication is not None and len(indication.circumstances) > 1)
        self._circumstance_changed()

    def set_errors(self, field: str | None, message: str | None) -> None:
        """Show ``message`` beside ``field``; clear every other input's error."""
        for name, label in self.errors.items():
            label.show_error(message if name == field else None)

    # -- what the window reads ------------------------------------------------------------------

    def current_circumstance(self) -> Circumstance | None:
        if self._indication is None:
            return None
        circumstance_id = self.circumstance.currentData()
        return self._indication.circumstance(circumstance_id) if circumstance_id else None

    def answers(self) -> dict[str, bool]:
        return {qid: combo.currentData() for qid, combo in self.questions.items() if combo.currentData() is not None}

    def regimen_id(self) -> str | None:
        return self.regimen.currentData() if self.regimen.count() > 1 else None

    def day_count(self) -> int | None:
        if not self.days.isVisibleTo(self) or self.days.value() < self.days.minimum() + 1:
            return None
        return self.days.value()

    # -- internals ------------------------------------------------------------------------------

    def _set_row_visible(self, key: str, visible: bool) -> None:
        label, field = self._rows[key]
        label.setVisible(visible)
        if isinstance(field, QWidget):
            field.setVisible(visible)
        else:
            for index in range(field.count()):
                widget = field.itemAt(index).widget()
                if widget is not None:
                    widget.setVisible(visible)

    def _circumstance_changed(self) -> None:
        circumstance = self.current_circumstance()
        self.circumstance_text.setText(
            f"<i>{circumstance.source}:</i> {circumstance.text}" if circumstance is not None else ""
        )
        several = self._indication is not None and len(self._indication.circumstances) > 1
        self._set_row_visible("circumstance_text", circumstance is not None and several)
        self._build_questions(circumstance)
        self.regimen.blockSignals(True)
        self.regimen.clear()
        if circumstance is not None:
            for regimen in circumstance.regimens:
                suffix = " (recommended)" if regimen.recommended and len(circumstance.regimens) > 1 else ""
                self.regimen.addItem(regimen.label + suffix, regimen.id)
                if regimen.recommended:
                    self.regimen.setCurrentIndex(self.regimen.count() - 1)
        self.regimen.blockSignals(False)
        self._set_row_visible("regimen", self.regimen.count() > 1)
        self._regimen_changed()

    def _build_questions(self, circumstance: Circumstance | None) -> None:
        while self.questions_layout.rowCount():
            self.questions_layout.removeRow(0)
        self.questions = {}
        for question in circumstance.questions if circumstance else ():
            combo = QComboBox(objectName=f"question-{question.id}")
            for text, value in ANSWERS:
                combo.addItem(text, value)
            combo.setAccessibleName(question.text)
            combo.setToolTip(f"Asked by the source ({question.source})")
            combo.currentIndexChanged.connect(self.changed)
            label = QLabel(question.text + "?", wordWrap=True)
            label.setBuddy(combo)
            self.questions_layout.addRow(label, combo)
            self.questions[question.id] = combo
        self._set_row_visible("questions", bool(self.questions))

    def _regimen_changed(self) -> None:
        circumstance = self.current_circumstance()
        regimen = circumstance.regimen(self.regimen.currentData()) if circumstance else None
        ranged = regimen is not None and not regimen.days.fixed
        self.days.blockSignals(True)
        if ranged:
            # one below the range shows "Choose…": the number of days is never guessed
            self.days.setRange(regimen.days.min - 1, regimen.days.max)
            self.days.setSpecialValueText("Choose…")
            self.days.setSuffix(f" days (from {regimen.days.min} to {regimen.days.max})")
            self.days.setValue(regimen.days.min - 1)
        self.days.blockSignals(False)
        self._set_row_visible("days", ranged)
        self.changed.emit()


def focus_order(*widgets: QWidget) -> None:
    """Set a tab order through ``widgets`` in sequence."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
