"""The inputs, in the order a pharmacist fills them in: the source's questions about the
diagnosis, the patient, the product, patient risks, dates, and who the worksheet is for.

Every input has an error line beside it and an accessible description that carries the error;
``changed`` fires on any edit so the window can recalculate at once. Rows never appear or vanish
when the product changes (they are enabled or disabled instead), and nothing is wider than the
column, so no input is ever clipped or scrolled out of sight sideways.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ivigdesk.ui.qt_accessibility import SettledSpeech, prepare_inputs, tie_errors

if TYPE_CHECKING:
    from ivigdesk.dosing.identity import PatientIdentity
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.knowledge.model import Circumstance, Indication
    from ivigdesk.knowledge.products import Product, ProductCatalogue

ANSWERS = (("Not answered", None), ("Yes", True), ("No", False))
CONCENTRATIONS = ("10 %", "5 %")
RATE_UNIT = "mL/kg/h"
NARROW_COMBO = 12  # characters a combo box needs at least; longer entries are elided, never widen the column
MEASURE_MAX_LENGTH = 40  # characters in any measure field: "110.25 kg" needs 9


class ErrorLabel(QLabel):
    """A line under an input in the palette's error colour; empty and hidden when the input is fine."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name.replace(' ', '-')}-error")
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.show_error(None)

    def show_error(self, message: str | None) -> None:
        text = f"⚠ {message}" if message else ""
        self.setText(text.replace("&", "&&") if self.buddy() is not None else text)  # a buddy's "&" is a shortcut
        self.setAccessibleName(f"Problem: {message}" if message else "")  # its field: its buddy
        self.setVisible(bool(message))


def _narrow(combo: QComboBox) -> QComboBox:
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(NARROW_COMBO)
    return combo


def _unit_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "unit")
    return label


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above fields when narrow
    return form


