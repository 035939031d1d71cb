"""The sections of a plan, in reading order, each saying what the plan holds."""

from __future__ import annotations

from ivigdesk.dosing.plan_sections import NOT_TO_BE_GIVEN, plan_sections
from ivigdesk.dosing.request import Settings
from ivigdesk.knowledge.risks import Risk
from tests.support.typed_plans import typed_plan

READING_ORDER = [
    "contraindication", "patient", "status", "source", "guidance", "weight", "no-dose", "regimen", "product",
    "working", "rounding", "schedule", "dates", "repeat", "co-medication", "to-confirm", "notes", "warnings",
    "references",
]  # fmt: skip


def keys(plan) -> list[str]:
    return [section.key for section in plan_sections(plan)]


def test_sections_come_in_reading_order_and_empty_ones_are_left_out(kb):
    shown = keys(typed_plan(kb, "gbs", weight="70", concentration="10%"))
    assert shown == sorted(shown, key=READING_ORDER.index)
    assert {"status", "regimen", "working", "to-confirm", "references"} <= set(shown)
    assert "no-dose" not in shown and "contraindication" not in shown and "dates" not in shown


def test_a_plan_without_a_dose_says_so_instead_of_a_regimen(kb):
    sections = {s.key: s for s in plan_sections(typed_plan(kb, "ra"))}
    assert "regimen" not in sections and "working" not in sections
    assert sections["no-dose"].lines[0].text.startswith("No dose is calculated: the review gives no IVIG dose here.")
    assert sections["status"].lines[0].text == "Not approved by the panel · Not graded in the source"


def test_the_status_line_gives_the_grade(kb):
    status = next(
        s for s in plan_sections(typed_plan(kb, "gbs", weight="70", concentration="10%")) if s.key == "status"
    )
    assert status.lines[0].text == "Recommended · Grade C; evidence level III"  # Table 2


def test_the_patient_section_shows_what_was_typed_and_the_risks(kb):
    plan = typed_plan(kb, "gbs", weight="154", weight_unit="lb", concentration="10%", sex="male", risks=("renal",))
    patient = plan_sections(plan)[0]
    assert patient.key == "patient"
    assert [row.text for row in patient.lines] == ["Weight: 154 lb", "Also: sex male", f"Risk: {Risk.RENAL.label}"]


def test_a_weight_rule_other_than_the_default_heads_the_weight_section(kb):
    plan = typed_plan(kb, "gbs", Settings(weight_rule="actual"), weight="70", concentration="10%")
    weight = next(s for s in plan_sections(plan) if s.key == "weight")
    assert weight.lines[0].text.startswith("Weight rule in force: ")


def test_a_contraindication_stands_first_and_the_plan_is_marked(kb):
    plan = typed_plan(kb, "gbs", weight="70", product_id="octagam-10", risks=("iga-deficiency",))
    first = plan_sections(plan)[0]
    assert (first.key, first.kind) == ("contraindication", "no-dose")
    assert first.lines[1].text == f"The plan below is shown for the specialist: {NOT_TO_BE_GIVEN}."
