"""The course dose and the limits the safety rules set for it.

The regimen applied to the dosing weight (days, dose per kg, course and daily totals), and what
the rules and the circumstance ask of each day: a minimum and a maximum infusion time, and the
warnings a course of this size draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.result import Notice
from ivigdesk.knowledge.model import Circumstance, Regimen

if TYPE_CHECKING:
    from ivigdesk.dosing.context import Context
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.units import Quantity


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


def course_dose(context: Context, regimen: Regimen, days: int | None) -> CourseDose:
    """``regimen`` on the context's dosing weight over ``days`` (checked against the regimen)."""
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


def rule_limits(kb: KnowledgeBase, circumstance: Circumstance, regimen: Regimen, course: CourseDose) -> RuleLimits:
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
