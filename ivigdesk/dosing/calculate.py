"""The pure calculation: a knowledge base and a request in, a dose plan out. No Qt, no I/O."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.inputs import require_plausible_weight, weight_caution
from ivigdesk.dosing.result import CoMedicationDose, DosePlan, InfusionDay, Notice
from ivigdesk.dosing.units import Q
from ivigdesk.knowledge.model import DOSING_STATUSES, Circumstance, Indication, Regimen, Status
from ivigdesk.knowledge.search import nearest_id

if TYPE_CHECKING:
    import pint

    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import KnowledgeBase

ACTUAL_WEIGHT_BASIS = "Actual body weight"


def _indication(kb: KnowledgeBase, indication_id: str) -> Indication:
    indication = kb.indication(indication_id)
    if indication is None:
        hint = nearest_id(kb.indications, indication_id)
        suggestion = f" Did you mean “{hint}”?" if hint else ""
        raise InputError("indication", f"There is no indication “{indication_id}”.{suggestion}")
    return indication


def _circumstance(indication: Indication, circumstance_id: str | None) -> Circumstance:
    choices = ", ".join(c.id for c in indication.circumstances)
    if circumstance_id is None:
        if len(indication.circumstances) == 1:
            return indication.circumstances[0]
        raise InputError("circumstance", f"{indication.name} has several circumstances; choose one of: {choices}.")
    circumstance = indication.circumstance(circumstance_id)
    if circumstance is None:
        raise InputError(
            "circumstance",
            f"{indication.name} has no circumstance “{circumstance_id}”; choose one of: {choices}.",
        )
    return circumstance


def _regimen(circumstance: Circumstance, regimen_id: str | None) -> Regimen | None:
    regimen = circumstance.regimen(regimen_id)
    if regimen_id is not None and regimen is None:
        choices = ", ".join(r.id for r in circumstance.regimens) or "none (no dose is given)"
        raise InputError("regimen", f"There is no regimen “{regimen_id}” here; choices: {choices}.")
    return regimen


def _day_count(regimen: Regimen, days: int | None) -> int:
    span = regimen.days
    if span.fixed:
        if days is not None and days != span.min:
            raise InputError("days", f"This regimen is given over {span.min} day(s); it cannot be changed.")
        return span.min
    if days is None:
        raise InputError("days", f"Choose the number of days: {span.min} to {span.max}.")
    if not span.min <= days <= span.max:
        raise InputError("days", f"Days must be from {span.min} to {span.max} for this regimen, not {days}.")
    return days


def _answers(circumstance: Circumstance, answers: dict[str, bool]) -> tuple[Status, str | None, list[Notice]]:
    known = {q.id: q for q in circumstance.questions}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        choices = ", ".join(known) or "none"
        raise InputError("answers", f"Unknown question “{unknown[0]}”; questions here: {choices}.")
    status, reason, notices = circumstance.status, None, []
    for question in circumstance.questions:
        if answers.get(question.id) is not False:
            continue
        if question.if_no.status is not None and status in DOSING_STATUSES:
            status, reason = question.if_no.status, question.if_no.reason
        if question.if_no.warning:
            notices.append(Notice(question.if_no.warning, question.source))
    return status, reason, notices


def _co_medication(circumstance: Circumstance, weight: pint.Quantity) -> tuple[CoMedicationDose, ...]:
    doses = []
    for med in circumstance.co_medication:
        low = (weight * med.per_kg_per_day_min).to("mg")
        high = (weight * med.per_kg_per_day_max).to("mg")
        per_dose = tuple((n, low / n, high / n) for n in med.doses_per_day)
        doses.append(CoMedicationDose(med.drug, low, high, per_dose, med.source, med.references))
    return tuple(doses)


def calculate(kb: KnowledgeBase, request: DoseRequest) -> DosePlan:
    """Answer ``request`` from ``kb``. Raises :class:`InputError` for input it cannot use."""
    indication = _indication(kb, request.indication_id)
    circumstance = _circumstance(indication, request.circumstance_id)
    status, status_reason, warnings = _answers(circumstance, dict(request.answers))
    regimen = _regimen(circumstance, request.regimen_id)
    unanswered = tuple(q for q in circumstance.questions if q.id not in request.answers)
    weight = require_plausible_weight(request.weight) if request.weight is not None else None
    if weight is not None and (caution := weight_caution(weight)):
        warnings.append(Notice(caution, "IVIG Desk input check"))
    cited: set[int] = set(circumstance.references)
    plan = dict(
        indication=indication,
        circumstance=circumstance,
        colour=kb.colour(indication.colour),
        status=status,
        status_reason=status_reason,
        regimen=regimen,
        weight=weight,
        dosing_weight=weight,
        weight_basis=ACTUAL_WEIGHT_BASIS,
        concentration=request.concentration,
        day_count=None,
        dose_per_kg_per_day=None,
        total_dose=None,
        days=(),
        arithmetic=(),
        no_dose_reason=None,
        repeat=circumstance.repeat,
        co_medication=(),
        notes=circumstance.notes,
        unanswered=unanswered,
        knowledge_base_version=kb.version,
        knowledge_base_checksum=kb.checksum,
    )

    if regimen is None or status not in DOSING_STATUSES:
        plan["no_dose_reason"] = status_reason or circumstance.no_dose_reason
        if regimen is not None:
            plan["regimen"] = None
        return _finish(kb, plan, warnings, cited)
    if weight is None:
        raise InputError("weight", "Enter the patient's weight.")

    day_count = _day_count(regimen, request.days)
    if regimen.basis == "course-total":
        course_per_kg = regimen.dose_per_kg.to("g/kg")
        per_kg_per_day = course_per_kg / day_count
    else:
        per_kg_per_day = regimen.dose_per_kg.to("g/kg")
        course_per_kg = per_kg_per_day * day_count
    total = (weight * course_per_kg).to("g")
    daily = total / day_count
    cited.update(regimen.references)

    min_hours: list[Decimal] = []
    if circumstance.infusion_hours is not None:
        min_hours.append(circumstance.infusion_hours.min)
    for rule in kb.rules.values():
        threshold = rule.applies_when.course_total_at_least.to("g/kg").magnitude
        if rule.id in circumstance.suppresses_rules or course_per_kg.magnitude < threshold:
            continue
        cited.update(rule.references)
        if rule.kind == "min-infusion-hours" and rule.hours is not None:
            min_hours.append(rule.hours)
        elif rule.kind == "min-course-days" and rule.days is not None:
            if day_count < rule.days:
                warnings.append(Notice(rule.text, rule.source, rule.references))
        else:
            warnings.append(Notice(rule.text, rule.source, rule.references))

    min_duration = Q(max(min_hours), "h") if min_hours else None
    max_hours = circumstance.infusion_hours.max if circumstance.infusion_hours else None
    max_duration = Q(max_hours, "h") if max_hours is not None else None
    concentration = request.concentration
    volume = (daily / concentration).to("mL") if concentration is not None else None
    max_rate = (volume / min_duration).to("mL/h") if volume is not None and min_duration else None
    days = tuple(InfusionDay(n, daily, volume, min_duration, max_duration, max_rate) for n in range(1, day_count + 1))
    plan.update(
        day_count=day_count,
        dose_per_kg_per_day=per_kg_per_day,
        total_dose=total,
        days=days,
        co_medication=_co_medication(circumstance, weight),
        arithmetic=_arithmetic(
            regimen,
            weight,
            per_kg_per_day,
            course_per_kg,
            day_count,
            total,
            daily,
            concentration,
            volume,
            min_duration,
            max_rate,
        ),
    )
    for med in circumstance.co_medication:
        cited.update(med.references)
    return _finish(kb, plan, warnings, cited)


def _finish(kb: KnowledgeBase, plan: dict, warnings: list[Notice], cited: set[int]) -> DosePlan:
    references = tuple(kb.references[n] for n in sorted(cited) if n in kb.references)
    return DosePlan(**plan, warnings=tuple(warnings), references=references)


def _arithmetic(
    regimen: Regimen,
    weight: pint.Quantity,
    per_kg_per_day: pint.Quantity,
    course_per_kg: pint.Quantity,
    day_count: int,
    total: pint.Quantity,
    daily: pint.Quantity,
    concentration: pint.Quantity | None,
    volume: pint.Quantity | None,
    min_duration: pint.Quantity | None,
    max_rate: pint.Quantity | None,
) -> tuple[str, ...]:
    """The working a second checker can redo by hand, with this patient's numbers."""
    days = f"{day_count} day{'s' if day_count > 1 else ''}"
    if regimen.basis == "course-total":
        lines = [f"{fmt.kg(weight)} × {fmt.per_kg(course_per_kg)} = {fmt.grams(total)} per course"]
        if day_count > 1:
            lines.append(f"{fmt.grams(total)} ÷ {days} = {fmt.grams(daily)} per day")
    else:
        lines = [f"{fmt.kg(weight)} × {fmt.per_kg(per_kg_per_day)} = {fmt.grams(daily)} per day"]
        if day_count > 1:
            lines.append(f"{fmt.grams(daily)} × {days} = {fmt.grams(total)} per course")
    if concentration is not None and volume is not None:
        lines.append(f"{fmt.grams(daily)} ÷ {fmt.concentration(concentration)} = {fmt.millilitres(volume)} per day")
    if min_duration is not None and volume is not None and max_rate is not None:
        lines.append(f"{fmt.millilitres(volume)} ÷ {fmt.hours(min_duration)} = at most {fmt.rate_limit(max_rate)}")
    return tuple(lines)
