"""Patient risks that change how IVIG is given, and their names in words (no other imports, so
the window can list them before the knowledge base loads).

Most are entered by the user (or carried by a diagnosis); two are worked out from other inputs
(age over 65 from the age, obesity from height and weight) and are never entered: ``ENTERABLE``
lists the ones a user ticks. ``renal`` and ``thrombosis`` are also the two hazards the other risk
factors lead to (the product list says, citing the SmPCs, which factor counts for which)."""

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
    HYPERTENSION = "hypertension"
    IMMOBILITY = "immobility"
    OESTROGENS = "oestrogens"
    HYPERVISCOSITY = "hyperviscosity"
    HYPOVOLAEMIA_SEPSIS = "hypovolaemia-sepsis"
    NEPHROTOXIC_DRUGS = "nephrotoxic-drugs"
    AGE_OVER_65 = "age-over-65"
    OBESITY = "obesity"

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
    Risk.HYPERTENSION: "Hypertension",
    Risk.IMMOBILITY: "Prolonged immobilisation",
    Risk.OESTROGENS: "Oestrogens (e.g. the pill, HRT)",
    Risk.HYPERVISCOSITY: "Hyperviscosity or paraproteinaemia",
    Risk.HYPOVOLAEMIA_SEPSIS: "Hypovolaemia or sepsis",
    Risk.NEPHROTOXIC_DRUGS: "Nephrotoxic drugs",
    Risk.AGE_OVER_65: "Age over 65",
    Risk.OBESITY: "Obesity (BMI over 30)",
}
DERIVED = (Risk.AGE_OVER_65, Risk.OBESITY)  # worked out from age, height and weight
ENTERABLE = tuple(risk for risk in Risk if risk not in DERIVED)
