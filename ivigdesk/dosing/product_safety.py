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
    from ivigdesk.knowledge.products import Product, ProductCatalogue, RiskFactor
    from ivigdesk.units import Quantity

REVIEW = "Mulhearn & Bruce 2015, 'APS' section and conclusion [52]"
THROMBOSIS_ADVICE = (
    "High-dose IVIG carries a risk of thromboembolism of up to 2 %: use the lowest concentration available "
    "and the slowest practicable rate."
)
RATE_RISKS = (Risk.RENAL, Risk.THROMBOSIS, Risk.HEART_FAILURE)  # the risks a lower maximum rate is for


HAZARD_TITLES = {Risk.RENAL: "Risk of acute renal failure", Risk.THROMBOSIS: "Risk of thrombosis"}
IGA = "iga-contraindication"


def hazards_in_force(catalogue: ProductCatalogue | None, risks: tuple[PatientRisk, ...]) -> frozenset[Risk]:
    """The risks in force with the hazards (renal, thrombosis) their risk factors lead to."""
    factors = catalogue.risk_factors if catalogue is not None else {}
    found = {r.risk for r in risks}
    for risk in risks:
        if (factor := factors.get(risk.risk)) is not None:
            found.update(factor.factor_for)
    return frozenset(found)


def _why(risk: PatientRisk) -> str:
    return "" if risk.why == "entered" else f" — from {risk.why}"


def risk_warnings(catalogue: ProductCatalogue | None, risks: tuple[PatientRisk, ...]) -> list[Notice]:
    """One warning per hazard: the renal and thrombosis risk factors present (each with why it is
    in force and its cited label wording), then the class advice for every other risk."""
    factors = catalogue.risk_factors if catalogue is not None else {}
    by_hazard: dict[Risk, list[tuple[str, RiskFactor | None]]] = {hazard: [] for hazard in HAZARD_TITLES}
    notices = []
    for risk in risks:
        factor = factors.get(risk.risk)
        named = risk.label if risk.why == "entered" else f"{risk.label} ({risk.why})"
        if risk.risk in HAZARD_TITLES:
            by_hazard[risk.risk].append((named, None))
        elif factor is not None:
            for hazard in factor.factor_for:
                by_hazard[hazard].append((named, factor))
        advice = catalogue.risk_advice.get(risk.risk) if catalogue is not None else None
        if risk.risk in HAZARD_TITLES or (factor is not None and advice is None):
            continue
        key = IGA if risk.risk == Risk.IGA_DEFICIENCY else risk.risk.value
        if advice is None:
            text = f"{risk.label}{_why(risk)}: the product list gives no advice for it; see the SmPC."
            notices.append(Notice(text, "IVIG Desk", hazard=key))
        else:
            notices.append(Notice(f"{advice.label}{_why(risk)}: {advice.text}", advice.source, hazard=key))
    for hazard, present in by_hazard.items():
        if present:
            notices.insert(0 if hazard == Risk.RENAL else len(notices), _hazard_notice(catalogue, hazard, present))
    if by_hazard[Risk.THROMBOSIS]:
        notices.append(Notice(THROMBOSIS_ADVICE, REVIEW, (52,), hazard=Risk.THROMBOSIS.value))
    return notices


def _hazard_notice(
    catalogue: ProductCatalogue | None, hazard: Risk, present: list[tuple[str, RiskFactor | None]]
) -> Notice:
    """One hazard's warning: the risk factors present, the labels' words for them, the advice."""
    advice = catalogue.risk_advice.get(hazard) if catalogue is not None else None
    what = "; ".join(named for named, _ in present)
    factors = [factor for _, factor in present if factor is not None]
    words = f" The labels list {'; '.join(f.words for f in factors)}." if factors else ""
    sources = [f.source for f in factors]
    if advice is None:
        text = f"{HAZARD_TITLES[hazard]} — {what}.{words} The product list gives no advice for it; see the SmPC."
        return Notice(text, "; ".join(dict.fromkeys(["IVIG Desk", *sources])), hazard=hazard.value)
    text = f"{HAZARD_TITLES[hazard]} — {what}.{words} {advice.text[:1].upper()}{advice.text[1:]}"
    return Notice(text, "; ".join(dict.fromkeys([advice.source, *sources])), hazard=hazard.value)


def one_per_hazard(notices: tuple[Notice, ...]) -> tuple[Notice, ...]:
    """Notices about the same hazard as one, where the first of them stands: each distinct text once,
    and all their sources and references."""
    merged: list[Notice] = []
    where: dict[str, int] = {}
    for notice in notices:
        if notice.hazard is None or notice.hazard not in where:
            if notice.hazard is not None:
                where[notice.hazard] = len(merged)
            merged.append(notice)
            continue
        index = where[notice.hazard]
        first = merged[index]
        text = first.text if notice.text in first.text else f"{first.text} {notice.text}"
        sources = "; ".join(dict.fromkeys([*first.source.split("; "), *notice.source.split("; ")]))
        references = tuple(sorted({*first.references, *notice.references}))
        merged[index] = Notice(text, sources, references, first.hazard)
    return tuple(merged)


def contraindication(product: Product | None, risks: frozenset[Risk]) -> Notice | None:
    """IgA deficiency with anti-IgA antibodies: a contraindication in the IVIG SmPCs (section 4.3),
    naming the chosen product's IgA content."""
    if Risk.IGA_DEFICIENCY not in risks:
        return None
    if product is None:
        content = "No product is chosen: IgA content differs between products (see each SmPC, section 2)."
        source = IGA_SOURCE
    elif product.iga is None:
        content = (
            f"{product.name}: its IgA content is not confirmed in IVIG Desk's catalogue; check the SmPC (section 2)."
        )
        source = IGA_SOURCE
    else:
        most = fmt.number(product.iga.most_micrograms_per_ml, 1)
        content = f"{product.name} contains at most {most} micrograms/mL of IgA."
        source = f"{IGA_SOURCE}; {product.name} IgA: {product.iga.source}"
    text = (
        "CONTRAINDICATED: IgA deficiency with antibodies against IgA is a contraindication to IVIG (SmPC "
        f"section 4.3; risk of anaphylaxis). {content} Do not give this plan without specialist (immunology) "
        "advice."
    )
    return Notice(text, source, hazard=IGA)


IGA_SOURCE = (
    "Kiovig SmPC section 4.3 (EMA product information; rxreasoner.com/monographs/kiovig/precautions); Privigen "
    "SmPC section 4.3 (EC annex; MIMS Hong Kong, mims.com/hongkong/drug/info/privigen: 'Patients w/ selective "
    "IgA deficiency who developed IgA Abs')"
)


def product_warnings(
    product: Product,
    catalogue: ProductCatalogue | None,
    risks: tuple[PatientRisk, ...],
    patient: Patient,
    indication: Indication,
) -> list[Notice]:
    """Every warning the product carries, and those the patient's risks make pressing."""
    in_force = set(hazards_in_force(catalogue, risks))
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
    notices += _risk_rate(product, in_force)
    return notices


RISK_WORDS = {
    Risk.RENAL: "risk of renal failure",
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
                    hazard=risk.value,
                )
            )
        else:
            notices.append(
                Notice(
                    f"{product.name}: no lower maximum rate for {RISK_WORDS[risk]} is confirmed in IVIG Desk's "
                    "catalogue: give the minimum practicable rate and check the SmPC (sections 4.2 and 4.4).",
                    product.rates.source,
                    hazard=risk.value,
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
