"""The inputs, in the order a pharmacist fills them in: the source's questions about the
diagnosis, the patient, the product, patient risks, dates, and who the worksheet is for.

Each of those is a part of its own (``ui.qt_inputs_*``); this form composes them into one
:class:`RawInputs`, one set of error lines and one tab order. Every input has an error line
beside it and an accessible description that carries the error; ``changed`` fires on any edit so
the window can recalculate at once. Rows never appear or vanish when the product changes (they
are enabled or disabled instead), and nothing is wider than the column, so no input is ever
clipped or scrolled out of sight sideways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_accessibility import SettledSpeech, prepare_inputs, tie_errors
from ivigdesk.ui.qt_inputs_common import ErrorLabel, FormPart
from ivigdesk.ui.qt_inputs_dates import DatesPart
from ivigdesk.ui.qt_inputs_diagnosis import DiagnosisPart
from ivigdesk.ui.qt_inputs_identity import IdentityPart
from ivigdesk.ui.qt_inputs_patient import PatientPart
from ivigdesk.ui.qt_inputs_product import ProductPart
from ivigdesk.ui.qt_inputs_risks import RisksPart

if TYPE_CHECKING:
    from ivigdesk.dosing.identity import PatientIdentity
    from ivigdesk.dosing.raw_inputs import RawInputs
    from ivigdesk.knowledge.model import Circumstance, Indication, Regimen
    from ivigdesk.knowledge.products import Product, ProductCatalogue


class InputsPanel(QWidget):
    """All the inputs for one request, in their parts; reads them back as plain values."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.speech = SettledSpeech(self)  # descriptions change once typing pauses (ui.qt_accessibility)
        self.diagnosis = DiagnosisPart()
        self.patient = PatientPart()
        self.product_rates = ProductPart()
        self.risks = RisksPart()
        self.dates = DatesPart()
        self.identity_part = IdentityPart()
        self.parts: tuple[FormPart, ...] = (self.diagnosis, self.patient, self.product_rates, self.risks, self.dates)
        # each refusal's field and its inputs (the first is where the cursor goes for it)
        self.fields = {field: widgets for part in self.parts for field, widgets in part.fields.items()}
        self.errors: dict[Field, ErrorLabel] = {
            name: label for part in self.parts for name, label in part.errors.items()
        }
        self.other_error = ErrorLabel("other")  # a refusal with no input of its own (a site setting)
        self._descriptions = {widget: name for part in self.parts for widget, name in part.descriptions.items()}
        for widget, name in self._descriptions.items():
            widget.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.diagnosis, self.patient, self.product_rates, self.risks, self.dates, self.identity_part):
            layout.addWidget(widget)
        layout.addWidget(self.other_error)
        layout.addStretch(1)
        self.diagnosis.regimen_chosen.connect(self._regimen_chosen)
        for part in (self.diagnosis, self.patient, self.product_rates, self.risks, self.dates):
            part.changed.connect(self.changed)
        prepare_inputs(self)
        self.start_fresh()

    # -- what the window reads ------------------------------------------------------------------

    def raw_inputs(self) -> RawInputs:
        """Every input as typed (the diagnosis is the picker's); a field that is disabled counts
        as not given, so nothing greyed out changes a dose."""
        from ivigdesk.dosing.raw_inputs import RawInputs

        return RawInputs(
            **self.diagnosis.raw(),
            **self.patient.raw(),
            **self.product_rates.raw(),
            risks=self.risks.raw(),
            start_date=self.dates.raw(),
        )

    def identity(self) -> PatientIdentity:
        """Who the worksheet is for, as typed (never part of the calculation, never saved)."""
        return self.identity_part.identity()

    def remembered(self) -> tuple[str, str]:
        """(product id, concentration) to remember: a pharmacy's usual stock, never a unit."""
        return self.product_rates.remembered()

    def measure_fields(self) -> tuple[QLineEdit, ...]:
        """Every field that takes a number with an optional unit."""
        return (*self.patient.measure_fields(), *self.product_rates.measure_fields())

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order they appear, for the window's tab order."""
        return [*(widget for part in self.parts for widget in part.tab_chain()), *self.identity_part.tab_chain()]

    def current_circumstance(self) -> Circumstance | None:
        return self.diagnosis.current_circumstance()

    def current_product(self) -> Product | None:
        return self.product_rates.current_product()

    def field_widget(self, field: Field | None) -> QWidget | None:
        """The input a refusal's field names (the first of the source's questions for answers)."""
        if field is None:
            return None
        return self.diagnosis.field_widget(field) if field == Field.ANSWERS else _first(self.fields.get(field))

    # -- what the window sets -------------------------------------------------------------------

    def set_indication(self, indication: Indication | None) -> None:
        """Rebuild the inputs for an indication (None: nothing chosen); one ``changed`` at the end."""
        self.patient.set_indication(indication)
        self.risks.set_indication(indication)
        self.product_rates.set_indication(indication.id if indication is not None else None)
        self.diagnosis.set_indication(indication)  # last: it ends with the regimen, which recalculates

    def set_catalogue(self, catalogue: ProductCatalogue) -> None:
        """Offer the catalogue's products (the current choice is kept when it still exists)."""
        self.dates.from_today(keep_chosen=True)
        self.product_rates.set_catalogue(catalogue)

    def set_product(self, product_id: str) -> None:
        self.product_rates.set_product(product_id)

    def set_concentration(self, text: str) -> None:
        self.product_rates.set_concentration(text)

    def show_weight_in_kg(self, text: str) -> None:
        self.patient.show_weight_in_kg(text)

    def set_errors(self, field: Field | None, message: str | None, *, missing: bool = False) -> bool:
        """Show ``message`` beside ``field`` and in its accessible description, and clear the rest.
        Something not yet entered (``missing``) is not shown as an error until its field has been
        touched; returns whether the message is shown beside a field."""
        beside = None if field is None else self.errors.get(field, self.other_error)
        touched = set().union(*(part.touched for part in self.parts))
        shown = message is not None and beside is not None and (not missing or field in touched)
        tie_errors(self)
        for label in (*self.errors.values(), self.other_error):
            label.show_error(message if shown and label is beside else None)
        self.diagnosis.show_if_needed()  # its error lines may be its only rows
        widget = self.field_widget(field) if shown and message is not None else None
        self.speech.describe(self._descriptions, (widget, message) if widget is not None and message else None)
        return shown

    def focus_weight(self) -> None:
        self.patient.weight.setFocus()
        self.patient.weight.selectAll()

    def focus_field(self, field: Field | None) -> bool:
        """Put the cursor in the input ``field`` names (a refusal's field); False if there is none."""
        widget = self.field_widget(field)
        if widget is None or not widget.isEnabled() or not widget.isVisibleTo(self):
            return False
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True

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
        self.diagnosis.circumstance.setPlaceholderText("")  # as before any diagnosis was chosen
        self.patient.clear()
        self.risks.clear()
        self.identity_part.clear()
        self.dates.clear(today_known=self.product_rates.catalogue is not None)  # as at launch, once loaded
        self.product_rates.clear()
        for part in self.parts:
            part.touched.clear()
        self.set_errors(None, None)
        self.speech.settle()  # every description as it settles, at once: at launch as at New patient
        self.blockSignals(False)
        self.changed.emit()

    def _regimen_chosen(self, regimen: Regimen | None) -> None:
        self.patient.set_days_for(regimen)
        self.changed.emit()


def _first(widgets: list[QWidget] | None) -> QWidget | None:
    return widgets[0] if widgets else None
