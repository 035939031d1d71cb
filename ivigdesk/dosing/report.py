"""A dose plan as JSON-ready data (every figure, unrounded) and as plain text (the clipboard,
notes and the CLI), the text drawn from the one presentation model."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ivigdesk import __version__
from ivigdesk.dosing.presentation import plan_view

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import DayRow, DayTable, Section
    from ivigdesk.dosing.result import CoMedicationDose, DosePlan, InfusionDay, Notice
    from ivigdesk.knowledge.products import Product
    from ivigdesk.units import Quantity


def _json_quantity(quantity: Quantity | None, unit: str) -> int | float | None:
    """An unrounded magnitude for JSON (an int where exact, else the nearest float)."""
    if quantity is None:
        return None
    return _json_number(quantity.to(unit).magnitude)


def _json_number(value: Decimal | None) -> int | float | None:
    """A decimal for JSON: an int where exact, else the nearest float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


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
        "weight_kg": _json_quantity(plan.weight, "kg"),
        "dosing_weight_kg": _json_quantity(plan.dosing_weight, "kg"),
        "weight_basis": plan.weight_basis,
        **_weight_dict(plan),
        **_patient_dict(plan),
        "product": plan.product.id if plan.product else None,
        "product_attributes": _product_dict(plan.product) if plan.product else None,
        "concentration_mg_per_ml": _json_quantity(plan.concentration, "mg/mL"),
        "dose_per_kg_per_day_g": _json_quantity(plan.dose_per_kg_per_day, "g/kg"),
        "total_dose_g": _json_quantity(plan.total_dose, "g"),
        "total_dose_on_actual_weight_g": _json_quantity(plan.actual_weight_total_dose, "g"),
        "total_dispensed_g": _json_number(plan.dispensed_total),
        "total_dispensed_ml": _json_number(plan.dispensed_volume),
        "rounding": plan.rounding_policy,
        "rounding_note": plan.rounding_note,
        "schedule_note": plan.schedule_note,
        "days": [_day_dict(day) for day in plan.days],
        **_course_dict(plan),
        "no_dose_reason": plan.no_dose_reason,
        "review_gives_dose": plan.regimen is not None or plan.circumstance.recommended_regimen is not None,
        "contraindication": _notice(plan.contraindication),
        "hazards": [hazard.value for hazard in plan.hazards],
        "arithmetic": list(plan.arithmetic),
        "repeat": {k: v for k, v in asdict(plan.repeat).items() if v is not None} if plan.repeat else None,
        "co_medication": [_co_medication_dict(med) for med in plan.co_medication],
        "newer_guidance_co_medication": [_co_medication_dict(med) for med in plan.guidance_co_medication],
        "warnings": [notice.text for notice in plan.warnings],
        "warnings_with_sources": [{"text": n.text, "source": n.source, "hazard": n.hazard} for n in plan.warnings],
        "notes": list(plan.notes),
        "regimen_note": plan.regimen.note if plan.regimen else None,
        "review": plan.repeat.review if plan.repeat else None,
        "circumstance_text": " ".join(plan.circumstance.text.split()),
        "scope": " ".join(plan.indication.scope.split()) if plan.indication.scope else None,
        "newer_guidance": [
            {"id": g.id, "published": g.published, "text": " ".join(g.text.split()), "source": g.source}
            for g in plan.guidance
        ],
        "questions_to_confirm": [q.text for q in plan.unanswered],
        "references": [ref.number for ref in plan.references],
        "knowledge_base_version": plan.knowledge_base_version,
        "knowledge_base_sha256": plan.knowledge_base_checksum,
        "knowledge_base_origin": plan.knowledge_base_origin,
        "product_catalogue_version": plan.catalogue_version,
        "product_catalogue_sha256": plan.catalogue_checksum,
        "program_version": __version__,
    }


def _notice(notice: Notice | None) -> dict[str, Any] | None:
    return {"text": notice.text, "source": notice.source} if notice is not None else None


