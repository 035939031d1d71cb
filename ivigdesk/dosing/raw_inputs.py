"""What the user typed, as typed, and the one function that turns it into a request.

The window's inputs panel and ``ivigdesk-calc`` both fill in a :class:`RawInputs` (strings and
flags, nothing parsed) and call :func:`build_request`, so every rule about reading an input is
written once. A refusal is an :class:`InputError` naming the field it belongs beside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from ivigdesk.dosing.body_weight import Patient, Sex
from ivigdesk.dosing.errors import NO_DIAGNOSIS, InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.inputs import (
    parse_age,
    parse_concentration,
    parse_gestation,
    parse_height,
    parse_own_rates,
    parse_start_date,
    parse_weight,
    typed_unit,
)
from ivigdesk.dosing.request import DoseRequest, Settings
from ivigdesk.dosing.schedule import OwnRates
from ivigdesk.knowledge.risks import ENTERABLE, Risk

if TYPE_CHECKING:
    from ivigdesk.units import Quantity

SEXES: Mapping[str, Sex] = MappingProxyType({"male": "male", "female": "female"})
ANSWER_WORDS: Mapping[str, bool] = MappingProxyType({"yes": True, "no": False})


@dataclass(frozen=True)
class RawInputs:
    """Every input as the user gave it. Empty text means "not given"; ``answers`` maps a question
    id to the word the user chose ("yes" or "no"); ``days`` and ``initial_minutes`` are text too.

    ``weight_unit`` and ``height_unit`` are the units chosen in a box beside the field (the
    window's): a unit typed in the field must then agree with it. Empty (``ivigdesk-calc``, which
    has no box): a bare number is in kg or cm, and a unit typed with it is used."""

    indication_id: str | None = None
    circumstance_id: str | None = None
    regimen_id: str | None = None
    answers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    weight: str = ""
    weight_unit: str = ""
    height: str = ""
    height_unit: str = ""
    sex: str = ""
    age: str = ""
    age_unit: str = "years"
    under_18: bool = False  # known to be under 18 without an age (ivigdesk-calc --under-18)
    pregnant: bool = False
    pre_pregnancy_weight: str = ""
    use_actual_weight: bool = False
    days: str = ""
    product_id: str | None = None
    concentration: str = ""
    initial_rate: str = ""
    initial_minutes: str = "30"
    maximum_rate: str = ""
    rate_unit: str = ""  # the unit shown beside the rate fields, for a bare number ("": type one)
    risks: tuple[str, ...] = ()  # patient risks marked, by name ("renal", "thrombosis"…)
    start_date: str = ""
    gestation: str = ""


def build_request(raw: RawInputs, settings: Settings, today: date | None = None) -> DoseRequest:
    """The request ``raw`` describes under the pharmacy's ``settings``; raises InputError for the
    first input that cannot be used (``today`` bounds the start date; default: the real date)."""
    if not raw.indication_id:
        raise InputError(Field.INDICATION, NO_DIAGNOSIS, missing=True)
    _units_agree(raw.weight, raw.weight_unit, Field.WEIGHT)
    _units_agree(raw.height, raw.height_unit, Field.HEIGHT)
    return DoseRequest(
        indication_id=raw.indication_id,
        circumstance_id=raw.circumstance_id,
        regimen_id=raw.regimen_id,
        answers=MappingProxyType(_answers(raw.answers)),
        weight=parse_weight(raw.weight, raw.weight_unit or "kg") if raw.weight.strip() else None,
        concentration=_concentration(raw),
        days=_whole_number(raw.days, Field.DAYS, "the number of days"),
        patient=_patient(raw),
        use_actual_weight=raw.use_actual_weight,
        product_id=raw.product_id or None,
        own_rates=_own_rates(raw),
        risks=_risks(raw.risks),
        start_date=parse_start_date(raw.start_date, today) if raw.start_date.strip() else None,
        gestation_days=parse_gestation(raw.gestation) if raw.gestation.strip() else None,
        settings=settings,
        typed=_typed(raw),
    )


def _typed(raw: RawInputs) -> tuple[tuple[str, str], ...]:
    """What was typed for each measure, with the unit it was read in (for the patient as entered)."""
    entries = (
        ("Weight", raw.weight, raw.weight_unit or "kg"),
        ("Height", raw.height, raw.height_unit or "cm"),
        ("Age", raw.age, raw.age_unit),
        ("Pre-pregnancy weight", raw.pre_pregnancy_weight, raw.weight_unit or "kg"),
    )
    return tuple((what, _with_unit(text, unit)) for what, text, unit in entries if text.strip())


def _with_unit(text: str, unit: str) -> str:
    cleaned = " ".join(text.split())
    return cleaned if any(ch.isalpha() for ch in cleaned) else f"{cleaned} {unit}"


def _units_agree(text: str, box: str, field_: Field) -> None:
    """A unit typed in the field must be the unit chosen beside it ("154 kg" with the box on lb is
    refused, never silently read as kg). ``box`` "" means there is no unit box (ivigdesk-calc)."""
    typed = typed_unit(text)
    if box and typed is not None and typed != box:
        raise InputError(
            field_,
            f"The {field_} is typed in {typed} but the unit beside it is {box}: type the number alone in {box}, "
            "or choose the unit that matches.",
        )


def _answers(answers: Mapping[str, str]) -> dict[str, bool]:
    read = {}
    for question, word in answers.items():
        value = ANSWER_WORDS.get(word.strip().lower())
        if value is None:
            raise InputError(Field.ANSWERS, f"“{question}={word}”: answer yes or no.")
        read[question.strip()] = value
    return read


def _concentration(raw: RawInputs) -> Quantity | None:
    """The concentration typed (the product gives it otherwise; the calculation checks they agree)."""
    if raw.concentration.strip():
        return parse_concentration(raw.concentration)
    return None  # the calculation asks for it only where the source gives a dose


def _whole_number(text: str, field_: Field, what: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isascii() or not cleaned.isdigit():
        raise InputError(field_, f"“{cleaned}” is not a whole number: give {what} as digits.")
    return int(cleaned)


def _risks(names: tuple[str, ...]) -> frozenset[Risk]:
    known = {risk.value: risk for risk in ENTERABLE}
    for name in names:
        if name not in known:
            raise InputError(Field.RISKS, f"“{name}” is not a patient risk IVIG Desk knows: {', '.join(known)}.")
    return frozenset(known[name] for name in names)


def _patient(raw: RawInputs) -> Patient:
    if raw.sex.strip() and raw.sex.strip().lower() not in SEXES:
        raise InputError(Field.SEX, "Sex must be male or female for the ideal body weight, or left blank.")
    return Patient(
        height=parse_height(raw.height, raw.height_unit or "cm") if raw.height.strip() else None,
        sex=SEXES.get(raw.sex.strip().lower()),
        under_18=raw.under_18,
        age_years=parse_age(raw.age, raw.age_unit) if raw.age.strip() else None,
        pregnant=raw.pregnant,
        pre_pregnancy_weight=(
            parse_weight(raw.pre_pregnancy_weight, raw.weight_unit or "kg", Field.PRE_PREGNANCY_WEIGHT)
            if raw.pre_pregnancy_weight.strip()
            else None
        ),
    )


def _own_rates(raw: RawInputs) -> OwnRates | None:
    """Rates read from the SmPC for a product whose rates are not confirmed: both, or neither."""
    initial, maximum = raw.initial_rate.strip(), raw.maximum_rate.strip()
    if not (initial or maximum):
        return None
    if not (initial and maximum):
        raise InputError(
            Field.RATES, "Enter both the initial and the maximum rate from the SmPC (give both, or neither)."
        )
    minutes = _whole_number(raw.initial_minutes, Field.RATES, "the minutes at the initial rate")
    return parse_own_rates(initial, minutes if minutes is not None else 30, maximum, raw.rate_unit or None)
