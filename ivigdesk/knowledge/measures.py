"""Doses, rates and concentrations as the knowledge base and product list write them ("400 mg/kg",
"0.01 mL/kg/min", "100 mg/mL"), read exactly and without pint, so loading pays nothing for it.

Each keeps the text as written and its value in one unit (g/kg, mL/kg/h, g/mL); ``quantity()``
gives the pint quantity when the calculation needs it. The unit factors below are the exact
definitions in ``resources/units/units.txt``; a test holds them to pint's own conversions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ivigdesk.quoting import quoted

if TYPE_CHECKING:
    from ivigdesk.units import Quantity

GRAMS = {  # grams in one of each mass unit
    "kg": Decimal(1000),
    "g": Decimal(1),
    "mg": Decimal("0.001"),
    "µg": Decimal("0.000001"),
    "ug": Decimal("0.000001"),
    "mcg": Decimal("0.000001"),
}
MILLILITRES = {
    "L": Decimal(1000),
    "l": Decimal(1000),
    "dL": Decimal(100),
    "dl": Decimal(100),
    "mL": Decimal(1),
    "ml": Decimal(1),
}
# lb, oz and st are in units.txt for patients' weights; a knowledge base writes doses in metric units
PER_HOUR = {"h": Decimal(1), "hr": Decimal(1), "min": Decimal(60)}  # "per minute" is 60 × "per hour"
MAX_DIGITS = 12
_NUMBER = r"(?P<number>(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)"


def _number(match: re.Match[str], value: str, what: str) -> Decimal:
    if len(match["number"]) > MAX_DIGITS:
        raise ValueError(f"expected {what}, got {quoted(value)} (too many digits)")
    number = Decimal(match["number"])
    if number <= 0:
        raise ValueError(f"{what} must be more than zero, got {quoted(value)}")
    return number


def _unit(table: Mapping[str, Decimal], unit: str, value: str, kind: str) -> Decimal:
    if unit in table:
        return table[unit]
    if any(unit in known for known in (GRAMS, MILLILITRES, PER_HOUR)):
        raise ValueError(f"{quoted(unit)} in {quoted(value)} is not a unit of {kind}")
    raise ValueError(f"unknown unit {quoted(unit)} in {quoted(value)}")


# "400 mg/kg", "100 mg/mL": a number, a unit, a slash and a unit (doses per kg and concentrations)
_RATIO = re.compile(rf"^\s*{_NUMBER}\s*(?P<mass>[a-zA-Zµ]+)\s*/\s*(?P<per>[a-zA-Z]+)\s*$")


@dataclass(frozen=True)
class PerKg:
    """A dose per kilogram, e.g. ``2 g/kg`` or ``80 mg/kg``: ``grams_per_kg`` exactly."""

    text: str
    grams_per_kg: Decimal

    WHAT = "a dose per kilogram"
    EXAMPLE = "400 mg/kg"
    LIMIT = Decimal(3)  # g/kg: the review's largest dose is 2 g/kg per course; a sanity limit

    @classmethod
    def from_yaml(cls, value: object) -> PerKg:
        if not isinstance(value, str):
            raise ValueError(f"expected {cls.WHAT} written as text such as '{cls.EXAMPLE}'")
        match = _RATIO.match(value)
        if not match:
            raise ValueError(f"expected {cls.WHAT} such as '{cls.EXAMPLE}', got {quoted(value)}")
        number = _number(match, value, cls.WHAT)
        grams = number * _unit(GRAMS, match["mass"], value, "mass") / _unit(GRAMS, match["per"], value, "mass") * 1000
        if grams > cls.LIMIT:
            raise ValueError(f"{quoted(value)} is more than {_plain(cls.LIMIT)} g/kg: check the number and the unit")
        return cls(value, grams)

    def quantity(self) -> Quantity:
        from ivigdesk.units import Q

        return Q(self.grams_per_kg, "g/kg")

    def __str__(self) -> str:
        return self.text


class PerKgPerDay(PerKg):
    """A co-medication's daily dose per kilogram, e.g. ``80 mg/kg`` (aspirin in Kawasaki disease)."""

    WHAT = "a daily dose per kilogram"
    EXAMPLE = "80 mg/kg"
    LIMIT = Decimal("0.2")  # g/kg a day: aspirin's 100 mg/kg is the largest; a sanity limit


_RATE = re.compile(rf"^\s*{_NUMBER}\s*(?P<volume>[a-zA-Z]+)\s*/\s*(?P<per>[a-zA-Z]+)\s*/\s*(?P<time>[a-zA-Z]+)\s*$")


@dataclass(frozen=True)
class RatePerKg:
    """An infusion rate per kilogram of body weight, e.g. ``0.01 mL/kg/min``: ``ml_per_kg_h`` exactly."""

    text: str
    ml_per_kg_h: Decimal

    @classmethod
    def from_yaml(cls, value: object) -> RatePerKg:
        text = value if isinstance(value, str) else ""
        match = _RATE.match(text)
        if match is None:
            raise ValueError(f"expected a rate per kg written as text such as '0.01 mL/kg/min', got {quoted(value)}")
        number = _number(match, text, "a rate per kg")
        volume = _unit(MILLILITRES, match["volume"], text, "volume")
        per = _unit(GRAMS, match["per"], text, "mass") / 1000
        per_hour = _unit(PER_HOUR, match["time"], text, "time")
        return cls(text, number * volume / per * per_hour)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Concentration:
    """A product's concentration, e.g. ``100 mg/mL``: ``grams_per_ml`` exactly."""

    text: str
    grams_per_ml: Decimal

    @classmethod
    def from_yaml(cls, value: object) -> Concentration:
        text = value if isinstance(value, str) else ""
        match = _RATIO.match(text)
        if match is None:
            raise ValueError(f"expected a concentration written as text such as '100 mg/mL', got {quoted(value)}")
        mass = _unit(GRAMS, match["mass"], text, "mass")
        volume = _unit(MILLILITRES, match["per"], text, "volume")
        return cls(text, _number(match, text, "a concentration") * mass / volume)

    def quantity(self) -> Quantity:
        from ivigdesk.units import Q

        return Q(self.grams_per_ml, "g/mL")

    def __str__(self) -> str:
        return self.text


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
