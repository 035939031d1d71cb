"""Rate schedules against the labels' step tables, worked by hand (mL/h = mL/kg/min × kg × 60)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ivigdesk.dosing.schedule import OwnRates, build_schedule, generic_ramp, product_ramp


@pytest.fixture(scope="module")
def catalogue():
    from ivigdesk.knowledge.products import load_product_catalogue

    return load_product_catalogue()


def steps(schedule) -> list[tuple[Decimal, Decimal]]:
    return [(s.ml_per_h, round(s.minutes, 4)) for s in schedule.steps]


def test_octagam_10_table_1(catalogue) -> None:
    # 70 kg, 280 mL: 42 mL/h × 30 min (21 mL), 84 × 30 (42), 168 × 30 (84), then 336 mL/h for the
    # remaining 133 mL = 23.75 min; the 504 mL/h maximum is never reached. 113.75 min in all.
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", Decimal(70), None)
    schedule = build_schedule(ramp, Decimal(280))
    assert steps(schedule) == [(42, 30), (84, 30), (168, 30), (336, Decimal("23.75"))]
    assert schedule.hours * 60 == Decimal("113.75") and not schedule.lower_bound


def test_gammaplex_10_fifteen_minute_protocol(catalogue) -> None:
    # 70 kg, 350 mL: 21, 42, 84, 168, 252 mL/h for 15 min each = 141.75 mL in 75 min; then
    # 208.25 mL at the 336 mL/h maximum = 37.1875 min. 112.1875 min in all.
    ramp = product_ramp(catalogue.product("gammaplex-10"), "gbs", Decimal(70), None)
    schedule = build_schedule(ramp, Decimal(350))
    assert steps(schedule) == [(21, 15), (42, 15), (84, 15), (168, 15), (252, 15), (336, Decimal("37.1875"))]
    assert schedule.hours * 60 == Decimal("112.1875")


def test_panzyga_itp_maximum(catalogue) -> None:
    # 80 kg, 800 mL (1 g/kg): 48, 96, 192 mL/h for 30 min = 168 mL in 90 min; then 632 mL at the
    # chronic-ITP (lowest labelled) maximum 0.08 mL/kg/min = 384 mL/h: 98.75 min. 188.75 min in all.
    ramp = product_ramp(catalogue.product("panzyga"), "lupus-itp", Decimal(80), None)
    schedule = build_schedule(ramp, Decimal(800))
    assert steps(schedule) == [(48, 30), (96, 30), (192, 30), (384, Decimal("98.75"))]
    # CIDP has its own labelled maximum, 0.12 mL/kg/min = 576 mL/h: 632 mL takes 65.83 min
    cidp = build_schedule(product_ramp(catalogue.product("panzyga"), "cidp", Decimal(80), None), Decimal(800))
    assert cidp.steps[-1].ml_per_h == 576


def test_thrombosis_risk_caps_at_the_labelled_risk_maximum(catalogue) -> None:
    # Octagam 10 %, 70 kg: risk maximum 0.03 mL/kg/min = 126 mL/h; 42 × 30 (21) and 84 × 30 (42),
    # then 217 mL at 126 mL/h = 103.33 min
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", Decimal(70), None)
    schedule = build_schedule(ramp, Decimal(280), thrombosis_risk=True)
    assert [s.ml_per_h for s in schedule.steps] == [42, 84, 126]
    assert round(schedule.steps[-1].minutes, 2) == Decimal("103.33")


def test_the_rule_makes_the_infusion_last_at_least_its_hours(catalogue) -> None:
    # 280 mL over at least 8 h: never above 35 mL/h, below Octagam's first step (42 mL/h)
    ramp = product_ramp(catalogue.product("octagam-10"), "gbs", Decimal(70), None)
    schedule = build_schedule(ramp, Decimal(280), min_hours=Decimal(8))
    assert steps(schedule) == [(35, 480)] and schedule.hours == 8


def test_partial_rates_give_a_lower_bound_only(catalogue) -> None:
    # Privigen, 70 kg, 700 mL for ITP: label maximum 0.04 mL/kg/min = 168 mL/h, so at least 250 min
    ramp = product_ramp(catalogue.product("privigen"), "lupus-itp", Decimal(70), None)
    schedule = build_schedule(ramp, Decimal(700))
    assert schedule.lower_bound and schedule.hours * 60 == 250 and schedule.start_ml_per_h == 21


def test_unconfirmed_rates_ask_the_user(catalogue) -> None:
    kiovig = catalogue.product("kiovig")
    assert product_ramp(kiovig, "gbs", Decimal(70), None) is None
    own = OwnRates(Decimal("0.5"), 30, Decimal(6))
    schedule = build_schedule(product_ramp(kiovig, "gbs", Decimal(70), own), Decimal(280))
    # 35 mL/h × 30 min = 17.5 mL, then 262.5 mL at 420 mL/h = 37.5 min
    assert steps(schedule) == [(35, 30), (420, Decimal("37.5"))]


def test_generic_titration_is_labelled_a_convention(catalogue) -> None:
    # 30, 60, 90, 120, 150 mL/h for 30 min = 225 mL in 150 min; 55 mL at 180 mL/h = 18.33 min
    schedule = build_schedule(generic_ramp(catalogue.generic), Decimal(280))
    assert [s.ml_per_h for s in schedule.steps] == [30, 60, 90, 120, 150, 180]
    assert round(schedule.hours * 60, 2) == Decimal("168.33")
    assert "convention" in schedule.basis
