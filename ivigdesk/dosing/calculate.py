"""The pure calculation: a knowledge base and a request in, a dose plan out. No Qt, no I/O.

Four named steps, each a frozen record: the context (who is dosed for what, with which product and
risks), the course dose, the limits the safety rules set, and each day's volume, rounding, rate
steps, ceiling and duration. The plan is built once from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.body_weight import ACTUAL, OBESE_BMI, WeightDecision, body_mass_index, decide_weight
from ivigdesk.dosing.course_dates import course_dates
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.inputs import (
    weight_caution,
    weight_for_patients,
)
from ivigdesk.dosing.product_safety import (
    THROMBOSIS_ADVICE,
    contraindication,
    hazards_in_force,
    one_per_hazard,
    product_warnings,
    risk_warnings,
    sodium_warning,
)
from ivigdesk.dosing.result import CoMedicationDose, DosePlan, InfusionDay, Notice, PatientRisk
from ivigdesk.dosing.rounding import POLICIES, Rounded, round_to_nearest_5g, round_to_vials
from ivigdesk.dosing.schedule import Ceiling, Schedule, build_schedule, duration_ceiling, product_ramp
from ivigdesk.knowledge.model import (
    DOSING_STATUSES,
    Circumstance,
    CoMedication,
    Indication,
    Question,
    Regimen,
    Status,
)
from ivigdesk.knowledge.risks import Risk
from ivigdesk.knowledge.search import nearest_id
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.dosing.course_dates import CourseDates
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import Product, ProductCatalogue
    from ivigdesk.units import Quantity

ACTUAL_WEIGHT_BASIS = ACTUAL


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


def _day_count(regimen: Regimen, days: int | None) -> int:
    span = regimen.days
    if span.fixed:
        if days is not None and days != span.min:
            raise InputError(Field.DAYS, f"This regimen is given over {span.min} day(s); it cannot be changed.")
        return span.min
    if days is None:
        raise InputError(Field.DAYS, f"Choose the number of days: {span.min} to {span.max}.", missing=True)
    if not span.min <= days <= span.max:
        raise InputError(Field.DAYS, f"Days must be from {span.min} to {span.max} for this regimen, not {days}.")
    return days


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


@dataclass(frozen=True)
class CourseDose:
    """The regimen applied to the dosing weight: days, dose per kg, course and daily totals."""

    day_count: int
    per_kg_per_day: Quantity
    course_per_kg: Quantity
    total: Quantity
    daily: Quantity
    on_actual_weight: Quantity | None


@dataclass(frozen=True)
class RuleLimits:
    """What the safety rules and the circumstance ask of each day, and the warnings they give."""

    min_hours: Decimal | None
    max_hours: Decimal | None
    warnings: tuple[Notice, ...]
    references: frozenset[int]


@dataclass(frozen=True)
class DayLimits:
    """One day's volume, rounding, rate steps, fastest rate and minimum duration."""

    volume: Quantity | None
    rounded: Rounded | None
    rounding_policy: str
    rounding_note: str | None
    schedule: Schedule | None
    schedule_note: str | None
    ceiling: Ceiling | None
    min_duration: Quantity | None
    max_duration: Quantity | None
    warnings: tuple[Notice, ...]


def calculate(kb: KnowledgeBase, request: DoseRequest, catalogue: ProductCatalogue | None = None) -> DosePlan:
    """Answer ``request`` from ``kb`` (and the product ``catalogue``, for products, vials, rates and
    safety attributes). Raises :class:`InputError` for input it cannot use."""
    context = _context(kb, request, catalogue)
    if context.regimen is None or context.status not in DOSING_STATUSES:
        return _no_dose_plan(kb, context, catalogue, request)
    if context.weight is None or context.dosing_weight is None:
        raise InputError(Field.WEIGHT, "Enter the patient's weight.", missing=True)
    if context.concentration is None:
        raise InputError(
            Field.CONCENTRATION, "Choose a product, or enter the product concentration, e.g. 10 %.", missing=True
        )
    course = _course_dose(context, context.regimen, request.days)
    rules = _rule_limits(kb, context.circumstance, context.regimen, course)
    limits = _day_limits(request, context, course, rules)
    dates = None
    if request.start_date is not None and _past_gestation_limit(request, context.circumstance) is None:
        repeat = context.circumstance.repeat
        dates = course_dates(request.start_date, course.day_count, repeat, request.gestation_days)
    return _dose_plan(kb, catalogue, request, context, course, rules, limits, dates)


