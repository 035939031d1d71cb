"""The context of a dose: who is dosed for what, with which product and which risks.

The indication, circumstance and regimen the request names; what the answers to the source's
questions change; the product and its concentration; the weight decision; the risks in force;
and the warnings found on the way. Checks here are those that need the knowledge base or the
catalogue: the request's own values were read and checked by ``raw_inputs.build_request``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.body_weight import OBESE_BMI, WeightDecision, body_mass_index, decide_weight
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.inputs import weight_caution, weight_for_patients
from ivigdesk.dosing.product_safety import hazards_in_force, product_warnings, risk_warnings
from ivigdesk.dosing.result import Notice, PatientRisk
from ivigdesk.knowledge.model import DOSING_STATUSES, Circumstance, Indication, Question, Regimen, Status
from ivigdesk.knowledge.risks import Risk
from ivigdesk.knowledge.search import nearest_id

if TYPE_CHECKING:
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import Product, ProductCatalogue
    from ivigdesk.units import Quantity


@dataclass(frozen=True)
class Context:
    """Who is dosed for what: the entry, what the source's questions changed, the product, the
    patient's risks and the weight decision, with the warnings found so far."""

    indication: Indication
    circumstance: Circumstance
    status: Status
    status_reason: str | None
    regimen: Regimen | None
    unanswered: tuple[Question, ...]
    product: Product | None
    concentration: Quantity | None
    weight: Quantity | None
    decision: WeightDecision | None
    risks: tuple[PatientRisk, ...]
    warnings: tuple[Notice, ...]
    hazards: frozenset[Risk] = frozenset()  # the risks with the hazards their risk factors lead to

    @property
    def dosing_weight(self) -> Quantity | None:
        return self.decision.used if self.decision is not None else None

    @property
    def risk_set(self) -> frozenset[Risk]:
        """The risks in force and the hazards they lead to (what the rate caps and warnings use)."""
        return self.hazards | frozenset(r.risk for r in self.risks)


def dose_context(kb: KnowledgeBase, request: DoseRequest, catalogue: ProductCatalogue | None) -> Context:
    """The context ``request`` describes, from ``kb`` and the ``catalogue``; raises InputError for
    a name they do not hold or a value the indication, circumstance or product cannot take."""
    indication = _indication(kb, request.indication_id)
    circumstance = _circumstance(indication, request.circumstance_id)
    status, status_reason, warnings = _answers(circumstance, dict(request.answers))
    regimen = _regimen(circumstance, request.regimen_id)
    unanswered = tuple(q for q in circumstance.questions if q.id not in request.answers)
    product, concentration = _product(catalogue, request)
    weight = request.weight
    decision = None
    if weight is not None:
        if caution := weight_caution(weight):
            warnings.append(Notice(caution, "IVIG Desk input check"))
        if caution := weight_for_patients(weight, indication.patients, indication.name):
            warnings.append(Notice(caution, f"IVIG Desk input check; {indication.patients_source}"))
        decision = _weight(request, indication, weight, warnings)
    warnings += _age_checks(request, indication)
    warnings += _gestation_check(request, circumstance)
    risks = _risks(request, indication, weight)
    warnings += risk_warnings(catalogue, risks)
    if product is not None:
        warnings += product_warnings(product, catalogue, risks, request.patient, indication)
    return Context(
        indication, circumstance, status, status_reason, regimen, unanswered, product, concentration, weight,
        decision, risks, tuple(warnings), hazards_in_force(catalogue, risks),
    )  # fmt: skip


def past_gestation_limit(request: DoseRequest, circumstance: Circumstance) -> int | None:
    """The source's last gestation week when the gestation entered is past it, else None."""
    repeat = circumstance.repeat
    if repeat is None or repeat.until_gestation_week is None or request.gestation_days is None:
        return None
    return repeat.until_gestation_week if request.gestation_days > repeat.until_gestation_week * 7 else None


def _indication(kb: KnowledgeBase, indication_id: str) -> Indication:
    indication = kb.indication(indication_id)
    if indication is None:
        hint = nearest_id(kb.indications, indication_id)
        suggestion = f" Did you mean “{hint}”?" if hint else ""
        raise InputError(Field.INDICATION, f"There is no indication “{indication_id}”.{suggestion}")
    return indication


def _circumstance(indication: Indication, circumstance_id: str | None) -> Circumstance:
    choices = ", ".join(c.id for c in indication.circumstances)
    if circumstance_id is None:
        if len(indication.circumstances) == 1:
            return indication.circumstances[0]
        raise InputError(
            Field.CIRCUMSTANCE,
            f"{indication.name} has several circumstances: choose the one that applies to this patient ({choices}).",
            missing=True,
        )
    circumstance = indication.circumstance(circumstance_id)
    if circumstance is None:
        raise InputError(
            Field.CIRCUMSTANCE,
            f"{indication.name} has no circumstance “{circumstance_id}”; choose one of: {choices}.",
        )
    return circumstance


def _regimen(circumstance: Circumstance, regimen_id: str | None) -> Regimen | None:
    regimen = circumstance.regimen(regimen_id)
    if regimen_id is not None and regimen is None:
        choices = ", ".join(r.id for r in circumstance.regimens) or "none (no dose is given)"
        raise InputError(Field.REGIMEN, f"There is no regimen “{regimen_id}” here; choices: {choices}.")
    return regimen


