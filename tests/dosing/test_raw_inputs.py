"""build_request: what was typed, read once into a request, or refused beside its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ivigdesk.dosing.errors import NO_DIAGNOSIS, InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.raw_inputs import RawInputs, build_request
from ivigdesk.dosing.request import Settings
from ivigdesk.dosing.schedule import OwnRates
from ivigdesk.knowledge.risks import Risk

LB = D("0.45359237")  # kg, exactly


def build(**typed):
    return build_request(RawInputs(**{"indication_id": "gbs", **typed}), Settings(), date(2026, 11, 26))


def refused(**typed) -> InputError:
    with pytest.raises(InputError) as caught:
        build(**typed)
    return caught.value


def test_no_diagnosis_is_a_prompt():
    error = refused(indication_id="")
    assert (error.field, error.message, error.missing) == (Field.INDICATION, NO_DIAGNOSIS, True)


def test_empty_fields_are_not_given():
    request = build()
    assert (request.weight, request.concentration, request.days, request.product_id) == (None, None, None, None)
    assert (request.patient.height, request.patient.sex, request.start_date, request.own_rates) == (None,) * 4
    assert request.typed == ()


@pytest.mark.parametrize(
    ("typed", "box", "kg"),
    [("70", "", D(70)), ("154 lb", "", 154 * LB), ("154", "lb", 154 * LB), ("70 kg", "kg", D(70))],
)
def test_the_weight_is_read_in_kilograms(typed, box, kg):
    assert build(weight=typed, weight_unit=box).weight.to("kg").magnitude == kg


def test_a_unit_typed_must_agree_with_the_unit_box():
    error = refused(weight="154 kg", weight_unit="lb")
    assert error.field == Field.WEIGHT
    assert error.message.startswith("The weight is typed in kg but the unit beside it is lb")
    assert refused(height="69 in", height_unit="cm").field == Field.HEIGHT


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"weight": "500"}, Field.WEIGHT),
        ({"height": "17"}, Field.HEIGHT),
        ({"sex": "x"}, Field.SEX),
        ({"age": "-3"}, Field.AGE),
        ({"pre_pregnancy_weight": "0.5"}, Field.PRE_PREGNANCY_WEIGHT),
        ({"concentration": "20%"}, Field.CONCENTRATION),
        ({"days": "3.5"}, Field.DAYS),
        ({"days": "٣"}, Field.DAYS),  # an Arabic-Indic three: not ASCII digits
        ({"start_date": "2020-01-01"}, Field.START_DATE),
        ({"gestation": "50+9"}, Field.GESTATION),
        ({"answers": {"within-3-months-of-onset": "maybe"}}, Field.ANSWERS),
        ({"risks": ("obesity",)}, Field.RISKS),  # worked out from height and weight, never entered
        ({"initial_rate": "1 mL/kg/h"}, Field.RATES),  # the maximum too, or neither
        ({"initial_rate": "1", "maximum_rate": "2", "rate_unit": "mL/kg/h", "initial_minutes": "x"}, Field.RATES),
    ],
)
def test_each_input_is_refused_beside_its_own_field(typed, field):
    assert refused(**typed).field == field


def test_the_patient_is_read_once():
    request = build(
        weight="80", height="1.65 m", sex=" FEMALE ", age="6 months", pregnant=True, pre_pregnancy_weight="70"
    )
    patient = request.patient
    assert patient.height.to("cm").magnitude == 165
    assert patient.sex == "female" and patient.pregnant
    assert patient.age_years == D("0.5")  # 6 months ÷ 12
    assert patient.pre_pregnancy_weight.to("kg").magnitude == 70


def test_words_become_answers_risks_days_and_dates():
    request = build(
        answers={"within-3-months-of-onset": " Yes "}, risks=("renal", "thrombosis"), days="3",
        start_date="2026-12-10", gestation="16+3",
    )  # fmt: skip
    assert dict(request.answers) == {"within-3-months-of-onset": True}
    assert request.risks == {Risk.RENAL, Risk.THROMBOSIS}
    assert request.days == 3 and request.start_date == date(2026, 12, 10)
    assert request.gestation_days == 16 * 7 + 3


def test_own_rates_are_both_or_neither_in_the_unit_beside_them():
    request = build(initial_rate="1", maximum_rate="2", rate_unit="mL/kg/h", initial_minutes="20")
    assert request.own_rates == OwnRates(D(1), 20, D(2))
    # 0.01 mL/kg/min × 60 = 0.6 mL/kg/h, for the default 30 minutes
    typed = build(initial_rate="0.01 mL/kg/min", maximum_rate="0.08 mL/kg/min")
    assert typed.own_rates == OwnRates(D("0.6"), 30, D("4.8"))


def test_the_patient_as_typed_keeps_each_unit():
    request = build(weight="154", weight_unit="lb", height="1.65 m", age="4", pre_pregnancy_weight="140")
    assert request.typed == (
        ("Weight", "154 lb"),
        ("Height", "1.65 m"),
        ("Age", "4 years"),
        ("Pre-pregnancy weight", "140 lb"),
    )


def test_the_settings_are_passed_through():
    settings = Settings(weight_rule="actual", rounding="none")
    assert build_request(RawInputs(indication_id="gbs"), settings).settings is settings