def _row(*items: tuple[QWidget, int]) -> QWidget:
    """One form field made of several widgets, each with its stretch factor."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget, stretch in items:
        row.addWidget(widget, stretch)
    return holder


class InputsPanel(QWidget):
    """All the inputs for one request; reads them back as plain values."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._indication: Indication | None = None
        self._catalogue: ProductCatalogue | None = None
        self._typed_concentration = ""
        self._touched: set[str] = set()
        self.speech = SettledSpeech(self)  # descriptions change once typing pauses (ui.qt_accessibility)
        self._build_widgets()
        self._lay_out()
        self._connect()
        prepare_inputs(self)
        self.start_fresh()

    # -- construction ---------------------------------------------------------------------------

    def measure_fields(self) -> tuple[QLineEdit, ...]:
        """Every field that takes a number with an optional unit."""
        return (
            self.weight,
            self.height_field,
            self.age,
            self.pre_pregnancy,
            self.gestation,
            self.concentration_text,
            self.initial_rate,
            self.maximum_rate,
        )

    def _build_widgets(self) -> None:
        # the diagnosis: its circumstance, the source's yes/no questions, and the regimen
        self.circumstance = _narrow(QComboBox(objectName="circumstance"))
        self.circumstance_text = QLabel(wordWrap=True, objectName="circumstanceText")
        self.questions_box = QWidget(objectName="questions")
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.questions: dict[str, QComboBox] = {}
        self._question_pool: dict[str, tuple[QLabel, QComboBox]] = {}  # see _question_widgets
        self.regimen = _narrow(QComboBox(objectName="regimen"))
        # the patient
        self.weight = QLineEdit(objectName="weight", placeholderText="e.g. 70")
        self.weight_unit = QComboBox(objectName="weightUnit")
        self.weight_unit.addItems(["kg", "lb"])
        self.weight_in_kg = QLabel(objectName="weightInKg", wordWrap=True)
        self.weight_in_kg.setProperty("role", "unit")
        self.height_field = QLineEdit(objectName="height", placeholderText="optional")
        self.height_unit = QComboBox(objectName="heightUnit")
        self.height_unit.addItems(["cm", "in"])
        self.sex = _narrow(QComboBox(objectName="sex"))
        for text, value in (("Not given", None), ("Male", "male"), ("Female", "female")):
            self.sex.addItem(text, value)
        self.age = QLineEdit(objectName="age", placeholderText="optional")
        self.age_unit = QComboBox(objectName="ageUnit")
        self.age_unit.addItems(["years", "months"])
        self.pregnant = QCheckBox("&Pregnant", objectName="pregnant")
        self.pre_pregnancy = QLineEdit(objectName="prePregnancyWeight", placeholderText="optional")
        self.pre_pregnancy_unit = _unit_label("kg")
        self.gestation = QLineEdit(objectName="gestation", placeholderText="weeks+days, e.g. 16+3")
        self.use_actual = QCheckBox("Dose on actua&l weight instead", objectName="useActual")
        self.use_actual.setToolTip("Overrides the weight rule; the plan records that you chose actual weight.")
        self.days = QSpinBox(objectName="days")
        # the product
        self.product = _narrow(QComboBox(objectName="product"))
        self.product.addItem("No product: concentration only", None)
        from ivigdesk.ui.qt_type_ahead import type_ahead

        type_ahead(self.product)  # the whole typed name chooses, never each letter
        self.concentration = _narrow(QComboBox(objectName="concentration", editable=True))
        self.concentration.addItems(CONCENTRATIONS)
        self.concentration.setCurrentIndex(-1)
        line = self.concentration.lineEdit()  # an editable combo box always has one
        assert line is not None
        self.concentration_text: QLineEdit = line
        self.concentration_text.setPlaceholderText("e.g. 10 %")
        self.initial_rate = QLineEdit(objectName="initialRate")
        self.initial_minutes = QSpinBox(objectName="initialMinutes", suffix=" min")
        self.initial_minutes.setRange(1, 240)
        self.initial_minutes.setValue(30)
        self.maximum_rate = QLineEdit(objectName="maximumRate")
        # patient risks (a diagnosis that carries one ticks it and says so)
        from ivigdesk.knowledge.risks import ENTERABLE

        self.risk_boxes = {risk.value: QCheckBox(risk.label, objectName=f"risk-{risk.value}") for risk in ENTERABLE}
        self.risks_box = QGroupBox("Ris&ks", objectName="risks")
        # dates
        self.has_start = QCheckBox("&Start date", objectName="hasStartDate")
        self.start_date = QDateEdit(QDate.currentDate(), objectName="startDate", calendarPopup=True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setEnabled(False)
        # who the worksheet is for: printed on it, never saved by IVIG Desk
        from ivigdesk.dosing.identity import PatientIdentity

        self.identity_fields = {key: QLineEdit(objectName=f"identity-{key}") for key in PatientIdentity.LABELS}
        for measure in self.measure_fields():  # no measure needs more; a long paste is cut, not parsed
            measure.setMaxLength(MEASURE_MAX_LENGTH)
        # each refusal's field, and its inputs (the first is where the cursor goes for it); the
        # source's questions ("answers") are rebuilt for each circumstance and wired as they are made
        self.fields: dict[str, list[QWidget]] = {
            "circumstance": [self.circumstance],
            "regimen": [self.regimen],
            "weight": [self.weight, self.weight_unit],
            "height": [self.height_field, self.height_unit],
            "sex": [self.sex],
            "age": [self.age, self.age_unit],
            "pre-pregnancy weight": [self.pre_pregnancy],
            "gestation": [self.gestation],
            "days": [self.days],
            "product": [self.product],
            "concentration": [self.concentration],
            "rates": [self.initial_rate, self.maximum_rate, self.initial_minutes],
            "risks": list(self.risk_boxes.values()),
            "start date": [self.start_date, self.has_start],
        }
        self.errors = {name: ErrorLabel(name) for name in (*self.fields, "answers", "other")}
        self._descriptions = {
            self.circumstance: "Circumstance",
            self.regimen: "Regimen",
            self.weight: "Patient weight",
            self.weight_unit: "Weight unit",
            self.height_field: "Patient height",
            self.height_unit: "Height unit",
            self.sex: "Sex, for ideal body weight",
            self.age: "Patient age",
            self.age_unit: "Age unit",
            self.pregnant: "Pregnant",
            self.pre_pregnancy: "Pre-pregnancy weight",
            self.gestation: "Gestation at the first infusion",
            self.days: "Number of infusion days",
            self.product: "Product",
            self.concentration: "Product concentration",
            self.initial_rate: "Initial rate from the SmPC, mL/kg/h",
            self.initial_minutes: "Minutes at the initial rate",
            self.maximum_rate: "Maximum rate from the SmPC, mL/kg/h",
            self.start_date: "Date of the first infusion",
        }
        for widget, name in self._descriptions.items():
            widget.setAccessibleName(name)
        for key, field in self.identity_fields.items():
            field.setAccessibleName(f"{PatientIdentity.LABELS[key]} (printed on the worksheet only)")

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        diagnosis = _form()
        self._add(diagnosis, "&Circumstance", self.circumstance, "circumstance")
        diagnosis.addRow(self.circumstance_text)
        diagnosis.addRow(self.questions_box)
        diagnosis.addRow(self.errors["answers"])
        self._add(diagnosis, "&Regimen", self.regimen, "regimen")
        self._diagnosis_form = diagnosis
        layout.addLayout(diagnosis)

        patient = _form()
        self._add(patient, "&Weight", _row((self.weight, 1), (self.weight_unit, 0)), "weight", buddy=self.weight)
        patient.addRow(self.weight_in_kg)
        self._add(
            patient, "H&eight", _row((self.height_field, 1), (self.height_unit, 0)), "height", buddy=self.height_field
        )
        self._add(patient, "Se&x", self.sex, "sex")
        self._add(patient, "&Age", _row((self.age, 1), (self.age_unit, 0)), "age", buddy=self.age)
        patient.addRow(self.pregnant)
        self._add(
            patient,
            "Pre-pregnancy weight",
            _row((self.pre_pregnancy, 1), (self.pre_pregnancy_unit, 0)),
            "pre-pregnancy weight",
            buddy=self.pre_pregnancy,
        )
        self._add(patient, "Gestation", self.gestation, "gestation")
        patient.addRow(self.use_actual)
        self._add(patient, "Da&ys", self.days, "days")
        layout.addWidget(_titled("Patient", patient))

        product = _form()
        self._add(product, "Prod&uct", self.product, "product")
        self._add(product, "Concentrat&ion", self.concentration, "concentration")
        initial = _row((self.initial_rate, 1), (_unit_label(f"{RATE_UNIT} for"), 0), (self.initial_minutes, 0))
        self._add(product, "S&mPC initial rate", initial, None, buddy=self.initial_rate)
        self._add(product, "SmPC maximum rate", _row((self.maximum_rate, 1), (_unit_label(RATE_UNIT), 0)), None)
        product.addRow(self.errors["rates"])
        layout.addWidget(_titled("Product", product))

        risks = QVBoxLayout(self.risks_box)
        for box in self.risk_boxes.values():
            risks.addWidget(box)
        risks.addWidget(self.errors["risks"])
        layout.addWidget(self.risks_box)

        dates = _form()
        self._add(dates, self.has_start, self.start_date, "start date")
        layout.addLayout(dates)

        identity = QGroupBox("For the worksheet only: never saved by IVIG Desk", objectName="identity")
        grid = _form()
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long labels: each above its field
        identity.setLayout(grid)
        from ivigdesk.dosing.identity import PatientIdentity

        for key, field in self.identity_fields.items():
            grid.addRow(PatientIdentity.LABELS[key], field)
        layout.addWidget(identity)
        layout.addWidget(self.errors["other"])
        layout.addStretch(1)

    def _add(
        self, form: QFormLayout, label: str | QWidget, field: QWidget, error: str | None, buddy: QWidget | None = None
    ) -> QWidget:
        """A labelled row (its label's mnemonic focuses ``buddy`` or the field), then its error line."""
        if isinstance(label, QWidget):
            row_label = label
        else:
            row_label = QLabel(label)
            row_label.setBuddy(buddy or field)
        form.addRow(row_label, field)
        if error is not None:
            form.addRow(self.errors[error])
        return row_label

    def _connect(self) -> None:
        """Each edit marks its field as touched (so a missing value may now show as an error),
        then recalculates; a few edits rebuild other inputs first."""
        for field, widgets in self.fields.items():
            for widget in widgets:
                _edited_signal(widget).connect(lambda *_, f=field: self._touched.add(f))
        self.circumstance.currentIndexChanged.connect(self._circumstance_changed)
        self.regimen.currentIndexChanged.connect(self._regimen_changed)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.weight_unit.currentIndexChanged.connect(self._weight_unit_changed)
        self.concentration.currentTextChanged.connect(self._concentration_typed)
        self.pregnant.toggled.connect(self._update_pregnancy_fields)
        self.has_start.toggled.connect(self.start_date.setEnabled)
        rebuilding = ("circumstance", "regimen", "product")  # their handlers above recalculate when done
        plain = [w for field, widgets in self.fields.items() if field not in rebuilding for w in widgets]
        for widget in (*plain, self.pregnant, self.use_actual):
            _edited_signal(widget).connect(self.changed)
        for line in (self.weight, self.height_field, self.age, self.pre_pregnancy, self.gestation):
            line.returnPressed.connect(self.focusNextChild)
        self.concentration_text.returnPressed.connect(self.focusNextChild)

    # -- what the window sets -------------------------------------------------------------------

    def set_indication(self, indication: Indication | None) -> None:
        """Rebuild the diagnosis inputs for an indication (None: nothing chosen)."""
        self._indication = indication
        self.circumstance.blockSignals(True)
        self.circumstance.clear()
        if indication is not None:
            for circumstance in indication.circumstances:
                self.circumstance.addItem(circumstance.label, circumstance.id)
                self.circumstance.setItemData(self.circumstance.count() - 1, circumstance.label, 3)  # ToolTipRole
            # one circumstance is selected for the user; several must be chosen, never guessed
            self.circumstance.setPlaceholderText("Choose the circumstance…")
            self.circumstance.setCurrentIndex(0 if len(indication.circumstances) == 1 else -1)
        self.circumstance.blockSignals(False)
        several = indication is not None and len(indication.circumstances) > 1
        self._diagnosis_form.setRowVisible(self.circumstance, several)
        self._touched.discard("circumstance")
        by_diagnosis = indication is not None and indication.pregnancy
        self.pregnant.blockSignals(True)
        if by_diagnosis:
            self.pregnant.setChecked(True)
        elif not self.pregnant.isEnabled():  # the last diagnosis ticked it, not the user
            self.pregnant.setChecked(False)
        self.pregnant.blockSignals(False)
        self.pregnant.setEnabled(not by_diagnosis)
        self.pregnant.setToolTip("Pregnant by the diagnosis." if by_diagnosis else "")
        carried = set(indication.implies_risks) if indication is not None else set()
        for risk_id, box in self.risk_boxes.items():
            by_it = any(risk.value == risk_id for risk in carried)
            box.blockSignals(True)
            if by_it:
                box.setChecked(True)
            elif not box.isEnabled():
                box.setChecked(False)
            box.blockSignals(False)
            box.setEnabled(not by_it)
            source = indication.implies_risks_source if indication is not None else ""
            box.setToolTip(f"Carried by the diagnosis ({source})." if by_it else "")
        self._update_pregnancy_fields()
        self._circumstance_changed()

    def set_catalogue(self, catalogue: ProductCatalogue) -> None:
        """Offer the catalogue's products (the current choice is kept when it still exists)."""
        self._start_date_from_today(keep_chosen=True)
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

    def _start_date_from_today(self, *, keep_chosen: bool) -> None:
        """The date picker offers only what the calculation accepts, around today, and shows
        today (unless ``keep_chosen`` and a date is ticked)."""
        from ivigdesk.dosing.start_dates import START_DATE_RANGE, today

        now = QDate(today())
        self.start_date.setDateRange(now.addDays(-START_DATE_RANGE.days), now.addDays(START_DATE_RANGE.days))
        if not (keep_chosen and self.has_start.isChecked()):
            self.start_date.setDate(now)

    def set_errors(self, field: str | None, message: str | None, *, missing: bool = False) -> bool:
        """Show ``message`` beside ``field`` and in its accessible description, and clear the rest.
        Something not yet entered (``missing``) is not shown as an error until its field has been
        touched; returns whether the message is shown beside a field."""
        field = field if field in self.errors or field is None else "other"
        shown = message is not None and field is not None and (not missing or field in self._touched)
        tie_errors(self)
        for name, label in self.errors.items():
            label.show_error(message if shown and name == field else None)
        widget = self.field_widget(field) if shown and message is not None else None
        self.speech.describe(self._descriptions, (widget, message) if widget is not None and message else None)
        return shown

    def show_weight_in_kg(self, text: str) -> None:
        """The weight in kg beside a weight typed in pounds ("" hides it)."""
        in_lb = self.weight_unit.currentText() == "lb"
        converted = f" = {text}" if text else ""
        self.weight_in_kg.setText(f"Weight entered in POUNDS (lb){converted}" if in_lb else "")
        self.weight_in_kg.setVisible(in_lb)

    def set_product(self, product_id: str) -> None:
        """Choose a remembered product, if the catalogue still has it (a pharmacy's usual stock)."""
        index = self.product.findData(product_id)
        if index > 0:
            self.product.setCurrentIndex(index)

    def set_concentration(self, text: str) -> None:
        """Show a remembered concentration (a pharmacy's usual stock)."""
        self._typed_concentration = text
        if self.current_product() is None:
            self.concentration.setCurrentText(text)

    def focus_weight(self) -> None:
        self.weight.setFocus()
        self.weight.selectAll()

    def focus_field(self, field: str | None) -> bool:
        """Put the cursor in the input ``field`` names (a refusal's field); False if there is none."""
        widget = self.field_widget(field)
        if widget is None or not widget.isEnabled() or not widget.isVisibleTo(self):
            return False
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True

    def field_widget(self, field: str | None) -> QWidget | None:
        """The input a refusal's field names (the first of the source's questions for "answers")."""
        if field == "answers":
            return next(iter(self.questions.values()), None)
        widgets = self.fields.get(field or "")
        return widgets[0] if widgets else None

    def clear_patient(self) -> None:
        """New patient: the form exactly as at launch (``start_fresh``, the code the launch runs)."""
        self.start_fresh()

    def start_fresh(self) -> None:
        """Every patient input as a fresh launch leaves it (the launch runs this too): empty
        fields with no undo history, kg, cm, years, today's date unticked, no diagnosis, and
        every label, unit and enabled state that follows from them. The product and
        concentration, a pharmacy's stock, stay; errors and the touched marks go. The handlers
        that keep labels in step run as the inputs change; ``changed`` fires once, at the end."""
        self.blockSignals(True)
        self.set_indication(None)  # first: it frees the boxes a diagnosis ticked
        self.circumstance.setPlaceholderText("")  # as before any diagnosis was chosen
        lines: list[QLineEdit] = [self.weight, self.height_field, self.age, self.pre_pregnancy, self.gestation,
                                  self.initial_rate, self.maximum_rate, *self.identity_fields.values()]  # fmt: skip
        for line in lines:
            line.setText("")  # unlike clear(), setText leaves nothing for Ctrl+Z to bring back
        for combo in (self.weight_unit, self.height_unit, self.sex, self.age_unit):
            combo.setCurrentIndex(0)
        for box in (self.pregnant, self.use_actual, self.has_start, *self.risk_boxes.values()):
            box.setChecked(False)
        if self._catalogue is not None:  # as at launch, once the knowledge base is loaded
            self._start_date_from_today(keep_chosen=False)
        else:
            self.start_date.setDate(QDate.currentDate())
        self.initial_minutes.setValue(30)
        self._weight_unit_changed()
        self._update_pregnancy_fields()
        self.start_date.setEnabled(self.has_start.isChecked())
        self._product_changed()
        self._touched.clear()
        self.set_errors(None, None)
        self.speech.settle()  # every description as it settles, at once: at launch as at New patient
        self.blockSignals(False)
        self.changed.emit()

    # -- what the window reads ------------------------------------------------------------------

    def raw_inputs(self) -> RawInputs:
        """Every input as typed (the diagnosis is the picker's); a field that is disabled counts
        as not given, so nothing greyed out changes a dose."""
        from ivigdesk.dosing.raw_inputs import RawInputs

        def used(widget: QWidget, text: str) -> str:
            return text if widget.isEnabled() else ""

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
            height=self.height_field.text(),
            height_unit=self.height_unit.currentText(),
            sex=self.sex.currentData() or "",
            age=self.age.text(),
            age_unit=self.age_unit.currentText(),
            pregnant=self.pregnant.isChecked(),
            pre_pregnancy_weight=used(self.pre_pregnancy, self.pre_pregnancy.text()),
            use_actual_weight=self.use_actual.isChecked(),
            days=str(self.days.value()) if self._days_chosen() else "",
            product_id=product.id if product is not None else None,
            concentration="" if product is not None else self.concentration.currentText(),
            initial_rate=used(self.initial_rate, self.initial_rate.text()),
            initial_minutes=str(self.initial_minutes.value()),
            maximum_rate=used(self.maximum_rate, self.maximum_rate.text()),
            rate_unit=RATE_UNIT,
            risks=tuple(risk for risk, box in self.risk_boxes.items() if box.isChecked()),
            start_date=self.start_date.date().toString("yyyy-MM-dd") if self.has_start.isChecked() else "",
            gestation=used(self.gestation, self.gestation.text()),
        )

    def identity(self) -> PatientIdentity:
        """Who the worksheet is for, as typed (never part of the calculation, never saved)."""
        from ivigdesk.dosing.identity import PatientIdentity

        return PatientIdentity(**{key: field.text() for key, field in self.identity_fields.items()})

    def remembered(self) -> tuple[str, str]:
        """(product id, concentration) to remember: a pharmacy's usual stock, never a unit."""
        return self.product.currentData() or "", self._typed_concentration.strip()

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order they appear, for the window's tab order."""
        return [
            self.circumstance,
            *self.questions.values(),
            self.regimen,
            self.weight,
            self.weight_unit,
            self.height_field,
            self.height_unit,
            self.sex,
            self.age,
            self.age_unit,
            self.pregnant,
            self.pre_pregnancy,
            self.gestation,
            self.use_actual,
            self.days,
            self.product,
            self.concentration,
            self.initial_rate,
            self.initial_minutes,
            self.maximum_rate,
            *self.risk_boxes.values(),
            self.has_start,
            self.start_date,
            *self.identity_fields.values(),
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
        return self.days.isEnabled() and self.days.value() > self.days.minimum()

    # -- internals ------------------------------------------------------------------------------

    def _weight_unit_changed(self) -> None:
        self.pre_pregnancy_unit.setText(self.weight_unit.currentText())
        self.show_weight_in_kg("")

    def _update_pregnancy_fields(self) -> None:
        for widget in (self.pre_pregnancy, self.gestation):
            widget.setEnabled(self.pregnant.isChecked())

    def _concentration_typed(self, text: str) -> None:
        if self.current_product() is None:
            self._typed_concentration = text

    def _product_changed(self) -> None:
        product = self.current_product()
        self.concentration.blockSignals(True)
        if product is not None:
            from ivigdesk.dosing import formatting as fmt

            self.concentration.setEditText(fmt.concentration_per_ml(product.concentration.grams_per_ml))
        else:
            self.concentration.setEditText(self._typed_concentration)
        self.concentration.blockSignals(False)
        self.concentration.setEnabled(product is None)
        self.concentration.setToolTip("Set by the product." if product is not None else "")
        needs_rates = product is not None and product.rates_to_enter(self._indication.id if self._indication else None)
        for widget in (self.initial_rate, self.initial_minutes, self.maximum_rate):
            widget.setEnabled(needs_rates)
        # why the rate fields are (not) asked for, in their placeholder; the units stay beside them
        hint = "choose a product first" if product is None else "" if needs_rates else "from the product list"
        for field in (self.initial_rate, self.maximum_rate):
            field.setPlaceholderText(hint)
            field.setToolTip(
                f"{product.name}: rates not confirmed in IVIG Desk's catalogue; enter them from its SmPC (4.2)."
                if product is not None and needs_rates
                else ""
            )
        self.product.setToolTip(product.name if product else "")
        self.changed.emit()

    def _circumstance_changed(self) -> None:
        circumstance = self.current_circumstance()
        several = self._indication is not None and len(self._indication.circumstances) > 1
        self.circumstance_text.setText(
            f"<i>{circumstance.source}:</i> {circumstance.text}" if circumstance is not None and several else ""
        )
        self._diagnosis_form.setRowVisible(self.circumstance_text, bool(self.circumstance_text.text()))
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
        self._diagnosis_form.setRowVisible(self.regimen, self.regimen.count() > 1)
        self._regimen_changed()

    def _build_questions(self, circumstance: Circumstance | None) -> None:
        """The source's yes/no questions, each as its text above its answer."""
        while (item := self.questions_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
        self.questions = {}
        for question in circumstance.questions if circumstance else ():
            label, combo = self._question_widgets(question.id)
            combo.blockSignals(True)
            combo.setCurrentIndex(0)  # "Not answered", as for a new question
            combo.blockSignals(False)
            combo.setAccessibleName(question.text)
            combo.setToolTip(f"Asked by the source ({question.source})")
            label.setText(question.text + "?")
            self.questions_layout.addWidget(label)
            self.questions_layout.addWidget(combo)
            label.show()
            combo.show()
            self.questions[question.id] = combo
        self._diagnosis_form.setRowVisible(self.questions_box, bool(self.questions))
        focus_order(self.circumstance, *self.questions.values(), self.regimen)  # in reading order

    def _question_widgets(self, question_id: str) -> tuple[QLabel, QComboBox]:
        """The label and answer box of a question, made once per question id and kept: PySide6
        6.11 keeps a reference to None for every item model that is destroyed after holding rows,
        so a new combo box for each diagnosis made None's reference count rise with every edit."""
        if question_id not in self._question_pool:
            combo = _narrow(QComboBox(self.questions_box, objectName=f"question-{question_id}"))
            for text, value in ANSWERS:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda *_: self._touched.add("answers"))
            combo.currentIndexChanged.connect(self.changed)
            label = QLabel(self.questions_box, wordWrap=True)
            label.setBuddy(combo)
            self._question_pool[question_id] = (label, combo)
        return self._question_pool[question_id]

    def _regimen_changed(self) -> None:
        circumstance = self.current_circumstance()
        regimen = circumstance.regimen(self.regimen.currentData()) if circumstance else None
        ranged = regimen is not None and not regimen.days.fixed
        self.days.blockSignals(True)
        if regimen is not None and ranged:
            # one below the range shows "Choose…": the number of days is never guessed
            self.days.setRange(regimen.days.min - 1, regimen.days.max)
            self.days.setSpecialValueText("Choose…")
            self.days.setSuffix(f" days (from {regimen.days.min} to {regimen.days.max})")
            self.days.setValue(regimen.days.min - 1)
        elif regimen is not None:
            count = regimen.days.min
            self.days.setRange(count, count)
            self.days.setSpecialValueText("")
            self.days.setSuffix(f" day{'s' if count != 1 else ''}: set by the regimen")
            self.days.setValue(count)
        else:
            self.days.setRange(0, 0)
            self.days.setSpecialValueText("–")
            self.days.setSuffix("")
        self.days.blockSignals(False)
        self.days.setEnabled(ranged)
        self._touched.discard("days")
        self.changed.emit()


def _titled(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box


def _edited_signal(widget: QWidget) -> SignalInstance:
    """The signal that fires when ``widget``'s value changes."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    raise TypeError(widget)


def focus_order(*widgets: QWidget) -> None:
    """Set a tab order through ``widgets`` in sequence."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
