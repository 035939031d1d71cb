"""Input parsing: accepted forms give exact kilograms; everything else is refused in words."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.inputs import parse_concentration, parse_weight


@pytest.mark.parametrize(
    ("text", "unit", "kg"),
    [
        ("70", "kg", D(70)),
        ("70 kg", "kg", D(70)),
        ("70kg", "lb", D(70)),
        (" 70.5  kg ", "kg", D("70.5")),
        ("154 lb", "kg", D("69.85322498")),
        ("154lbs", "kg", D("69.85322498")),
        ("154", "lb", D("69.85322498")),
        ("70000 g", "kg", D(70)),
        ("11 st", "kg", D("69.85322498")),
    ],
)
def test_weights_accepted(text, unit, kg):
    assert parse_weight(text, unit).to("kg").magnitude == kg


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Enter"),
        ("   ", "Enter"),
        ("0", "more than zero"),
        ("-70", "more than zero"),
        ("abc", "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("70,5", "decimal point"),
        ("1e3", "in full"),
        ("70 mL", "not a unit of weight"),
        ("70 furlong", "not a unit"),
        ("300", "outside the accepted"),
        ("700 lb", "317.5 kg"),
        ("70 g", "outside the accepted"),
        ("0.5", "outside the accepted"),
    ],
)
def test_weights_refused(text, words):
    with pytest.raises(InputError) as caught:
        parse_weight(text)
    assert caught.value.field == "weight"
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("text", "mg_per_ml"),
    [
        ("10%", D(100)),
        ("5 %", D(50)),
        ("100 mg/mL", D(100)),
        ("0.1 g/mL", D(100)),
        ("100 g/L", D(100)),
        ("50 mg/ml", D(50)),
    ],
)
def test_concentrations_accepted(text, mg_per_ml):
    assert parse_concentration(text).to("mg/mL").magnitude == mg_per_ml


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Enter"),
        ("10", "Give a unit"),
        ("20%", "not an IV immunoglobulin"),
        ("10 kg", "not a unit of concentration"),
        ("0%", "more than zero"),
        ("x", "not a number"),
    ],
)
def test_concentrations_refused(text, words):
    with pytest.raises(InputError) as caught:
        parse_concentration(text)
    assert caught.value.field == "concentration" and words in caught.value.message
