"""The pure calculation: a knowledge base and a request in, a dose plan out. No Qt, no I/O.

Four named steps, each a frozen record from its own module: the context (``context``: who is
dosed for what, with which product and risks), the course dose and the limits the safety rules
set (``course_dose``), and each day's volume, rounding, rate steps, ceiling and duration
(``day_limits``). The plan is built once from them, with the working (``working``).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR
from typing import TYPE_CHECKING, Any

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.body_weight import ACTUAL
from ivigdesk.dosing.context import Context, dose_context, past_gestation_limit
from ivigdesk.dosing.course_dates import course_dates
from ivigdesk.dosing.course_dose import CourseDose, RuleLimits, course_dose, rule_limits
from ivigdesk.dosing.day_limits import DayLimits, day_limits
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.product_safety import THROMBOSIS_ADVICE, contraindication, one_per_hazard, sodium_warning
from ivigdesk.dosing.result import CoMedicationDose, DosePlan, InfusionDay, Notice
from ivigdesk.dosing.working import arithmetic
from ivigdesk.knowledge.model import DOSING_STATUSES, CoMedication
from ivigdesk.knowledge.risks import Risk
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.dosing.course_dates import CourseDates
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue
    from ivigdesk.units import Quantity


def calculate(kb: KnowledgeBase, request: DoseRequest, catalogue: ProductCatalogue | None = None) -> DosePlan:
    """Answer ``request`` from ``kb`` (and the product ``catalogue``, for products, vials, rates and
    safety attributes). Raises :class:`InputError` for input it cannot use."""
    context = dose_context(kb, request, catalogue)
    if context.regimen is None or context.status not in DOSING_STATUSES:
        return _no_dose_plan(kb, context, catalogue, request)
    if context.weight is None or context.dosing_weight is None:
        raise InputError(Field.WEIGHT, "Enter the patient's weight.", missing=True)
    if context.concentration is None:
        raise InputError(
            Field.CONCENTRATION, "Choose a product, or enter the product concentration, e.g. 10 %.", missing=True
        )
    course = course_dose(context, context.regimen, request.days)
    rules = rule_limits(kb, context.circumstance, context.regimen, course)
    limits = day_limits(request, context, course, rules)
    dates = None
    if request.start_date is not None and past_gestation_limit(request, context.circumstance) is None:
        repeat = context.circumstance.repeat
        dates = course_dates(request.start_date, course.day_count, repeat, request.gestation_days)
    return _dose_plan(kb, catalogue, request, context, course, rules, limits, dates)


def _dose_plan(
    kb: KnowledgeBase,
    catalogue: ProductCatalogue | None,
    request: DoseRequest,
    context: Context,
    course: CourseDose,
    rules: RuleLimits,
    limits: DayLimits,
    dates: CourseDates | None,
) -> DosePlan:
    """The plan, built once from the steps."""
    assert context.regimen is not None and context.weight is not None
    days = tuple(
        InfusionDay(
            n, course.daily, limits.volume, limits.min_duration, limits.max_duration, limits.ceiling,
            limits.rounded, limits.schedule, dates.courses[0].days[n - 1] if dates is not None else None,
            product_maximum_known=limits.schedule is not None,
        )
        for n in range(1, course.day_count + 1)
    )  # fmt: skip
    cited = set(context.circumstance.references) | rules.references | set(context.regimen.references)
    co_medication = _co_medication(context.circumstance.co_medication, context.weight)
    guidance = kb.guidance_for(context.indication.id)
    beside = _co_medication(tuple(med for item in guidance for med in item.co_medication), context.weight)
    for med in context.circumstance.co_medication:
        cited.update(med.references)
    over = tuple(med.over_maximum for med in co_medication if med.over_maximum is not None)
    sodium = sodium_warning(context.product, limits.volume, frozenset(r.risk for r in context.risks))
    over += (sodium,) if sodium is not None else ()
    warnings = context.warnings
    if any(w.hazard == Risk.THROMBOSIS.value for w in rules.warnings):  # the rule says it for this course
        warnings = tuple(w for w in warnings if w.text != THROMBOSIS_ADVICE)
    return _plan(
        kb,
        catalogue,
        request,
        context,
        cited,
        warnings + rules.warnings + limits.warnings + over,
        day_count=course.day_count,
        dose_per_kg_per_day=course.per_kg_per_day,
        total_dose=course.total,
        days=days,
        arithmetic=arithmetic(context, course, limits, rules.min_hours),
        co_medication=co_medication,
        guidance_co_medication=beside,
        actual_weight_total_dose=course.on_actual_weight,
        rounding_policy=limits.rounding_policy,
        rounding_note=limits.rounding_note,
        schedule_note=limits.schedule_note,
        course=dates,
    )


def _no_dose_plan(
    kb: KnowledgeBase, context: Context, catalogue: ProductCatalogue | None, request: DoseRequest
) -> DosePlan:
    reason = context.status_reason or context.circumstance.no_dose_reason
    cited = set(context.circumstance.references)
    return _plan(kb, catalogue, request, context, cited, context.warnings, no_dose_reason=reason)


def _plan(
    kb: KnowledgeBase,
    catalogue: ProductCatalogue | None,
    request: DoseRequest,
    context: Context,
    cited: set[int],
    warnings: tuple[Notice, ...],
    **dose: Any,
) -> DosePlan:
    """A DosePlan from the context and, when there is one, the dose (``dose`` names its fields).
    Notices about one hazard become one; a contraindication stands first."""
    has_dose = "total_dose" in dose
    stop = contraindication(context.product, context.risk_set)
    if stop is not None:  # it says all the class advice says, and cites it
        warnings = (stop, *(w for w in warnings if w.hazard != stop.hazard))
    warnings = one_per_hazard(warnings)
    return DosePlan(
        indication=context.indication,
        circumstance=context.circumstance,
        colour=kb.colour(context.indication.colour),
        status=context.status,
        status_reason=context.status_reason,
        regimen=context.regimen if has_dose else None,
        weight=context.weight,
        dosing_weight=context.dosing_weight,
        weight_basis=context.decision.basis if context.decision is not None else ACTUAL,
        concentration=context.concentration,
        day_count=dose.pop("day_count", None),
        dose_per_kg_per_day=dose.pop("dose_per_kg_per_day", None),
        total_dose=dose.pop("total_dose", None),
        days=dose.pop("days", ()),
        arithmetic=dose.pop("arithmetic", ()),
        no_dose_reason=dose.pop("no_dose_reason", None),
        repeat=context.circumstance.repeat,
        co_medication=dose.pop("co_medication", ()),
        warnings=warnings,
        notes=context.circumstance.notes,
        unanswered=context.unanswered,
        references=tuple(kb.references[n] for n in sorted(cited) if n in kb.references),
        knowledge_base_version=kb.version,
        knowledge_base_checksum=kb.checksum,
        weight_decision=context.decision,
        product=context.product,
        catalogue_version=catalogue.version if catalogue is not None else None,
        catalogue_checksum=catalogue.checksum if catalogue is not None else None,
        knowledge_base_origin=kb.origin,
        patient=request.patient,
        typed=request.typed,
        risks=context.risks,
        guidance=kb.guidance_for(context.indication.id),
        contraindication=warnings[0] if stop is not None else None,
        hazards=tuple(r for r in (Risk.RENAL, Risk.THROMBOSIS) if r in context.hazards),
        **dose,
    )


def _co_medication(meds: tuple[CoMedication, ...], weight: Quantity) -> tuple[CoMedicationDose, ...]:
    """Each co-medication on actual body weight (the dose-determining weight is an IVIG rule), each
    dose in whole milligrams inside the range, and any daily amount above its cited maximum flagged."""
    doses = []
    for med in meds:
        low = (weight * med.per_kg_per_day_min.quantity()).to("mg")
        high = (weight * med.per_kg_per_day_max.quantity()).to("mg")
        per_dose = tuple(
            (n, Q((low.magnitude / n).to_integral_value(ROUND_CEILING), "mg"),
             Q((high.magnitude / n).to_integral_value(ROUND_FLOOR), "mg"))
            for n in med.doses_per_day
        )  # fmt: skip
        over = None
        if med.max_per_day is not None and high.to("g").magnitude > med.max_per_day.grams:
            top = fmt.number(med.max_per_day.grams, 2)
            over = Notice(
                f"{med.drug}: {fmt.milligram_range(low, high)} a day on {fmt.kg(weight)} reaches past {top} g a day "
                f"({med.max_per_day.source}). Check the dose with the prescriber.",
                med.max_per_day.source,
            )
        doses.append(CoMedicationDose(med.drug, low, high, per_dose, med.source, med.references, weight, over))
    return tuple(doses)
