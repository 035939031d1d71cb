"""Lines more than one section says: the grade, the weight rule, the weight and later courses."""

from __future__ import annotations

from ivigdesk.dosing.body_weight import WEIGHT_RULES
from ivigdesk.dosing.day_limits import NO_PRODUCT
from ivigdesk.dosing.plan_lines import (
    course_lines,
    grade_text,
    rate_weight_note,
    rounding_lines,
    schedule_lines,
    weight_lines,
    weight_rule_note,
)
from ivigdesk.dosing.request import Settings
from tests.support.typed_plans import typed_plan


def test_the_grade_and_level_of_evidence_from_table_2(kb):
    assert grade_text(typed_plan(kb, "kawasaki", weight="18", concentration="10%")) == "Grade A; evidence level Ia"
    assert grade_text(typed_plan(kb, "crps")) == "Not graded in the source"


def test_the_weight_rule_is_named_only_when_it_is_not_the_default(kb):
    default = typed_plan(kb, "gbs", weight="70", concentration="10%")
    assert weight_rule_note(default) == ""
    actual = typed_plan(kb, "gbs", Settings(weight_rule="actual"), weight="70", concentration="10%")
    assert weight_rule_note(actual) == (
        f"Weight rule in force: {WEIGHT_RULES['actual'].name}, not the default ({WEIGHT_RULES['ontario'].name})"
    )


def test_every_rate_per_kg_is_per_kg_of_the_dosing_weight(kb):
    plan = typed_plan(kb, "gbs", weight="70", concentration="10%")
    assert rate_weight_note(plan) == "every mL/kg/h is per kg of the dosing weight, 70 kg (actual body weight)"
    assert rate_weight_note(typed_plan(kb, "ra")) == ""


def test_the_weight_lines_say_which_weight_and_why(kb):
    lines = weight_lines(typed_plan(kb, "gbs", weight="70", concentration="10%"))
    assert lines[0] == "Weight: 70 kg actual; dosing weight 70 kg (actual body weight)"
    assert lines[1].startswith("  Why: ")
    assert lines[-1] == f"  Weight rule: {WEIGHT_RULES['ontario'].name} ({WEIGHT_RULES['ontario'].source})"


def test_rounding_lines_say_why_there_is_no_rounding_and_no_schedule(kb):
    plan = typed_plan(kb, "gbs", weight="70", concentration="10%")  # default: whole vials, no product
    assert rounding_lines(plan) == ["Choose a product to round the dose to whole vials.", NO_PRODUCT]


def test_later_courses_follow_the_repeat(kb):
    # lupus nephritis, 400 mg/kg monthly (Table 3): from Thursday 10 December 2026, the second
    # course falls on the same day of the next month
    plan = typed_plan(kb, "lupus-nephritis", weight="70", concentration="10%", start_date="2026-12-10")
    assert course_lines(plan)[0] == "Course 2: Sun 10 Jan 2027"
    assert course_lines(typed_plan(kb, "lupus-nephritis", weight="70", concentration="10%")) == []


def test_the_rate_steps_end_at_the_labels_maximum(kb):
    plan = typed_plan(kb, "gbs", weight="70", product_id="octagam-10")
    lines = schedule_lines(plan.days[0].schedule)
    assert lines[-1].startswith("never above ") and "mL/kg/h" in lines[-1]
    assert lines[-2].endswith(" in all")