def _context(kb: KnowledgeBase, request: DoseRequest, catalogue: ProductCatalogue | None) -> Context:
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


def _past_gestation_limit(request: DoseRequest, circumstance: Circumstance) -> int | None:
    """The source's last gestation week when the gestation entered is past it, else None."""
    repeat = circumstance.repeat
    if repeat is None or repeat.until_gestation_week is None or request.gestation_days is None:
        return None
    return repeat.until_gestation_week if request.gestation_days > repeat.until_gestation_week * 7 else None


def _gestation_check(request: DoseRequest, circumstance: Circumstance) -> list[Notice]:
    week = _past_gestation_limit(request, circumstance)
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


def _course_dose(context: Context, regimen: Regimen, days: int | None) -> CourseDose:
    assert context.weight is not None and context.dosing_weight is not None
    day_count = _day_count(regimen, days)
    dose = regimen.dose_per_kg.quantity()
    if regimen.basis == "course-total":
        course_per_kg, per_kg_per_day = dose, dose / day_count
    else:
        per_kg_per_day, course_per_kg = dose, dose * day_count
    total = (context.dosing_weight * course_per_kg).to("g")
    on_actual = (context.weight * course_per_kg).to("g") if context.dosing_weight != context.weight else None
    return CourseDose(day_count, per_kg_per_day, course_per_kg, total, total / day_count, on_actual)


def _rule_limits(kb: KnowledgeBase, circumstance: Circumstance, regimen: Regimen, course: CourseDose) -> RuleLimits:
    """The safety rules that apply to a course of this size (unless the circumstance suppresses
    one). The 'over 5 days' advice applies only where the source leaves the number of days open."""
    min_hours: list[Decimal] = []
    if circumstance.infusion_hours is not None:
        min_hours.append(circumstance.infusion_hours.min)
    warnings: list[Notice] = []
    cited: set[int] = set()
    for rule in kb.rules.values():
        threshold = rule.applies_when.course_total_at_least.grams_per_kg
        if rule.id in circumstance.suppresses_rules or course.course_per_kg.magnitude < threshold:
            continue
        cited.update(rule.references)
        if rule.kind == "min-infusion-hours" and rule.hours is not None:
            min_hours.append(rule.hours)
        elif rule.kind == "min-course-days" and rule.days is not None:
            if course.day_count < rule.days:
                text = _over_days(rule.text, course.day_count, fixed=not regimen.days_open)
                warnings.append(Notice(text, rule.source, rule.references, rule.hazard))
        else:
            warnings.append(Notice(rule.text, rule.source, rule.references, rule.hazard))
    max_hours = circumstance.infusion_hours.max if circumstance.infusion_hours else None
    return RuleLimits(max(min_hours) if min_hours else None, max_hours, tuple(warnings), frozenset(cited))


def _over_days(text: str, count: int, *, fixed: bool) -> str:
    """The 'over 5 days' advice, saying over how many days this course is given (and, where the
    source's own regimen sets the days, that the advice does not replace it)."""
    days = "a single day" if count == 1 else f"{count} days"
    own = ", as the source's regimen gives it: weigh the advice, do not delay treatment for it" if fixed else ""
    return f"{' '.join(text.split())} This course is given over {days}, fewer than 5{own}."


