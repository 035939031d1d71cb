"""Hostile and pasted input: every field gives exact kilograms or refuses in words, never a guess."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from ivigdesk.dosing.calculate import calculate
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.inputs import (
    parse_concentration,
    parse_gestation,
    parse_height,
    parse_rate,
    parse_weight,
)
from ivigdesk.dosing.raw_inputs import RawInputs, build_request
from ivigdesk.dosing.request import Settings
from ivigdesk.knowledge.risks import Risk
from tests.support.profiles import examples

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


@settings(max_examples=examples(1500), deadline=None)
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


@settings(max_examples=examples(1500), deadline=None)
@given(st.text(alphabet="0123456789.,-+ eEkKgGlLbBsS%()/m", max_size=14))
def test_number_like_text_is_never_misread(text):
    """Whatever parses is what a person reads: one number, then kg, g, lb or nothing."""
    kg = _kg_or_refused(parse_weight, text)
    if kg is not None:
        reading = READING.match(" ".join(text.split()).lower().replace("(kg)", "kg"))
        assert reading, f"{text!r} was accepted as {kg} kg"
        assert kg == D(reading["number"]) * FACTORS[reading["unit"]]


@settings(max_examples=examples(500), deadline=None)
@given(st.decimals(min_value=1, max_value=250, places=3), st.sampled_from(["", " kg", "kg", " KG", " lb", " lbs"]))
def test_a_typed_weight_round_trips_exactly(number, unit):
    text = f"{number}{unit}"
    expected = number * LB if "l" in unit.lower() else number
    if D(1) <= expected <= D(250):
        assert parse_weight(text).magnitude == expected


@settings(max_examples=examples(800), deadline=None)
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


# -- the calculation core, fed anything typed, the way every face feeds it -------------------------

from ivigdesk.knowledge.loader import load_knowledge_base  # noqa: E402
from ivigdesk.knowledge.products import load_product_catalogue  # noqa: E402
from ivigdesk.knowledge.risks import ENTERABLE  # noqa: E402

KB = load_knowledge_base()
CATALOGUE = load_product_catalogue()
TODAY = date(2026, 11, 26)  # the conftest's hand-worked today
IDS = [i.id for i in KB.indications]
CIRCUMSTANCES = sorted({c.id for i in KB.indications for c in i.circumstances})
REGIMENS = sorted({r.id for i in KB.indications for c in i.circumstances for r in c.regimens})
QUESTIONS = sorted({q.id for i in KB.indications for c in i.circumstances for q in c.questions})
odd_numbers = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6, places=4),
    st.sampled_from([D(0), D("-1"), D("1e-30"), D("1e30"), D("0.0001")]),
)
# a number as a person or a paste might write it: plain, or in Decimal's own exponent form
odd_number_text = st.builds(lambda n, plain: format(n, "f") if plain else str(n), odd_numbers, st.booleans())


def measure_text(units: list[str]) -> st.SearchStrategy[str]:
    """An odd number, with one of ``units`` (or none) after it, or any text at all."""
    typed = st.builds(lambda n, unit: f"{n} {unit}".strip(), odd_number_text, st.sampled_from(["", *units]))
    return st.one_of(typed, st.text(max_size=12))


def date_text(low: date, high: date) -> st.SearchStrategy[str]:
    return st.dates(min_value=low, max_value=high).map(date.isoformat)


PAIRS = [(i.id, c) for i in KB.indications for c in i.circumstances]
PRODUCTS = [p.id for p in CATALOGUE.products]
RISK_NAMES = [r.value for r in Risk]  # the derived ones (age over 65, obesity) cannot be entered
odd_text = st.text(max_size=10)
ODD = {  # what a user (or a paste) might put in each field
    "indication_id": st.one_of(st.sampled_from(IDS), st.none(), odd_text),
    "circumstance_id": st.one_of(st.none(), st.sampled_from(CIRCUMSTANCES), odd_text),
    "regimen_id": st.one_of(st.sampled_from(REGIMENS), odd_text),
    "answers": st.dictionaries(
        st.one_of(st.sampled_from(QUESTIONS), odd_text), st.one_of(st.sampled_from(["yes", "no"]), odd_text), max_size=3
    ),
    "weight": measure_text(["kg", "lb", "g", "mg", "mL", "h", "cm", "st"]),
    "weight_unit": st.sampled_from(["", "kg", "lb", "st", "g"]),
    "height": measure_text(["cm", "m", "in", "kg", "mL"]),
    "sex": st.one_of(st.sampled_from(["", "male", "female", "other", "FEMALE"]), odd_text),
    "age": measure_text(["years", "months", "weeks", "kg"]),
    "pregnant": st.booleans(),
    "pre_pregnancy_weight": measure_text(["kg", "lb", "g", "mL"]),
    "concentration": measure_text(["%", "mg/mL", "g/mL", "g/L", "kg"]),
    "days": st.one_of(st.integers(-5, 10**6).map(str), odd_text),
    "product_id": st.one_of(st.sampled_from(PRODUCTS), odd_text),
    "initial_rate": measure_text(["mL/kg/h", "mL/kg/min", "mL/h"]),
    "maximum_rate": measure_text(["mL/kg/h", "mL/kg/min", "mL/h"]),
    "risks": st.lists(st.one_of(st.sampled_from(RISK_NAMES), odd_text), max_size=3).map(tuple),
    # any date on the calendar, and many within the year either side of today that a start date may be
    "start_date": st.one_of(
        date_text(date(1, 1, 1), date(9999, 12, 31)), date_text(date(2025, 11, 26), date(2027, 11, 26)), odd_text
    ),
    "gestation": st.one_of(
        st.builds(lambda w, d: f"{w}+{d}", st.integers(-2, 60), st.integers(-1, 9)), st.integers(-10, 400).map(str)
    ),
}
ODD["settings"] = st.builds(
    Settings,
    weight_rule=st.sampled_from(["ontario", "bloodstar-2026", "actual", "guess"]),
    adjustment_factor=odd_numbers,
    rounding=st.sampled_from(["vials", "nearest-5g", "none", "up"]),
    tolerance_percent=odd_numbers,
)


@st.composite
def any_inputs(draw):
    """Well-formed inputs from the knowledge base, typed as text, with none, one or a few fields
    made odd; and the pharmacy's settings, sometimes odd too."""
    indication, c = draw(st.sampled_from(PAIRS))
    questions = [q.id for q in c.questions]
    product = draw(st.sampled_from([None, *PRODUCTS]))
    height = draw(st.one_of(st.none(), st.integers(140, 200)))
    start = draw(st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 6, 30))))
    regimen_id = draw(st.sampled_from([None, *[r.id for r in c.regimens]]))
    regimen = c.regimen(regimen_id)
    days = draw(st.integers(regimen.days.min, regimen.days.max)) if regimen and not regimen.days.fixed else None
    fields = {
        "indication_id": indication,
        "circumstance_id": c.id,
        "regimen_id": regimen_id,
        "answers": draw(st.dictionaries(st.sampled_from(questions), st.sampled_from(["yes", "no"])))
        if questions
        else {},
        "weight": f"{draw(st.decimals(min_value=30, max_value=200, places=1))} {draw(st.sampled_from(['kg', 'lb']))}",
        "product_id": product,
        "concentration": "" if product else draw(st.sampled_from(["5%", "10 %", "100 mg/mL"])),
        "days": "" if days is None else str(days),
        "height": "" if height is None else f"{height} cm",
        "sex": draw(st.sampled_from(["", "male", "female"])),
        "risks": tuple(draw(st.frozensets(st.sampled_from([r.value for r in ENTERABLE])))),
        "use_actual_weight": draw(st.booleans()),
        "start_date": "" if start is None else start.isoformat(),
        "settings": Settings(),
    }
    for name in draw(st.lists(st.sampled_from(sorted(ODD)), max_size=3, unique=True)):
        fields[name] = draw(ODD[name])
    settings = fields.pop("settings")
    return RawInputs(**fields), settings


