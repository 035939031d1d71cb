"""The inputs: circumstance, the source's questions, regimen, weight and body measures, days,
product (or concentration), rates for unconfirmed products, thrombosis risk and dates.

Every input has an error line beside it; ``changed`` fires on any edit so the window can
recalculate at once.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.knowledge.model import Circumstance, Indication
    from ivigdesk.knowledge.products import Product, ProductCatalogue

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
        self.height = QLineEdit(objectName="height", placeholderText="optional, e.g. 175")
        self.height_unit = QComboBox(objectName="heightUnit")
        self.height_unit.addItems(["cm", "in"])
        self.sex = QComboBox(objectName="sex")
        for text, value in (("Not given", None), ("Male", "male"), ("Female", "female")):
            self.sex.addItem(text, value)
        self.under_18 = QCheckBox("Under 18", objectName="under18")
        self.pre_pregnancy = QLineEdit(objectName="prePregnancyWeight", placeholderText="optional, same unit as weight")
        self.use_actual = QCheckBox("Dose on actual weight instead", objectName="useActual")
        self.use_actual.setToolTip("Overrides the weight rule; the plan records that you chose actual weight.")
        self.product = QComboBox(objectName="product")
        self.product.addItem("No product: concentration only", None)
        self.initial_rate = QLineEdit(objectName="initialRate", placeholderText="initial mL/kg/h")
        self.initial_minutes = QSpinBox(objectName="initialMinutes", suffix=" min")
        self.initial_minutes.setRange(1, 240)
        self.initial_minutes.setValue(30)
        self.maximum_rate = QLineEdit(objectName="maximumRate", placeholderText="maximum mL/kg/h")
        self.thrombosis = QCheckBox("Thrombosis risk factors", objectName="thrombosisRisk")
        self.thrombosis.setToolTip(
            "Advanced age, immobility, hypercoagulable states, previous thrombosis, oestrogens, central lines, "
            "hyperviscosity, cardiovascular risk factors (product SmPCs)."
        )
        self.has_start = QCheckBox("Start date", objectName="hasStartDate")
        self.start_date = QDateEdit(QDate.currentDate(), objectName="startDate", calendarPopup=True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setEnabled(False)
        self.gestation = QLineEdit(
            objectName="gestation", placeholderText="weeks+days at the first infusion, e.g. 16+3"
        )
        self.errors = {
            name: ErrorLabel(name)
            for name in (
                "weight",
                "height",
                "circumstance",
                "sex",
                "pre-pregnancy weight",
                "days",
                "product",
                "concentration",
                "rates",
                "regimen",
                "answers",
                "gestation",
                "start date",
                "other",
            )
        }
        for widget, name in (
            (self.circumstance, "Circumstance"),
            (self.regimen, "Regimen"),
            (self.weight, "Patient weight"),
            (self.weight_unit, "Weight unit"),
            (self.days, "Number of infusion days"),
            (self.concentration, "Product concentration"),
            (self.height, "Patient height"),
            (self.height_unit, "Height unit"),
            (self.sex, "Sex, for ideal body weight"),
            (self.pre_pregnancy, "Pre-pregnancy weight"),
            (self.product, "Product"),
            (self.initial_rate, "Initial rate from the SmPC, mL/kg/h"),
            (self.initial_minutes, "Minutes at the initial rate"),
            (self.maximum_rate, "Maximum rate from the SmPC, mL/kg/h"),
            (self.start_date, "Date of the first infusion"),
            (self.gestation, "Gestation at the first infusion"),
        ):
            widget.setAccessibleName(name)

        weight_row = _row((self.weight, 1), (self.weight_unit, 0))
        height_row = _row((self.height, 1), (self.height_unit, 0))
        sex_row = _row((self.sex, 1), (self.under_18, 0))
        rates_row = _row((self.initial_rate, 1), (self.initial_minutes, 0), (self.maximum_rate, 1))
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_start)
        date_row.addWidget(self.start_date, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: dict[str, QWidget | QHBoxLayout] = {}  # each row's field, to show or hide the row
        for key, label, field in (
            ("circumstance", "&Circumstance", self.circumstance),
            ("circumstance_error", "", self.errors["circumstance"]),
            ("circumstance_text", "", self.circumstance_text),
            ("questions", "", self.questions_box),
            ("regimen", "Re&gimen", self.regimen),
            ("regimen_error", "", self.errors["regimen"]),
            ("weight", "&Weight", weight_row),
            ("weight_error", "", self.errors["weight"]),
            ("height", "&Height", height_row),
            ("height_error", "", self.errors["height"]),
            ("sex", "&Sex", sex_row),
            ("sex_error", "", self.errors["sex"]),
            ("pre_pregnancy", "Pre-pregnancy", self.pre_pregnancy),
            ("pre_pregnancy_error", "", self.errors["pre-pregnancy weight"]),
            ("use_actual", "", self.use_actual),
            ("days", "Da&ys", self.days),
            ("days_error", "", self.errors["days"]),
            ("product", "&Product", self.product),
            ("product_error", "", self.errors["product"]),
            ("concentration", "C&oncentration", self.concentration),
            ("concentration_error", "", self.errors["concentration"]),
            ("rates", "SmPC rates", rates_row),
            ("rates_error", "", self.errors["rates"]),
            ("thrombosis", "", self.thrombosis),
            ("start", "Dates", date_row),
            ("start_error", "", self.errors["start date"]),
            ("gestation", "Gestation", self.gestation),
            ("gestation_error", "", self.errors["gestation"]),
            ("answers_error", "", self.errors["answers"]),
            ("other_error", "", self.errors["other"]),
        ):
            if not label:  # a spanning row: when its field is hidden, nothing of it remains
                form.addRow(field)
                self._rows[key] = field
                continue
            row_label = QLabel(label)
            buddies = {"weight": self.weight, "height": self.height, "sex": self.sex, "rates": self.initial_rate}
            if key in buddies:
                row_label.setBuddy(buddies[key])
            elif isinstance(field, QWidget) and label:
                row_label.setBuddy(field)
            form.addRow(row_label, field)
            self._rows[key] = field
        self._form = form
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
        for line in (self.height, self.pre_pregnancy, self.initial_rate, self.maximum_rate, self.gestation):
            line.textChanged.connect(self.changed)
        for combo in (self.height_unit, self.sex):
            combo.currentIndexChanged.connect(self.changed)
        for box in (self.under_18, self.use_actual, self.thrombosis):
            box.toggled.connect(self.changed)
        self.initial_minutes.valueChanged.connect(self.changed)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.has_start.toggled.connect(self.start_date.setEnabled)
        self.has_start.toggled.connect(self.changed)
        self.start_date.dateChanged.connect(self.changed)
        for line in (self.weight, self.concentration.lineEdit(), self.height, self.gestation):
            line.returnPressed.connect(self.focusNextChild)
        self._indication: Indication | None = None
        self._catalogue: ProductCatalogue | None = None
        self.set_indication(None)
        self._product_changed()

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
        pregnancy = indication is not None and indication.pregnancy
        self._set_row_visible("pre_pregnancy", pregnancy)
        self._set_row_visible("gestation", pregnancy)
        self._circumstance_changed()

    def set_catalogue(self, catalogue: ProductCatalogue) -> None:
        """Offer the catalogue's products (the current choice is kept when it still exists)."""
        from ivigdesk.dosing.inputs import START_DATE_RANGE, today

        now = QDate(today())  # the date picker offers only what the calculation accepts
        self.start_date.setDateRange(now.addDays(-START_DATE_RANGE.days), now.addDays(START_DATE_RANGE.days))
        if not self.has_start.isChecked():
            self.start_date.setDate(now)
        self._catalogue = catalogue
        current = self.product.currentData()
        self.product.blockSignals(True)
        while self.product.count() > 1:
            self.product.removeItem(1)
        for product in catalogue.products:
            self.product.addItem(product.name, product.id)
        index = self.product.findData(current)
        self.product.setCurrentIndex(max(index, 0))
        self.product.blockSignals(False)
        self._product_changed()

    def set_errors(self, field: str | None, message: str | None) -> None:
        """Show ``message`` beside ``field`` (or under the inputs if it has no line); clear the rest."""
        field = field if field in self.errors or field is None else "other"
        for name, label in self.errors.items():
            label.show_error(message if name == field else None)

    def set_concentration(self, text: str) -> None:
        """Show a remembered concentration (a pharmacy's usual stock)."""
        self.concentration.setCurrentText(text)

    def focus_weight(self) -> None:
        self.weight.setFocus()
        self.weight.selectAll()

    # -- what the window reads ------------------------------------------------------------------

    def raw_inputs(self) -> RawInputs:
        """Every input as typed (the diagnosis is the picker's); a field hidden for this diagnosis
        or product counts as not given, so nothing out of sight changes a dose."""
        from ivigdesk.dosing.raw_inputs import RawInputs

        def shown(widget: QWidget, text: str) -> str:
            return text if widget.isVisibleTo(self) else ""

        product = self.current_product()
        return RawInputs(
            circumstance_id=self.circumstance.currentData(),
            regimen_id=self.regimen.currentData() if self.regimen.count() > 1 else None,
            answers={
                qid: "yes" if value else "no"
                for qid, combo in self.questions.items()
                if (value := combo.currentData()) is not None
            },
            weight=self.weight.text(),
            weight_unit=self.weight_unit.currentText(),
            height=self.height.text(),
            height_unit=self.height_unit.currentText(),
            sex=self.sex.currentData() or "",
            under_18=self.under_18.isChecked(),
            pre_pregnancy_weight=shown(self.pre_pregnancy, self.pre_pregnancy.text()),
            use_actual_weight=self.use_actual.isChecked(),
            days=str(self.days.value()) if self._days_chosen() else "",
            product_id=product.id if product is not None else None,
            concentration="" if product is not None else self.concentration.currentText(),
            initial_rate=shown(self.initial_rate, self.initial_rate.text()),
            initial_minutes=str(self.initial_minutes.value()),
            maximum_rate=shown(self.maximum_rate, self.maximum_rate.text()),
            rate_unit="mL/kg/h",
            thrombosis_risk=self.thrombosis.isChecked(),
            start_date=self.start_date.date().toString("yyyy-MM-dd") if self.has_start.isChecked() else "",
            gestation=shown(self.gestation, self.gestation.text()),
        )

    def remembered(self) -> tuple[str, str]:
        """(product id, concentration) to remember: a pharmacy's usual stock, never a unit."""
        return self.product.currentData() or "", self.concentration.currentText().strip()

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order they appear, for the window's tab order."""
        return [
            self.circumstance,
            self.regimen,
            self.weight,
            self.weight_unit,
            self.height,
            self.height_unit,
            self.sex,
            self.under_18,
            self.pre_pregnancy,
            self.use_actual,
            self.days,
            self.product,
            self.concentration,
            self.initial_rate,
            self.initial_minutes,
            self.maximum_rate,
            self.thrombosis,
            self.has_start,
            self.start_date,
            self.gestation,
        ]

    def current_circumstance(self) -> Circumstance | None:
        if self._indication is None:
            return None
        circumstance_id = self.circumstance.currentData()
        return self._indication.circumstance(circumstance_id) if circumstance_id else None

    def current_product(self) -> Product | None:
        product_id = self.product.currentData()
        return self._catalogue.product(product_id) if self._catalogue and product_id else None

    def _days_chosen(self) -> bool:
        """A number of days was chosen (one below the range shows "Choose…": never guessed)."""
        return self.days.isVisibleTo(self) and self.days.value() > self.days.minimum()

    # -- internals ------------------------------------------------------------------------------

    def _set_row_visible(self, key: str, visible: bool) -> None:
        """Show or hide a whole form row (label, field and its spacing)."""
        self._form.setRowVisible(self._rows[key], visible)

    def _product_changed(self) -> None:
        product = self.current_product()
        self._set_row_visible("concentration", product is None)
        needs_rates = product is not None and product.rates.maximum is None
        self._set_row_visible("rates", needs_rates)
        self.product.setToolTip(
            f"{product.name}: rates {product.rates.status} ({product.rates.source})" if product else ""
        )
        self.changed.emit()

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


def _row(*widgets: tuple[QWidget, int]) -> QHBoxLayout:
    """One form row of several widgets, each with its stretch factor."""
    row = QHBoxLayout()
    for widget, stretch in widgets:
        row.addWidget(widget, stretch)
    return row


def focus_order(*widgets: QWidget) -> None:
    """Set a tab order through ``widgets`` in sequence."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
