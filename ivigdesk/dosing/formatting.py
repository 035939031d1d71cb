"""Numbers as a pharmacist reads them. All display rounding happens here, with explicit rules.

Doses and volumes round half up; the highest safe rate rounds down (never above the limit) and
durations round up (never shorter than the rule).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ivigdesk.units import Quantity


def number(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> str:
    """``value`` to at most ``places`` decimals, trailing zeros dropped (46.670 -> 46.67)."""
    text = format(value.quantize(Decimal(1).scaleb(-places), rounding=rounding), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def in_unit(quantity: Quantity, unit: str, places: int, rounding: str = ROUND_HALF_UP) -> str:
    return number(quantity.to(unit).magnitude, places, rounding)


def kg(quantity: Quantity) -> str:
    return f"{in_unit(quantity, 'kg', 2)} kg"


def grams(quantity: Quantity) -> str:
    return f"{in_unit(quantity, 'g', 2)} g"


def millilitres(quantity: Quantity) -> str:
    return f"{in_unit(quantity, 'mL', 1)} mL"


def milligram_range(low: Quantity, high: Quantity) -> str:
    """A daily or per-dose range in whole milligrams: 1440–1800 mg."""
    return f"{in_unit(low, 'mg', 0)}–{in_unit(high, 'mg', 0)} mg"


def rate_limit(quantity: Quantity) -> str:
    """A maximum rate, rounded down to 0.1 mL/h so the shown figure never exceeds the limit."""
    return f"{in_unit(quantity, 'mL/h', 1, ROUND_FLOOR)} mL/h"


def per_kg_rate(quantity: Quantity) -> str:
    """A rate per kg of body weight, rounded down to 0.01 mL/kg/h (never above the computed rate)."""
    return f"{in_unit(quantity, 'mL/kg/h', 2, ROUND_FLOOR)} mL/kg/h"


def pump_rate(ml_per_h: Decimal) -> str:
    """A pump rate in mL/h, rounded down to 0.1 (never above the computed rate)."""
    return f"{number(ml_per_h, 1, ROUND_FLOOR)} mL/h"


def duration(hours_: Decimal) -> str:
    """A duration as hours and minutes, rounded up to the minute: 8 h 06 min."""
    minutes = int((hours_ * 60).to_integral_value(ROUND_CEILING))
    return f"{minutes // 60} h {minutes % 60:02d} min"


def hours(quantity: Quantity) -> str:
    """A minimum duration, rounded up to 0.01 h so it is never shorter than the rule."""
    return f"{in_unit(quantity, 'h', 2, ROUND_CEILING)} h"


def per_kg(quantity: Quantity) -> str:
    """A dose per kg as the source writes it: 400 mg/kg, 2 g/kg."""
    grams_per_kg = quantity.to("g/kg").magnitude
    if grams_per_kg < 1:
        return f"{number(grams_per_kg * 1000, 3)} mg/kg"
    return f"{number(grams_per_kg, 3)} g/kg"


def concentration(quantity: Quantity) -> str:
    """10 % (100 mg/mL)."""
    return concentration_per_ml(quantity.to("g/mL").magnitude)


def concentration_per_ml(grams_per_ml: Decimal) -> str:
    """10 % (100 mg/mL), from grams per mL (no pint: the window shows a product's before the
    unit registry is built)."""
    mg_per_ml = grams_per_ml * 1000
    return f"{number(mg_per_ml / 10, 2)} % ({number(mg_per_ml, 2)} mg/mL)"
