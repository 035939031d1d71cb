"""The risks a diagnosis carries are ticked and held (lupus nephritis: renal); the next frees them."""

from __future__ import annotations

import pytest

from ivigdesk.ui.qt_inputs_risks import RisksPart


@pytest.fixture
def part(qtbot):
    widget = RisksPart()
    qtbot.addWidget(widget)
    return widget


def test_a_carried_risk_is_ticked_held_and_sourced(part, kb):
    nephritis = kb.indication("lupus-nephritis")
    part.set_indication(nephritis)
    renal = part.boxes["renal"]
    assert renal.isChecked() and not renal.isEnabled()
    assert renal.toolTip() == f"Carried by the diagnosis ({nephritis.implies_risks_source})."
    assert part.raw() == ("renal",)
    part.set_indication(kb.indication("gbs"))
    assert not renal.isChecked() and renal.isEnabled() and part.raw() == ()


def test_a_risk_the_user_ticked_stays_ticked(part, kb):
    part.boxes["thrombosis"].setChecked(True)
    part.set_indication(kb.indication("gbs"))
    part.set_indication(None)
    assert part.raw() == ("thrombosis",) and part.fields["risks"] == list(part.boxes.values())
    part.clear()
    assert part.raw() == ()
