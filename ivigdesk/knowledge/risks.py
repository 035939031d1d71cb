"""Patient risks that change how IVIG is given, and their names in words (no other imports, so
the window can list them before the knowledge base loads)."""

from __future__ import annotations

from enum import StrEnum


class Risk(StrEnum):
    """A patient risk that changes how IVIG is given (each product may cap its rate for some)."""

    RENAL = "renal"
    DIABETES = "diabetes"
    FRUCTOSE_INTOLERANCE = "fructose-intolerance"
    IGA_DEFICIENCY = "iga-deficiency"
    HEART_FAILURE = "heart-failure"
    THROMBOSIS = "thrombosis"

    @property
    def label(self) -> str:
        """The risk in words, as the window and the plan show it."""
        return RISK_LABELS[self]


RISK_LABELS = {
    Risk.RENAL: "Renal impairment",
    Risk.DIABETES: "Diabetes or blood glucose monitored",
    Risk.FRUCTOSE_INTOLERANCE: "Hereditary fructose intolerance",
    Risk.IGA_DEFICIENCY: "IgA deficiency with anti-IgA antibodies",
    Risk.HEART_FAILURE: "Heart failure or risk of volume overload",
    Risk.THROMBOSIS: "Thrombosis risk factors",
}
