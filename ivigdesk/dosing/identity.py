"""Who the worksheet is for. Typed in the window, printed on the worksheet the user saves, and
never written anywhere else by IVIG Desk (not to settings, the log or any cache); New patient
clears it. The calculation never sees it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar


@dataclass(frozen=True)
class PatientIdentity:
    """Identification and approval as typed; empty text prints as a line to fill in by hand."""

    name: str = ""
    hospital_number: str = ""  # hospital or NHS number
    date_of_birth: str = ""
    ward: str = ""
    consultant: str = ""  # consultant or prescriber
    approval_number: str = ""  # panel approval or registration number
    approval_date: str = ""

    LABELS: ClassVar[dict[str, str]] = {
        "name": "Name",
        "hospital_number": "Hospital / NHS number",
        "date_of_birth": "Date of birth",
        "ward": "Ward",
        "consultant": "Consultant / prescriber",
        "approval_number": "Panel approval / registration number",
        "approval_date": "Approval date",
    }

    def text(self, key: str) -> str:
        """One field as typed, its runs of spaces and line breaks made single spaces."""
        return " ".join(getattr(self, key).split())

    def items(self) -> list[tuple[str, str]]:
        """(label, text) for every field, in order."""
        return [(self.LABELS[f.name], self.text(f.name)) for f in fields(self)]

    @property
    def empty(self) -> bool:
        return not any(text for _, text in self.items())
