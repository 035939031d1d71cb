"""Which weight the dose is calculated on: actual, dose-determining (adjusted) or pre-pregnancy.

Ideal body weight is the Devine formula and the dose-determining weight (DDW) is
IBW + factor × (actual − IBW). When to use it differs by jurisdiction, so the rule and the factor
are settings; every decision says which rule was applied and why, and the dosing weight is never
above the weight it was calculated from.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.errors import InputError
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.units import Quantity

Sex = Literal["male", "female"]

DEVINE_BASE_KG: dict[Sex, Decimal] = {"male": Decimal(50), "female": Decimal("45.5")}
DEVINE_KG_PER_INCH = Decimal("2.3")
DEVINE_MIN_HEIGHT_CM = Decimal("152.4")  # 60 in: the formula's lower limit
OBESE_BMI = Decimal(30)
DEFAULT_FACTOR = Decimal("0.4")
FACTORS = (Decimal("0.4"), Decimal("0.3"))  # 0.4 (NBA, Ontario); 0.3 is also used (clinPK documentation)
ACTUAL = "Actual body weight"
PRE_PREGNANCY = "Pre-pregnancy weight"
DOSE_DETERMINING = "Dose-determining weight"
USER_CHOSE_ACTUAL = "Actual body weight (chosen by the user instead of the dose-determining weight)"


@dataclass(frozen=True)
class WeightRule:
    """A jurisdiction's rule for when the dose-determining weight is used, with its source."""

    id: str
    name: str
    source: str


WEIGHT_RULES: dict[str, WeightRule] = {
    rule.id: rule
    for rule in (
        WeightRule(
            "ontario",
            "Ontario IG dose calculator",
            "Ontario Regional Blood Coordinating Network IG dose calculator, ivig.transfusionontario.org/dose",
        ),
        WeightRule(
            "bloodstar-2026",
            "Australia, BloodSTAR (from 1 July 2026)",
            "Lifeblood, 'Coming 1 July 2026: adjusted body weight Ig dosing' (lifeblood.com.au)",
        ),
        WeightRule(
            "actual",
            "Actual body weight always",
            "Local policy: UK guidance dropped its 2007 adjusted-weight advice in the 2008/2011 updates "
            "(aaaai.org, 'Dosing immunoglobulin replacement therapy')",
        ),
    )
}
DEFAULT_RULE = "ontario"


@dataclass(frozen=True)
class Patient:
    """Optional body measures; without height and sex no dose-determining weight is worked out."""

    height: Quantity | None = None
    sex: Sex | None = None
    under_18: bool = False
    pre_pregnancy_weight: Quantity | None = None


@dataclass(frozen=True)
class WeightDecision:
    """The weight used for dosing, how it was chosen, and every figure behind the choice."""

    actual: Quantity
    used: Quantity
    basis: str
    reason: str
    rule: WeightRule
    factor: Decimal
    ibw: Quantity | None = None
    bmi: Decimal | None = None
    ddw: Quantity | None = None
    rule_chose_ddw: bool = False
    overridden: bool = False
    working: tuple[str, ...] = ()


def devine_ibw(height: Quantity, sex: Sex) -> Quantity:
    """Ideal body weight by the Devine formula (kg); valid from 152.4 cm (60 in)."""
    inches = height.to("in").magnitude
    return Q(DEVINE_BASE_KG[sex] + DEVINE_KG_PER_INCH * (inches - 60), "kg")


def body_mass_index(weight: Quantity, height: Quantity) -> Decimal:
    """BMI in kg/m²."""
    metres = height.to("m").magnitude
    return weight.to("kg").magnitude / (metres * metres)


def dose_determining_weight(actual: Quantity, ibw: Quantity, factor: Decimal) -> Quantity:
    """IBW + factor × (actual − IBW), in kg."""
    ddw: Quantity = (ibw + (actual.to("kg") - ibw) * factor).to("kg")
    return ddw


