"""One infusion day: its volume, rounding, rate steps, fastest rate and minimum duration.

Worked out once for a course (every day of a course gives the same dose) from the context, the
course dose and the rule limits, with the warnings they lead to.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.result import Notice
from ivigdesk.dosing.rounding import POLICIES, Rounded, round_to_nearest_5g, round_to_vials
from ivigdesk.dosing.schedule import Ceiling, Schedule, build_schedule, duration_ceiling, product_ramp
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.dosing.context import Context
    from ivigdesk.dosing.course_dose import CourseDose, RuleLimits
    from ivigdesk.dosing.request import DoseRequest
    from ivigdesk.knowledge.products import Product
    from ivigdesk.units import Quantity


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


def day_limits(request: DoseRequest, context: Context, course: CourseDose, rules: RuleLimits) -> DayLimits:
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
