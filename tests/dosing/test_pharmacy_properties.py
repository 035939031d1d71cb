"""Invariants of dosing weight, rounding and schedules, over generated patients and volumes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ivigdesk.dosing.body_weight import WEIGHT_RULES, Patient, decide_weight
from ivigdesk.dosing.rounding import round_to_vials
from ivigdesk.dosing.schedule import build_schedule, product_ramp
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.knowledge.risks import Risk
from ivigdesk.units import Q
from tests.support.profiles import examples

CATALOGUE = load_product_catalogue()
WITH_VIALS = [p for p in CATALOGUE.products if p.vials]
WITH_RATES = [p for p in CATALOGUE.products if p.rates.maximum is not None]
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=2)


@settings(max_examples=examples(300), deadline=None)
@given(
    weight=st.decimals(min_value=1, max_value=250, places=2),
    height=st.decimals(min_value=50, max_value=230, places=1),
    sex=st.sampled_from(["male", "female"]),
    rule=st.sampled_from(sorted(WEIGHT_RULES)),
    under_18=st.booleans(),
    use_actual=st.booleans(),
)
def test_dosing_weight_never_exceeds_actual(weight, height, sex, rule, under_18, use_actual) -> None:
    decision = decide_weight(
        Q(weight, "kg"), Patient(Q(height, "cm"), sex, under_18), rule_id=rule, use_actual=use_actual
    )
    assert Decimal(0) < decision.used.to("kg").magnitude <= weight
    assert decision.reason


@settings(max_examples=examples(300), deadline=None)
@given(product=st.sampled_from(WITH_VIALS), exact=st.decimals(min_value="0.5", max_value=500, places=2))
def test_vials_add_up(product, exact) -> None:
    rounded = round_to_vials(exact, product.vials, Decimal(10))
    assert sum((g * n for g, n in rounded.vials), Decimal(0)) == rounded.grams
    per_ml = product.concentration.grams_per_ml
    assert rounded.millilitres * per_ml == rounded.grams
    smallest = min(v.grams for v in product.vials)
    if exact < smallest:
        assert rounded.grams == smallest  # never zero vials
    else:  # every multiple of the smallest vial is reachable, so the nearest total is within half of it
        assert abs(rounded.grams - exact) <= smallest / 2 + Decimal("0.05")


@settings(max_examples=examples(300), deadline=None)
@given(
    product=st.sampled_from(WITH_RATES),
    kg=st.decimals(min_value=3, max_value=200, places=1),
    volume=st.decimals(min_value=10, max_value=5000, places=1),
    min_hours=st.sampled_from([None, Decimal(8), Decimal(12)]),
    risks=st.frozensets(st.sampled_from(list(Risk))),
)
def test_schedule_gives_the_whole_bag_without_exceeding_its_ceiling(product, kg, volume, min_hours, risks) -> None:
    ramp = product_ramp(product, "gbs", risks, None)
    schedule = build_schedule(ramp, volume, kg, min_hours=min_hours)
    assert sum((s.millilitres for s in schedule.steps), Decimal(0)) + schedule.untimed_ml == volume
    assert all(Decimal(0) < s.ml_per_h <= schedule.ceiling.ml_per_h for s in schedule.steps)
    assert schedule.ceiling.ml_per_kg_h <= ramp.maximum  # weight-based: never above the label's rate per kg
    assert all(abs(s.ml_per_h - s.ml_per_kg_h * kg) < Decimal("1e-20") for s in schedule.steps)
    if min_hours is not None:
        assert schedule.hours >= min_hours - Decimal("1e-20")
