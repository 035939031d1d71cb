"""The patient risks (``ivigdesk.knowledge.risks``)."""

from __future__ import annotations

from ivigdesk.knowledge.risks import DERIVED, ENTERABLE, RISK_LABELS, Risk


def test_every_risk_has_words():
    assert set(RISK_LABELS) == set(Risk)
    assert Risk.RENAL.label == "Renal impairment"
    assert Risk.IGA_DEFICIENCY.label == "IgA deficiency with anti-IgA antibodies"


def test_age_and_obesity_are_worked_out_never_entered():
    assert DERIVED == (Risk.AGE_OVER_65, Risk.OBESITY)
    assert set(ENTERABLE) | set(DERIVED) == set(Risk) and not set(ENTERABLE) & set(DERIVED)
    assert list(ENTERABLE) == [risk for risk in Risk if risk not in DERIVED]  # the window's order


def test_a_risk_is_named_by_its_value():
    assert Risk("heart-failure") is Risk.HEART_FAILURE and str(Risk.HEART_FAILURE) == "heart-failure"
