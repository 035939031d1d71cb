"""A dose plan as JSON-ready data and as plain text (for the CLI, the clipboard and notes)."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

from ivigdesk import __version__
from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.rounding import describe

if TYPE_CHECKING:
    import pint

    from ivigdesk.dosing.result import DosePlan, InfusionDay
    from ivigdesk.dosing.schedule import Schedule

STATUS_WORDS = {
    "recommended": "Recommended",
    "consider": "May be considered",
    "not-recommended": "Not recommended",
    "not-approved": "Not approved by the panel",
    "no-guidance": "No recommendation in the source",
}


def _number(quantity: pint.Quantity | None, unit: str) -> int | float | None:
    """An unrounded magnitude for JSON (an int where exact, else the nearest float)."""
    if quantity is None:
        return None
    return _plain(quantity.to(unit).magnitude)


def _plain(value: Decimal | None) -> int | float | None:
    """A decimal for JSON: an int where exact, else the nearest float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def day_cells(day: InfusionDay, compact: bool = False) -> dict[str, str]:
    """One day's cells, worded the same in the window, the copied text and the worksheet.

    ``compact`` (the window's table) shortens the date and gives the vial count, not the breakdown.
    """
    duration = fmt.hours(day.min_duration) if day.min_duration is not None else "not set"
    if day.max_duration is not None:
        duration += f" (at most {fmt.hours(day.max_duration)})"
    date_format = "%a %d %b" if compact else "%a %d %b %Y"
    if day.rounded is None:
        rounded = "–"
    elif compact:
        rounded = f"{fmt.number(day.rounded.grams, 2)} g"
        if day.rounded.vials:  # nearest-5 g rounding names no vials
            rounded += f" ({day.rounded.vial_count} vials)"
    else:
        rounded = describe(day.rounded)
    return {
        "day": str(day.day),
        "date": day.date.strftime(date_format) if day.date is not None else "",
        "dose": fmt.grams(day.dose),
        "rounded": rounded,
        "volume": fmt.millilitres(day.volume) if day.volume is not None else "–",
        "duration": duration,
        "rate": fmt.rate_limit(day.max_rate) if day.max_rate is not None else "per SmPC",
    }


def schedule_lines(schedule: Schedule) -> list[str]:
    """The rate steps as a nurse reads them: '42 mL/h for 30 min (21 mL)'."""
    lines = []
    if schedule.start_ml_per_h is not None:
        lines.append(
            f"start at {fmt.pump_rate(schedule.start_ml_per_h)} (the label's initial rate; no step times given)"
        )
    for number, step in enumerate(schedule.steps, start=1):
        until = " until the bag is empty" if number == len(schedule.steps) else ""
        minutes = fmt.number(step.minutes, 0, ROUND_CEILING)
        lines.append(f"{fmt.pump_rate(step.ml_per_h)} for {minutes} min{until} ({fmt.number(step.millilitres, 1)} mL)")
    at_least = "at least " if schedule.lower_bound else ""
    lines.append(f"{at_least}{fmt.duration(schedule.hours)} in all")
    lines.append(f"never above {fmt.pump_rate(schedule.ceiling_ml_per_h)}: {schedule.ceiling_reason}")
    return lines


def rounding_lines(plan: DosePlan) -> list[str]:
    """The fewer-vials alternative (when there is one) and why there is no rounding or schedule."""
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None and first.rounded.fewer_vials is not None:
        fewer = first.rounded.fewer_vials
        lines.append(f"Fewer vials within the {fmt.number(fewer.tolerance_percent, 1)} % tolerance: {describe(fewer)}")
    return lines + [note for note in (plan.rounding_note, plan.schedule_note) if note]


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


