"""The one pint registry, with exact decimal magnitudes (``ivigdesk.units``). Every expected figure
is worked from the exact definitions in resources/units/units.txt (1 lb = 0.45359237 kg,
1 in = 2.54 cm, 1 L = 1 dm³)."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from ivigdesk.units import Q, ureg
from tests.support.profiles import examples


def test_the_registry_is_built_once():
    assert ureg() is ureg()


def test_154_lb_is_exactly_69_85322498_kg():
    # 154 × 0.45359237 = 69.85322498 (exact: no binary float on the way)
    weight = Q(154, "lb").to("kg")
    assert isinstance(weight.magnitude, D) and weight.magnitude == D("69.85322498")


def test_other_units_a_dose_uses_are_exact():
    assert Q("5", "ft").to("cm").magnitude == D("152.40")  # 5 × 12 in × 2.54 cm
    assert Q(11, "st").to("kg").magnitude == D("69.85322498")  # 11 st = 154 lb
    assert Q("0.4", "g/kg").to("mg/kg").magnitude == 400
    assert Q(10, "g/dL").to("mg/mL").magnitude == 100  # 10 % = 100 mg/mL
    assert Q(1, "h").to("min").magnitude == 60


def test_a_magnitude_from_text_keeps_every_digit():
    assert Q("70.000001", "kg").magnitude == D("70.000001")


@given(st.decimals(min_value=D("0.001"), max_value=D(1000), places=3))
@settings(max_examples=examples(200))
def test_pounds_become_kilograms_by_the_exact_factor(lb):
    assert Q(lb, "lb").to("kg").magnitude == lb * D("0.45359237")
