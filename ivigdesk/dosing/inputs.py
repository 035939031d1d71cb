"""Turn what a user typed into quantities, or refuse it with a message beside the input.

Nothing is guessed: a comma decimal, a missing unit on a concentration or a weight outside the
accepted range is refused, never reinterpreted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import TYPE_CHECKING

from ivigdesk.dosing import start_dates
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.schedule import OwnRates
from ivigdesk.units import Q, ureg

if TYPE_CHECKING:
    import pint

    from ivigdesk.units import Quantity

WEIGHT_MIN_KG = Decimal(1)
WEIGHT_MAX_KG = Decimal(250)
WEIGHT_CAUTION_BELOW_KG = Decimal(10)
WEIGHT_CAUTION_ABOVE_KG = Decimal(150)
CONCENTRATION_MIN_PERCENT = Decimal(3)
CONCENTRATION_MAX_PERCENT = Decimal(12)
MAX_DIGITS = 15  # more digits than any measure needs: refused before any arithmetic
MAX_UNIT_WORD = 20  # letters in the longest unit word ("centimetres" is 11): longer is refused before pint
MAX_UNIT_PARTS = 4  # words joined by "/" ("mL/kg/h" is 3)

_DIGITS_AND_SEPARATORS = re.compile(r"[-+]?[0-9.,]+")
_NUMBER_AND_UNIT = re.compile(r"^(?P<number>[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))\s*(?P<unit>\S.*?)?$")
# a unit starts with a letter, % or µ (optionally in brackets); anything else after the digits
# (a second point, an x, an underscore) means the number itself was mistyped
_UNIT_START = re.compile(r"^\(?[^\W\d_]|^\(?[%µ]")
# what a unit may be made of once one pair of enclosing brackets is removed: a single word for a
# weight or a height ("kg", "lbs", "stone", "in"); words joined by "/" for a concentration or a rate
# ("mg/mL", "mL/kg/h"). Anything else ("#" comments, "**", digits, a trailing "." or ",", NUL,
# right-to-left marks, combining accents, a stray bracket) is refused, never read past.
_UNIT_WORD = re.compile(r"^[A-Za-zµ]+$")
_UNIT_RATIO = re.compile(r"^[A-Za-zµ%]+(?:/[A-Za-zµ]+)*$")
# weight units typed in capitals are unambiguous in a weight field ("70 KG", "154 LBS")
# typed in any case → the unit to parse; nothing outside this table is case-folded ("70 MG" stays refused)
_WEIGHT_WORDS = {
    **{word: word for word in ("kg", "kgs", "kilogram", "kilograms", "lb", "lbs", "pound", "pounds", "st", "stone")},
    **{"g": "g", "gram": "gram", "kilo": "kg", "kilos": "kg", "stones": "st", "grams": "g"},
}


def _split(text: str, field: Field, what: str, example: str) -> tuple[Decimal, str | None]:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(field, f"Enter the {what}.", missing=True)
    digits = _DIGITS_AND_SEPARATORS.match(cleaned)
    if digits and digits[0].count(",") + digits[0].count(".") > 1 and "," in digits[0]:
        raise InputError(
            field,
            f"“{digits[0]}” has a thousands separator or a decimal comma, so it could be read two ways. Type the "
            f"{what} with one decimal point and no separators, e.g. {example}.",
        )
    match = _NUMBER_AND_UNIT.match(cleaned)
    if not match:
        raise InputError(field, f"“{cleaned}” is not a number. Enter the {what} as digits, e.g. {example}.")
    unit = match["unit"]
    if unit and not _UNIT_START.match(unit):
        raise InputError(field, f"“{cleaned}” is not a number. Enter the {what} as digits, e.g. {example}.")
    if "," in match["number"]:
        raise InputError(field, "Use a decimal point, not a comma (e.g. 70.5), so 1,5 and 1,500 cannot be confused.")
    if len(match["number"]) > MAX_DIGITS:
        raise InputError(field, f"“{cleaned[:20]}…” has too many digits to be the {what}.")
    try:
        number = Decimal(match["number"])
    except InvalidOperation as error:  # pragma: no cover - the pattern only admits digits
        raise InputError(field, f"“{cleaned}” is not a number.") from error
    if unit and re.match(r"^[eE][-+]?[0-9]", unit):
        raise InputError(field, f"Write the {what} in full, e.g. {example}, not as {cleaned}.")
    return number, unit


def _unit_text(unit: str, ratio: bool) -> str | None:
    """The unit as pint should read it, or None when it is not plainly a unit. A word longer than
    any unit's (``MAX_UNIT_WORD``) is refused here, before pint, whose parsing of one long word
    takes time that grows with its square (a 32,767-letter "unit" took 10 s)."""
    if len(unit) > MAX_UNIT_PARTS * (MAX_UNIT_WORD + 3):
        return None
    if unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1].strip()
    compact = re.sub(r"\s*/\s*", "/", unit)
    parts = compact.split("/")
    if len(parts) > MAX_UNIT_PARTS or any(len(part) > MAX_UNIT_WORD for part in parts):
        return None
    return compact if (_UNIT_RATIO if ratio else _UNIT_WORD).match(compact) else None


def _unit(unit: str, field: Field, dimension: pint.util.UnitsContainer, what: str, *, ratio: bool = False) -> pint.Unit:
    plain = _unit_text(unit, ratio)
    if plain is None:
        raise InputError(field, f"“{unit}” is not a unit IVIG Desk knows for a {what}.")
    try:
        parsed = ureg().parse_units(plain)
    except Exception as error:  # pint raises several types for unknown or malformed units
        raise InputError(field, f"“{unit}” is not a unit IVIG Desk knows for a {what}.") from error
    if parsed.dimensionality != dimension:
        raise InputError(field, f"“{unit}” is not a unit of {what}.")
    return parsed


def _positive_measure(
    text: str,
    field: Field,
    what: str,
    example: str,
    dimension: pint.util.UnitsContainer,
    default_unit: str,
    words: Mapping[str, str] = MappingProxyType({}),
) -> tuple[Quantity, str]:
    """A typed number with an optional unit of ``dimension`` (``default_unit`` when none is
    typed), more than zero; returns the quantity and what was typed, for messages. A unit
    found in ``words`` (ignoring case and brackets) is read as the unit it maps to."""
    number, unit = _split(text, field, f"patient's {what}", example)
    if unit:
        bare = unit[1:-1].strip() if unit.startswith("(") and unit.endswith(")") else unit
        unit = words.get(bare.lower(), unit)
    unit_obj = _unit(unit, field, dimension, what) if unit else ureg().parse_units(default_unit)
    if number <= 0:
        raise InputError(field, f"{what.capitalize()} must be more than zero.")
    return Q(number, str(unit_obj)), f"{_decimal_text(number)} {unit or default_unit}"


_SHORT_UNITS = {  # a typed unit word, as the unit boxes name it
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), "kg"),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), "lb"),
    **dict.fromkeys(("st", "stone", "stones"), "st"),
    **dict.fromkeys(("g", "gram", "grams"), "g"),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "cm"),
    **dict.fromkeys(("in", "inch", "inches"), "in"),
    **dict.fromkeys(("ft", "foot", "feet"), "ft"),
    "m": "m",
}


def typed_unit(text: str) -> str | None:
    """The unit typed after a number, as the unit boxes name it ("154 lbs" → "lb"), or None."""
    match = _NUMBER_AND_UNIT.match(" ".join(text.split()))
    unit = match["unit"] if match else None
    if not unit or not _UNIT_START.match(unit) or len(unit) > MAX_UNIT_WORD + 2:
        return None  # not a unit ("1.234,5" has none): the number's own check says what is wrong
    bare = unit[1:-1].strip() if unit.startswith("(") and unit.endswith(")") else unit
    return _SHORT_UNITS.get(bare.lower(), bare)


def parse_weight(text: str, default_unit: str = "kg", field: Field = Field.WEIGHT) -> Quantity:
    """Parse a patient weight such as ``70``, ``70.5 kg`` or ``154 lb`` into kilograms.

    ``field`` names the input in any refusal (e.g. ``Field.PRE_PREGNANCY_WEIGHT``)."""
    weight, typed = _positive_measure(
        text, field, "weight", "70.5", ureg().kilogram.dimensionality, default_unit, _WEIGHT_WORDS
    )
    return require_plausible_weight(weight, typed, field)


def require_plausible_weight(weight: Quantity, typed: str | None = None, field: Field = Field.WEIGHT) -> Quantity:
    """Return ``weight`` in kg, or refuse a weight that is not a mass or is out of range."""
    if weight.dimensionality != ureg().kilogram.dimensionality:
        raise InputError(field, f"{weight.units} is not a unit of weight.")
    weight = weight.to("kg")
    if not WEIGHT_MIN_KG <= weight.magnitude <= WEIGHT_MAX_KG:
        typed = typed or f"{_decimal_text(weight.magnitude, 2)} kg"
        if not typed.endswith(" kg"):
            kg = _decimal_text(weight.magnitude, 1)
            typed += f" ({kg} kg)" if kg != "0" else " (less than 0.1 kg)"
        raise InputError(
            field,
            f"{typed} is outside the accepted {WEIGHT_MIN_KG}–{WEIGHT_MAX_KG} kg. "
            "Check the number and the unit (kg or lb).",
        )
    return weight


def weight_caution(weight: Quantity) -> str | None:
    """A caution for a plausible but unusual weight, or None."""
    kg = weight.to("kg").magnitude
    if kg < WEIGHT_CAUTION_BELOW_KG:
        return f"Weight under {WEIGHT_CAUTION_BELOW_KG} kg: check it is right for this patient."
    if kg > WEIGHT_CAUTION_ABOVE_KG:
        return f"Weight over {WEIGHT_CAUTION_ABOVE_KG} kg: check it, and the weight used for dosing."
    return None


ADULT_MIN_KG = Decimal(30)
CHILD_CAUTION_ABOVE_KG = Decimal(80)


def weight_for_patients(weight: Quantity, patients: str, indication: str, field: Field = Field.WEIGHT) -> str | None:
    """Check a weight (kg) against whom the indication is dosed for: refuse an adult-only
    indication under 30 kg; return a caution for a child-only indication over 80 kg, else None.
    Both limits are IVIG Desk input checks, not clinical rules."""
    kg = weight.to("kg").magnitude
    if patients == "adults" and kg < ADULT_MIN_KG:
        raise InputError(
            field,
            f"{_decimal_text(kg, 1)} kg is not a plausible weight for {indication}, which is dosed for an adult "
            f"(under {ADULT_MIN_KG} kg is refused). Check the number and the unit.",
        )
    if patients == "children" and kg > CHILD_CAUTION_ABOVE_KG:
        return (
            f"{indication} is a disease of children in the source, and {_decimal_text(kg, 1)} kg is over "
            f"{CHILD_CAUTION_ABOVE_KG} kg: check the weight and the diagnosis."
        )
    return None


def parse_concentration(text: str) -> Quantity:
    """Parse a product concentration such as ``10%``, ``5 %``, ``100 mg/mL`` into g/mL.

    A percentage is weight per volume: 10 % is 10 g per 100 mL.
    """
    number, unit = _split(text, Field.CONCENTRATION, "product concentration", "10 %")
    if number <= 0:
        raise InputError(Field.CONCENTRATION, "Concentration must be more than zero.")
    if not unit:
        raise InputError(
            Field.CONCENTRATION, f"Give a unit: {_decimal_text(number)} % or {_decimal_text(number)} mg/mL?"
        )
    if unit.strip() in {"%", "% w/v", "%w/v"}:
        concentration = Q(number / 100, "g/mL")  # w/v: 10 % is 10 g per 100 mL
    else:
        per_volume = (ureg().kilogram / ureg().liter).dimensionality
        concentration = Q(number, str(_unit(unit, Field.CONCENTRATION, per_volume, "concentration", ratio=True))).to(
            "g/mL"
        )
    return require_plausible_concentration(concentration)


def require_plausible_concentration(concentration: Quantity) -> Quantity:
    """Return ``concentration`` in g/mL, or refuse one that is not a mass per volume or out of range."""
    if concentration.dimensionality != (ureg().kilogram / ureg().liter).dimensionality:
        raise InputError(Field.CONCENTRATION, f"{concentration.units} is not a unit of concentration.")
    concentration = concentration.to("g/mL")
    percent = concentration.magnitude * 100
    if not CONCENTRATION_MIN_PERCENT <= percent <= CONCENTRATION_MAX_PERCENT:
        raise InputError(
            Field.CONCENTRATION,
            f"{_decimal_text(percent, 2)} % is not an IV immunoglobulin concentration: products are 5 % "
            f"or 10 % (accepted {CONCENTRATION_MIN_PERCENT}–{CONCENTRATION_MAX_PERCENT} %).",
        )
    return concentration


def _decimal_text(value: Decimal, places: int | None = None) -> str:
    if value.adjusted() > 12:  # too large to quantize in Decimal's 28 digits; only ever shown in a refusal
        return f"{value:.2E}"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


HEIGHT_MIN_CM = Decimal(40)
HEIGHT_MAX_CM = Decimal(250)
RATE_MAX_ML_PER_KG_H = Decimal(20)
_GESTATION = re.compile(r"^(?P<weeks>[0-9]{1,2})(?:\s*\+\s*(?P<days>[0-6]))?$")


def parse_height(text: str, default_unit: str = "cm") -> Quantity:
    """Parse a height such as ``175``, ``175 cm``, ``1.75 m`` or ``69 in`` into centimetres."""
    height, typed = _positive_measure(text, Field.HEIGHT, "height", "175", ureg().meter.dimensionality, default_unit)
    return require_plausible_height(height, typed)


def require_plausible_height(height: Quantity, typed: str | None = None) -> Quantity:
    """Return ``height`` in cm, or refuse one that is not a length or is out of range."""
    if height.dimensionality != ureg().meter.dimensionality:
        raise InputError(Field.HEIGHT, f"{height.units} is not a unit of height.")
    height = height.to("cm")
    typed = typed or f"{_decimal_text(height.magnitude, 1)} cm"
    if not HEIGHT_MIN_CM <= height.magnitude <= HEIGHT_MAX_CM:
        raise InputError(
            Field.HEIGHT,
            f"{typed} is outside the accepted {HEIGHT_MIN_CM}–{HEIGHT_MAX_CM} cm. "
            "Check the number and the unit (cm, m or in).",
        )
    return height


def parse_rate(text: str, field: Field = Field.RATES, default_unit: str | None = None) -> Quantity:
    """Parse a rate per kg from the SmPC, such as ``0.5 mL/kg/h`` or ``0.01 mL/kg/min``, into
    mL/kg/h; a bare number takes ``default_unit`` if one is given, else is refused."""
    number, unit = _split(text, field, "rate per kg", "0.5 mL/kg/h")
    if number <= 0:
        raise InputError(field, "A rate must be more than zero.")
    unit = unit or default_unit
    if not unit:
        raise InputError(field, f"Give a unit: {_decimal_text(number)} mL/kg/h or {_decimal_text(number)} mL/kg/min?")
    per_kg_h = (ureg().liter / ureg().kilogram / ureg().hour).dimensionality
    rate = Q(number, str(_unit(unit, field, per_kg_h, "rate per kg (mL/kg/h)", ratio=True))).to("mL/kg/h")
    if rate.magnitude > RATE_MAX_ML_PER_KG_H:
        raise InputError(field, f"{_decimal_text(rate.magnitude, 2)} mL/kg/h is faster than any IVIG label allows.")
    return rate


def parse_own_rates(initial: str, minutes: int, maximum: str, default_unit: str | None = None) -> OwnRates:
    """The initial rate (for ``minutes``) and the maximum rate a user read from the SmPC."""
    first = parse_rate(initial, Field.RATES, default_unit)
    top = parse_rate(maximum, Field.RATES, default_unit)
    if first > top:
        raise InputError(Field.RATES, "The initial rate is faster than the maximum rate.")
    if not 1 <= minutes <= 240:
        raise InputError(Field.RATES, "The minutes at the initial rate must be from 1 to 240.")
    return OwnRates(first.magnitude, minutes, top.magnitude)


AGE_MAX_YEARS = Decimal(120)
AGE_UNITS = {  # an age typed with its unit, in any case; the unit box gives it otherwise
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), Decimal(1)),
    **dict.fromkeys(("mo", "mos", "month", "months"), Decimal(12)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), Decimal(52)),
}


def parse_age(text: str, default_unit: str = "years") -> Decimal:
    """An age such as ``4``, ``4 years``, ``6 months`` or ``10 weeks``, in years (a year is 12
    months or 52 weeks here: ages are compared only with whole-year thresholds)."""
    number, unit = _split(text, Field.AGE, "patient's age", "4 or 6 months")
    per_year = AGE_UNITS.get((unit or default_unit).strip().lower())
    if per_year is None:
        raise InputError(Field.AGE, f"“{unit}” is not a unit of age: write years, months or weeks.")
    if number < 0:
        raise InputError(Field.AGE, "Age cannot be below zero.")
    years = number / per_year
    if years > AGE_MAX_YEARS:
        raise InputError(Field.AGE, f"{_decimal_text(number)} {unit or default_unit} is not a plausible age.")
    return years


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_start_date(text: str, on: date | None = None) -> date:
    """A first-infusion date written YYYY-MM-DD, within a year of today (or ``on``): an input
    check, since a plan is made for a course about to start or recorded for one given this past year."""
    today_ = on or start_dates.today()
    cleaned = text.strip()
    example = (today_ + timedelta(days=7)).isoformat()
    if not _ISO_DATE.match(cleaned):  # not ISO week dates (2027-W01-1) or run-together digits (20270105)
        raise InputError(Field.START_DATE, f"“{cleaned}” is not a date: write YYYY-MM-DD, e.g. {example}.")
    try:
        start = date.fromisoformat(cleaned)
    except ValueError as error:
        raise InputError(Field.START_DATE, f"“{cleaned}” is not a date on the calendar.") from error
    if abs(start - today_) > start_dates.START_DATE_RANGE:
        raise InputError(
            Field.START_DATE,
            f"{start:%d %b %Y} is more than a year from today ({today_:%d %b %Y}): check the year. IVIG Desk "
            "plans courses that start within a year either side of today.",
        )
    return start


def parse_gestation(text: str) -> int:
    """Parse a gestation written as weeks+days (``16+3``) or weeks (``16``) into days."""
    match = _GESTATION.match(" ".join(text.split()))
    if not match:
        raise InputError(Field.GESTATION, f"“{text.strip()}” is not a gestation: write weeks+days, e.g. 16+3.")
    days = int(match["weeks"]) * 7 + int(match["days"] or 0)
    if days > 45 * 7:
        raise InputError(Field.GESTATION, "Gestation must be at most 45 weeks.")
    return days
