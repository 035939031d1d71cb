"""A dose plan as JSON-ready data and as plain text (for the CLI, the clipboard and notes)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ivigdesk import __version__
from ivigdesk.dosing import formatting as fmt

if TYPE_CHECKING:
    import pint

    from ivigdesk.dosing.result import DosePlan

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
    value: Decimal = quantity.to(unit).magnitude
    return int(value) if value == value.to_integral_value() else float(value)


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
        "concentration_mg_per_ml": _number(plan.concentration, "mg/mL"),
        "dose_per_kg_per_day_g": _number(plan.dose_per_kg_per_day, "g/kg"),
        "total_dose_g": _number(plan.total_dose, "g"),
        "days": [
            {
                "day": day.day,
                "dose_g": _number(day.dose, "g"),
                "volume_ml": _number(day.volume, "mL"),
                "min_duration_h": _number(day.min_duration, "h"),
                "max_duration_h": _number(day.max_duration, "h"),
                "max_rate_ml_per_h": _number(day.max_rate, "mL/h"),
            }
            for day in plan.days
        ],
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
        "program_version": __version__,
    }


def plan_to_text(plan: DosePlan) -> str:
    """The plan as plain text a pharmacist can paste into a note."""
    c = plan.circumstance
    lines = [
        f"IVIG Desk {__version__} · knowledge base {plan.knowledge_base_version}",
        f"Indication: {plan.indication.name} — {c.label}",
        f"Priority: {plan.colour.word} ({plan.colour.priority.lower()})",
        f"Status: {STATUS_WORDS[plan.status.value]} · {grade_text(plan)} ({c.source})",
    ]
    if plan.status_reason:
        lines.append(f"  {plan.status_reason}")
    lines.append(f"Source: {' '.join(c.text.split())}")
    if plan.weight is not None:
        lines.append(f"Weight: {fmt.kg(plan.weight)} ({plan.weight_basis.lower()} used)")
    if not plan.has_dose:
        lines.append(f"No dose: {plan.no_dose_reason}")
    else:
        assert plan.regimen is not None
        lines.append(f"Regimen: {plan.regimen.label}")
        lines += [f"  {line}" for line in plan.arithmetic]
        lines.append("Day  Dose        Volume       Min duration  Max rate")
        for day in plan.days:
            volume = fmt.millilitres(day.volume) if day.volume is not None else "–"
            duration = fmt.hours(day.min_duration) if day.min_duration is not None else "not set"
            if day.max_duration is not None:
                duration += f" (≤ {fmt.hours(day.max_duration)})"
            rate = fmt.rate_limit(day.max_rate) if day.max_rate is not None else "per SmPC"
            lines.append(f"{day.day:<4} {fmt.grams(day.dose):<11} {volume:<12} {duration:<13} {rate}")
        assert plan.total_dose is not None
        lines.append(f"Course total: {fmt.grams(plan.total_dose)} over {plan.day_count} day(s)")
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
