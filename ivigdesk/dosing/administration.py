"""The administration record for each infusion day, as the worksheet prints it (no Qt).

Each :class:`DayRecord` holds what the nurse gives that day (dose, bag, one line per vial), the
planned rate steps with their times from the start, hourly observation points to the planned end,
and the pre-infusion checklist with the patient's risks. Every figure comes from the plan and its
presentation model; nothing here is calculated that the plan does not already hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from ivigdesk.dosing import formatting as fmt

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import DayRow, PlanView
    from ivigdesk.dosing.result import DosePlan, InfusionDay

BLANK_VIAL_ROWS = 4  # lines to fill in by hand when the vials are not known from the plan
OBSERVATION_EVERY_MINUTES = 60
CHECKLIST = (
    "Patient identity and prescription checked; product and dose match this sheet",
    "Renal function checked (creatinine / eGFR): ________",
    "Hydration adequate before starting",
    "Premedication, if prescribed: ______________________",
    "Baseline observations recorded (first row below)",
)


@dataclass(frozen=True)
class RateRow:
    """One planned time on the observation table: when, at what rate, and what happens then."""

    planned: str  # "0:30" from the start ("" before the start)
    rate: str  # "84 mL/h (1.2 mL/kg/h)", or "" to fill in
    what: str


@dataclass(frozen=True)
class DayRecord:
    """One infusion day's administration block."""

    day: int
    of: int
    date: str  # "Fri 29 Jan 2027", or "" (no start date: filled in by hand)
    give: str  # "31 g in 310 mL"
    exact: str  # "exact 31.26 g, 312.6 mL" when rounding changed it, else ""
    product: str  # the product, or the concentration when no product was chosen
    vials: tuple[str, ...]  # one line per vial ("Octagam 10 %, 20 g"); empty lines to fill in
    min_duration: str
    fastest: str  # "38.7 mL/h (0.35 mL/kg/h): meets the minimum duration"
    rate_rows: tuple[RateRow, ...]
    rates_note: str  # why there are no planned steps, when there are none
    checklist: tuple[str, ...]


def day_records(plan: DosePlan, view: PlanView) -> tuple[DayRecord, ...]:
    """One record per infusion day of ``plan`` (none when no dose is calculated)."""
    if view.days is None:
        return ()
    product = plan.product.name if plan.product is not None else (
        f"concentration {fmt.concentration(plan.concentration)}" if plan.concentration is not None else "")  # fmt: skip
    risks = tuple(f"{risk.label} ({risk.why}): see the warnings on page 1" for risk in plan.risks)
    count = len(plan.days)
    return tuple(
        _record(day, row, count, product, CHECKLIST + risks) for day, row in zip(plan.days, view.days.rows, strict=True)
    )


def _record(day: InfusionDay, row: DayRow, count: int, product: str, checklist: tuple[str, ...]) -> DayRecord:
    bag = f" in {row.give_volume.text}" if row.give_volume is not None else ""
    exact = ""
    if row.rounded:
        exact = f"exact {row.exact.text}" + (f", {row.exact_volume.text}" if row.exact_volume else "")
    fastest = "set by the product's SmPC"
    if row.rate is not None and row.rate_per_kg is not None:
        fastest = f"{row.rate.text} ({row.rate_per_kg.text}): {row.rate_is}"
        if not row.product_maximum_known:
            fastest += (
                "; no product is chosen: its SmPC maximum may be lower"
                if not row.product_chosen
                else "; the product maximum is NOT confirmed: check the SmPC"
            )
    rows, note = _rate_rows(day)
    return DayRecord(
        day=row.day,
        of=count,
        date=row.date.strftime("%a %d %b %Y") if row.date else "",
        give=f"{row.give.text}{bag}",
        exact=exact,
        product=product,
        vials=_vials(day, product),
        min_duration=row.min_duration or "not set",
        fastest=fastest,
        rate_rows=rows,
        rates_note=note,
        checklist=checklist,
    )


