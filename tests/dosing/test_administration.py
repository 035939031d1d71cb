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


def test_the_worksheet_rows_time_each_labelled_step_and_no_invented_one(kb, catalogue):
    # the two plans above as the nurse's observation table: Octagam 10 % steps at 0:00 (42 mL/h), 0:30
    # (84 mL/h) and 1:00 (87.5 mL/h); 496.8 min ends at 8:17. Flebogamma: 12 mL/h at 0:00, then from 0:30
    # "increase gradually" with no pump rate at a planned time (the 100 mL/h cap, 800 ÷ 8 h = 5 mL/kg/h,
    # is in the words), blank rows to write each change, ending at least 8:27 (506.4 min)
    from ivigdesk.dosing.administration import GRADUAL_CHANGE, GRADUAL_ROWS, day_records
    from ivigdesk.dosing.presentation import plan_view

    def rows(plan):
        record = day_records(plan, plan_view(plan))[0]
        shown = [(r.planned, r.ml_per_h, r.ml_per_kg_h, r.what) for r in record.rate_rows if r.what != "Observations"]
        return shown, record.rates_note

    octagam, note = rows(plan_for(kb, catalogue, "lupus-itp", product_id="octagam-10"))
    assert octagam[1:] == [
        ("0:00", "42", "0.6", "Start"),
        ("0:30", "84", "1.2", "Increase if tolerated"),
        ("1:00", "87.5", "1.25", "Increase if tolerated"),
        ("8:17", "", "", "Planned end: bag empty"),
    ]
    assert note == ""
    flebogamma, note = rows(plan_for(kb, catalogue, "kawasaki", weight="20", age="4", product_id="flebogamma-dif-5"))
    assert flebogamma[1:] == [
        ("0:00", "12", "0.6", "Start"),
        ("0:30", "", "", "Increase gradually, if tolerated; never above 100 mL/h (5 mL/kg/h)"),
        *[("", "", "", GRADUAL_CHANGE)] * GRADUAL_ROWS,
        ("at least 8:27", "", "", "Planned end: bag empty"),
    ]
    assert GRADUAL_ROWS >= 3
    assert note == (
        "The label gives no steps or times up to its fastest rate: increase gradually, never above the rate in "
        "the Step column, and write each change on a “Gradual change” row (actual time, pump mL/h)."
    )


def test_a_labelled_start_with_no_steps_gives_a_worksheet_that_matches_the_screen(kb, catalogue):
    # a site's list may give an initial rate with no steps (review item 9). Flebogamma DIF 5 %, Kawasaki
    # 20 kg, with only its initial 0.6 mL/kg/h (no time) and its maximum 6 mL/kg/h: 40 g = 800 mL; the
    # rule's 800 ÷ 8 h = 100 mL/h (5 mL/kg/h) is the cap; 0.6 × 20 = 12 mL/h to start; 100 is more than
    # double 12, so the rest is increased gradually: at least 800 ÷ 100 = 8 h
    from dataclasses import replace

    from ivigdesk.dosing.administration import GRADUAL_CHANGE, day_records
    from ivigdesk.dosing.presentation import plan_view, schedule_lines
    from ivigdesk.knowledge.measures import RatePerKg
    from ivigdesk.knowledge.products import Rates

    fleb = catalogue.product("flebogamma-dif-5")
    rates = Rates("partial", "a site's rates", "the site's list", initial=RatePerKg.from_yaml("0.6 mL/kg/h"),
                  maximum=RatePerKg.from_yaml("6 mL/kg/h"))  # fmt: skip
    site_product = replace(fleb, rates=rates)
    products = tuple(site_product if p.id == fleb.id else p for p in catalogue.products)
    site = replace(catalogue, products=products, _by_id={p.id: p for p in products})
    plan = plan_for(kb, site, "kawasaki", weight="20", age="4", product_id="flebogamma-dif-5")
    schedule = plan.days[0].schedule
    assert schedule.steps == () and schedule.start_ml_per_h == 12 and schedule.untimed_ml == 800
    lines = schedule_lines(schedule)
    assert lines[0] == "start at 12 mL/h (the label's initial rate; no step times given)"
    assert lines[1].startswith("then increase gradually, if tolerated, up to 100 mL/h (5 mL/kg/h)")
    assert lines[2] == "at least 8 h 00 min in all"
    record = day_records(plan, plan_view(plan))[0]
    shown = [(r.planned, r.ml_per_h, r.ml_per_kg_h, r.what) for r in record.rate_rows]
    assert shown[:3] == [
        ("", "", "", "Baseline"),
        ("0:00", "12", "0.6", "Start (initial rate)"),
        ("", "", "", "Increase gradually, if tolerated; never above 100 mL/h (5 mL/kg/h)"),
    ]
    assert shown[3] == ("", "", "", GRADUAL_CHANGE)
    assert [r[0] for r in shown if r[3] == "Observations"] == [f"{h}:00" for h in range(1, 8)]
    assert shown[-1] == ("at least 8:00", "", "", "Planned end: bag empty")
    assert "No rate steps are planned" not in record.rates_note
    assert record.weight == "20 kg (actual body weight)" and "the site's list" in record.source


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


def test_no_dose_no_records(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", ACTUAL)
    assert day_records(replace(plan, days=()), replace(plan_view(plan), days=None)) == ()


def test_the_clock_is_hours_and_minutes_from_the_start():
    assert administration._clock(D("496.8")) == "8:16"  # rounded down by default
    assert administration._clock(D("496.8"), ROUND_CEILING) == "8:17"  # the end is rounded up
    assert administration._clock(D(0)) == "0:00" and administration._clock(D(60)) == "1:00"
