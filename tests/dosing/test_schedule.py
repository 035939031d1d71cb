"""Rate schedules against the labels' rates, worked by hand (mL/h = mL/kg/min × 60 × kg, or
mL/kg/h × kg), every rate per kg of the dosing weight. There is no generic ramp, and no step more
than doubles the one before (issue 23): where the label gives no steps up to its maximum, the rest
of the bag is "increase gradually", untimed, and the time shown is only the least possible.

Label texts (quoted in resources/products/products.yaml with their sources):
- Octagam 10 %, US prescribing information section 2.3, Table 1: 0.01 mL/kg/min for 30 min, then
  0.02, 0.04, 0.08 mL/kg/min for 30 min each, maximum 0.12 mL/kg/min.
- Panzyga, UK prescribing information: 0.6 mL/kg/h for 30 min, at most 4.8 mL/kg/h; steps from the
  US label and rate chart: 0.02 and 0.04 mL/kg/min (1.2, 2.4 mL/kg/h), 30 min each.
- Flebogamma DIF 5 %, EU text: 0.01-0.02 mL/kg/min for 30 min, "gradually" to 0.1 mL/kg/min; no steps.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ivigdesk.dosing.schedule as schedule_module
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.schedule import OwnRates, build_schedule, product_ramp
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.knowledge.risks import Risk
from tests.support.profiles import examples

NONE: frozenset[Risk] = frozenset()
CATALOGUE = load_product_catalogue()


@pytest.fixture(scope="module")
def catalogue():
    return CATALOGUE


def steps(schedule) -> list[tuple[Decimal, Decimal]]:
    return [(s.ml_per_h, round(s.minutes, 4)) for s in schedule.steps]


def test_octagam_10_doubles_every_30_minutes_as_its_us_label_says(catalogue) -> None:
    # 70 kg, 280 mL: 0.01 mL/kg/min = 0.6 mL/kg/h × 70 = 42 mL/h for 30 min (21 mL); 0.02 → 84 mL/h
    # (42 mL); 0.04 → 168 mL/h (84 mL): 147 mL so far; 0.08 → 336 mL/h for the last 133 mL = 23.75 min.
    # 113.75 min in all, a plan to follow (not a lower bound): the old 0.6 → 7.2 mL/kg/h jump is gone
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", NONE, None)
    schedule = build_schedule(ramp, Decimal(280), Decimal(70))
    assert steps(schedule) == [(42, 30), (84, 30), (168, 30), (336, Decimal("23.75"))]
    assert [s.ml_per_kg_h for s in schedule.steps] == [Decimal("0.6"), Decimal("1.2"), Decimal("2.4"), Decimal("4.8")]
    assert schedule.hours * 60 == Decimal("113.75") and not schedule.lower_bound
    assert schedule.ceiling.ml_per_h == 504 and schedule.ceiling.limit == "product"  # 7.2 × 70
    assert "US prescribing information" in schedule.steps_from and "2.3" in schedule.steps_from


def test_octagam_10_reaches_its_maximum_after_two_hours(catalogue) -> None:
    # 70 kg × 1 g/kg = 700 mL: 21 + 42 + 84 + 168 = 315 mL in 120 min, then 0.12 mL/kg/min = 7.2 mL/kg/h
    # × 70 = 504 mL/h for 385 mL = 45.8333 min: 165.8333 min in all. 504 ÷ 336 = 1.5: no step doubles more
    ramp = product_ramp(catalogue.product("octagam-10"), "lupus-itp", NONE, None)
    schedule = build_schedule(ramp, Decimal(700), Decimal(70))
    assert steps(schedule) == [(42, 30), (84, 30), (168, 30), (336, 30), (504, Decimal("45.8333"))]
    assert round(schedule.hours * 60, 4) == Decimal("165.8333")


def test_octagam_10_dermatomyositis_maximum(catalogue) -> None:
    # adult dermatomyositis: 0.04 mL/kg/min = 2.4 mL/kg/h × 70 kg = 168 mL/h
    schedule = build_schedule(
        product_ramp(catalogue.product("octagam-10"), "dm-pm", NONE, None), Decimal(700), Decimal(70)
    )
    assert schedule.ceiling.ml_per_h == 168 and schedule.ceiling.limit == "indication"
    # 42 × 30 min (21 mL), 84 × 30 min (42 mL), then 168 mL/h for 637 mL = 227.5 min
    assert steps(schedule) == [(42, 30), (84, 30), (168, Decimal("227.5"))]


@pytest.mark.parametrize("risk", [Risk.RENAL, Risk.THROMBOSIS])
def test_a_risk_the_label_names_caps_at_its_risk_maximum(catalogue, risk) -> None:
    # Octagam 10 %: 0.03 mL/kg/min = 1.8 mL/kg/h × 70 = 126 mL/h; 42 × 30 min (21 mL), 84 × 30 min
    # (42 mL), then the 168 mL/h step is capped at 126 mL/h for the last 217 mL = 103.33 min
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", frozenset({risk}), None)
    schedule = build_schedule(ramp, Decimal(280), Decimal(70))
    assert [s.ml_per_h for s in schedule.steps] == [42, 84, 126]
    assert round(schedule.steps[-1].minutes, 2) == Decimal("103.33")
    assert schedule.ceiling.limit == "risk" and schedule.ceiling.ml_per_kg_h == Decimal("1.8")


def test_a_risk_the_label_does_not_name_changes_nothing(catalogue) -> None:
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", frozenset({Risk.DIABETES}), None)
    assert build_schedule(ramp, Decimal(280), Decimal(70)).ceiling.ml_per_h == 504


def test_the_rule_makes_the_infusion_last_at_least_its_hours(catalogue) -> None:
    # 280 mL over at least 8 h: never above 35 mL/h (0.5 mL/kg/h), below Octagam's first 42 mL/h
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", NONE, None)
    schedule = build_schedule(ramp, Decimal(280), Decimal(70), min_hours=Decimal(8))
    assert steps(schedule) == [(35, 480)] and schedule.hours == 8
    assert schedule.ceiling.limit == "duration" and schedule.ceiling.ml_per_kg_h == Decimal("0.5")


def test_panzyga_uk_start_and_maximum_with_the_us_steps(catalogue) -> None:
    # 80 kg, 800 mL: 0.6 mL/kg/h × 80 = 48 mL/h for 30 min (24 mL); 1.2 → 96 mL/h (48 mL); 2.4 → 192 mL/h
    # (96 mL): 168 mL in 90 min; maximum 4.8 mL/kg/h × 80 = 384 mL/h for 632 mL = 98.75 min: 188.75 min
    schedule = build_schedule(
        product_ramp(catalogue.product("panzyga"), "lupus-itp", NONE, None), Decimal(800), Decimal(80)
    )
    assert steps(schedule) == [(48, 30), (96, 30), (192, 30), (384, Decimal("98.75"))]
    assert not schedule.lower_bound and schedule.hours * 60 == Decimal("188.75")
    assert "US" in schedule.steps_from and "15-30 minutes" in schedule.steps_from


def test_flebogamma_gives_no_steps_after_its_first_rate_so_none_are_invented(catalogue) -> None:
    # 20 kg child: 0.01 mL/kg/min = 0.6 mL/kg/h × 20 = 12 mL/h for 30 min (6 mL); its maximum 0.1 mL/kg/min
    # = 6 mL/kg/h = 120 mL/h is ten times that, and the label gives no steps: the other 794 mL are
    # "increase gradually", taking at least 794 ÷ 120 h = 397 min; at least 427 min in all
    schedule = build_schedule(
        product_ramp(catalogue.product("flebogamma-dif-5"), "kawasaki", NONE, None), Decimal(800), Decimal(20)
    )
    assert steps(schedule) == [(12, 30)] and schedule.ceiling.ml_per_h == 120
    assert schedule.untimed_ml == 794 and schedule.untimed_minutes == 397
    assert schedule.lower_bound and schedule.hours * 60 == 427


def test_rates_entered_from_the_smpc_never_jump_either(catalogue) -> None:
    kiovig = catalogue.product("kiovig")
    assert product_ramp(kiovig, "gbs", NONE, None) is None
    own = OwnRates(Decimal("0.5"), 30, Decimal(6))
    schedule = build_schedule(product_ramp(kiovig, "gbs", NONE, own), Decimal(280), Decimal(70))
    # 0.5 × 70 = 35 mL/h × 30 min = 17.5 mL; 6 × 70 = 420 mL/h is 12 times that: the other 262.5 mL are
    # increased gradually, at least 262.5 ÷ 420 h = 37.5 min
    assert steps(schedule) == [(35, 30)] and schedule.untimed_ml == Decimal("262.5")
    assert schedule.untimed_minutes == Decimal("37.5") and schedule.lower_bound
    assert schedule.ceiling.limit == "user"


def test_intratect_rates_entered_from_its_smpc(catalogue) -> None:
    # The rates issue 23 quotes from the Intratect 50 g/L SmPC 4.2, entered by the user (IVIG Desk could
    # not retrieve that section): 1.4 mL/kg/h × 70 = 98 mL/h for 30 min (49 mL), then at most
    # 1.9 × 70 = 133 mL/h (1.36 times: no jump) for the other 1351 mL = 609.47 min
    intratect = catalogue.product("intratect-50")
    assert product_ramp(intratect, "lupus-itp", NONE, None) is None
    own = OwnRates(Decimal("1.4"), 30, Decimal("1.9"))
    schedule = build_schedule(product_ramp(intratect, "lupus-itp", NONE, own), Decimal(1400), Decimal(70))
    assert [(s.ml_per_h, round(s.minutes, 2)) for s in schedule.steps] == [(98, 30), (133, Decimal("609.47"))]
    assert schedule.ceiling.ml_per_h == 133 and not schedule.untimed_ml


@pytest.mark.parametrize(
    "product_id", ["privigen", "gammaplex-5", "gammaplex-10", "gamunex-10", "octagam-5", "intratect-50"]
)
def test_products_whose_uk_rates_are_not_confirmed_give_no_ramp(catalogue, product_id) -> None:
    assert product_ramp(catalogue.product(product_id), "gbs", NONE, None) is None


def test_there_is_no_generic_ramp() -> None:
    assert not hasattr(schedule_module, "generic_ramp")


def test_a_catalogue_step_that_more_than_doubles_is_refused() -> None:
    from ivigdesk.knowledge.measures import RatePerKg
    from ivigdesk.knowledge.products import Rates, RateStep

    def step(rate: str) -> RateStep:
        return RateStep(RatePerKg.from_yaml(rate), 30)

    with pytest.raises(ValueError, match="more than doubles"):
        Rates("partial", "x", "y", steps=(step("0.6 mL/kg/h"), step("1.3 mL/kg/h")), steps_source="z")
    with pytest.raises(ValueError, match="steps_source"):
        Rates("partial", "x", "y", steps=(step("0.6 mL/kg/h"), step("1.2 mL/kg/h")))


# -- the property over every product and weight (issue 23) ---------------------------------------

INDICATIONS = ["gbs", "lupus-itp", "kawasaki", "dm-pm"]
OWN = st.builds(
    OwnRates,
    st.decimals(min_value="0.1", max_value=3, places=2),
    st.sampled_from([15, 30, 60]),
    st.decimals(min_value=1, max_value=9, places=1),
).filter(lambda own: own.maximum_ml_per_kg_h >= own.initial_ml_per_kg_h)


@settings(max_examples=examples(500), deadline=None)
@given(
    product=st.sampled_from(CATALOGUE.products),
    kg=st.decimals(min_value=3, max_value=200, places=1),
    volume=st.decimals(min_value=5, max_value=4000, places=1),
    min_hours=st.sampled_from([None, Decimal(8), Decimal(12)]),
    risks=st.frozensets(st.sampled_from(list(Risk))),
    indication=st.sampled_from(INDICATIONS),
    own=st.none() | OWN,
)
def test_no_step_doubles_the_time_adds_up_and_no_rate_passes_the_label(
    product, kg, volume, min_hours, risks, indication, own
) -> None:
    if own is not None and not product.rates_to_enter(indication):
        with pytest.raises(InputError):  # the product list has its rates: entered ones are refused
            product_ramp(product, indication, risks, own)
        return
    ramp = product_ramp(product, indication, risks, own)
    if ramp is None:  # its maximum is not confirmed and none was entered: no schedule, no pump number
        assert product.rates.maximum_for_indication(indication) is None and own is None
        return
    schedule = build_schedule(ramp, volume, kg, min_hours=min_hours)
    rates = [s.ml_per_h for s in schedule.steps]
    # no step more than doubles the one before (no cited text in the catalogue allows more)
    assert all(after <= 2 * before for before, after in itertools.pairwise(rates))
    # the total time is the sum of the steps, and the untimed rest at its fastest
    minutes = sum((s.minutes for s in schedule.steps), Decimal(0)) + schedule.untimed_minutes
    assert abs(schedule.hours * 60 - minutes) < Decimal("1e-20")
    assert sum((s.millilitres for s in schedule.steps), Decimal(0)) + schedule.untimed_ml == volume
    assert schedule.lower_bound == (schedule.untimed_ml > 0)
    # no rate above the label's maximum for this indication (or the one entered from the SmPC), per kg
    label_max = own.maximum_ml_per_kg_h if own is not None and product.rates.maximum is None else None
    if label_max is None:
        label_max = product.rates.maximum_for_indication(indication)[0].ml_per_kg_h
    assert schedule.ceiling.ml_per_kg_h <= label_max
    assert all(s.ml_per_kg_h <= label_max and s.ml_per_h <= schedule.ceiling.ml_per_h for s in schedule.steps)
    if product.rates.risk_maximum is not None and set(product.rates.risk_maximum.risks) & risks:
        assert schedule.ceiling.ml_per_kg_h <= product.rates.risk_maximum.rate.ml_per_kg_h
    if min_hours is not None:
        assert schedule.hours >= min_hours - Decimal("1e-20")
