"""What the patient's risks and the chosen product mean for this infusion, each warning cited:
the class advice for each risk, the product's excipients, licensed ages, IgA and sodium, and
whether the product's label gives a lower maximum rate for the risks that apply."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.result import Notice
from ivigdesk.knowledge.risks import Risk

if TYPE_CHECKING:
    from ivigdesk.dosing.body_weight import Patient
    from ivigdesk.dosing.result import PatientRisk
    from ivigdesk.knowledge.model import Indication
    from ivigdesk.knowledge.products import Product, ProductCatalogue
    from ivigdesk.units import Quantity

REVIEW = "Mulhearn & Bruce 2015, 'APS' section and conclusion [52]"
THROMBOSIS_ADVICE = (
    "High-dose IVIG carries a risk of thromboembolism of up to 2 %: use the lowest concentration available "
    "and the slowest practicable rate."
)
RATE_RISKS = (Risk.RENAL, Risk.THROMBOSIS, Risk.HEART_FAILURE)  # the risks a lower maximum rate is for


def risk_warnings(catalogue: ProductCatalogue | None, risks: tuple[PatientRisk, ...]) -> list[Notice]:
    """The class advice for each risk in force, saying why it is in force."""
    notices = []
    for risk in risks:
        why = "" if risk.why == "entered" else f" — from {risk.why}"
        advice = catalogue.risk_advice.get(risk.risk) if catalogue is not None else None
        if advice is None:
            notices.append(
                Notice(f"{risk.label}{why}: the product list gives no advice for it; see the SmPC.", "IVIG Desk")
            )
        else:
            notices.append(Notice(f"{advice.label}{why}: {advice.text}", advice.source))
        if risk.risk == Risk.THROMBOSIS:
            notices.append(Notice(THROMBOSIS_ADVICE, REVIEW, (52,)))
    return notices


def product_warnings(
    product: Product,
    catalogue: ProductCatalogue | None,
    risks: tuple[PatientRisk, ...],
    patient: Patient,
    indication: Indication,
) -> list[Notice]:
    """Every warning the product carries, and those the patient's risks make pressing."""
    in_force = {r.risk for r in risks}
    notices = []
    for warning in catalogue.excipient_warnings if catalogue is not None else ():
        content = next((c for c in product.excipients if c.excipient == warning.excipient), None)
        if content is None:
            continue
        amount = f" ({content.amount})" if content.amount else ""
        pressing = [RISK_WORDS[r] for r in warning.risks if r in in_force]
        lead = f"This patient: {', '.join(pressing)}. " if pressing else ""
        text = f"{lead}{product.name} contains {warning.excipient.value}{amount}: {warning.text}"
        notices.append(Notice(text, f"{content.source}; {warning.source}"))
    notices += _licensed_ages(product, patient, indication)
    if Risk.IGA_DEFICIENCY in in_force:
        notices.append(_iga(product))
    notices += _risk_rate(product, in_force)
    return notices


RISK_WORDS = {
    Risk.RENAL: "renal impairment",
    Risk.DIABETES: "diabetes or glucose monitoring",
    Risk.FRUCTOSE_INTOLERANCE: "hereditary fructose intolerance",
    Risk.IGA_DEFICIENCY: "IgA deficiency with anti-IgA antibodies",
    Risk.HEART_FAILURE: "heart failure or volume overload",
    Risk.THROMBOSIS: "thrombosis risk",
}


def _licensed_ages(product: Product, patient: Patient, indication: Indication) -> list[Notice]:
    ages = product.licensed_ages
    if ages is None or ages.from_years <= 0:
        return []
    from_years = fmt.number(ages.from_years, 1)
    if patient.age_years is not None and patient.age_years < ages.from_years:
        return [
            Notice(
                f"{product.name} is licensed only from {from_years} years (“{ages.text}”), and this patient is "
                f"{_age(patient.age_years)}: choose another product unless there is no alternative.",
                ages.source,
            )
        ]
    if patient.age_years is None and (patient.child or indication.patients == "children"):
        return [
            Notice(
                f"{product.name} is licensed only from {from_years} years (“{ages.text}”): enter the age to check.",
                ages.source,
            )
        ]
    return []


def _age(years: Decimal) -> str:
    months = years * 12
    if years < 2 and months == months.to_integral_value():
        return f"{fmt.number(months, 0)} months old"
    return f"{fmt.number(years, 1)} years old"


def _iga(product: Product) -> Notice:
    if product.iga is None:
        return Notice(f"{product.name}: its IgA content is not confirmed; check the SmPC (section 2).", "IVIG Desk")
    most = fmt.number(product.iga.most_micrograms_per_ml, 1)
    return Notice(
        f"IgA deficiency with anti-IgA antibodies: {product.name} contains at most {most} micrograms/mL of IgA. "
        "Products differ: compare them with the panel.",
        product.iga.source,
    )


def _risk_rate(product: Product, in_force: set[Risk]) -> list[Notice]:
    """Whether the label's lower maximum covers each rate-related risk that applies."""
    at_risk = product.rates.risk_maximum
    covered = set(at_risk.risks) if at_risk is not None else set()
    notices = []
    for risk in (r for r in RATE_RISKS if r in in_force):
        if risk in covered and at_risk is not None:
            per_h = at_risk.rate.ml_per_kg_h
            notices.append(
                Notice(
                    f"{product.name}'s lower maximum for patients at risk ({RISK_WORDS[risk]}) is applied: "
                    f"{at_risk.rate.text} ({fmt.number(per_h, 2)} mL/kg/h).",
                    at_risk.source,
                )
            )
        else:
            notices.append(
                Notice(
                    f"{product.name}: no lower maximum rate for {RISK_WORDS[risk]} is confirmed in IVIG Desk's "
                    "catalogue: give the minimum practicable rate and check the SmPC (sections 4.2 and 4.4).",
                    product.rates.source,
                )
            )
    return notices


def sodium_warning(product: Product | None, volume: Quantity | None, risks: frozenset[Risk]) -> Notice | None:
    """The sodium a day's bag adds, for a patient with heart failure or renal impairment."""
    if product is None or volume is None or not risks & {Risk.HEART_FAILURE, Risk.RENAL}:
        return None
    sodium = product.sodium
    if sodium is None:
        return Notice(f"{product.name}: its sodium content is not confirmed; check the SmPC (section 2).", "IVIG Desk")
    if sodium.most_mg_per_ml is None:
        return Notice(f"{product.name} sodium: {sodium.text}.", sodium.source)
    most = sodium.most_mg_per_ml * volume.to("mL").magnitude
    return Notice(
        f"{product.name} adds up to {fmt.number(most, 0)} mg of sodium a day in {fmt.millilitres(volume)} "
        f"(“{sodium.text}”).",
        sodium.source,
    )
