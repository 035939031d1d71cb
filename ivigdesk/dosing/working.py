"""The working a second checker can redo by hand, with this patient's numbers.

Weight × dose per kg, the course and daily totals, the volume, and the rate that meets the
rule's time (or the label's lower maximum and the longer time it gives).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.units import Q

if TYPE_CHECKING:
    from ivigdesk.dosing.context import Context
    from ivigdesk.dosing.course_dose import CourseDose
    from ivigdesk.dosing.day_limits import DayLimits
    from ivigdesk.units import Quantity


def arithmetic(context: Context, course: CourseDose, limits: DayLimits, rule_hours: Decimal | None) -> tuple[str, ...]:
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
