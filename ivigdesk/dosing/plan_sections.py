"""The sections of a plan, in reading order: what each says, never how it looks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.plan_layout import Section, Span, line
from ivigdesk.dosing.plan_lines import (
    course_lines,
    grade_text,
    rate_weight_note,
    rounding_lines,
    schedule_lines,
    weight_lines,
    weight_rule_note,
)
from ivigdesk.dosing.rounding import describe

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan

STATUS_WORDS = {
    "recommended": "Recommended",
    "consider": "May be considered",
    "not-recommended": "Not recommended",
    "not-approved": "Not approved by the panel",
    "no-guidance": "No recommendation in the source",
}


NOT_TO_BE_GIVEN = "NOT TO BE GIVEN without specialist advice"


RATES_PER_KG = "Rates per kg:"  # also under the Regimen


STEPS_FROM = "Rate steps from"  # the text the rate steps come from, where it is not the rates' source


def plan_sections(plan: DosePlan) -> tuple[Section, ...]:
    """Every section ``plan`` has, in reading order (a section with no lines is left out)."""
    sections = [
        _contraindication(plan),
        _patient(plan),
        _status(plan),
        _source(plan),
        _guidance(plan),
        _weight(plan),
        _no_dose(plan),
        _regimen(plan),
        _product(plan),
        _working(plan),
        _rounding(plan),
        _schedule(plan),
        _dates(plan),
        _repeat(plan),
        _co_medication(plan),
        _to_confirm(plan),
        _notes(plan),
        _warnings(plan),
        _references(plan),
    ]
    return tuple(section for section in sections if section is not None and section.lines)


def _contraindication(plan: DosePlan) -> Section | None:
    """A contraindication, first and most prominent; the plan below stays visible, marked."""
    stop = plan.contraindication
    if stop is None:
        return None
    lines = (
        line(Span(f"⚠ {stop.text}", "strong")),
        line(Span(f"The plan below is shown for the specialist: {NOT_TO_BE_GIVEN}.", "strong")),
        line(Span(f"({stop.source})", "small")),
    )
    return Section("contraindication", "Contraindication", lines, "no-dose", titled=True)


def _status(plan: DosePlan) -> Section:
    lines = [line(Span(STATUS_WORDS[plan.status.value], "strong"), f" · {grade_text(plan)}")]
    if plan.status_reason:
        lines.append(line(plan.status_reason))
    return Section("status", "Status", tuple(lines))


def _source(plan: DosePlan) -> Section:
    circumstance, indication = plan.circumstance, plan.indication
    lines = [line(Span(f"{circumstance.source}:", "em"), f" {circumstance.text}")]
    if indication.scope:
        lines.append(
            line(Span("Scope:", "strong"), f" {indication.scope} ", Span(f"({indication.scope_source})", "small"))
        )
    return Section("source", "Source", tuple(lines))


def _weight(plan: DosePlan) -> Section:
    lines = weight_lines(plan)
    if not lines:
        return Section("weight", "Patient and weight", ())
    decision = plan.weight_decision
    head = Span(lines[0], "strong" if decision is not None and decision.rule_chose_ddw else "")
    details = tuple(line(Span(text.strip(), "small")) for text in lines[1:])
    rule = weight_rule_note(plan)
    named = (line(Span(f"{rule}.", "strong")),) if rule else ()
    return Section("weight", "Patient and weight", (*named, line(head), *details))


def _no_dose(plan: DosePlan) -> Section | None:
    if plan.has_dose:
        return None
    text = f"No dose is calculated: the review gives no IVIG dose here. {plan.no_dose_reason or ''}".strip()
    return Section("no-dose", "No dose is calculated", (line(text),), "no-dose")


def _regimen(plan: DosePlan) -> Section | None:
    lines = []
    if plan.has_dose:
        assert plan.regimen is not None and plan.dosing_weight is not None
        regimen = plan.regimen
        lines.append(line(Span("Regimen:", "strong"), f" {regimen.label} ", Span(f"({regimen.source})", "small")))
        if regimen.note:
            lines.append(line(Span(regimen.note, "small")))
        actual = ""
        if plan.actual_weight_total_dose is not None:
            actual = f" — on actual weight the course would be {fmt.grams(plan.actual_weight_total_dose)}"
        used = f" {fmt.kg(plan.dosing_weight)} ({plan.weight_basis.lower()}){actual}"
        lines.append(line(Span("Weight used:", "strong"), used))
        lines.append(line(Span(RATES_PER_KG, "strong"), f" {rate_weight_note(plan)}"))
    return Section("regimen", "Regimen", tuple(lines))


def _patient(plan: DosePlan) -> Section:
    """Everything entered that changes the dose, at the top, so nothing carried over is hidden."""
    lines = [line(Span(f"{what}:", "strong"), f" {text}") for what, text in plan.typed]
    patient = plan.patient
    facts = []
    if patient is not None:
        if patient.sex:
            facts.append(f"sex {patient.sex}")
        if patient.age_years is None and patient.under_18:
            facts.append("under 18 (no age given)")
        if patient.pregnant or plan.indication.pregnancy:
            facts.append("pregnant" + ("" if patient.pregnant else " (the diagnosis)"))
    if plan.weight_decision is not None and plan.weight_decision.overridden:
        facts.append("dose on actual weight chosen")
    if facts:
        lines.append(line(Span("Also:", "strong"), f" {'; '.join(facts)}"))
    for risk in plan.risks:
        why = "" if risk.why == "entered" else f" ({risk.why})"
        lines.append(line(Span("Risk:", "strong"), f" {risk.label}{why}"))
    return Section("patient", "The patient as entered", tuple(lines), titled=True)


def _product(plan: DosePlan) -> Section:
    product = plan.product
    if product is None:
        if plan.concentration is None:
            return Section("product", "Product", ())
        text = f" {fmt.concentration(plan.concentration)} — no product chosen: the product's SmPC sets the rates"
        return Section("product", "Product", (line(Span("Concentration:", "strong"), text),))
    lines = [line(Span("Product:", "strong"), f" {product.name} ({fmt.concentration(plan.concentration)})")] if (
        plan.concentration is not None
    ) else []  # fmt: skip
    for content in product.excipients:
        amount = f" {content.amount}" if content.amount else ""
        lines.append(line(f"Contains {content.excipient.value}{amount} ", Span(f"({content.source})", "small")))
    if product.sodium is not None:
        lines.append(line(f"Sodium: {product.sodium.text} ", Span(f"({product.sodium.source})", "small")))
    if product.iga is not None:
        most = fmt.number(product.iga.most_micrograms_per_ml, 1)
        lines.append(line(f"IgA: at most {most} micrograms/mL ", Span(f"({product.iga.source})", "small")))
    if product.licensed_ages is not None:
        ages = product.licensed_ages
        lines.append(line(f"Licensed: {ages.text} ", Span(f"({ages.source})", "small")))
    rates = product.rates
    lines.append(line(f"Rates ({rates.status}): {rates.escalation} ", Span(f"({rates.source})", "small")))
    lines += [line(note) for note in product.notes]
    return Section("product", "Product", tuple(lines), titled=True)


def _guidance(plan: DosePlan) -> Section:
    """Newer national guidance, beside the review's recommendation and never in its place."""
    lines = tuple(
        line(Span(f"{g.published}:", "strong"), f" {g.text} ", Span(f"({g.source})", "small")) for g in plan.guidance
    )
    return Section("guidance", "Newer guidance, beside the review (not in its place)", lines, titled=True)


