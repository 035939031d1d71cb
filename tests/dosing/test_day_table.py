"""The per-day table: what to give each day, the exact figures and the rate, against hand working."""

from __future__ import annotations

from ivigdesk.dosing.day_table import day_table
from ivigdesk.dosing.plan_layout import Figure
from ivigdesk.dosing.request import Settings
from tests.support.typed_plans import typed_plan


def test_five_days_of_400_mg_per_kg_without_a_product(kb):
    # GBS, 70 kg, 10 %: 28 g = 280 mL a day for 5 days, 140 g = 1400 mL a course; 280 mL over at
    # least 8 h → at most 35 mL/h, ÷ 70 kg = 0.5 mL/kg/h (Table 2)
    table = day_table(typed_plan(kb, "gbs", weight="70", concentration="10%"))
    assert [row.day for row in table.rows] == [1, 2, 3, 4, 5]
    row = table.rows[0]
    assert (row.give, row.give_volume, row.exact, row.exact_volume) == (
        Figure("28", "g"), Figure("280", "mL"), Figure("28", "g"), Figure("280", "mL"),
    )  # fmt: skip
    assert (row.rate, row.rate_per_kg) == (Figure("35", "mL/h"), Figure("0.5", "mL/kg/h"))
    assert row.rate_is == "meets the minimum duration" and not row.product_chosen
    assert (row.min_duration, row.max_duration) == ("8 h 00 min", None)
    assert (row.rounded, row.vials, row.vial_count, row.rounding) == (False, "", 0, "")
    assert (table.total, table.total_volume) == (Figure("140", "g"), Figure("1400", "mL"))
    assert (table.exact_total, table.exact_total_volume, table.rounded) == (
        Figure("140", "g"),
        Figure("1400", "mL"),
        False,
    )


def test_a_rounded_dose_is_given_beside_the_exact_one(kb):
    # 28 g rounded to the nearest 5 g: 30 g = 300 mL a day; 150 g = 1500 mL a course
    table = day_table(typed_plan(kb, "gbs", Settings(rounding="nearest-5g"), weight="70", concentration="10%"))
    row = table.rows[0]
    assert (row.give, row.give_volume, row.exact, row.rounded) == (
        Figure("30", "g"), Figure("300", "mL"), Figure("28", "g"), True,
    )  # fmt: skip
    assert (table.total, table.total_volume, table.exact_total, table.rounded) == (
        Figure("150", "g"), Figure("1500", "mL"), Figure("140", "g"), True,
    )  # fmt: skip


def test_a_product_without_a_confirmed_maximum_leaves_the_rate_to_its_smpc(kb):
    row = day_table(typed_plan(kb, "gbs", weight="70", product_id="privigen")).rows[0]
    assert (row.rate, row.rate_per_kg, row.rate_is) == (None, None, "set by the product's SmPC")
    assert row.product_chosen and not row.product_maximum_known


def test_the_kawasaki_day_has_its_maximum_time(kb):
    # 18 kg × 2 g/kg = 36 g = 360 mL at 10 %, over 8 to 12 h (Table 2)
    row = day_table(typed_plan(kb, "kawasaki", weight="18", concentration="10%")).rows[0]
    assert (row.give, row.min_duration, row.max_duration) == (Figure("36", "g"), "8 h 00 min", "12 h 00 min")
