"""One infusion day: volume, rounding, rate steps, fastest rate and time limits, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.dosing.day_limits import NO_PRODUCT
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.request import Settings
from tests.support.dose_steps import steps


def limits(kb, indication, settings=None, **typed):
    return steps(kb, indication, settings, **typed).limits


def test_without_a_product_the_rate_meets_the_rules_time(kb):
    # GBS, 70 kg: 28 g a day ÷ 100 mg/mL = 280 mL; over at least 8 h → at most 35 mL/h (0.5 mL/kg/h)
    day = limits(kb, "gbs", weight="70", concentration="10%")
    assert day.volume.to("mL").magnitude == 280
    assert day.min_duration.to("h").magnitude == 8 and day.max_duration is None
    assert (day.ceiling.limit, day.ceiling.ml_per_h, day.ceiling.ml_per_kg_h) == ("duration", 35, D("0.5"))
    assert day.schedule is None and day.schedule_note == NO_PRODUCT


def test_the_circumstance_gives_the_longest_time(kb):
    # Kawasaki disease, 18 kg: 36 g ÷ 100 mg/mL = 360 mL over 8 to 12 h → at most 45 mL/h (Table 2)
    day = limits(kb, "kawasaki", weight="18", concentration="10%")
    assert (day.min_duration.to("h").magnitude, day.max_duration.to("h").magnitude) == (8, 12)
    assert day.ceiling.ml_per_h == 45


def test_vials_need_a_product(kb):
    day = limits(kb, "gbs", Settings(rounding="vials"), weight="70", concentration="10%")
    assert day.rounded is None and day.rounding_policy == "vials"
    assert day.rounding_note == "Choose a product to round the dose to whole vials."


def test_the_nearest_5_g_rounds_the_dose_and_its_bag(kb):
    # 28 g → 30 g, 2 g (7.1 %) more, inside the 10 % tolerance; 30 g at 100 mg/mL is 300 mL
    day = limits(kb, "gbs", Settings(rounding="nearest-5g"), weight="70", concentration="10%")
    assert (day.rounded.grams, day.rounded.millilitres) == (30, 300)
    assert day.rounded.within_tolerance and day.warnings == ()
    # the rate is worked on the smaller of the exact and the rounded volumes: 280 mL ÷ 8 h
    assert day.ceiling.ml_per_h == 35


def test_a_rounding_outside_the_tolerance_is_warned(kb):
    # 28 g → 30 g is 7.1 % more: outside a 5 % tolerance
    day = limits(kb, "gbs", Settings(rounding="nearest-5g", tolerance_percent=D(5)), weight="70", concentration="10%")
    assert not day.rounded.within_tolerance
    assert any("differs from the exact dose by 7.1 %, more than the 5 % tolerance" in w.text for w in day.warnings)


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (Settings(rounding="up"), "Unknown rounding “up”"),
        (Settings(tolerance_percent=D(0)), "more than 0 and at most 50 %, not 0"),
        (Settings(tolerance_percent=D(51)), "more than 0 and at most 50 %, not 51"),
    ],
)
def test_the_rounding_settings_are_checked(kb, settings, words):
    with pytest.raises(InputError) as caught:
        limits(kb, "gbs", settings, weight="70", concentration="10%")
    assert caught.value.field == Field.ROUNDING and words in caught.value.message


def test_a_product_without_a_confirmed_maximum_gives_no_rate(kb):
    day = limits(kb, "gbs", weight="70", product_id="privigen")
    assert day.schedule is None and day.ceiling is None
    assert "Privigen 10 %: its maximum rate is not confirmed" in day.schedule_note


def test_a_product_with_a_labelled_maximum_steps_up_to_it_within_the_rules_time(kb):
    # Octagam 10 %: at most 0.12 mL/kg/min = 7.2 mL/kg/h (products.yaml); the 8 h rule is slower,
    # so the schedule lasts at least 8 h and never runs above the label's rate
    day = limits(kb, "gbs", weight="70", product_id="octagam-10")
    assert day.schedule is not None and day.schedule_note is None
    assert day.schedule.hours >= 8
    assert day.ceiling.ml_per_kg_h <= D("7.2")
    assert day.min_duration.to("h").magnitude == max(D(8), day.schedule.hours)
