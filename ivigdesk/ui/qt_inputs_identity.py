"""Who the worksheet is for: printed on it, never saved by IVIG Desk, never part of the
calculation (so no edit here recalculates)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from ivigdesk.ui.qt_inputs_common import form_layout, named

if TYPE_CHECKING:
    from ivigdesk.dosing.identity import PatientIdentity


class IdentityPart(QGroupBox):
    """Name, numbers, date of birth, ward, prescriber and approval, as typed."""

    def __init__(self) -> None:
        super().__init__("For the worksheet only: never saved by IVIG Desk")
        self.setObjectName("identity")
        from ivigdesk.dosing.identity import PatientIdentity

        self.lines = {key: named(QLineEdit(), f"identity-{key}") for key in PatientIdentity.LABELS}
        grid = form_layout(self)
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long labels: each above its field
        for key, line in self.lines.items():
            line.setAccessibleName(f"{PatientIdentity.LABELS[key]} (printed on the worksheet only)")
            grid.addRow(PatientIdentity.LABELS[key], line)

    def tab_chain(self) -> list[QWidget]:
        return list(self.lines.values())

    def identity(self) -> PatientIdentity:
        """As typed (never part of the calculation, never saved)."""
        from ivigdesk.dosing.identity import PatientIdentity

        return PatientIdentity(**{key: line.text() for key, line in self.lines.items()})

    def clear(self) -> None:
        for line in self.lines.values():
            line.setText("")  # unlike clear(), setText leaves nothing for Ctrl+Z to bring back