def decide_weight(
    actual: Quantity,
    patient: Patient,
    *,
    rule_id: str = DEFAULT_RULE,
    factor: Decimal = DEFAULT_FACTOR,
    pregnancy: bool = False,
    use_actual: bool = False,
) -> WeightDecision:
    """Choose the dosing weight under ``rule_id``; ``use_actual`` records the user's override."""
    rule = WEIGHT_RULES.get(rule_id)
    if rule is None:
        raise InputError("weight rule", f"Unknown weight rule “{rule_id}”; choose one of: {', '.join(WEIGHT_RULES)}.")
    if not Decimal(0) < factor < Decimal(1):
        raise InputError("weight rule", f"The adjustment factor must be between 0 and 1, not {factor}.")
    actual = actual.to("kg")
    base, base_basis = actual, ACTUAL
    if pregnancy and patient.pre_pregnancy_weight is not None and rule.id == "ontario":
        base, base_basis = patient.pre_pregnancy_weight.to("kg"), PRE_PREGNANCY

    def decision(used: Quantity, basis: str, reason: str, **figures: object) -> WeightDecision:
        return WeightDecision(actual, used, basis, reason, rule, factor, **figures)  # type: ignore[arg-type]

    if patient.height is None or patient.sex is None:
        missing = " and ".join(n for n, v in (("height", patient.height), ("sex", patient.sex)) if v is None)
        return decision(base, base_basis, f"No {missing} given, so the dose-determining weight was not worked out.")

    ibw = devine_ibw(patient.height, patient.sex)
    bmi = body_mass_index(base, patient.height)
    ddw = dose_determining_weight(base, ibw, factor)
    inches = patient.height.to("in").magnitude
    working = (
        f"IBW ({patient.sex}, Devine) = {DEVINE_BASE_KG[patient.sex]} + 2.3 × ({fmt.number(inches, 2)} in − 60) "
        f"= {fmt.kg(ibw)}",
        f"BMI = {fmt.kg(base)} ÷ ({fmt.in_unit(patient.height, 'm', 3)} m)² = {fmt.number(bmi, 1)} kg/m²",
        f"DDW = {fmt.kg(ibw)} + {factor} × ({fmt.kg(base)} − {fmt.kg(ibw)}) = {fmt.kg(ddw)}",
    )
    figures: dict[str, object] = {"ibw": ibw, "bmi": bmi, "ddw": ddw, "working": working}
    chose_ddw, reason = _rule_choice(rule, patient, base, ibw, ddw, bmi, pregnancy)
    if chose_ddw and use_actual:
        why = f"{reason} The user chose actual weight instead."
        return decision(actual, USER_CHOSE_ACTUAL, why, **figures, rule_chose_ddw=True, overridden=True)
    if chose_ddw:
        return decision(ddw, DOSE_DETERMINING, reason, **figures, rule_chose_ddw=True)
    return decision(base, base_basis, reason, **figures)


def _rule_choice(
    rule: WeightRule,
    patient: Patient,
    base: Quantity,
    ibw: Quantity,
    ddw: Quantity,
    bmi: Decimal,
    pregnancy: bool,
) -> tuple[bool, str]:
    """(use DDW?, why) under one rule; the DDW is never used when it would exceed the weight."""
    height_cm = patient.height.to("cm").magnitude if patient.height is not None else Decimal(0)
    if rule.id == "ontario" and height_cm < DEVINE_MIN_HEIGHT_CM:
        who = "under 18 and " if patient.under_18 else ""
        return False, f"Patient {who}shorter than 152.4 cm (Devine's lower limit): actual weight."
    if ddw >= base:
        return False, "The weight is at or below ideal body weight, so the dosing weight is the weight itself."
    if rule.id == "actual":
        return False, "The weight rule in force is actual body weight always."
    if rule.id == "bloodstar-2026":
        if patient.under_18:
            return False, "Under 18: BloodSTAR uses actual weight."
        if height_cm < 152:
            return False, "Height under 152 cm: BloodSTAR uses actual weight."
        if pregnancy:
            return False, "Pregnancy: BloodSTAR uses actual weight."
        return True, "BloodSTAR: adjusted weight is the default for adults."
    # Ontario
    if bmi > OBESE_BMI:
        return True, f"BMI {fmt.number(bmi, 1)} > 30: the dose-determining weight must be used."
    threshold = DEVINE_BASE_KG[patient.sex or "male"]
    if base.to("kg").magnitude > threshold:
        return True, f"Height ≥ 152.4 cm and weight > {threshold} kg: the dose-determining weight is used."
    return False, f"Weight not over {threshold} kg: actual weight."  # pragma: no cover - ddw >= base caught above
