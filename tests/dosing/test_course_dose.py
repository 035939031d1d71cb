"""The course dose (Tables 2-4 applied to the dosing weight) and the limits the rules set for it.

Working in the comments: a course-total regimen divides the course over the days; a per-day
regimen gives its dose each day. A course of 2 g/kg or more is infused over at least 8 h each day
and, over fewer than 5 days, draws the review's "over 5 days" advice [52].
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.dosing.context import dose_context
from ivigdesk.dosing.course_dose import course_dose, rule_limits
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.raw_inputs import RawInputs, build_request
from ivigdesk.dosing.request import Settings


def course(kb, indication, days=None, **typed):
    raw = RawInputs(indication_id=indication, weight=typed.pop("weight", "70"), concentration="10%", **typed)
    request = build_request(raw, Settings())
    found = dose_context(kb, request, None)
    dose = course_dose(found, found.regimen, days)
    return dose, rule_limits(kb, found.circumstance, found.regimen, dose)


def grams(quantity) -> D:
    return quantity.to("g").magnitude


def test_a_course_total_is_shared_over_the_days(kb):
    # DM/PM: 2 g/kg over 2-5 days (Table 2); 70 kg × 2 g/kg = 140 g; over 4 days, 35 g a day
    dose, _ = course(kb, "dm-pm", 4)
    assert (dose.day_count, grams(dose.total), grams(dose.daily)) == (4, 140, 35)
    assert dose.course_per_kg.to("g/kg").magnitude == 2
    assert dose.per_kg_per_day.to("g/kg").magnitude == D("0.5")


def test_a_daily_dose_is_given_each_day(kb):
    # GBS: 400 mg/kg a day for 5 days (Table 2); 70 kg × 0.4 = 28 g a day, 140 g (2 g/kg) a course
    dose, _ = course(kb, "gbs")
    assert (dose.day_count, grams(dose.daily), grams(dose.total)) == (5, 28, 140)
    assert dose.course_per_kg.to("g/kg").magnitude == 2
    assert dose.on_actual_weight is None  # the dosing weight is the actual weight


def test_the_course_on_actual_weight_is_kept_when_another_weight_doses(kb):
    # 110 kg at 165 cm (BMI 40.4): the default rule doses on a weight below the actual weight, so
    # the course on actual weight (110 kg × 2 g/kg = 220 g) is kept beside it
    dose, _ = course(kb, "dm-pm", 5, weight="110", height="165", sex="female")
    assert grams(dose.on_actual_weight) == 220
    assert grams(dose.total) < 220


@pytest.mark.parametrize(
    ("indication", "days", "words", "missing"),
    [
        ("gbs", 3, "given over 5 day(s); it cannot be changed", False),
        ("dm-pm", None, "Choose the number of days: 2 to 5", True),
        ("dm-pm", 6, "Days must be from 2 to 5 for this regimen, not 6", False),
        ("dm-pm", 1, "Days must be from 2 to 5 for this regimen, not 1", False),
    ],
)
def test_days_are_checked_against_the_regimen(kb, indication, days, words, missing):
    with pytest.raises(InputError) as caught:
        course(kb, indication, days)
    assert caught.value.field == Field.DAYS and caught.value.missing is missing
    assert words in caught.value.message


def test_a_fixed_regimen_takes_its_own_days(kb):
    dose, _ = course(kb, "gbs", 5)
    assert dose.day_count == 5


def test_a_high_dose_course_is_infused_over_at_least_8_hours(kb):
    _, rules = course(kb, "gbs")  # 2 g/kg a course
    assert rules.min_hours == 8 and rules.max_hours is None
    assert any("thrombo" in w.text.lower() for w in rules.warnings)


def test_the_circumstance_sets_its_own_time_limits(kb):
    # Kawasaki disease: 2 g/kg over 8 to 12 h (Table 2)
    _, rules = course(kb, "kawasaki", weight="18")
    assert (rules.min_hours, rules.max_hours) == (8, 12)


def test_a_low_dose_course_sets_no_time_limit(kb):
    # CHB, the UK regimen: 400 mg/kg once, 0.4 g/kg, under the rules' 2 g/kg (Table 3)
    _, rules = course(kb, "lupus-chb", regimen_id="uk-dh-400mg-per-kg", weight="60", pregnant=True)
    assert rules.min_hours is None and rules.warnings == () and rules.references == frozenset()


@pytest.mark.parametrize(("days", "warned"), [(1, True), (3, True), (5, False)])
def test_the_over_5_days_advice_where_the_source_leaves_the_days_open(kb, days, warned):
    # CHB prophylaxis: the review recommends 2 g/kg but gives no number of days (Table 3)
    _, rules = course(kb, "lupus-chb", days, pregnant=True)
    advice = [w for w in rules.warnings if "over 5 days" in w.text]
    assert bool(advice) is warned
    if warned:
        over = "a single day" if days == 1 else f"{days} days"
        assert advice[0].text.endswith(f"This course is given over {over}, fewer than 5.")
