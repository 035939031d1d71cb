"""The per-day table of a plan: what to give each day, the exact figures beside it, the time
limits and the fastest rate with what sets it; and the course's totals."""

from __future__ import annotations

from decimal import ROUND_FLOOR
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.plan_layout import DayRow, DayTable, Figure
from ivigdesk.dosing.rounding import describe

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan, InfusionDay
    from ivigdesk.units import Quantity


RATE_IS = {
    "duration": "meets the minimum duration",
    "product": "the product's maximum",
    "indication": "the product's maximum for this indication",
    "risk": "the product's maximum for patients at risk",
    "user": "the maximum entered from the SmPC",
}


def _figure(quantity: Quantity | None, unit: str) -> Figure | None:
    if quantity is None:
        return None
    text = {"g": fmt.grams, "mL": fmt.millilitres}[unit](quantity)
    return Figure(text.removesuffix(f" {unit}"), unit)


def _day_row(day: InfusionDay, weight: Quantity | None, product_chosen: bool = True) -> DayRow:
    from ivigdesk.units import Q

    rounded = day.rounded
    bag = rounded.millilitres if rounded is not None else None
    ceiling = day.ceiling
    return DayRow(
        day=day.day,
        date=day.date,
        give=Figure(fmt.number(day.dispensed_grams, 2), "g"),
        give_volume=Figure(fmt.number(bag, 1), "mL") if bag is not None else _figure(day.volume, "mL"),
        exact=Figure(fmt.grams(day.dose).removesuffix(" g"), "g"),
        exact_volume=_figure(day.volume, "mL"),
        rounded=rounded is not None and rounded.difference_g != 0,
        vials=" + ".join(f"{n} × {fmt.number(g, 2)} g" for g, n in rounded.vials) if rounded is not None else "",
        vial_count=rounded.vial_count if rounded is not None else 0,
        rounding=describe(rounded) if rounded is not None else "",
        min_duration=fmt.duration(day.min_duration.to("h").magnitude) if day.min_duration else None,
        max_duration=fmt.duration(day.max_duration.to("h").magnitude) if day.max_duration else None,
        rate=Figure(fmt.rate_limit(Q(ceiling.ml_per_h, "mL/h")).removesuffix(" mL/h"), "mL/h") if ceiling else None,
        rate_per_kg=Figure(fmt.number(ceiling.ml_per_kg_h, 2, ROUND_FLOOR), "mL/kg/h") if ceiling else None,
        rate_is=RATE_IS[ceiling.limit] if ceiling is not None else "set by the product's SmPC",
        product_maximum_known=day.product_maximum_known,
        product_chosen=product_chosen,
    )


def day_table(plan: DosePlan) -> DayTable:
    """The day table of a plan with a dose."""
    assert plan.total_dose is not None

    volumes = [day.volume for day in plan.days if day.volume is not None]
    exact_volume = sum(volumes[1:], volumes[0]) if volumes else None
    given, given_volume = plan.dispensed_total, plan.dispensed_volume
    rows = tuple(_day_row(day, plan.dosing_weight, plan.product is not None) for day in plan.days)
    return DayTable(
        rows=rows,
        total=Figure(fmt.number(given, 2), "g") if given is not None else Figure("–"),
        total_volume=Figure(fmt.number(given_volume, 1), "mL") if given_volume is not None else None,
        exact_total=Figure(fmt.grams(plan.total_dose).removesuffix(" g"), "g"),
        exact_total_volume=_figure(exact_volume, "mL"),
        rounded=any(row.rounded for row in rows),
    )