def _vials(day: InfusionDay, product: str) -> tuple[str, ...]:
    """One line per vial to be used, largest first; blank lines when the vials are not known."""
    if day.rounded is None or not day.rounded.vials:
        return ("",) * BLANK_VIAL_ROWS
    return tuple(f"{product}, {fmt.number(grams, 2)} g" for grams, count in day.rounded.vials for _ in range(count))


def _clock(minutes: Decimal, rounding: str = ROUND_FLOOR) -> str:
    """Hours and minutes from the start, "8:23"."""
    whole = int(minutes.to_integral_value(rounding))
    return f"{whole // 60}:{whole % 60:02d}"


def _rate(ml_per_h: Decimal, ml_per_kg_h: Decimal) -> str:
    return f"{fmt.pump_rate(ml_per_h)} ({fmt.number(ml_per_kg_h, 2, ROUND_FLOOR)} mL/kg/h)"


def _rate_rows(day: InfusionDay) -> tuple[tuple[RateRow, ...], str]:
    """The planned rate steps and hourly observation points in time order, to the planned end.
    Every labelled step has its time; where the label gives no steps up to its fastest rate, the
    rest is "increase gradually, up to" that rate, with no time; with no steps at all (no product,
    or rates not confirmed) the rows are left to fill in."""
    baseline = RateRow("", "", "Before the start (baseline)")
    schedule = day.schedule
    if schedule is None or not schedule.steps:
        note = "No rate steps are planned here: give the product's own steps from its SmPC (section 4.2)"
        if day.ceiling is not None:
            note += f", never faster than {_rate(day.ceiling.ml_per_h, day.ceiling.ml_per_kg_h)}"
        blanks = tuple(RateRow("", "", "") for _ in range(6))
        return (baseline, *blanks, RateRow("", "", "End of infusion")), note + "."
    kg = schedule.ceiling.ml_per_h / schedule.ceiling.ml_per_kg_h
    timed = schedule.start_ml_per_h is None  # a labelled start with no time: the rest cannot be timed
    events: list[tuple[Decimal, RateRow]] = []
    if schedule.start_ml_per_h is not None:
        initial = _rate(schedule.start_ml_per_h, schedule.start_ml_per_h / kg)
        events.append((Decimal(0), RateRow("0:00", initial, "Start at the label's initial rate")))
    elapsed = Decimal(0)
    for number, step in enumerate(schedule.steps, start=1):
        rate = _rate(step.ml_per_h, step.ml_per_kg_h)
        if number == 1 and timed:
            events.append((elapsed, RateRow("0:00", rate, "Start")))
        elif timed:
            events.append((elapsed, RateRow(_clock(elapsed), rate, "Increase the rate, if tolerated")))
        else:  # no time for it on the label: after the start, before the hourly rows
            events.append((Decimal(0), RateRow("", f"up to {rate}", "Increase gradually, if tolerated")))
        elapsed += step.minutes
    if schedule.untimed_ml:  # the label gives no steps up to the ceiling: no jump, no times
        top = _rate(schedule.ceiling.ml_per_h, schedule.ceiling.ml_per_kg_h)
        events.append((elapsed, RateRow(_clock(elapsed), f"up to {top}", "Increase gradually, if tolerated")))
    total = schedule.hours * 60
    point = Decimal(OBSERVATION_EVERY_MINUTES)
    while point < total:
        events.append((point, RateRow(_clock(point), "", "Observations")))
        point += OBSERVATION_EVERY_MINUTES
    end = _clock(total, ROUND_CEILING)  # rounded up, as the minimum duration is
    end = f"at least {end}" if schedule.lower_bound else end
    events.append((total, RateRow(end, "", "Planned end: bag empty")))
    rows = (baseline, *(row for _, row in sorted(events, key=lambda event: event[0])))
    unknown = "The label gives no steps or times up to its fastest rate: write each change as it is made."
    return rows, unknown if schedule.untimed_ml or not timed else ""
