"""One infusion day's rate steps, weight-based, from the chosen product's label (or rates the user
read from its SmPC), capped by the safety rule and by the product's lower maximum for patients at risk.

There is no generic ramp: no cited brand-independent schedule for immunomodulation exists (the
standardised ASCIA rates are for immunodeficiency replacement only), and brands are not
interchangeable. Without a product the plan gives only the rate that meets the minimum duration.

Rates per kg use the dosing weight (for an obese patient that is the lower, more cautious figure).
Each step lasts the label's time; the last runs until the bag is empty. The ceiling is the lowest of
the product's maximum (for this indication), its maximum for patients at risk (when one of the risks
it names applies) and the volume over the rule's minimum hours, so the infusion never takes less
than the rule's time.

No step more than doubles the one before (issue 23: the labels say "increase gradually"). Where the
label's steps stop short of the ceiling and the ceiling is more than double the last step, the rest
of the bag is not timed: the nurse increases gradually up to the ceiling, and the schedule gives
only the shortest possible time (``lower_bound``), never a jump the label does not allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field

if TYPE_CHECKING:
    from ivigdesk.knowledge.products import Product
    from ivigdesk.knowledge.risks import Risk

SIXTY = Decimal(60)
MAX_STEP_RATIO = Decimal(2)  # no step more than doubles the one before
Limit = Literal["duration", "product", "indication", "risk", "user"]


@dataclass(frozen=True)
class OwnRates:
    """Rates the user read from the SmPC, for a product whose rates are not confirmed here."""

    initial_ml_per_kg_h: Decimal
    initial_minutes: int
    maximum_ml_per_kg_h: Decimal


@dataclass(frozen=True)
class Step:
    """Run at ``ml_per_h`` (``ml_per_kg_h`` of the dosing weight) for ``minutes``, giving ``millilitres``."""

    ml_per_h: Decimal
    ml_per_kg_h: Decimal
    minutes: Decimal
    millilitres: Decimal


@dataclass(frozen=True)
class Ceiling:
    """The fastest rate allowed, per hour and per kg per hour, and what sets it."""

    ml_per_h: Decimal
    ml_per_kg_h: Decimal
    limit: Limit
    reason: str


@dataclass(frozen=True)
class Schedule:
    """A day's rate steps and what they add up to; ``lower_bound`` means the label gives no steps
    up to the ceiling, so after the timed steps ``untimed_ml`` is given "increasing gradually" up
    to the ceiling, and ``hours`` is the shortest possible time, not a plan to follow.
    ``hours`` is always the steps' minutes plus ``untimed_minutes`` (the least time for the rest).
    ``steps_from`` names the text the steps come from (UK/EU SmPC or US label)."""

    steps: tuple[Step, ...]
    hours: Decimal
    ceiling: Ceiling
    basis: str
    source: str
    lower_bound: bool = False
    start_ml_per_h: Decimal | None = None
    steps_from: str = ""
    untimed_ml: Decimal = Decimal(0)
    untimed_minutes: Decimal = Decimal(0)


@dataclass(frozen=True)
class Ramp:
    """A product's rates per kg: steps (rate, minutes), maximum and its reason, risk maximum."""

    steps: tuple[tuple[Decimal, int], ...]
    maximum: Decimal
    maximum_limit: Limit
    maximum_reason: str
    basis: str
    source: str
    risk_maximum: Decimal | None = None
    risk_reason: str = ""
    start: Decimal | None = None  # a labelled initial rate whose duration the label does not give
    steps_from: str = ""  # the text the steps come from


