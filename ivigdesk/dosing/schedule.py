"""One infusion day's rate steps in mL/h, from the product's label (or the labelled generic
titration), capped by the safety rule and by any thrombosis-risk maximum.

Rates per kg use the dosing weight. Each step lasts the label's time; the last runs until the bag
is empty. The ceiling is the lowest of the product's maximum, its maximum for patients at risk of
thrombosis (when that risk is ticked), and the volume over the rule's minimum hours, so the
infusion never takes less than the rule's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt

if TYPE_CHECKING:
    from ivigdesk.knowledge.products import GenericTitration, Product

SIXTY = Decimal(60)


@dataclass(frozen=True)
class OwnRates:
    """Rates the user read from the SmPC, for a product whose rates are not confirmed here."""

    initial_ml_per_kg_h: Decimal
    initial_minutes: int
    maximum_ml_per_kg_h: Decimal


@dataclass(frozen=True)
class Step:
    """Run at ``ml_per_h`` for ``minutes``, giving ``millilitres``."""

    ml_per_h: Decimal
    minutes: Decimal
    millilitres: Decimal


@dataclass(frozen=True)
class Schedule:
    """A day's rate steps and what they add up to; ``lower_bound`` means the label gives no
    intermediate steps, so the duration is the shortest possible, not a plan to follow."""

    steps: tuple[Step, ...]
    hours: Decimal
    ceiling_ml_per_h: Decimal
    ceiling_reason: str
    basis: str
    source: str
    lower_bound: bool = False
    start_ml_per_h: Decimal | None = None


@dataclass(frozen=True)
class Ramp:
    """Where the rates come from, in mL/h for this patient: steps, maximum, and their source."""

    steps: tuple[tuple[Decimal, int], ...]
    maximum: Decimal
    maximum_reason: str
    basis: str
    source: str
    lower_bound: bool = False
    risk_maximum: Decimal | None = None
    start_ml_per_h: Decimal | None = None  # a labelled initial rate whose duration the label does not give


def product_ramp(product: Product, indication_id: str, kg: Decimal, own: OwnRates | None) -> Ramp | None:
    """The product's ramp for this weight, or None when its rates are not confirmed and none were entered."""
    rates = product.rates

    def per_h(rate: object) -> Decimal:
        return rate.to("mL/kg/h").magnitude * kg  # type: ignore[attr-defined]

    maximum = rates.maximum_for_indication(indication_id)
    if maximum is not None:
        rate, label = maximum
        risk = per_h(rates.risk_maximum) if rates.risk_maximum is not None else None
        steps = tuple((per_h(s.rate), s.minutes) for s in rates.steps)
        basis = f"{product.name}: {rates.escalation}"
        start = per_h(rates.initial) if rates.initial is not None else None
        partial = rates.status != "confirmed"
        return Ramp(steps, per_h(rate), f"{product.name} {label}", basis, rates.source, partial, risk, start)
    if own is None:
        return None
    steps = ((own.initial_ml_per_kg_h * kg, own.initial_minutes),)
    basis = f"{product.name}: rates entered by the user from the SmPC (not confirmed in IVIG Desk's catalogue)"
    return Ramp(steps, own.maximum_ml_per_kg_h * kg, "maximum entered by the user", basis, "user entry")


def generic_ramp(generic: GenericTitration) -> Ramp:
    """The labelled convention for when no product is chosen."""
    steps, rate = [], generic.start_ml_per_h
    while rate < generic.ceiling_ml_per_h:
        steps.append((rate, generic.minutes))
        rate += generic.step_ml_per_h
    return Ramp(tuple(steps), generic.ceiling_ml_per_h, "generic ceiling", generic.label, generic.source)


def build_schedule(
    ramp: Ramp,
    volume_ml: Decimal,
    *,
    min_hours: Decimal | None = None,
    thrombosis_risk: bool = False,
    exact_volume_ml: Decimal | None = None,
) -> Schedule:
    """Walk the ramp until ``volume_ml`` (the bag) is given, under the ceiling described in the
    module docstring. The rule's ceiling uses the smaller of the bag and ``exact_volume_ml``, so
    neither runs in less than the rule's hours."""
    ceiling, reason = ramp.maximum, ramp.maximum_reason
    if thrombosis_risk and ramp.risk_maximum is not None and ramp.risk_maximum < ceiling:
        ceiling, reason = ramp.risk_maximum, "the product's maximum for patients at risk of thrombosis or renal harm"
    rule_volume = min(volume_ml, exact_volume_ml) if exact_volume_ml is not None else volume_ml
    if min_hours is not None and rule_volume / min_hours < ceiling:
        ceiling, reason = rule_volume / min_hours, f"the volume over the rule's minimum of {fmt.number(min_hours, 2)} h"
    steps: list[Step] = []
    remaining = volume_ml
    for rate, minutes in ramp.steps:
        rate = min(rate, ceiling)
        if rate == ceiling or remaining <= 0:
            break
        given = rate * minutes / SIXTY
        if given >= remaining:
            steps.append(Step(rate, remaining / rate * SIXTY, remaining))
            remaining = Decimal(0)
            break
        steps.append(Step(rate, Decimal(minutes), given))
        remaining -= given
    if remaining > 0:
        steps.append(Step(ceiling, remaining / ceiling * SIXTY, remaining))
    hours = sum((s.minutes for s in steps), Decimal(0)) / SIXTY
    start = min(ramp.start_ml_per_h, ceiling) if ramp.start_ml_per_h is not None else None
    return Schedule(tuple(steps), hours, ceiling, reason, ramp.basis, ramp.source, ramp.lower_bound, start)
