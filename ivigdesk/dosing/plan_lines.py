"""Lines of a plan that more than one section (or renderer) says: the rate steps, the rounding
alternatives, the weight rule and the weight behind every mL/kg/h, the weight decision, later
courses and the grade."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.rounding import describe

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.dosing.schedule import Schedule


def schedule_lines(schedule: Schedule) -> list[str]:
    """The rate steps as a nurse reads them: '42 mL/h (0.6 mL/kg/h) for 30 min (21 mL)'."""
    lines = []
    if schedule.start_ml_per_h is not None:
        lines.append(
            f"start at {fmt.pump_rate(schedule.start_ml_per_h)} (the label's initial rate; no step times given)"
        )
    last = len(schedule.steps) if not schedule.untimed_ml else 0
    for number, step in enumerate(schedule.steps, start=1):
        until = " until the bag is empty" if number == last else ""
        minutes = fmt.number(step.minutes, 0, ROUND_CEILING)
        per_kg = fmt.number(step.ml_per_kg_h, 2, ROUND_FLOOR)
        lines.append(
            f"{fmt.pump_rate(step.ml_per_h)} ({per_kg} mL/kg/h) for {minutes} min{until} "
            f"({fmt.number(step.millilitres, 1)} mL)"
        )
    ceiling = schedule.ceiling
    per_kg = fmt.number(ceiling.ml_per_kg_h, 2, ROUND_FLOOR)
    if schedule.untimed_ml:
        lines.append(
            f"then increase gradually, if tolerated, up to {fmt.pump_rate(ceiling.ml_per_h)} ({per_kg} mL/kg/h) "
            f"until the bag is empty ({fmt.number(schedule.untimed_ml, 1)} mL): the label gives no steps or times "
            "for this part; write each change as it is made"
        )
    at_least = "at least " if schedule.lower_bound else ""
    lines.append(f"{at_least}{fmt.duration(schedule.hours)} in all")
    lines.append(f"never above {fmt.pump_rate(ceiling.ml_per_h)} ({per_kg} mL/kg/h): {ceiling.reason}")
    return lines


def rounding_lines(plan: DosePlan) -> list[str]:
    """The fewer-vials alternative (when there is one) and why there is no rounding or schedule."""
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None and first.rounded.fewer_vials is not None:
        fewer = first.rounded.fewer_vials
        lines.append(f"Fewer vials within the {fmt.number(fewer.tolerance_percent, 1)} % tolerance: {describe(fewer)}")
    return lines + [note for note in (plan.rounding_note, plan.schedule_note) if note]


def weight_rule_note(plan: DosePlan) -> str:
    """The weight rule in force when it is not the default (Settings › Dosing-weight rule), in words;
    "" for the default rule, or when no weight was worked out. A rule other than the default
    changes the dose, so it is named wherever the dose is read."""
    from ivigdesk.dosing.body_weight import WEIGHT_RULES
    from ivigdesk.dosing.policy_choices import DEFAULT_RULE

    decision = plan.weight_decision
    if decision is None or decision.rule.id == DEFAULT_RULE:
        return ""
    return f"Weight rule in force: {decision.rule.name}, not the default ({WEIGHT_RULES[DEFAULT_RULE].name})"


def rate_weight_note(plan: DosePlan) -> str:
    """The weight every mL/kg/h is per kg of: the dosing weight, with how it was chosen."""
    if plan.dosing_weight is None:
        return ""
    return f"every mL/kg/h is per kg of the dosing weight, {fmt.kg(plan.dosing_weight)} ({plan.weight_basis.lower()})"


def weight_lines(plan: DosePlan) -> list[str]:
    """Which weight was used and why, with BMI, IBW and DDW where they were worked out."""
    decision = plan.weight_decision
    if plan.weight is None or decision is None:
        return []
    lines = [f"Weight: {fmt.kg(plan.weight)} actual; dosing weight {fmt.kg(decision.used)} ({decision.basis.lower()})"]
    lines.append(f"  Why: {decision.reason}")
    if decision.ibw is not None and decision.bmi is not None and decision.ddw is not None:
        lines.append(
            f"  BMI {fmt.number(decision.bmi, 1)} kg/m² · IBW {fmt.kg(decision.ibw)} · DDW {fmt.kg(decision.ddw)} "
            f"(factor {decision.factor})"
        )
    lines.append(f"  Weight rule: {decision.rule.name} ({decision.rule.source})")
    return lines


def course_lines(plan: DosePlan) -> list[str]:
    """Later courses and review points, when a start date was given."""
    if plan.course is None:
        return []
    lines = []
    for course in plan.course.courses[1:]:
        first, last = course.days[0], course.days[-1]
        span = first.strftime("%a %d %b %Y") + (f" to {last.strftime('%a %d %b %Y')}" if last != first else "")
        gestation = f" (gestation {course.gestation})" if course.gestation else ""
        lines.append(f"Course {course.number}: {span}{gestation}")
    lines += [f"Review {day.strftime('%a %d %b %Y')}: {text}" for day, text in plan.course.reviews]
    lines += [f"Dates: {note}" for note in plan.course.notes]
    return lines


def grade_text(plan: DosePlan) -> str:
    circumstance = plan.circumstance
    if circumstance.grade is None and circumstance.evidence is None:
        return "Not graded in the source"
    return f"Grade {circumstance.grade or '–'}; evidence level {circumstance.evidence or '–'}"