def product_ramp(product: Product, indication_id: str, risks: frozenset[Risk], own: OwnRates | None) -> Ramp | None:
    """The product's rates per kg, or None when its maximum is not confirmed and none was entered."""
    rates = product.rates
    maximum = rates.maximum_for_indication(indication_id)
    if not product.rates_to_enter(indication_id) and own is not None:
        raise InputError(
            Field.RATES,
            f"{product.name}'s rates are in IVIG Desk's product list: leave the rates from the SmPC empty.",
        )
    if maximum is None:
        if own is None:
            return None
        return Ramp(
            ((own.initial_ml_per_kg_h, own.initial_minutes),),
            own.maximum_ml_per_kg_h,
            "user",
            "the maximum entered from the SmPC",
            f"{product.name}: rates entered by the user from the SmPC (not confirmed in IVIG Desk's catalogue)",
            "entered in IVIG Desk by the user, from the product's SmPC",
            steps_from="the initial rate entered by the user from the SmPC",
        )
    rate, label = maximum
    risk, risk_reason = None, ""
    at_risk = rates.risk_maximum
    if at_risk is not None and (named := [r for r in at_risk.risks if r in risks]):
        risk = at_risk.rate.ml_per_kg_h
        risk_reason = f"{product.name}'s maximum for patients at risk ({', '.join(r.value for r in named)})"
    return Ramp(
        steps=tuple((s.rate.ml_per_kg_h, s.minutes) for s in rates.steps),
        maximum=rate.ml_per_kg_h,
        maximum_limit="indication" if label != "labelled maximum" else "product",
        maximum_reason=f"{product.name} {label}",
        basis=f"{product.name}: {rates.escalation}",
        source=rates.source,
        risk_maximum=risk,
        risk_reason=risk_reason,
        start=rates.initial.ml_per_kg_h if rates.initial is not None else None,
        steps_from=rates.steps_source or rates.source,
    )


def duration_ceiling(volume_ml: Decimal, min_hours: Decimal, kg: Decimal) -> Ceiling:
    """The rate that gives ``volume_ml`` in exactly the rule's minimum hours."""
    rate = volume_ml / min_hours
    return Ceiling(rate, rate / kg, "duration", f"the rate that meets the rule's minimum of {fmt.duration(min_hours)}")


def build_schedule(
    ramp: Ramp,
    volume_ml: Decimal,
    kg: Decimal,
    *,
    min_hours: Decimal | None = None,
    exact_volume_ml: Decimal | None = None,
) -> Schedule:
    """Walk the ramp (rates per kg × ``kg``) until ``volume_ml`` (the bag) is given, under the
    ceiling the module docstring describes. The rule's ceiling uses the smaller of the bag and
    ``exact_volume_ml``, so neither runs in less than the rule's hours."""
    ceiling = Ceiling(ramp.maximum * kg, ramp.maximum, ramp.maximum_limit, ramp.maximum_reason)
    if ramp.risk_maximum is not None and ramp.risk_maximum < ceiling.ml_per_kg_h:
        ceiling = Ceiling(ramp.risk_maximum * kg, ramp.risk_maximum, "risk", ramp.risk_reason)
    rule_volume = min(volume_ml, exact_volume_ml) if exact_volume_ml is not None else volume_ml
    if min_hours is not None and rule_volume / min_hours < ceiling.ml_per_h:
        ceiling = duration_ceiling(rule_volume, min_hours, kg)
    start = min(ramp.start * kg, ceiling.ml_per_h) if ramp.start is not None and not ramp.steps else None
    steps: list[Step] = []
    remaining = volume_ml
    previous = start  # the last rate given; a labelled start with no time counts as one
    for per_kg, minutes in ramp.steps:
        rate = min(per_kg * kg, ceiling.ml_per_h)
        if rate == ceiling.ml_per_h or remaining <= 0 or (previous is not None and rate > previous * MAX_STEP_RATIO):
            break
        given = rate * minutes / SIXTY
        if given >= remaining:
            steps.append(Step(rate, rate / kg, remaining / rate * SIXTY, remaining))
            remaining = Decimal(0)
            break
        steps.append(Step(rate, rate / kg, Decimal(minutes), given))
        remaining -= given
        previous = rate
    untimed, untimed_minutes = Decimal(0), Decimal(0)
    if remaining > 0:
        minutes_at_ceiling = remaining / ceiling.ml_per_h * SIXTY
        if previous is None or ceiling.ml_per_h <= previous * MAX_STEP_RATIO:
            steps.append(Step(ceiling.ml_per_h, ceiling.ml_per_kg_h, minutes_at_ceiling, remaining))
        else:  # the label gives no steps up to the ceiling: never jump, increase gradually
            untimed, untimed_minutes = remaining, minutes_at_ceiling
    hours = (sum((s.minutes for s in steps), Decimal(0)) + untimed_minutes) / SIXTY
    return Schedule(
        tuple(steps), hours, ceiling, ramp.basis, ramp.source, untimed > 0, start,
        ramp.steps_from, untimed, untimed_minutes,
    )  # fmt: skip
