"""The patient's risks: one box for each risk a pharmacist can enter; a diagnosis that carries a
risk ticks its box, holds it and says so, and the next diagnosis frees it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_inputs_common import ErrorLabel, mark_touched, named, recalculate_on_edit

if TYPE_CHECKING:
    from ivigdesk.knowledge.model import Indication


class RisksPart(QGroupBox):
    """The "Risks" group (Alt+K)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__("Ris&ks")
        self.setObjectName("risks")
        from ivigdesk.knowledge.risks import ENTERABLE

        self.boxes = {risk.value: named(QCheckBox(risk.label), f"risk-{risk.value}") for risk in ENTERABLE}
        self.touched: set[Field] = set()
        self.fields: dict[Field, list[QWidget]] = {Field.RISKS: list(self.boxes.values())}
        self.errors = {Field.RISKS: ErrorLabel(Field.RISKS)}
        self.descriptions: dict[QWidget, str] = {}
        layout = QVBoxLayout(self)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.errors[Field.RISKS])
        mark_touched(self.fields, self.touched)
        recalculate_on_edit(self.boxes.values(), self.changed)

    def tab_chain(self) -> list[QWidget]:
        return list(self.boxes.values())

    def raw(self) -> tuple[str, ...]:
        """The risks marked, by name ("renal", "thrombosis"…)."""
        return tuple(risk for risk, box in self.boxes.items() if box.isChecked())

    def clear(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)

    def set_indication(self, indication: Indication | None) -> None:
        """Tick and hold the risks ``indication`` carries; free those the last one held."""
        carried = set(indication.implies_risks) if indication is not None else set()
        source = indication.implies_risks_source if indication is not None else ""
        for risk_id, box in self.boxes.items():
            by_it = any(risk.value == risk_id for risk in carried)
            box.blockSignals(True)
            if by_it:
                box.setChecked(True)
            elif not box.isEnabled():
                box.setChecked(False)
            box.blockSignals(False)
            box.setEnabled(not by_it)
            box.setToolTip(f"Carried by the diagnosis ({source})." if by_it else "")