def _day_limits(request: DoseRequest, context: Context, course: CourseDose, rules: RuleLimits) -> DayLimits:
    """Volume, rounding and rate steps for one day, and the fastest rate and shortest time they allow."""
    assert context.dosing_weight is not None
    kg = context.dosing_weight.to("kg").magnitude
    concentration, product = context.concentration, context.product
    volume = (course.daily / concentration).to("mL") if concentration is not None else None
    rounded, policy, rounding_note = _round(request, product, course.daily, concentration)
    warnings = [_outside_tolerance(rounded)] if rounded is not None and not rounded.within_tolerance else []
    schedule, schedule_note = _schedule(request, context, volume, rounded, rules.min_hours)
    ceiling = schedule.ceiling if schedule is not None else None
    # Without a product, the rate that meets the rule's time is shown (the product's may be lower);
    # a chosen product whose maximum is not confirmed gets no rate at all: it comes from its SmPC.
    if ceiling is None and product is None and volume is not None and rules.min_hours is not None:
        bag = Decimal(rounded.millilitres) if rounded is not None and rounded.millilitres is not None else None
        shortest = min(volume.magnitude, bag) if bag is not None else volume.magnitude
        ceiling = duration_ceiling(shortest, rules.min_hours, kg)
    longest = [h for h in (rules.min_hours, schedule.hours if schedule is not None else None) if h is not None]
    hours = max(longest) if longest else None
    if schedule is not None and rules.min_hours is not None and schedule.hours > rules.min_hours:
        warnings.append(_longer_than_the_rule(schedule, rules.min_hours))
    if schedule is not None and rules.max_hours is not None and schedule.hours > rules.max_hours:
        warnings.append(
            Notice(
                f"At these rates the infusion takes {fmt.duration(schedule.hours)}, longer than the "
                f"{fmt.number(rules.max_hours, 0)} h the source gives: check the rates with the prescriber.",
                context.circumstance.source,
            )
        )
    return DayLimits(
        volume, rounded, policy, rounding_note, schedule, schedule_note, ceiling,
        Q(hours, "h") if hours is not None else None,
        Q(rules.max_hours, "h") if rules.max_hours is not None else None,
        tuple(warnings),
    )  # fmt: skip


def _longer_than_the_rule(schedule: Schedule, rule_hours: Decimal) -> Notice:
    at_least = "at least " if schedule.lower_bound else ""
    why = f"The fastest rate allowed here is {schedule.ceiling.reason}, so"
    if schedule.ceiling.limit == "duration":  # the rule's own rate: the slower first steps add the time
        why = "The label's slower first steps come before the rule's rate, so"
    return Notice(
        f"{why} the infusion takes {at_least}{fmt.duration(schedule.hours)}: longer than the rule's minimum "
        f"of {fmt.duration(rule_hours)}.",
        schedule.source,
    )


def _outside_tolerance(rounded: Rounded) -> Notice:
    return Notice(
        f"The rounded dose differs from the exact dose by {fmt.number(abs(rounded.difference_percent), 1)} %, "
        f"more than the {fmt.number(rounded.tolerance_percent, 1)} % tolerance: give the exact dose "
        "(part of a vial) or confirm with the prescriber.",
        "IVIG Desk rounding setting",
    )


def _round(
    request: DoseRequest, product: Product | None, daily: Quantity, concentration: Quantity | None
) -> tuple[Rounded | None, str, str | None]:
    """(rounding, policy in force, why no rounding) for one day's exact dose."""
    policy, tolerance = request.settings.rounding, request.settings.tolerance_percent
    if policy not in POLICIES:
        raise InputError(Field.ROUNDING, f"Unknown rounding “{policy}”; choose one of: {', '.join(POLICIES)}.")
    if not Decimal(0) < tolerance <= Decimal(50):
        raise InputError(
            Field.ROUNDING, f"The rounding tolerance must be more than 0 and at most 50 %, not {tolerance}."
        )
    exact = daily.to("g").magnitude
    if policy == "nearest-5g":
        per_ml = concentration.to("g/mL").magnitude if concentration is not None else None
        return round_to_nearest_5g(exact, per_ml, tolerance), policy, None
    if policy in ("vials", "fewest-vials"):
        if product is None:
            return None, policy, "Choose a product to round the dose to whole vials."
        if not product.vials:
            return None, policy, f"{product.name}: vial sizes are not confirmed ({product.vials_source})."
        return round_to_vials(exact, product.vials, tolerance, fewest_vials=policy == "fewest-vials"), policy, None
    return None, policy, None


NO_PRODUCT = (
    "No product is chosen, so no rate steps are shown: the product's SmPC sets its starting rate, its steps "
    "and its maximum (brands are not interchangeable). The rate shown is the one that meets the minimum "
    "duration; the product's maximum may be lower."
)


