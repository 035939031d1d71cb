"""Rate schedules against the labels' rates, worked by hand (mL/h = mL/kg/min × 60 × kg, or
mL/kg/h × kg), every rate per kg of the dosing weight. There is no generic ramp any more."""

from __future__ import annotations

from decimal import Decimal

import pytest

import ivigdesk.dosing.schedule as schedule_module
from ivigdesk.dosing.schedule import OwnRates, build_schedule, product_ramp
from ivigdesk.knowledge.risks import Risk

NONE: frozenset[Risk] = frozenset()


@pytest.fixture(scope="module")
def catalogue():
    from ivigdesk.knowledge.products import load_product_catalogue

    return load_product_catalogue()


def steps(schedule) -> list[tuple[Decimal, Decimal]]:
    return [(s.ml_per_h, round(s.minutes, 4)) for s in schedule.steps]


def test_octagam_10_first_30_minutes_then_the_shortest_time_at_its_maximum(catalogue) -> None:
    # 70 kg, 280 mL: 0.01 mL/kg/min = 0.6 mL/kg/h × 70 = 42 mL/h for 30 min (21 mL); the UK step sizes
    # after it are not confirmed, so the rest goes at the maximum 0.12 mL/kg/min = 7.2 × 70 = 504 mL/h:
    # 259 mL in 30.8333 min. At least 60.8333 min.
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", NONE, None)
    schedule = build_schedule(ramp, Decimal(280), Decimal(70))
    assert steps(schedule) == [(42, 30), (504, Decimal("30.8333"))]
    assert [s.ml_per_kg_h for s in schedule.steps] == [Decimal("0.6"), Decimal("7.2")]
    assert schedule.lower_bound and schedule.ceiling.limit == "product"


def test_octagam_10_dermatomyositis_maximum(catalogue) -> None:
    # adult dermatomyositis: 0.04 mL/kg/min = 2.4 mL/kg/h × 70 kg = 168 mL/h
    schedule = build_schedule(
        product_ramp(catalogue.product("octagam-10"), "dm-pm", NONE, None), Decimal(700), Decimal(70)
    )
    assert schedule.ceiling.ml_per_h == 168 and schedule.ceiling.limit == "indication"


@pytest.mark.parametrize("risk", [Risk.RENAL, Risk.THROMBOSIS])
def test_a_risk_the_label_names_caps_at_its_risk_maximum(catalogue, risk) -> None:
    # Octagam 10 %: 0.03 mL/kg/min = 1.8 mL/kg/h × 70 = 126 mL/h; 42 × 30 min (21 mL), then 259 mL at
    # 126 mL/h = 123.33 min
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", frozenset({risk}), None)
    schedule = build_schedule(ramp, Decimal(280), Decimal(70))
    assert [s.ml_per_h for s in schedule.steps] == [42, 126]
    assert round(schedule.steps[-1].minutes, 2) == Decimal("123.33")
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


def test_panzyga_uk_prescribing_information(catalogue) -> None:
    # 80 kg, 800 mL: 0.6 mL/kg/h × 80 = 48 mL/h for 30 min (24 mL); maximum 4.8 mL/kg/h × 80 = 384 mL/h
    # for the remaining 776 mL = 121.25 min; at least 151.25 min
    schedule = build_schedule(
        product_ramp(catalogue.product("panzyga"), "lupus-itp", NONE, None), Decimal(800), Decimal(80)
    )
    assert steps(schedule) == [(48, 30), (384, Decimal("121.25"))]
    assert schedule.lower_bound and schedule.hours * 60 == Decimal("151.25")


def test_flebogamma_plans_the_lower_initial_rate(catalogue) -> None:
    # 20 kg child: 0.01 mL/kg/min = 12 mL/h for 30 min (6 mL); maximum 0.1 mL/kg/min = 6 mL/kg/h = 120 mL/h
    schedule = build_schedule(
        product_ramp(catalogue.product("flebogamma-dif-5"), "kawasaki", NONE, None), Decimal(800), Decimal(20)
    )
    assert steps(schedule)[0] == (12, 30) and schedule.ceiling.ml_per_h == 120


def test_unconfirmed_rates_ask_the_user(catalogue) -> None:
    kiovig = catalogue.product("kiovig")
    assert product_ramp(kiovig, "gbs", NONE, None) is None
    own = OwnRates(Decimal("0.5"), 30, Decimal(6))
    schedule = build_schedule(product_ramp(kiovig, "gbs", NONE, own), Decimal(280), Decimal(70))
    # 0.5 × 70 = 35 mL/h × 30 min = 17.5 mL, then 262.5 mL at 6 × 70 = 420 mL/h = 37.5 min
    assert steps(schedule) == [(35, 30), (420, Decimal("37.5"))]
    assert schedule.ceiling.limit == "user"


@pytest.mark.parametrize("product_id", ["privigen", "gammaplex-5", "gammaplex-10", "gamunex-10", "octagam-5"])
def test_products_whose_uk_rates_are_not_confirmed_give_no_ramp(catalogue, product_id) -> None:
    assert product_ramp(catalogue.product(product_id), "gbs", NONE, None) is None


def test_there_is_no_generic_ramp() -> None:
    assert not hasattr(schedule_module, "generic_ramp")