def _day_dict(day: InfusionDay) -> dict[str, Any]:
    rounded, schedule = day.rounded, day.schedule
    return {
        "day": day.day,
        "date": day.date.isoformat() if day.date else None,
        "dose_g": _json_quantity(day.dose, "g"),
        "volume_ml": _json_quantity(day.volume, "mL"),
        "min_duration_h": _json_quantity(day.min_duration, "h"),
        "max_duration_h": _json_quantity(day.max_duration, "h"),
        "max_rate_ml_per_h": _json_quantity(day.max_rate, "mL/h"),
        "max_rate_ml_per_kg_h": _json_number(day.ceiling.ml_per_kg_h) if day.ceiling else None,
        "max_rate_set_by": day.ceiling.limit if day.ceiling else None,
        "product_maximum_confirmed": day.product_maximum_known,
        "dispensed_dose_g": _json_number(day.dispensed_grams),
        "rounded_dose_g": _json_number(rounded.grams) if rounded else None,
        "rounded_volume_ml": _json_number(rounded.millilitres) if rounded else None,
        "rounded_difference_percent": _json_number(rounded.difference_percent) if rounded else None,
        "vials": [{"grams": _json_number(g), "count": n} for g, n in rounded.vials] if rounded else [],
        "rate_steps": [
            {
                "ml_per_h": _json_number(s.ml_per_h),
                "ml_per_kg_h": _json_number(s.ml_per_kg_h),
                "minutes": _json_number(s.minutes),
            }
            for s in schedule.steps
        ]
        if schedule
        else [],
        "schedule_hours": _json_number(schedule.hours) if schedule else None,
        "schedule_is_lower_bound": schedule.lower_bound if schedule else None,
        "rate_steps_from": schedule.steps_from if schedule else None,
        "untimed_ml": _json_number(schedule.untimed_ml) if schedule else None,
        "untimed_minutes_at_least": _json_number(schedule.untimed_minutes) if schedule else None,
    }


def _course_dict(plan: DosePlan) -> dict[str, Any]:
    if plan.course is None:
        return {"courses": [], "reviews": []}
    return {
        "courses": [
            {"course": c.number, "dates": [d.isoformat() for d in c.days], "gestation": c.gestation}
            for c in plan.course.courses
        ],
        "reviews": [{"date": d.isoformat(), "text": t} for d, t in plan.course.reviews],
    }


def _co_medication_dict(med: CoMedicationDose) -> dict[str, Any]:
    return {
        "drug": med.drug,
        "on_weight_kg": _json_quantity(med.weight, "kg"),
        "over_maximum": med.over_maximum.text if med.over_maximum else None,
        "per_day_mg_min": _json_quantity(med.per_day_min, "mg"),
        "per_day_mg_max": _json_quantity(med.per_day_max, "mg"),
        "doses_per_day": [n for n, _, _ in med.per_dose],
        "per_dose_mg": [
            {"doses_per_day": n, "mg_min": _json_quantity(lo, "mg"), "mg_max": _json_quantity(hi, "mg")}
            for n, lo, hi in med.per_dose
        ],
    }


def _patient_dict(plan: DosePlan) -> dict[str, Any]:
    patient = plan.patient
    return {
        "age_years": _json_number(patient.age_years) if patient else None,
        "pregnant": bool(patient and patient.pregnant) or plan.indication.pregnancy,
        "entered": dict(plan.typed),
        "patient_risks": [{"risk": r.risk.value, "label": r.label, "why": r.why} for r in plan.risks],
    }


def _product_dict(product: Product) -> dict[str, Any]:
    def cited(item: Any, **fields: Any) -> dict[str, Any] | None:
        return {**fields, "source": item.source} if item is not None else None

    return {
        "name": product.name,
        "excipients": [{"name": c.excipient.value, "amount": c.amount, "source": c.source} for c in product.excipients],
        "sodium": cited(product.sodium, text=product.sodium and product.sodium.text),
        "iga_most_micrograms_per_ml": _json_number(product.iga.most_micrograms_per_ml) if product.iga else None,
        "iga_source": product.iga.source if product.iga else None,
        "licensed_ages": cited(product.licensed_ages, text=product.licensed_ages and product.licensed_ages.text),
        "rates_status": product.rates.status,
        "rates_source": product.rates.source,
        "rate_steps_source": product.rates.steps_source,
        "maximum_ml_per_kg_h_for_patients_at_risk": cited(
            at_risk := product.rates.risk_maximum,
            ml_per_kg_h=at_risk and _json_number(at_risk.rate.ml_per_kg_h),
            risks=at_risk and [risk.value for risk in at_risk.risks],
        ),
    }


def _weight_dict(plan: DosePlan) -> dict[str, Any]:
    decision = plan.weight_decision
    return {
        "weight_reason": decision.reason if decision else None,
        "weight_rule": decision.rule.id if decision else None,
        "adjustment_factor": _json_number(decision.factor) if decision else None,
        "ibw_kg": _json_quantity(decision.ibw, "kg") if decision else None,
        "bmi": _json_number(decision.bmi) if decision and decision.bmi is not None else None,
        "ddw_kg": _json_quantity(decision.ddw, "kg") if decision else None,
        "actual_weight_chosen_by_user": decision.overridden if decision else False,
    }


