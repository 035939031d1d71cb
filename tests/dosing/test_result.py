"""What the calculation answers (``ivigdesk.dosing.result``): the figures derived from a plan's
days. Days are built by hand here so each figure can be worked out in the test."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from ivigdesk.dosing.result import InfusionDay
from ivigdesk.dosing.rounding import Rounded
from ivigdesk.dosing.schedule import Ceiling
from ivigdesk.units import Q
from tests.dosing.conftest import plan_for


def day(number: int, grams: str, ml: str | None, rounded: Rounded | None = None) -> InfusionDay:
    return InfusionDay(
        day=number,
        dose=Q(grams, "g"),
        volume=Q(ml, "mL") if ml is not None else None,
        min_duration=None,
        max_duration=None,
        ceiling=None,
        rounded=rounded,
    )


def rounded(exact: str, grams: str, ml: str | None) -> Rounded:
    # 28.35 g exact, given as 30 g (20 g + 10 g vials): 1.65 g more, 1.65 ÷ 28.35 = 5.82 %
    return Rounded(
        policy="vials",
        exact_g=D(exact),
        grams=D(grams),
        millilitres=D(ml) if ml is not None else None,
        vials=((D(20), 1), (D(10), 1)),
        difference_g=D(grams) - D(exact),
        difference_percent=D("5.82"),
        within_tolerance=True,
        tolerance_percent=D(10),
    )


@pytest.fixture(scope="module")
def a_plan(kb, catalogue):
    return plan_for(kb, catalogue, "gbs", height="175")


def test_the_fastest_rate_is_the_ceilings_in_ml_per_hour():
    assert day(1, "28", "280").max_rate is None
    ceiling = Ceiling(D("93.3"), D("1.33"), "duration", "280 mL over at least 3 h")
    assert replace(day(1, "28", "280"), ceiling=ceiling).max_rate == Q("93.3", "mL/h")


def test_a_day_gives_its_rounded_dose_where_there_is_one():
    assert day(1, "28.35", "283.5").dispensed_grams == D("28.35")
    assert day(1, "28.35", "283.5", rounded("28.35", "30", "300")).dispensed_grams == 30
    assert day(1, "28350", None).dose.to("g").magnitude == D("28350")  # in grams, whatever the unit


def test_the_course_adds_each_days_dose_and_volume_as_given(a_plan):
    days = (
        day(1, "28.35", "283.5", rounded("28.35", "30", "300")),
        day(2, "28.35", "283.5"),
        day(3, "28.35", "283.5", rounded("28.35", "30", None)),  # a bag of unknown volume: the exact one
    )
    plan = replace(a_plan, days=days)
    assert plan.dispensed_total == 30 + D("28.35") + 30  # 88.35 g
    assert plan.dispensed_volume == 300 + D("283.5") + D("283.5")  # 867 mL


def test_no_volume_without_a_concentration_and_no_total_without_days(a_plan):
    assert replace(a_plan, days=(day(1, "28", "280"), day(2, "28", None))).dispensed_volume is None
    empty = replace(a_plan, days=(), total_dose=None)
    assert empty.dispensed_total is None and empty.dispensed_volume is None and not empty.has_dose
    assert a_plan.has_dose