def _answers(circumstance: Circumstance, answers: dict[str, bool]) -> tuple[Status, str | None, list[Notice]]:
    known = {q.id: q for q in circumstance.questions}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        choices = ", ".join(known) or "none"
        raise InputError(Field.ANSWERS, f"Unknown question “{unknown[0]}”; questions here: {choices}.")
    status, reason, notices = circumstance.status, None, []
    for question in circumstance.questions:
        if answers.get(question.id) is not False:
            continue
        if question.if_no.status is not None and status in DOSING_STATUSES:
            status, reason = question.if_no.status, question.if_no.reason
        if question.if_no.warning:
            notices.append(Notice(question.if_no.warning, question.source))
    return status, reason, notices


def _product(catalogue: ProductCatalogue | None, request: DoseRequest) -> tuple[Product | None, Quantity | None]:
    """The chosen product (if any) and the concentration to use."""
    if request.product_id is None:
        return None, request.concentration
    product = catalogue.product(request.product_id) if catalogue is not None else None
    if product is None:
        choices = ", ".join(p.id for p in catalogue.products) if catalogue is not None else "none loaded"
        raise InputError(Field.PRODUCT, f"There is no product “{request.product_id}”; choices: {choices}.")
    strength = product.concentration.quantity()
    if request.concentration is not None and request.concentration.to("g/mL") != strength:
        raise InputError(
            Field.CONCENTRATION,
            f"{product.name} is {fmt.concentration(strength)}, not "
            f"{fmt.concentration(request.concentration)}: give one or the other.",
        )
    return product, strength


def _weight(request: DoseRequest, indication: Indication, weight: Quantity, warnings: list[Notice]) -> WeightDecision:
    patient = request.patient
    pregnant = patient.pregnant or indication.pregnancy
    if patient.pre_pregnancy_weight is not None:
        if not pregnant:
            raise InputError(
                Field.PRE_PREGNANCY_WEIGHT, "A pre-pregnancy weight is for a pregnant patient: tick Pregnant."
            )
        weight_for_patients(
            patient.pre_pregnancy_weight, indication.patients, indication.name, Field.PRE_PREGNANCY_WEIGHT
        )
    settings = request.settings
    decision = decide_weight(
        weight,
        patient,
        rule_id=settings.weight_rule,
        factor=settings.adjustment_factor,
        pregnancy=pregnant,
        use_actual=request.use_actual_weight,
        child=indication.patients == "children",
    )
    if pregnant and settings.weight_rule == "ontario" and patient.pre_pregnancy_weight is None:
        warnings.append(
            Notice(
                "Pregnant: the Ontario rule uses the pre-pregnancy weight; none was entered, so the current "
                "weight was used.",
                decision.rule.source,
            )
        )
    return decision


def _age_checks(request: DoseRequest, indication: Indication) -> list[Notice]:
    age = request.patient.age_years
    if age is not None and indication.patients == "children" and age >= 18:
        return [
            Notice(
                f"{indication.name} is a disease of children in the source, and the age entered is "
                f"{fmt.number(age, 1)} years: check the age and the diagnosis.",
                f"IVIG Desk input check; {indication.patients_source}",
            )
        ]
    return []


def _gestation_check(request: DoseRequest, circumstance: Circumstance) -> list[Notice]:
    week = past_gestation_limit(request, circumstance)
    if week is None or request.gestation_days is None:
        return []
    days = request.gestation_days
    assert circumstance.repeat is not None
    return [
        Notice(
            f"The gestation entered, {days // 7}+{days % 7}, is past week {week}: the source gives this regimen "
            f"only “up to week {week} gestation”, so no infusion is scheduled past it. Do not give it without "
            "the specialist's decision.",
            circumstance.repeat.source,
            hazard="gestation-limit",
        )
    ]


OVER_65 = Decimal(65)  # "age over 65": the renal risk factor in the IVIG labels (products.yaml)


def _risks(request: DoseRequest, indication: Indication, weight: Quantity | None) -> tuple[PatientRisk, ...]:
    """Risks in force: those the diagnosis carries (shown as such), those the user marked, then
    those worked out from the age (over 65) and from height and weight (BMI over 30)."""
    carried = [PatientRisk(r, r.label, f"the diagnosis ({indication.implies_risks_source})")
               for r in indication.implies_risks]  # fmt: skip
    entered = [PatientRisk(r, r.label, "entered") for r in Risk if r in request.risks]
    derived = []
    age = request.patient.age_years
    if age is not None and age > OVER_65 and Risk.AGE_OVER_65 not in request.risks:
        derived.append(
            PatientRisk(Risk.AGE_OVER_65, Risk.AGE_OVER_65.label, f"the age entered, {fmt.number(age, 1)} years")
        )
    height = request.patient.height
    if weight is not None and height is not None and Risk.OBESITY not in request.risks:
        bmi = body_mass_index(weight, height)
        if bmi > OBESE_BMI:
            why = f"BMI {fmt.number(bmi, 1)} kg/m² from the height and weight entered"
            derived.append(PatientRisk(Risk.OBESITY, Risk.OBESITY.label, why))
    return tuple(carried) + tuple(p for p in entered if p.risk not in indication.implies_risks) + tuple(derived)