# the copied plan's order: what a checker needs first (the patient, the diagnosis, the key
# figures, every warning); then the rest of the plan with its working and notes; then the newer
# guidance and the references; the versions last
FIRST = ("contraindication", "patient", "no-dose", "warnings")
LAST = ("guidance", "references")
KEY_WORDS = {"Dose": "Dose to give", "Infuse over at least": "Duration, at least"}


def plan_to_text(plan: DosePlan) -> str:
    """The plan as plain text a pharmacist can paste into a note (the presentation model drawn
    in characters), in the order a checker reads it: a contraindication above all, the patient,
    the indication, the dose to give, volume, duration and fastest rate, every warning; then the
    working and the notes; the newer guidance and references; the versions last."""
    view = plan_view(plan)
    by_key = {section.key: section for section in view.sections}
    lines = _section_text(by_key.get("contraindication")) + _section_text(by_key.get("patient"))
    if view.weight_rule:
        lines.append(f"{view.weight_rule}.")
    lines += [
        f"Indication: {view.indication} — {view.circumstance}",
        f"Priority: {view.colour_word} ({view.priority.lower()}). {view.meaning}",
    ]
    for fact in view.key.facts:
        detail = f" ({fact.detail})" if fact.detail else ""
        lines.append(f"{KEY_WORDS.get(fact.label, fact.label)}: {fact.value}{detail}")
    for key in FIRST[2:]:
        lines += _section_text(by_key.get(key))
    for section in view.sections:
        if section.key in FIRST or section.key in LAST:
            continue
        if section.key == "working" and view.days is not None:
            lines += _day_table_text(view.days)
        lines += _section_text(section)
    if view.days is not None and "working" not in by_key:
        lines += _day_table_text(view.days)
    for key in LAST:
        lines += _section_text(by_key.get(key))
    lines.append(view.versions)
    return "\n".join(lines) + "\n"


def _section_text(section: Section | None) -> list[str]:
    if section is None:
        return []
    if section.titled:  # a no-dose line says "No dose is calculated" itself
        return [f"{section.title}:", *("  " * (row.indent + 1) + row.text for row in section.lines)]
    return ["  " * row.indent + row.text for row in section.lines]


def day_cells(row: DayRow) -> dict[str, str]:
    """One day's cells in full, worded alike in the copied text and on the worksheet."""
    duration = row.min_duration or "not set"
    if row.max_duration is not None:
        duration += f" (at most {row.max_duration})"
    rate = "per SmPC"
    if row.rate is not None and row.rate_per_kg is not None:
        rate = f"{row.rate.text} ({row.rate_per_kg.text}), {row.rate_is}"
        if not row.product_maximum_known:
            rate += "; no product chosen" if not row.product_chosen else "; product maximum not confirmed"
    exact = f"{row.exact.text}, {row.exact_volume.text}" if row.exact_volume is not None else row.exact.text
    return {
        "day": str(row.day),
        "date": row.date.strftime("%a %d %b %Y") if row.date else "–",
        "give": row.give.text,
        "volume": row.give_volume.text if row.give_volume is not None else "–",
        "exact": exact if row.rounded else "",
        "duration": duration,
        "rate": rate,
        "vials": row.vials or "–",
    }


COLUMNS = (
    ("day", "Day"),
    ("date", "Date"),
    ("give", "Dose to give"),
    ("volume", "Volume"),
    ("exact", "Exact dose"),
    ("duration", "Min. duration"),
    ("rate", "Fastest rate"),
    ("vials", "Vials"),
)


def columns(table: DayTable) -> tuple[tuple[str, str], ...]:
    """The table's columns: the exact dose has its own column only when rounding changed the dose."""
    return tuple(c for c in COLUMNS if c[0] != "exact" or table.rounded)


def course_total(table: DayTable) -> str:
    volume = f", {table.total_volume.text}" if table.total_volume is not None else ""
    given = f"Course total to give: {table.total.text}{volume}"
    if not table.rounded:
        return given
    exact = f", {table.exact_total_volume.text}" if table.exact_total_volume is not None else ""
    return f"{given} (exact {table.exact_total.text}{exact})"


def _day_table_text(table: DayTable) -> list[str]:
    lines = []
    for row in table.rows:
        cells = day_cells(row)
        lines.append(" · ".join(f"{title}: {cells[key]}" for key, title in columns(table) if cells[key]))
    lines.append(course_total(table))
    return lines
