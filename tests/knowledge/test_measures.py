"""The knowledge base's own unit tables (read without pint, for start-up) agree with pint's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ivigdesk.knowledge.measures import GRAMS, MILLILITRES, PER_HOUR, Concentration, PerKg, RatePerKg
from ivigdesk.units import Q


@pytest.mark.parametrize(("unit", "grams"), GRAMS.items())
def test_mass_factors_are_pints(unit, grams):
    assert Q(1, unit).to("g").magnitude == Decimal(grams)


@pytest.mark.parametrize(("unit", "millilitres"), MILLILITRES.items())
def test_volume_factors_are_pints(unit, millilitres):
    assert Q(1, unit).to("mL").magnitude == Decimal(millilitres)


@pytest.mark.parametrize(("unit", "per_hour"), PER_HOUR.items())
def test_time_factors_are_pints(unit, per_hour):
    assert Q(1, f"1/{unit}").to("1/h").magnitude == Decimal(per_hour)


@pytest.mark.parametrize(
    ("kind", "text", "unit"),
    [(PerKg, "400 mg/kg", "g/kg"), (Concentration, "100 mg/mL", "g/mL"), (Concentration, "50 g/L", "g/mL")],
)
def test_each_measure_reads_as_pint_does(kind, text, unit):
    measure = kind.from_yaml(text)
    assert measure.quantity().to(unit).magnitude == Q(*text.split(" ", 1)).to(unit).magnitude


@pytest.mark.parametrize("text", ["0.01 mL/kg/min", "0.6 mL/kg/h", "3.3 mL/kg/min"])
def test_a_rate_per_kg_reads_as_pint_does(text):
    assert RatePerKg.from_yaml(text).ml_per_kg_h == Q(*text.split(" ", 1)).to("mL/kg/h").magnitude


@pytest.mark.parametrize("value", [8, 8.0, "8", "eight", None, "0 mg/kg", "400 mL/kg"])
def test_a_dose_must_be_written_with_its_unit(value):
    with pytest.raises(ValueError):
        PerKg.from_yaml(value)
