"""The administration record for each infusion day (``ivigdesk.dosing.administration``): the
rate and observation rows, the vials, the checklist. Plans are worked by hand in each test from
the products' cited SmPC rates (resources/products/products.yaml)."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_CEILING
from decimal import Decimal as D

from ivigdesk.dosing import administration
from ivigdesk.dosing.administration import BLANK_VIAL_ROWS, CHECKLIST, day_records
from ivigdesk.dosing.presentation import plan_view
from ivigdesk.dosing.request import Settings
from tests.dosing.conftest import plan_for

ACTUAL = Settings(weight_rule="actual")


def test_each_day_lists_its_vials_largest_first_and_the_checklist(kb, catalogue):
    # GBS (Table 2): 400 mg/kg/day for 5 days; 70 kg actual weight: 28 g a day. Octagam 10 %'s vials
    # (2, 5, 10, 20, 30 g): 20 + 5 + 2 + … — whatever the rounding picks, the lines add up to the bag
    plan = plan_for(kb, catalogue, "gbs", ACTUAL, product_id="octagam-10", risks=("renal",))
    records = day_records(plan, plan_view(plan))
    assert [(r.day, r.of) for r in records] == [(n, 5) for n in range(1, 6)]
    first = records[0]
    grams = [D(line.removeprefix("Octagam 10 %, ").removesuffix(" g")) for line in first.vials]
    assert sum(grams) == plan.days[0].rounded.grams and grams == sorted(grams, reverse=True)
    assert first.checklist[: len(CHECKLIST)] == CHECKLIST
    assert first.checklist[len(CHECKLIST) :] == ("Renal impairment (entered): see the warnings on page 1",)


def test_without_a_product_the_vials_are_lines_to_fill_in(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", ACTUAL)
    record = day_records(plan, plan_view(plan))[0]
    assert record.vials == ("",) * BLANK_VIAL_ROWS and record.product == "concentration 10 % (100 mg/mL)"
    assert record.give.startswith("28 g")  # 70 kg × 0.4 g/kg
    assert record.rates_note.startswith("No rate steps are planned here")
    # no schedule: baseline, six blank rows to fill in, and the end
    assert [row.what for row in record.rate_rows] == ["Baseline", *[""] * 6, "End of infusion"]
    assert all(row.ml_per_h == "" for row in record.rate_rows)  # no pump rate is invented


def test_no_dose_no_records(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", ACTUAL)
    assert day_records(replace(plan, days=()), replace(plan_view(plan), days=None)) == ()


def test_the_clock_is_hours_and_minutes_from_the_start():
    assert administration._clock(D("496.8")) == "8:16"  # rounded down by default
    assert administration._clock(D("496.8"), ROUND_CEILING) == "8:17"  # the end is rounded up
    assert administration._clock(D(0)) == "0:00" and administration._clock(D(60)) == "1:00"
