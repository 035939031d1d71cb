"""Who the worksheet is for: printed on it only, never part of the calculation."""

from __future__ import annotations

from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.ui.qt_inputs_identity import IdentityPart


def test_the_identity_is_read_as_typed_and_cleared_without_undo(qtbot):
    part = IdentityPart()
    qtbot.addWidget(part)
    assert list(part.lines) == list(PatientIdentity.LABELS)
    assert part.lines["hospital_number"].accessibleName() == "Hospital / NHS number (printed on the worksheet only)"
    part.lines["name"].setText("Ada  Lovelace")
    part.lines["ward"].setText("Ward 7")
    assert part.identity() == PatientIdentity(name="Ada  Lovelace", ward="Ward 7")
    part.clear()
    assert part.identity() == PatientIdentity() and not part.lines["name"].isUndoAvailable()
    assert not hasattr(part, "changed")  # no edit here recalculates
