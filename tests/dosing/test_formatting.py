"""Numbers as a pharmacist reads them (``ivigdesk.dosing.formatting``): doses and volumes round
half up, the fastest rate rounds down (never above the limit), durations round up (never shorter
than the rule). Every figure below is worked by hand."""

from __future__ import annotations

from decimal import ROUND_FLOOR
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from ivigdesk.dosing import formatting as fmt
from ivigdesk.units import Q
from tests.support.profiles import examples


def test_number_drops_trailing_zeros_and_rounds_half_up():
    assert fmt.number(D("46.670"), 2) == "46.67"
    assert fmt.number(D("28.000"), 2) == "28"
    assert fmt.number(D("2.345"), 2) == "2.35"  # half up, not to even
    assert fmt.number(D("2.344"), 2) == "2.34"
    assert fmt.number(D("-0.001"), 2) == "0"  # never "-0"
    assert fmt.number(D("2.349"), 2, ROUND_FLOOR) == "2.34"


def test_dose_weight_and_volume():
    # 70 kg × 0.4 g/kg = 28 g; at 10 % (100 mg/mL) that is 280 mL
    assert fmt.grams(Q(70, "kg") * Q("0.4", "g/kg")) == "28 g"
    assert fmt.millilitres(Q(28, "g") / Q(100, "mg/mL")) == "280 mL"
    assert fmt.kg(Q(154, "lb")) == "69.85 kg"  # 154 × 0.45359237 = 69.85322498
    assert fmt.millilitres(Q("312.65", "mL")) == "312.7 mL"


def test_a_rate_limit_is_never_shown_above_the_limit():
    # 280 mL over at least 3 h = 93.333… mL/h: shown as 93.3, never 93.4
    assert fmt.rate_limit(Q(280, "mL") / Q(3, "h")) == "93.3 mL/h"
    assert fmt.pump_rate(D("93.39")) == "93.3 mL/h"
    # 93.333… mL/h ÷ 70 kg = 1.3333… mL/kg/h: 1.33
    assert fmt.per_kg_rate(Q(280, "mL") / Q(3, "h") / Q(70, "kg")) == "1.33 mL/kg/h"


def test_a_duration_is_never_shown_shorter_than_it_is():
    assert fmt.duration(D("8.1")) == "8 h 06 min"  # 8.1 h = 486 min
    assert fmt.duration(D("8.001")) == "8 h 01 min"  # 480.06 min: up to 481
    assert fmt.hours(Q(280, "mL") / Q(84, "mL/h")) == "3.34 h"  # 3.3333… h up to 3.34
    assert fmt.hours(Q(150, "min")) == "2.5 h"


def test_doses_per_kg_as_the_review_writes_them():
    assert fmt.per_kg(Q("0.4", "g/kg")) == "400 mg/kg"
    assert fmt.per_kg(Q(2, "g/kg")) == "2 g/kg"
    assert fmt.per_kg(Q(1000, "mg/kg")) == "1 g/kg"


def test_concentrations_and_milligram_ranges():
    assert fmt.concentration(Q(10, "g/dL")) == "10 % (100 mg/mL)"
    assert fmt.concentration_per_ml(D("0.05")) == "5 % (50 mg/mL)"
    # aspirin 30–50 mg/kg/day at 48 kg: 1440–2400 mg
    assert fmt.milligram_range(Q(48, "kg") * Q(30, "mg/kg"), Q(48, "kg") * Q(50, "mg/kg")) == "1440–2400 mg"


@given(st.decimals(min_value=D(0), max_value=D(10_000), places=4))
@settings(max_examples=examples(200))
def test_a_shown_rate_is_never_above_and_within_0_1_below_the_exact_one(rate):
    shown = D(fmt.pump_rate(rate).removesuffix(" mL/h"))
    assert rate - D("0.1") < shown <= rate


@given(st.decimals(min_value=D(0), max_value=D(100), places=4))
@settings(max_examples=examples(200))
def test_a_shown_duration_is_never_shorter_and_within_a_minute(hours):
    h, _, rest = fmt.duration(hours).partition(" h ")
    minutes = int(h) * 60 + int(rest.removesuffix(" min"))
    assert hours * 60 <= minutes < hours * 60 + 1