def _schedule(
    request: DoseRequest,
    context: Context,
    volume: Quantity | None,
    rounded: Rounded | None,
    rule_hours: Decimal | None,
) -> tuple[Schedule | None, str | None]:
    """The day's rate steps, or why there are none."""
    product, weight = context.product, context.dosing_weight
    if volume is None or weight is None:
        return None, None
    if product is None:
        return None, NO_PRODUCT
    ramp = product_ramp(product, context.indication.id, context.risk_set, request.own_rates)
    if ramp is None:
        why = product.rates.escalation
        return None, (
            f"{product.name}: its maximum rate is not confirmed in IVIG Desk's catalogue ({why}). No rate is "
            "given here: the starting rate, its steps and the maximum must come from the SmPC (section 4.2). "
            "Enter the SmPC's rates for a schedule."
        )
    bag = rounded.millilitres if rounded is not None and rounded.millilitres is not None else volume.magnitude
    kg = weight.to("kg").magnitude
    schedule = build_schedule(ramp, bag, kg, min_hours=rule_hours, exact_volume_ml=volume.magnitude)
    return schedule, None


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
        arithmetic=_arithmetic(context, course, limits, rules.min_hours),
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
        weight_basis=context.decision.basis if context.decision is not None else ACTUAL_WEIGHT_BASIS,
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


def _arithmetic(context: Context, course: CourseDose, limits: DayLimits, rule_hours: Decimal | None) -> tuple[str, ...]:
    """The working a second checker can redo by hand, with this patient's numbers."""
    assert context.regimen is not None and context.dosing_weight is not None
    weight, total, daily, count = context.dosing_weight, course.total, course.daily, course.day_count
    lines = list(context.decision.working) if context.decision is not None else []
    days = f"{count} day{'s' if count > 1 else ''}"
    if context.regimen.basis == "course-total":
        lines.append(f"{fmt.kg(weight)} × {fmt.per_kg(course.course_per_kg)} = {fmt.grams(total)} per course")
        if count > 1:
            lines.append(f"{fmt.grams(total)} ÷ {days} = {fmt.grams(daily)} per day")
    else:
        lines.append(f"{fmt.kg(weight)} × {fmt.per_kg(course.per_kg_per_day)} = {fmt.grams(daily)} per day")
        if count > 1:
            lines.append(f"{fmt.grams(daily)} × {days} = {fmt.grams(total)} per course")
    volume, concentration = limits.volume, context.concentration
    if concentration is not None and volume is not None:
        lines.append(f"{fmt.grams(daily)} ÷ {fmt.concentration(concentration)} = {fmt.millilitres(volume)} per day")
    if rule_hours is not None and volume is not None and context.product is not None and limits.schedule is None:
        lines.append(
            f"{fmt.millilitres(volume)} over at least {fmt.hours(Q(rule_hours, 'h'))}; the fastest rate must come "
            f"from the SmPC of {context.product.name} (its maximum is not confirmed here)"
        )
    elif rule_hours is not None and volume is not None:
        lines += _rate_working(volume, weight, limits, Q(rule_hours, "h"))
    return tuple(lines)


def _rate_working(volume: Quantity, weight: Quantity, limits: DayLimits, hours: Quantity) -> list[str]:
    """The rate that meets the rule's time, and, when the label's (or the at-risk) maximum is
    lower, that maximum and the longer time it gives: never "at most" a rate above the label."""
    rounded, ceiling, schedule = limits.rounded, limits.ceiling, limits.schedule
    bag = Q(rounded.millilitres, "mL") if rounded is not None and rounded.millilitres is not None else None
    rule_rate = (min(bag, volume) if bag is not None else volume) / hours
    capped = ceiling is not None and ceiling.limit != "duration" and Q(ceiling.ml_per_h, "mL/h") < rule_rate

    def meets(rate: Quantity) -> str:
        return f"{fmt.rate_limit(rate)} to meet the rule's time" if capped else f"at most {fmt.rate_limit(rate)}"

    lines = [
        f"{fmt.millilitres(volume)} ÷ {fmt.hours(hours)} = {meets(volume / hours)} "
        f"(÷ {fmt.kg(weight)} = {fmt.per_kg_rate(volume / hours / weight)})"
    ]
    if rounded is not None and bag is not None:
        lines.append(
            f"rounded to {fmt.number(rounded.grams, 2)} g = {fmt.millilitres(bag)}; the smaller volume "
            f"÷ {fmt.hours(hours)} = {meets(rule_rate)}"
        )
    if capped and ceiling is not None:
        per_kg = fmt.number(ceiling.ml_per_kg_h, 2, ROUND_FLOOR)
        longer = f": {fmt.duration(schedule.hours)}" if schedule is not None else ""
        lines.append(
            f"the label allows at most {fmt.pump_rate(ceiling.ml_per_h)} ({per_kg} mL/kg/h × {fmt.kg(weight)}; "
            f"{ceiling.reason}), so the infusion takes longer{longer}"
        )
    return lines
