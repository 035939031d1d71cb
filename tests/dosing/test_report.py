"""The plan as JSON data and as copied text (``ivigdesk.dosing.report``). Figures worked by hand
from the review's Table 2: lupus-associated GBS, 400 mg/kg/day for 5 days."""

from __future__ import annotations

import json
from decimal import Decimal as D

from ivigdesk.dosing import report
from ivigdesk.dosing.presentation import plan_view
from ivigdesk.dosing.request import Settings
from tests.dosing.conftest import plan_for

ACTUAL_NO_ROUNDING = Settings(weight_rule="actual", rounding="none")


def test_json_numbers_are_ints_where_exact_else_floats():
    assert report._json_number(D("28.000")) == 28 and isinstance(report._json_number(D("28.000")), int)
    assert report._json_number(D("69.85322498")) == 69.85322498
    assert report._json_number(None) is None


def test_the_json_gives_every_figure_unrounded(kb, catalogue):
    # 70 kg × 0.4 g/kg = 28 g a day; × 5 days = 140 g; at 10 % (100 mg/mL) 280 mL a day, 1400 mL in all
    data = report.plan_to_dict(plan_for(kb, catalogue, "gbs", ACTUAL_NO_ROUNDING))
    assert json.loads(json.dumps(data)) == data  # JSON-ready as it is
    assert (data["indication"], data["circumstance"], data["regimen_id"]) == (
        "gbs",
        "lupus-associated",
        "400mg-per-kg-5-days",
    )
    assert (data["weight_kg"], data["dose_per_kg_per_day_g"], data["concentration_mg_per_ml"]) == (70, 0.4, 100)
    assert (data["total_dose_g"], data["total_dispensed_g"], data["total_dispensed_ml"]) == (140, 140, 1400)
    assert len(data["days"]) == 5 and data["review_gives_dose"] is True and data["product"] is None


def test_the_text_puts_the_dose_before_the_working_and_the_versions_last(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", ACTUAL_NO_ROUNDING)
    text = report.plan_to_text(plan)
    lines = text.splitlines()
    assert text.endswith("\n") and lines[-1] == plan_view(plan).versions
    assert any(line.startswith("Indication: ") for line in lines)
    dose = next(i for i, line in enumerate(lines) if line.startswith("Dose to give: "))
    total = next(i for i, line in enumerate(lines) if line.startswith("Course total to give: "))
    assert dose < total
    assert lines[total] == "Course total to give: 140 g, 1400 mL"  # not rounded: no "exact" figures


def test_a_days_cells_name_what_is_not_known(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", ACTUAL_NO_ROUNDING)
    table = plan_view(plan).days
    cells = report.day_cells(table.rows[0])
    assert (cells["day"], cells["give"], cells["volume"], cells["exact"]) == ("1", "28 g", "280 mL", "")
    assert cells["date"] == "–" and cells["vials"] == "–"  # no start date, no product
    assert "exact" not in dict(report.columns(table))  # rounding changed nothing