def plan_to_dict(plan: DosePlan) -> dict[str, Any]:
    """Every figure of the plan as JSON-ready data; doses unrounded."""
    return {
        "indication": plan.indication.id,
        "indication_name": plan.indication.name,
        "circumstance": plan.circumstance.id,
        "colour": plan.indication.colour.value,
        "colour_meaning": f"{plan.colour.word}: {plan.colour.priority}. {plan.colour.meaning}",
        "status": plan.status.value,
        "status_reason": plan.status_reason,
        "grade": plan.circumstance.grade,
        "evidence": plan.circumstance.evidence,
        "regimen": plan.regimen.label if plan.regimen else None,
        "regimen_id": plan.regimen.id if plan.regimen else None,
        "weight_kg": _number(plan.weight, "kg"),
        "dosing_weight_kg": _number(plan.dosing_weight, "kg"),
        "weight_basis": plan.weight_basis,
        **_weight_dict(plan),
        "product": plan.product.id if plan.product else None,
        "concentration_mg_per_ml": _number(plan.concentration, "mg/mL"),
        "dose_per_kg_per_day_g": _number(plan.dose_per_kg_per_day, "g/kg"),
        "total_dose_g": _number(plan.total_dose, "g"),
        "total_dose_on_actual_weight_g": _number(plan.actual_weight_total_dose, "g"),
        "rounding": plan.rounding_policy,
        "rounding_note": plan.rounding_note,
        "schedule_note": plan.schedule_note,
        "days": [
            {
                "day": day.day,
                "date": day.date.isoformat() if day.date else None,
                "dose_g": _number(day.dose, "g"),
                "volume_ml": _number(day.volume, "mL"),
                "min_duration_h": _number(day.min_duration, "h"),
                "max_duration_h": _number(day.max_duration, "h"),
                "max_rate_ml_per_h": _number(day.max_rate, "mL/h"),
                "rounded_dose_g": _plain(day.rounded.grams) if day.rounded else None,
                "rounded_volume_ml": _plain(day.rounded.millilitres) if day.rounded else None,
                "rounded_difference_percent": _plain(day.rounded.difference_percent) if day.rounded else None,
                "vials": [{"grams": _plain(g), "count": n} for g, n in day.rounded.vials] if day.rounded else [],
                "rate_steps": [
                    {"ml_per_h": _plain(step.ml_per_h), "minutes": _plain(step.minutes)} for step in day.schedule.steps
                ]
                if day.schedule
                else [],
                "schedule_hours": _plain(day.schedule.hours) if day.schedule else None,
                "schedule_is_lower_bound": day.schedule.lower_bound if day.schedule else None,
            }
            for day in plan.days
        ],
        "courses": [
            {"course": c.number, "dates": [d.isoformat() for d in c.days], "gestation": c.gestation}
            for c in plan.course.courses
        ]
        if plan.course
        else [],
        "reviews": [{"date": d.isoformat(), "text": t} for d, t in plan.course.reviews] if plan.course else [],
        "no_dose_reason": plan.no_dose_reason,
        "arithmetic": list(plan.arithmetic),
        "repeat": plan.repeat.model_dump(exclude_none=True) if plan.repeat else None,
        "co_medication": [
            {
                "drug": med.drug,
                "per_day_mg_min": _number(med.per_day_min, "mg"),
                "per_day_mg_max": _number(med.per_day_max, "mg"),
                "doses_per_day": [n for n, _, _ in med.per_dose],
                "per_dose_mg": [
                    {"doses_per_day": n, "mg_min": _number(lo, "mg"), "mg_max": _number(hi, "mg")}
                    for n, lo, hi in med.per_dose
                ],
            }
            for med in plan.co_medication
        ],
        "warnings": [notice.text for notice in plan.warnings],
        "notes": list(plan.notes),
        "questions_to_confirm": [q.text for q in plan.unanswered],
        "references": [ref.number for ref in plan.references],
        "knowledge_base_version": plan.knowledge_base_version,
        "knowledge_base_sha256": plan.knowledge_base_checksum,
        "knowledge_base_origin": plan.knowledge_base_origin,
        "product_catalogue_version": plan.catalogue_version,
        "product_catalogue_sha256": plan.catalogue_checksum,
        "program_version": __version__,
    }


