"""Which weight the dose is calculated on: actual, dose-determining (adjusted) or pre-pregnancy.

Ideal body weight is the Devine formula and the dose-determining weight (DDW) is
IBW + factor × (actual − IBW). When to use it differs by jurisdiction, so the rule and the factor
are settings; every decision says which rule was applied and why, and the dosing weight is never
above the weight it was calculated from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.policy_choices import DEFAULT_FACTOR, DEFAULT_RULE
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.units import Quantity

Sex = Literal["male", "female"]

DEVINE_BASE_KG: dict[Sex, Decimal] = {"male": Decimal(50), "female": Decimal("45.5")}
DEVINE_KG_PER_INCH = Decimal("2.3")
DEVINE_MIN_HEIGHT_CM = Decimal("152.4")  # 60 in: the formula's lower limit
OBESE_BMI = Decimal(30)
ACTUAL = "Actual body weight"
PRE_PREGNANCY = "Pre-pregnancy weight"
DOSE_DETERMINING = "Dose-determining weight"
USER_CHOSE_ACTUAL = "Actual body weight (chosen by the user instead of the dose-determining weight)"


@dataclass(frozen=True)
class WeightRule:
    """A jurisdiction's rule for when the dose-determining weight is used, with its source.
    ``description`` says what the rule does (shown in the Settings menu and the help)."""

    id: str
    name: str
    description: str
    source: str


WEIGHT_RULES: dict[str, WeightRule] = {
    rule.id: rule
    for rule in (
        WeightRule(
            "ontario",
            "Ontario IG dose calculator",
            "The dose-determining weight must be used for obese patients (BMI over 30) and should be used when "
            "height is 152.4 cm or more and weight over 50 kg (male) / 45.5 kg (female); otherwise actual weight. "
            "Under 18 and not meeting the height and weight criteria: actual weight. Pregnancy: the pre-pregnancy "
            "weight.",
            "Ontario Regional Blood Coordinating Network IG dose calculator, ivig.transfusionontario.org/dose",
        ),
        WeightRule(
            "bloodstar-2026",
            "Australia, BloodSTAR (from 1 July 2026)",
            "Adjusted weight is the default, except under 18, under 152 cm, pregnant, or an actual weight below "
            "the adjusted weight: then actual weight.",
            "Lifeblood, 'Coming 1 July 2026: Adjusted body weight Ig dosing in BloodSTAR', exclusions and "
            "safeguards (lifeblood.com.au); formula: "
            "nba.gov.au/bloodstar-calculator-adjusting-ig-dose-ideal-body-weight",
        ),
        WeightRule(
            "nhs-england",
            "NHS England (criteria not confirmed from the policy)",
            "NHS England's commissioning policy (December 2021) recommends adjusting for ideal body mass, but its "
            "text could not be retrieved, so its criteria are NOT confirmed. This rule applies the criteria a UK "
            "trust's immunoglobulin request form prints: the dose-determining weight if BMI is over 30 or actual "
            "weight is more than 20 % over IBW; actual weight for patients under 132 cm tall and for children. "
            "Check your trust's policy before choosing it.",
            "Criteria: 'Normal Human Immunoglobulin request form' of a UK trust (docslib.org/doc/13685911); NHS "
            "England recommendation: igcalculator.herokuapp.com/help (NHS England Updated Commissioning Policy, "
            "December 2021). Not the default for that reason.",
        ),
        WeightRule(
            "actual",
            "Actual body weight always",
            "The dose is always calculated on actual body weight; IBW and the dose-determining weight are shown "
            "for information where they are valid.",
            "Local policy: UK guidance dropped its 2007 adjusted-weight advice in the 2008/2011 updates "
            "(aaaai.org, 'Dosing immunoglobulin replacement therapy')",
        ),
    )
}
CHILD_UNDER_YEARS = Decimal(18)


@dataclass(frozen=True)
class Patient:
    """Facts about the patient that the weight rules use. ``under_18``: known to be under 18 when
    no age is given; ``age_years``: the age (months are given as a fraction of a year)."""

    height: Quantity | None = None
    sex: Sex | None = None
    under_18: bool = False
    pre_pregnancy_weight: Quantity | None = None
    age_years: Decimal | None = None
    pregnant: bool = False

    @property
    def child(self) -> bool:
        return self.under_18 or (self.age_years is not None and self.age_years < CHILD_UNDER_YEARS)


@dataclass(frozen=True)
class WeightDecision:
    """The weight used for dosing, how it was chosen, and every figure behind the choice. IBW and
    DDW are None where the Devine formula gives no valid weight at this height."""

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
    """Ideal body weight by the Devine formula (kg); defined from 152.4 cm (60 in) and extrapolated
    below it at 2.3 kg an inch."""
    inches = height.to("in").magnitude
    return Q(DEVINE_BASE_KG[sex] + DEVINE_KG_PER_INCH * (inches - 60), "kg")


def body_mass_index(weight: Quantity, height: Quantity) -> Decimal:
    """BMI in kg/m²."""
    metres = height.to("m").magnitude
    bmi: Decimal = weight.to("kg").magnitude / (metres * metres)
    return bmi


def dose_determining_weight(actual: Quantity, ibw: Quantity, factor: Decimal) -> Quantity:
    """IBW + factor × (actual − IBW), in kg."""
    ddw: Quantity = (ibw + (actual.to("kg") - ibw) * factor).to("kg")
    return ddw


@dataclass(frozen=True)
class _Facts:
    """What a rule looks at."""

    base: Quantity  # the weight the rule starts from (pre-pregnancy weight where a rule says so)
    height_cm: Decimal
    sex: Sex
    bmi: Decimal
    ibw: Quantity
    ddw: Quantity
    child: bool
    pregnant: bool


def decide_weight(
    actual: Quantity,
    patient: Patient,
    *,
    rule_id: str = DEFAULT_RULE,
    factor: Decimal = DEFAULT_FACTOR,
    pregnancy: bool = False,
    use_actual: bool = False,
    child: bool = False,
) -> WeightDecision:
    """Choose the dosing weight under ``rule_id``. ``pregnancy``: the patient is pregnant (a patient
    fact, or an indication that is pregnancy by definition); ``child``: dosed as a child (a
    children's entry, whatever the age box says); ``use_actual`` records the user's override."""
    rule = WEIGHT_RULES.get(rule_id)
    if rule is None:
        raise InputError(
            Field.WEIGHT_RULE, f"Unknown weight rule “{rule_id}”; choose one of: {', '.join(WEIGHT_RULES)}."
        )
    if not Decimal(0) < factor < Decimal(1):
        raise InputError(Field.WEIGHT_RULE, f"The adjustment factor must be between 0 and 1, not {factor}.")
    actual = actual.to("kg")
    pregnant = pregnancy or patient.pregnant
    base, base_basis = actual, ACTUAL
    if pregnant and patient.pre_pregnancy_weight is not None and rule.id == "ontario":
        base, base_basis = patient.pre_pregnancy_weight.to("kg"), PRE_PREGNANCY

    def decision(used: Quantity, basis: str, reason: str, **figures: Any) -> WeightDecision:
        return WeightDecision(actual, used, basis, reason, rule, factor, **figures)

    if patient.height is None or patient.sex is None:
        missing = " and ".join(n for n, v in (("height", patient.height), ("sex", patient.sex)) if v is None)
        return decision(base, base_basis, f"No {missing} given, so the dose-determining weight was not worked out.")
    height_cm = patient.height.to("cm").magnitude
    ibw = devine_ibw(patient.height, patient.sex)
    bmi = body_mass_index(base, patient.height)
    facts = _Facts(
        base, height_cm, patient.sex, bmi, ibw, dose_determining_weight(base, ibw, factor),
        child or patient.child, pregnant,
    )  # fmt: skip
    chose_ddw, reason = RULES[rule.id](facts)
    bmi_line = f"BMI = {fmt.kg(base)} ÷ ({fmt.in_unit(patient.height, 'm', 3)} m)² = {fmt.number(bmi, 1)} kg/m²"
    valid = ibw.magnitude > 0 and (height_cm >= DEVINE_MIN_HEIGHT_CM or chose_ddw)
    if not valid:  # Devine is defined from 60 in; below it an IBW is shown only when a rule uses it
        return decision(base, base_basis, reason, bmi=bmi, working=(bmi_line,))
    working = (*_ibw_working(patient, ibw, height_cm), bmi_line, _ddw_working(facts, factor))
    figures: dict[str, Any] = {"ibw": ibw, "bmi": bmi, "ddw": facts.ddw, "working": working}
    if chose_ddw and use_actual:
        why = f"{reason} The user chose actual weight instead."
        return decision(actual, USER_CHOSE_ACTUAL, why, **figures, rule_chose_ddw=True, overridden=True)
    if chose_ddw:
        return decision(facts.ddw, DOSE_DETERMINING, reason, **figures, rule_chose_ddw=True)
    return decision(base, base_basis, reason, **figures)


def _ibw_working(patient: Patient, ibw: Quantity, height_cm: Decimal) -> tuple[str, ...]:
    assert patient.sex is not None and patient.height is not None
    inches = patient.height.to("in").magnitude
    line = (
        f"IBW ({patient.sex}, Devine) = {DEVINE_BASE_KG[patient.sex]} + 2.3 × ({fmt.number(inches, 2)} in − 60) "
        f"= {fmt.kg(ibw)}"
    )
    if height_cm < DEVINE_MIN_HEIGHT_CM:
        line += " (Devine extrapolated below 60 in)"
    return (line,)


def _ddw_working(facts: _Facts, factor: Decimal) -> str:
    return f"DDW = {fmt.kg(facts.ibw)} + {factor} × ({fmt.kg(facts.base)} − {fmt.kg(facts.ibw)}) = {fmt.kg(facts.ddw)}"


# -- each rule's clauses, as published -----------------------------------------------------------

AT_OR_BELOW_IBW = "The weight is at or below ideal body weight, so the dosing weight is the weight itself."


def _ontario(f: _Facts) -> tuple[bool, str]:
    """'must be used for all obese patients (BMI >30) and should be used ... [for] Height: 152.4cm or
    over, and Weight: males over 50kg / females over 45.5kg'; under 18 and not meeting the height and
    weight criteria: actual weight."""
    threshold = DEVINE_BASE_KG[f.sex]
    meets = f.height_cm >= DEVINE_MIN_HEIGHT_CM and f.base.to("kg").magnitude > threshold
    if f.child and not meets:
        return False, "Under 18 and not meeting the height (152.4 cm) and weight criteria: actual weight (Ontario)."
    if f.ibw.magnitude <= 0:
        return False, "The Devine formula gives no ideal body weight at this height: actual weight."
    if f.ddw >= f.base:
        return False, AT_OR_BELOW_IBW
    if f.bmi > OBESE_BMI:
        return True, f"BMI {fmt.number(f.bmi, 1)} > 30: the dose-determining weight must be used (Ontario)."
    if meets:
        return True, f"Height ≥ 152.4 cm and weight > {threshold} kg: the dose-determining weight is used (Ontario)."
    return False, f"Not obese, and under 152.4 cm or not over {threshold} kg: actual weight (Ontario)."


def _bloodstar(f: _Facts) -> tuple[bool, str]:
    """Exclusions: aged < 18 years, < 152 cm, pregnant, or actual weight lower than adjusted weight."""
    if f.child:
        return False, "Under 18: BloodSTAR uses actual weight."
    if f.height_cm < 152:
        return False, "Height under 152 cm: BloodSTAR uses actual weight."
    if f.pregnant:
        return False, "Pregnant: BloodSTAR uses actual weight."
    if f.ddw >= f.base:
        return False, AT_OR_BELOW_IBW
    return True, "BloodSTAR: adjusted weight is the default for adults."


NHS_ACTUAL_UNDER_CM = Decimal(132)


def _nhs_england(f: _Facts) -> tuple[bool, str]:
    """As a UK trust's request form prints it (NHS England's own text not confirmed): 'Use
    dose-determining weight if BMI > 30kg/m2 or actual weight >20% over IBW. Use actual body weight
    for patients under 132cm tall and Paediatric patients'."""
    if f.child:
        return False, "Child: actual weight (trust form; NHS England criteria not confirmed)."
    if f.height_cm < NHS_ACTUAL_UNDER_CM:
        return False, "Under 132 cm tall: actual weight (trust form; NHS England criteria not confirmed)."
    if f.ibw.magnitude <= 0 or f.ddw >= f.base:
        return False, AT_OR_BELOW_IBW
    over = f.base.to("kg").magnitude > f.ibw.magnitude * Decimal("1.2")
    if f.bmi > OBESE_BMI or over:
        why = f"BMI {fmt.number(f.bmi, 1)} > 30" if f.bmi > OBESE_BMI else "Actual weight more than 20 % over IBW"
        return True, f"{why}: the dose-determining weight (trust form; NHS England criteria not confirmed)."
    return False, "Not obese and not more than 20 % over IBW: actual weight (trust form; NHS England not confirmed)."


def _actual(f: _Facts) -> tuple[bool, str]:
    return False, "The weight rule in force is actual body weight always."


RULES: dict[str, Callable[[_Facts], tuple[bool, str]]] = {
    "ontario": _ontario,
    "bloodstar-2026": _bloodstar,
    "nhs-england": _nhs_england,
    "actual": _actual,
}
