"""The key result: the figures a nurse and a checker look for first, taken from the day table,
and one sentence saying all of it for a screen reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.plan_layout import KeyFact, KeyResult
from ivigdesk.dosing.plan_lines import weight_rule_note
from ivigdesk.dosing.plan_sections import NOT_TO_BE_GIVEN

if TYPE_CHECKING:
    from ivigdesk.dosing.plan_layout import DayRow, DayTable
    from ivigdesk.dosing.result import DosePlan


def key_result(plan: DosePlan, days: DayTable | None) -> KeyResult:
    """The figures a nurse and a checker look for first, taken from the day table."""
    patient = patient_summary(plan)
    alert = ""
    if plan.contraindication is not None:
        alert = f"CONTRAINDICATED: IgA deficiency with anti-IgA antibodies. {NOT_TO_BE_GIVEN}."
    lead = f"{alert} " if alert else ""
    if days is None or not days.rows:
        reason = f"No dose is calculated. {plan.no_dose_reason or ''}".strip()
        facts: tuple[KeyFact, ...] = (KeyFact("Dose", "none calculated", plan.no_dose_reason or ""),)
        return KeyResult(facts, patient, f"{lead}{plan.colour.word}. {plan.indication.name}. {reason}", alert)
    first = days.rows[0]
    same = all((r.give, r.give_volume, r.min_duration, r.rate) == (first.give, first.give_volume,
               first.min_duration, first.rate) for r in days.rows)  # fmt: skip
    count = len(days.rows)
    each = ("a day" if count > 1 else "") if same else "on day 1"
    span = f" × {count} days" if same and count > 1 else ""
    exact = f"exact {first.exact.text}" if first.rounded else ""
    volume = first.give_volume.text if first.give_volume is not None else "no volume (no concentration)"
    rate = "set by the product's SmPC"
    rate_detail = NOT_CONFIRMED_DETAIL if first.product_chosen else ""
    if first.rate is not None and first.rate_per_kg is not None:
        rate = f"{first.rate.text} ({first.rate_per_kg.text})"
        rate_detail = first.rate_is + ("" if first.product_maximum_known else f"; {maximum_caveat(first)}")
        if plan.dosing_weight is not None:
            rate_detail += f"; mL/kg/h of the {fmt.kg(plan.dosing_weight)} dosing weight"
    facts = (
        KeyFact("Dose", f"{first.give.text} {each}{span}".replace("  ", " ").strip(), exact),
        KeyFact("Volume", f"{volume} {each}".strip(), first.vials),
        KeyFact("Infuse over at least", first.min_duration or "not set", ""),
        KeyFact("Fastest rate", rate, rate_detail),
    )
    summary = (
        f"{lead}{plan.colour.word}. {plan.indication.name}. "
        + ". ".join(f"{f.label} {f.value}" + (f", {f.detail}" if f.detail else "") for f in facts)
        + "."
    )
    return KeyResult(facts, patient, summary, alert)


def patient_summary(plan: DosePlan) -> str:
    """The patient inputs that change the dose, on one line: "Weight 110 kg · height 165 cm ·
    female · dosing weight 79.6 kg (adjusted body weight)"."""
    parts = [f"{what.lower()} {text}" for what, text in plan.typed]
    patient = plan.patient
    if patient is not None:
        if patient.sex:
            parts.append(patient.sex)
        if patient.pregnant:
            parts.append("pregnant")
        if patient.age_years is None and patient.under_18:
            parts.append("under 18")
    parts += [risk.label for risk in plan.risks]
    decision = plan.weight_decision
    if decision is not None:
        parts.append(f"dosing weight {fmt.kg(decision.used)} ({decision.basis.lower()})")
    if rule := weight_rule_note(plan):
        parts.append(rule)  # not the default: it changes the dose
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


NOT_CONFIRMED_DETAIL = "its maximum is not confirmed in IVIG Desk: take the rates from its SmPC (section 4.2)"


def maximum_caveat(row: DayRow) -> str:
    """Why a rate shown may still be faster than the product allows (only when no product applies)."""
    if not row.product_chosen:
        return "no product is chosen: its SmPC maximum may be lower"
    return "product maximum not confirmed: check the SmPC"