def _weight_dict(plan: DosePlan) -> dict[str, Any]:
    decision = plan.weight_decision
    return {
        "weight_reason": decision.reason if decision else None,
        "weight_rule": decision.rule.id if decision else None,
        "adjustment_factor": _plain(decision.factor) if decision else None,
        "ibw_kg": _number(decision.ibw, "kg") if decision else None,
        "bmi": _plain(decision.bmi) if decision and decision.bmi is not None else None,
        "ddw_kg": _number(decision.ddw, "kg") if decision else None,
        "actual_weight_chosen_by_user": decision.overridden if decision else False,
    }


def plan_to_text(plan: DosePlan) -> str:
    """The plan as plain text a pharmacist can paste into a note."""
    c = plan.circumstance
    lines = [
        f"IVIG Desk {__version__} · knowledge base {plan.knowledge_base_version} ({plan.knowledge_base_origin})",
        f"Indication: {plan.indication.name} — {c.label}",
        f"Priority: {plan.colour.word} ({plan.colour.priority.lower()})",
        f"Status: {STATUS_WORDS[plan.status.value]} · {grade_text(plan)} ({c.source})",
    ]
    if plan.status_reason:
        lines.append(f"  {plan.status_reason}")
    lines.append(f"Source: {' '.join(c.text.split())}")
    lines += weight_lines(plan)
    if plan.product is not None:
        lines.append(f"Product: {plan.product.name} ({fmt.concentration(plan.product.concentration)})")
    elif plan.concentration is not None:
        lines.append(f"Concentration: {fmt.concentration(plan.concentration)} (no product chosen)")
    if not plan.has_dose:
        lines.append(f"No dose: {plan.no_dose_reason}")
    else:
        assert plan.regimen is not None
        lines.append(f"Regimen: {plan.regimen.label}")
        lines += [f"  {line}" for line in plan.arithmetic]
        lines.append("Day  Date             Dose        Volume       Min duration           Max rate      Rounded")
        for day in plan.days:
            c = day_cells(day)
            lines.append(
                f"{c['day']:<4} {c['date'] or '–':<16} {c['dose']:<11} {c['volume']:<12} {c['duration']:<22} "
                f"{c['rate']:<13} {c['rounded']}"
            )
        assert plan.total_dose is not None
        lines.append(f"Course total: {fmt.grams(plan.total_dose)} over {plan.day_count} day(s)")
        if plan.actual_weight_total_dose is not None:
            lines.append(f"  (on actual weight it would be {fmt.grams(plan.actual_weight_total_dose)})")
        lines += rounding_lines(plan)
        if plan.days and plan.days[0].schedule is not None:
            schedule = plan.days[0].schedule
            lines.append(f"Infusion schedule, each day ({schedule.basis}; {schedule.source}):")
            lines += [f"  {line}" for line in schedule_lines(schedule)]
        lines += course_lines(plan)
    if plan.repeat:
        lines.append(f"Repeat: {plan.repeat.text}" + (f". {plan.repeat.review}" if plan.repeat.review else ""))
    for med in plan.co_medication:
        lines.append(f"{med.drug}: {fmt.milligram_range(med.per_day_min, med.per_day_max)} per day")
        for n, low, high in med.per_dose:
            lines.append(f"  in {n} doses: {fmt.milligram_range(low, high)} each")
    for question in plan.unanswered:
        lines.append(f"To confirm: {question.text}")
    lines += [f"Warning: {notice.text}" for notice in plan.warnings]
    lines += [f"Note: {' '.join(note.split())}" for note in plan.notes]
    if plan.references:
        lines.append("References:")
        lines += [f"  [{ref.number}] {ref.citation}" for ref in plan.references]
    return "\n".join(lines) + "\n"
