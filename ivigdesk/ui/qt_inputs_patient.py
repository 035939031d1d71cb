"""The patient's part of the form: weight, height, sex, age, pregnancy (pre-pregnancy weight and
gestation), the choice to dose on actual weight, and the number of days the regimen allows."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLineEdit, QSpinBox, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_inputs_common import (
    MEASURE_MAX_LENGTH,
    ErrorLabel,
    add_row,
    form_layout,
    line_edit,
    mark_touched,
    named,
    narrow,
    recalculate_on_edit,
    row,
    unit_label,
    wrapping_label,
)

if TYPE_CHECKING:
    from ivigdesk.knowledge.model import Indication, Regimen

SEXES = (("Not given", None), ("Male", "male"), ("Female", "female"))


class PatientInputs(TypedDict):
    """What the patient's part gives the raw inputs."""

    weight: str
    weight_unit: str
    height: str
    height_unit: str
    sex: str
    age: str
    age_unit: str
    pregnant: bool
    pre_pregnancy_weight: str
    use_actual_weight: bool
    days: str
    gestation: str


def _units(name: str, *units: str) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.addItems(list(units))
    return combo


class PatientPart(QGroupBox):
    """The "Patient" group. A field that is disabled counts as not given."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__("Patient")
        self.touched: set[Field] = set()
        self.weight = line_edit("weight", "e.g. 70")
        self.weight_unit = _units("weightUnit", "kg", "lb")
        self.weight_in_kg = wrapping_label("weightInKg")
        self.weight_in_kg.setProperty("role", "unit")
        self.height_field = line_edit("height", "optional")
        self.height_unit = _units("heightUnit", "cm", "in")
        self.sex = narrow(named(QComboBox(), "sex"))
        for text, value in SEXES:
            self.sex.addItem(text, value)
        self.age = line_edit("age", "optional")
        self.age_unit = _units("ageUnit", "years", "months")
        self.pregnant = named(QCheckBox("&Pregnant"), "pregnant")
        self.pre_pregnancy = line_edit("prePregnancyWeight", "optional")
        self.pre_pregnancy_unit = unit_label("kg")
        self.gestation = line_edit("gestation", "weeks+days, e.g. 16+3")
        self.use_actual = named(QCheckBox("Dose on actua&l weight instead"), "useActual")
        self.use_actual.setToolTip("Overrides the weight rule; the plan records that you chose actual weight.")
        self.days = named(QSpinBox(), "days")
        for measure in self.measure_fields():  # no measure needs more; a long paste is cut, not parsed
            measure.setMaxLength(MEASURE_MAX_LENGTH)
        self.fields: dict[Field, list[QWidget]] = {
            Field.WEIGHT: [self.weight, self.weight_unit],
            Field.HEIGHT: [self.height_field, self.height_unit],
            Field.SEX: [self.sex],
            Field.AGE: [self.age, self.age_unit],
            Field.PRE_PREGNANCY_WEIGHT: [self.pre_pregnancy],
            Field.GESTATION: [self.gestation],
            Field.DAYS: [self.days],
        }
        self.errors = {name: ErrorLabel(name) for name in self.fields}
        self.descriptions: dict[QWidget, str] = {
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
        }
        self._lay_out()
        mark_touched(self.fields, self.touched)
        self.weight_unit.currentIndexChanged.connect(self._weight_unit_changed)
        self.pregnant.toggled.connect(self._update_pregnancy_fields)
        recalculate_on_edit(
            [*(w for ws in self.fields.values() for w in ws), self.pregnant, self.use_actual], self.changed
        )
        for line in (self.weight, self.height_field, self.age, self.pre_pregnancy, self.gestation):
            line.returnPressed.connect(self.focusNextChild)
        self._update_pregnancy_fields()  # not pregnant: their fields greyed from the start

    def _lay_out(self) -> None:
        form, errors = form_layout(self), self.errors
        add_row(form, "&Weight", row((self.weight, 1), (self.weight_unit, 0)), errors[Field.WEIGHT], buddy=self.weight)
        form.addRow(self.weight_in_kg)
        height = row((self.height_field, 1), (self.height_unit, 0))
        add_row(form, "H&eight", height, errors[Field.HEIGHT], buddy=self.height_field)
        add_row(form, "Se&x", self.sex, errors[Field.SEX])
        add_row(form, "&Age", row((self.age, 1), (self.age_unit, 0)), errors[Field.AGE], buddy=self.age)
        form.addRow(self.pregnant)
        before = row((self.pre_pregnancy, 1), (self.pre_pregnancy_unit, 0))
        add_row(form, "Pre-pregnancy weight", before, errors[Field.PRE_PREGNANCY_WEIGHT], buddy=self.pre_pregnancy)
        add_row(form, "Gestation", self.gestation, errors[Field.GESTATION])
        form.addRow(self.use_actual)
        add_row(form, "Da&ys", self.days, errors[Field.DAYS])

    def measure_fields(self) -> tuple[QLineEdit, ...]:
        """Every field that takes a number with an optional unit."""
        return (self.weight, self.height_field, self.age, self.pre_pregnancy, self.gestation)

    def tab_chain(self) -> list[QWidget]:
        weight, height, age = self.fields[Field.WEIGHT], self.fields[Field.HEIGHT], self.fields[Field.AGE]
        return [*weight, *height, self.sex, *age, self.pregnant, self.pre_pregnancy, self.gestation, self.use_actual,
                self.days]  # fmt: skip

    def raw(self) -> PatientInputs:
        def used(field: QLineEdit) -> str:
            return field.text() if field.isEnabled() else ""

        return {
            "weight": self.weight.text(),
            "weight_unit": self.weight_unit.currentText(),
            "height": self.height_field.text(),
            "height_unit": self.height_unit.currentText(),
            "sex": self.sex.currentData() or "",
            "age": self.age.text(),
            "age_unit": self.age_unit.currentText(),
            "pregnant": self.pregnant.isChecked(),
            "pre_pregnancy_weight": used(self.pre_pregnancy),
            "use_actual_weight": self.use_actual.isChecked(),
            "days": str(self.days.value()) if self.days_chosen() else "",
            "gestation": used(self.gestation),
        }

    def days_chosen(self) -> bool:
        """A number of days was chosen (one below the range shows "Choose…": never guessed)."""
        return self.days.isEnabled() and self.days.value() > self.days.minimum()

    def clear(self) -> None:
        """As at launch: empty fields with no undo history, kg, cm, years, not pregnant."""
        for line in self.measure_fields():
            line.setText("")  # unlike clear(), setText leaves nothing for Ctrl+Z to bring back
        for combo in (self.weight_unit, self.height_unit, self.sex, self.age_unit):
            combo.setCurrentIndex(0)
        for box in (self.pregnant, self.use_actual):
            box.setChecked(False)
        self._weight_unit_changed()
        self._update_pregnancy_fields()

    def set_indication(self, indication: Indication | None) -> None:
        """A diagnosis in pregnancy ticks "Pregnant" and holds it; the next one frees it."""
        by_diagnosis = indication is not None and indication.pregnancy
        self.pregnant.blockSignals(True)
        if by_diagnosis:
            self.pregnant.setChecked(True)
        elif not self.pregnant.isEnabled():  # the last diagnosis ticked it, not the user
            self.pregnant.setChecked(False)
        self.pregnant.blockSignals(False)
        self.pregnant.setEnabled(not by_diagnosis)
        self.pregnant.setToolTip("Pregnant by the diagnosis." if by_diagnosis else "")
        self._update_pregnancy_fields()

    def set_days_for(self, regimen: Regimen | None) -> None:
        """The days the regimen allows: a range to choose from (never guessed), or its fixed count."""
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
        self.touched.discard(Field.DAYS)

    def show_weight_in_kg(self, text: str) -> None:
        """The weight in kg beside a weight typed in pounds ("" hides it)."""
        in_lb = self.weight_unit.currentText() == "lb"
        converted = f" = {text}" if text else ""
        self.weight_in_kg.setText(f"Weight entered in POUNDS (lb){converted}" if in_lb else "")
        self.weight_in_kg.setVisible(in_lb)

    def _weight_unit_changed(self) -> None:
        self.pre_pregnancy_unit.setText(self.weight_unit.currentText())
        self.show_weight_in_kg("")

    def _update_pregnancy_fields(self) -> None:
        for widget in (self.pre_pregnancy, self.gestation):
            widget.setEnabled(self.pregnant.isChecked())
