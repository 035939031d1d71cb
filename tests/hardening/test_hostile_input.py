"""Hostile and pasted input: every field gives exact kilograms or refuses in words, never a guess."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal as D

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivigdesk.dosing.calculate import calculate
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.inputs import (
    parse_concentration,
    parse_gestation,
    parse_height,
    parse_rate,
    parse_weight,
)
from ivigdesk.dosing.request import DoseRequest
from ivigdesk.dosing.units import Q

LB = D("0.45359237")


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("70kg", D(70)),
        ("70 KG", D(70)),
        ("70 Kg", D(70)),
        ("70 kilos", D(70)),
        ("70 (kg)", D(70)),
        ("70\u00a0kg", D(70)),  # a non-breaking space pasted from a web page or a letter
        ("\t70\tkg\n", D(70)),
        ("70.", D(70)),
        ("+70", D(70)),
        ("154 lbs", 154 * LB),
        ("154 LBS", 154 * LB),
        ("154 pounds", 154 * LB),
        ("11 stone", 154 * LB),
        ("3500 g", D("3.5")),
    ],
)
def test_pasted_weights_are_understood_exactly(text, kg):
    assert parse_weight(text).magnitude == kg


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("NaN", "not a number"),
        ("nan kg", "not a number"),
        ("Infinity", "not a number"),
        ("-inf", "not a number"),
        ("0x46", "not a unit"),
        ("70.5.5", "not a number"),
        ("1_000", "not a number"),
        ("70 1", "not a number"),
        ("١٢٣", "not a number"),  # Arabic-Indic digits: Python would read them, a checker might not
        ("７０", "not a number"),  # full-width digits
        ("70,5 kg", "decimal point"),
        ("1,500", "decimal point"),
        ("70 lb 4 oz", "not a unit"),
        ("10 stone 3", "not a unit"),
        ("70 MG", "not a unit"),
        ("70 mg", "less than 0.1 kg"),
        ("70 st", "444.5 kg"),
        ("70000", "outside the accepted"),  # grams typed into a kg field
        ("2e1 kg", "in full"),
        ("70 kg/m2", "not a unit"),
        ("70 mL", "not a unit of weight"),
        ("-0", "more than zero"),
        ("0.0 kg", "more than zero"),
    ],
)
def test_hostile_weights_are_refused_in_words(text, words):
    with pytest.raises(InputError) as caught:
        parse_weight(text)
    assert words in caught.value.message


def _kg_or_refused(parse, text: str) -> D | None:
    try:
        return parse(text).magnitude
    except InputError as error:
        assert error.message and error.field
        return None


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=40))
@example("9" * 5000)
@example("1" + "0" * 400 + " kg")
@example("\x00")
@example("70 kg\u202e")
def test_any_text_gives_a_weight_in_range_or_a_refusal(text):
    kg = _kg_or_refused(parse_weight, text)
    assert kg is None or D(1) <= kg <= D(250)


FACTORS = {"": D(1), "kg": D(1), "kgs": D(1), "g": D("0.001"), "lb": LB, "lbs": LB}
READING = re.compile(r"^\+?(?P<number>[0-9]+\.?[0-9]*|\.[0-9]+)\s*(?P<unit>[a-z]*)$")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="0123456789.,-+ eEkKgGlLbBsS%()/m", max_size=14))
def test_number_like_text_is_never_misread(text):
    """Whatever parses is what a person reads: one number, then kg, g, lb or nothing."""
    kg = _kg_or_refused(parse_weight, text)
    if kg is not None:
        reading = READING.match(" ".join(text.split()).lower().replace("(kg)", "kg"))
        assert reading, f"{text!r} was accepted as {kg} kg"
        assert kg == D(reading["number"]) * FACTORS[reading["unit"]]


@settings(max_examples=500, deadline=None)
@given(st.decimals(min_value=1, max_value=250, places=3), st.sampled_from(["", " kg", "kg", " KG", " lb", " lbs"]))
def test_a_typed_weight_round_trips_exactly(number, unit):
    text = f"{number}{unit}"
    expected = number * LB if "l" in unit.lower() else number
    if D(1) <= expected <= D(250):
        assert parse_weight(text).magnitude == expected


@settings(max_examples=800, deadline=None)
@given(st.text(max_size=30))
def test_other_fields_never_raise_anything_but_a_refusal(text):
    for parse, low, high in (
        (parse_height, D(40), D(250)),
        (lambda t: parse_concentration(t).to("mg/mL"), D(30), D(120)),
        (lambda t: parse_rate(t, default_unit="mL/kg/h"), D(0), D(20)),
    ):
        value = _kg_or_refused(parse, text)
        assert value is None or low <= value <= high
    with contextlib.suppress(InputError):
        assert 0 <= parse_gestation(text) <= 45 * 7


@pytest.mark.parametrize(
    ("indication", "circumstance"),
    [("lupus-pregnancy", "steroid-sparing"), ("lupus-chb", "prophylaxis")],
)
@pytest.mark.parametrize("weight", ["3 kg", "18 kg", "29.9 kg", "6 lb"])
def test_an_adult_only_indication_refuses_a_child_or_baby_weight(kb, indication, circumstance, weight):
    with pytest.raises(InputError) as caught:
        calculate(kb, DoseRequest(indication, circumstance, parse_weight(weight), Q(D("0.1"), "g/mL"), 1))
    assert caught.value.field == "weight"
    assert "dosed for an adult" in caught.value.message


def test_an_adult_only_indication_checks_the_pre_pregnancy_weight_too(kb):
    from ivigdesk.dosing.body_weight import Patient

    request = DoseRequest(
        "lupus-pregnancy",
        "steroid-sparing",
        Q(70, "kg"),
        Q(D("0.1"), "g/mL"),
        1,
        patient=Patient(pre_pregnancy_weight=Q(12, "kg")),
    )
    with pytest.raises(InputError) as caught:
        calculate(kb, request)
    assert caught.value.field == "pre-pregnancy weight"


def test_adult_weight_is_dosed_for_an_adult_only_indication(kb):
    plan = calculate(kb, DoseRequest("lupus-pregnancy", "steroid-sparing", Q(30, "kg"), Q(D("0.1"), "g/mL"), 1))
    assert plan.total_dose.to("g").magnitude == 15  # 500 mg/kg × 30 kg (Table 4)


def test_a_child_only_indication_questions_an_adult_weight_but_still_doses(kb):
    plan = calculate(kb, DoseRequest("kawasaki", "confirmed", Q(95, "kg"), Q(D("0.1"), "g/mL"), 1))
    assert plan.total_dose.to("g").magnitude == 190  # 2 g/kg × 95 kg (Table 2)
    assert any("disease of children" in w.text for w in plan.warnings)
    ok = calculate(kb, DoseRequest("kawasaki", "confirmed", Q(18, "kg"), Q(D("0.1"), "g/mL"), 1))
    assert not any("disease of children" in w.text for w in ok.warnings)


@pytest.mark.parametrize(("kg", "words"), [("8", "under 10 kg"), ("160", "over 150 kg")])
def test_unusual_but_plausible_weights_calculate_with_a_caution(kb, kg, words):
    plan = calculate(kb, DoseRequest("gbs", "lupus-associated", Q(D(kg), "kg"), Q(D("0.1"), "g/mL"), 5))
    assert plan.total_dose.to("g").magnitude == D(kg) * 2  # 400 mg/kg/day × 5 days (Table 2)
    assert any(words in w.text for w in plan.warnings)
