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
    "Renal function checked (creatinine / eGFR): ____",
    "Hydration adequate before starting",
    "Premedication, if prescribed: ____________",
    "Baseline observations recorded (first row below)",
)


@dataclass(frozen=True)
class RateRow:
    """One row of the rate and observation table: when (planned offset from the start), the pump
    rate to set in mL/h and the same rate per kg per hour, and what happens then. Rates are "" on
    rows where the rate does not change; ``up_to`` marks "increase gradually": no pump rate, the
    cap in ``what``, and blank rows after it to write each change down."""

    planned: str  # "0:30" from the start ("" before the start, or when the label gives no time)
    ml_per_h: str  # "84" (set on the pump), or ""
    ml_per_kg_h: str  # "1.2", or ""
    what: str
    up_to: bool = False


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
    weight: str  # the weight the mL/kg/h figures are on: "78.15 kg (dosing weight)", or ""
    source: str  # where the rate steps come from (the product's SmPC, or what to use instead)
    checklist: tuple[str, ...]


def day_records(plan: DosePlan, view: PlanView) -> tuple[DayRecord, ...]:
    """One record per infusion day of ``plan`` (none when no dose is calculated)."""
    if view.days is None:
        return ()
    product = plan.product.name if plan.product is not None else (
        f"concentration {fmt.concentration(plan.concentration)}" if plan.concentration is not None else "")  # fmt: skip
    risks = tuple(f"{risk.label} ({risk.why}): see the warnings on page 1" for risk in plan.risks)
    count = len(plan.days)
    steps = plan.product.rates.steps_source if plan.product is not None else None
    return tuple(
        _record(day, row, count, product, CHECKLIST + risks, plan.weight_basis, steps)
        for day, row in zip(plan.days, view.days.rows, strict=True)
    )


def _record(
    day: InfusionDay,
    row: DayRow,
    count: int,
    product: str,
    checklist: tuple[str, ...],
    basis: str,
    cited_steps: str | None = None,
) -> DayRecord:
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
    schedule = day.schedule
    if schedule is not None:
        kg = schedule.ceiling.ml_per_h / schedule.ceiling.ml_per_kg_h
        weight = f"{fmt.number(kg, 2)} kg ({basis.lower()})" if basis else f"{fmt.number(kg, 2)} kg"
        source = f"{schedule.basis} · source: {schedule.source}"
        if cited_steps and schedule.steps_from == cited_steps:  # the table shows the steps: cite them
            source = f"{product}: rate steps from {' '.join(cited_steps.split())} · rates: {schedule.source}"
        elif schedule.steps_from and schedule.steps_from != schedule.source:
            source += f" · rate steps from: {schedule.steps_from}"
    else:
        weight = ""
        source = "No schedule from the product's SmPC or the trust's policy is held here: use the product's SmPC"
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
        weight=weight,
        source=source,
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


def _pump(ml_per_h: Decimal) -> str:
    return fmt.pump_rate(ml_per_h).removesuffix(" mL/h")


def _per_kg(ml_per_kg_h: Decimal) -> str:
    return fmt.number(ml_per_kg_h, 2, ROUND_FLOOR)


def _rate_rows(day: InfusionDay) -> tuple[tuple[RateRow, ...], str]:
    """The planned rate steps in time order, with observation rows at baseline, at each rate
    change and at least every hour after it, to the planned end. Every labelled step has its time;
    where the label gives no steps up to its fastest rate, the rest is "increase gradually", with
    no pump rate to set (the cap is in the step's words) and blank rows to write each change
    down; with no schedule at all (no product, or rates not confirmed) the rows are left to fill in."""
    baseline = RateRow("", "", "", "Baseline")
    schedule = day.schedule
    if schedule is None:
        note = "No rate steps are planned here: give the product's own steps from its SmPC (section 4.2)"
        if day.ceiling is not None:
            note += f", never faster than {_rate(day.ceiling.ml_per_h, day.ceiling.ml_per_kg_h)}"
        blanks = tuple(RateRow("", "", "", "") for _ in range(6))
        return (baseline, *blanks, RateRow("", "", "", "End of infusion")), note + "."
    kg = schedule.ceiling.ml_per_h / schedule.ceiling.ml_per_kg_h
    timed = schedule.start_ml_per_h is None  # a labelled start with no time: the rest cannot be timed
    changes: list[tuple[Decimal, RateRow]] = []  # the rate changes, with their times from the start
    untimed: list[RateRow] = []
    if schedule.start_ml_per_h is not None:
        start = schedule.start_ml_per_h
        changes.append((Decimal(0), RateRow("0:00", _pump(start), _per_kg(start / kg), "Start (initial rate)")))
    elapsed = Decimal(0)
    for number, step in enumerate(schedule.steps, start=1):
        pump, per_kg = _pump(step.ml_per_h), _per_kg(step.ml_per_kg_h)
        if number == 1 and timed:
            changes.append((elapsed, RateRow("0:00", pump, per_kg, "Start")))
        elif timed:
            changes.append((elapsed, RateRow(_clock(elapsed), pump, per_kg, "Increase if tolerated")))
        else:  # no time for it on the label: write the time down when the rate is changed
            untimed.append(_gradual("", step.ml_per_h, step.ml_per_kg_h))
        elapsed += step.minutes
    if schedule.untimed_ml:  # the label gives no steps up to the ceiling: no jump, no times
        top = schedule.ceiling
        if timed:
            changes.append((elapsed, _gradual(_clock(elapsed), top.ml_per_h, top.ml_per_kg_h)))
        else:
            untimed.append(_gradual("", top.ml_per_h, top.ml_per_kg_h))
    total = schedule.hours * 60
    hour = Decimal(OBSERVATION_EVERY_MINUTES)
    rows = [baseline]
    times = [when for when, _ in changes] + [total]
    for (when, change), following in zip(changes, times[1:], strict=True):
        rows += _recorded(change)
        if when == 0:
            rows += [row for gradual in untimed for row in _recorded(gradual)]
        point = when + hour
        while point < following:  # at least hourly until the next change or the end
            rows.append(RateRow(_clock(point), "", "", "Observations"))
            point += hour
    end = _clock(total, ROUND_CEILING)  # rounded up, as the minimum duration is
    end = f"at least {end}" if schedule.lower_bound or not timed else end
    rows.append(RateRow(end, "", "", "Planned end: bag empty"))
    unknown = (
        "The label gives no steps or times up to its fastest rate: increase gradually, never above the "
        f"rate in the Step column, and write each change on a “{GRADUAL_CHANGE}” row (actual time, pump mL/h)."
    )
    return tuple(rows), unknown if schedule.untimed_ml or not timed else ""


GRADUAL_ROWS = 4  # blank rows after "increase gradually", one for each change the nurse makes
GRADUAL_CHANGE = "Gradual change"


def _gradual(planned: str, ml_per_h: Decimal, ml_per_kg_h: Decimal) -> RateRow:
    """ "Increase gradually" with no pump rate to set: the cap is in the words, never a number
    in the pump column at a planned time (that would read as a jump)."""
    cap = f"never above {_pump(ml_per_h)} mL/h ({_per_kg(ml_per_kg_h)} mL/kg/h)"
    return RateRow(planned, "", "", f"Increase gradually, if tolerated; {cap}", up_to=True)


def _recorded(row: RateRow) -> list[RateRow]:
    """``row``, and after a gradual increase the blank rows to write each change down."""
    if not row.up_to:
        return [row]
    return [row, *(RateRow("", "", "", GRADUAL_CHANGE) for _ in range(GRADUAL_ROWS))]