def _working(plan: DosePlan) -> Section:
    return Section("working", "Working", tuple(line(text) for text in plan.arithmetic), "mono", titled=True)


def _rounding(plan: DosePlan) -> Section:
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None:
        lines.append(line(Span("Rounded, each day:", "strong"), f" {describe(first.rounded)}"))
    lines += [line(text) for text in rounding_lines(plan)]
    return Section("rounding", "Rounding", tuple(lines))


def _schedule(plan: DosePlan) -> Section | None:
    first = plan.days[0] if plan.days else None
    if first is None or first.schedule is None:
        return None
    schedule = first.schedule
    heading = line(Span("Infusion schedule, each day", "strong"), " ", Span(f"({schedule.basis})", "small"))
    steps = tuple(line(text, indent=1) for text in schedule_lines(schedule))
    per_kg = line(Span(f"{RATES_PER_KG} {rate_weight_note(plan)}", "small"))  # the worksheet has it once
    cited = [per_kg, line(Span(schedule.source, "small"))]
    if schedule.steps_from and schedule.steps_from != schedule.source:
        cited.append(line(Span(f"{STEPS_FROM}: {' '.join(schedule.steps_from.split())}", "small")))
    return Section("schedule", "Infusion schedule, each day", (heading, *steps, *cited))


def _dates(plan: DosePlan) -> Section:
    return Section("dates", "Dates", tuple(line(text) for text in course_lines(plan)), titled=True)


def _repeat(plan: DosePlan) -> Section | None:
    if plan.repeat is None:
        return None
    review = f" {plan.repeat.review}" if plan.repeat.review else ""
    return Section("repeat", "Repeat", (line(Span("Repeat:", "strong"), f" {plan.repeat.text}.{review}"),))


def _co_medication(plan: DosePlan) -> Section:
    lines = []
    beside = " (newer guidance, beside the review's dose, not in its place)"  # its drug names its source
    for med, note in [*((m, "") for m in plan.co_medication), *((m, beside) for m in plan.guidance_co_medication)]:
        doses = "; ".join(
            f"{n} doses of {fmt.milligram_range(lo, hi)}" if n > 1 else f"one dose of {fmt.milligram_range(lo, hi)}"
            for n, lo, hi in med.per_dose
        )
        on = f" on actual weight {fmt.kg(med.weight)}" if med.weight is not None else ""
        lines.append(
            line(
                Span(f"{med.drug}{note}:", "strong"),
                f" {fmt.milligram_range(med.per_day_min, med.per_day_max)} a day{on}, as {doses} ",
                Span(f"({med.source})", "small"),
            )
        )
    return Section("co-medication", "Given with the IVIG", tuple(lines))


def _to_confirm(plan: DosePlan) -> Section:
    lines = tuple(line(Span("To confirm:", "strong"), f" {q.text}") for q in plan.unanswered)
    return Section("to-confirm", "To confirm", lines)


def _notes(plan: DosePlan) -> Section:
    lines = tuple(line(Span("Note:", "strong"), f" {' '.join(note.split())}") for note in plan.notes)
    return Section("notes", "Notes", lines)


def _warnings(plan: DosePlan) -> Section:
    shown = [w for w in plan.warnings if w is not plan.contraindication]  # that one stands first, above
    lines = tuple(line(f"⚠ {w.text} ", Span(f"({w.source})", "small")) for w in shown)
    return Section("warnings", "Warnings", lines, "warning", titled=True)


def _references(plan: DosePlan) -> Section:
    lines = tuple(line(f"[{r.number}] {r.citation}") for r in plan.references)
    return Section("references", "References", lines, titled=True)
