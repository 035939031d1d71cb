"""The working a second checker redoes by hand: each line against the arithmetic in its comment."""

from __future__ import annotations

from ivigdesk.dosing.request import Settings
from ivigdesk.dosing.working import arithmetic
from tests.support.dose_steps import steps


def working(kb, indication, settings=None, **typed) -> tuple[str, ...]:
    found = steps(kb, indication, settings, **typed)
    return arithmetic(found.context, found.course, found.limits, found.rules.min_hours)


def test_arithmetic_is_spelled_out_with_the_patients_numbers(kb):
    assert working(kb, "gbs", weight="70", concentration="10%") == (
        "70 kg × 400 mg/kg = 28 g per day",
        "28 g × 5 days = 140 g per course",
        "28 g ÷ 10 % (100 mg/mL) = 280 mL per day",
        # 35 mL/h ÷ 70 kg = 0.5 mL/kg/h: the rate per kg behind the rate per hour
        "280 mL ÷ 8 h = at most 35 mL/h (÷ 70 kg = 0.5 mL/kg/h)",
    )


def test_a_course_total_is_divided_over_the_days(kb):
    # 70 kg × 2 g/kg = 140 g; ÷ 4 days = 35 g; ÷ 100 mg/mL = 350 mL; ÷ 8 h = 43.75 mL/h, shown
    # rounded down to 43.7 mL/h; ÷ 70 kg = 0.625, shown rounded down to 0.62 mL/kg/h
    assert working(kb, "dm-pm", weight="70", concentration="10%", days="4") == (
        "70 kg × 2 g/kg = 140 g per course",
        "140 g ÷ 4 days = 35 g per day",
        "35 g ÷ 10 % (100 mg/mL) = 350 mL per day",
        "350 mL ÷ 8 h = at most 43.7 mL/h (÷ 70 kg = 0.62 mL/kg/h)",
    )


def test_a_rounded_dose_gives_the_rate_for_the_smaller_volume(kb):
    # 28 g rounded to the nearest 5 g is 30 g = 300 mL; the smaller volume, 280 mL, sets the rate
    lines = working(kb, "gbs", Settings(rounding="nearest-5g"), weight="70", concentration="10%")
    assert lines[-1] == "rounded to 30 g = 300 mL; the smaller volume ÷ 8 h = at most 35 mL/h"


def test_a_product_without_a_confirmed_maximum_sends_the_rate_to_its_smpc(kb):
    lines = working(kb, "gbs", weight="70", product_id="privigen")
    assert lines[-1] == (
        "280 mL over at least 8 h; the fastest rate must come from the SmPC of Privigen 10 % "
        "(its maximum is not confirmed here)"
    )


def test_a_single_day_has_no_course_line_and_no_rule_no_rate(kb):
    # CHB, the UK regimen: 60 kg × 400 mg/kg = 24 g once, 240 mL; under 2 g/kg, so no minimum time
    assert working(kb, "lupus-chb", weight="60", concentration="10%", regimen_id="uk-dh-400mg-per-kg") == (
        "60 kg × 400 mg/kg = 24 g per day",
        "24 g ÷ 10 % (100 mg/mL) = 240 mL per day",
    )