def _answer(raw: RawInputs, settings: Settings) -> None:
    """Build the request from ``raw`` and calculate it, as every face does: a refusal names a
    field and says why; a plan has a plausible weight and adds up."""
    try:
        plan = calculate(KB, build_request(raw, settings, TODAY), CATALOGUE)
    except InputError as error:
        assert error.field in Field and error.message
        event(f"refused: {error.field}")
        return
    event("plan with a dose" if plan.has_dose else "plan without a dose")
    if plan.has_dose:
        kg = plan.weight.to("kg").magnitude
        assert D(1) <= kg <= D(250)
        total = plan.total_dose.to("g").magnitude
        assert total > 0
        assert abs(sum(d.dose.to("g").magnitude for d in plan.days) - total) < D("1e-18")


@settings(max_examples=examples(1500), deadline=None)
@given(any_inputs())
def test_the_core_answers_any_typed_inputs_with_a_plan_or_a_refusal(case):
    _answer(*case)


GBS = {"indication_id": "gbs", "circumstance_id": "lupus-associated", "weight": "70", "concentration": "10%"}
DM_PM = {"indication_id": "dm-pm", "weight": "70", "concentration": "10%", "days": "3"}


@pytest.mark.parametrize(
    ("typed", "settings", "field"),
    [
        ({**GBS, "weight": "500"}, Settings(), Field.WEIGHT),
        ({**GBS, "weight": "1E+30 kg"}, Settings(), Field.WEIGHT),
        ({**GBS, "height": "17"}, Settings(), Field.HEIGHT),
        ({**GBS, "sex": "other"}, Settings(), Field.SEX),
        ({**GBS, "pregnant": True, "pre_pregnancy_weight": "0.5"}, Settings(), Field.PRE_PREGNANCY_WEIGHT),
        ({**GBS, "pre_pregnancy_weight": "70"}, Settings(), Field.PRE_PREGNANCY_WEIGHT),  # not pregnant
        ({**DM_PM, "days": "9"}, Settings(), Field.DAYS),
        ({**DM_PM, "days": "-1"}, Settings(), Field.DAYS),
        ({**GBS, "concentration": "0.0001 g/mL"}, Settings(), Field.CONCENTRATION),
        ({**GBS, "concentration": "20%"}, Settings(), Field.CONCENTRATION),
        ({**GBS, "start_date": "0001-01-01"}, Settings(), Field.START_DATE),
        ({**GBS, "gestation": "50+9"}, Settings(), Field.GESTATION),
        (GBS, Settings(weight_rule="guess"), Field.WEIGHT_RULE),
        (GBS, Settings(adjustment_factor=D("1e30")), Field.WEIGHT_RULE),
        (GBS, Settings(rounding="up"), Field.ROUNDING),
        (GBS, Settings(tolerance_percent=D(-1)), Field.ROUNDING),
    ],
)
def test_hostile_typed_inputs_and_settings_are_refused_beside_their_field(typed, settings, field):
    with pytest.raises(InputError) as caught:
        calculate(KB, build_request(RawInputs(**typed), settings, TODAY), CATALOGUE)
    assert caught.value.field == field
