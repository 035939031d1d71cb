"""Arithmetic invariants over any valid weight, regimen, day count and concentration."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ivigdesk.dosing.calculate import calculate
from ivigdesk.dosing.request import DoseRequest
from ivigdesk.knowledge.loader import load_knowledge_base
from ivigdesk.knowledge.model import DOSING_STATUSES
from ivigdesk.units import Q
from tests.support.profiles import examples

KB = load_knowledge_base()
DOSED = [
    (indication.id, c.id, regimen)
    for indication in KB.indications
    for c in indication.circumstances
    if c.status in DOSING_STATUSES
    for regimen in c.regimens
]
TINY = D("1e-18")

weights = st.decimals(min_value=1, max_value=250, places=2).map(lambda kg: Q(kg, "kg"))
pounds = st.decimals(min_value="2.21", max_value=551, places=1).map(lambda lb: Q(lb, "lb"))
concentrations = st.one_of(
    st.sampled_from(["5", "10"]).map(lambda p: Q(D(p) / 100, "g/mL")),
    st.decimals(min_value=3, max_value=12, places=1).map(lambda p: Q(p / 100, "g/mL")),
)


@st.composite
def requests(draw):
    indication, circumstance, regimen = draw(st.sampled_from(DOSED))
    days = draw(st.integers(regimen.days.min, regimen.days.max))
    weight = draw(st.one_of(weights, pounds))
    # an adult-only indication refuses an implausible adult weight (tested in test_inputs_hostile)
    assume(KB.indication(indication).patients != "adults" or weight.to("kg").magnitude >= 30)
    return DoseRequest(indication, circumstance, weight, draw(concentrations), days, regimen.id), regimen


@settings(max_examples=examples(400), deadline=None)
@given(requests())
def test_days_add_up_volumes_match_and_no_day_breaks_its_rule(case):
    request, regimen = case
    plan = calculate(KB, request)
    weight_kg = request.weight.to("kg").magnitude
    course_per_kg = regimen.dose_per_kg.grams_per_kg * (1 if regimen.basis == "course-total" else len(plan.days))
    # the course total is weight × dose per kg, and the days add up to it
    assert abs(plan.total_dose.to("g").magnitude - weight_kg * course_per_kg) < TINY
    assert abs(sum(d.dose.to("g").magnitude for d in plan.days) - plan.total_dose.to("g").magnitude) < TINY
    assert len(plan.days) == request.days
    for day in plan.days:
        # volume × concentration = dose
        assert abs((day.volume * request.concentration).to("g").magnitude - day.dose.to("g").magnitude) < TINY
        # every infusion of a course of 2 g/kg or more lasts at least 8 h, at a rate that keeps it so
        if course_per_kg >= 2:
            assert day.min_duration.to("h").magnitude >= 8
            assert (day.volume / day.max_rate).to("h").magnitude >= day.min_duration.to("h").magnitude - TINY
        if plan.circumstance.infusion_hours is not None:
            assert day.min_duration.to("h").magnitude >= plan.circumstance.infusion_hours.min


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from([(i.id, c.id) for i in KB.indications for c in i.circumstances]), weights, concentrations)
def test_every_circumstance_answers_without_raising(ids, weight, concentration):
    indication, circumstance = ids
    assume(KB.indication(indication).patients != "adults" or weight.to("kg").magnitude >= 30)
    regimen = KB.indication(indication).circumstance(circumstance).recommended_regimen
    days = regimen.days.max if regimen else None
    plan = calculate(KB, DoseRequest(indication, circumstance, weight, concentration, days))
    assert plan.has_dose == (regimen is not None)
    assert plan.has_dose or plan.no_dose_reason
