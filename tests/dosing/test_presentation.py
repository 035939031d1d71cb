"""plan_view: the one layout every renderer draws, with the badge, sections, table and versions."""

from __future__ import annotations

from ivigdesk import __version__
from ivigdesk.dosing.presentation import plan_view, versions
from ivigdesk.dosing.request import Settings
from tests.support.typed_plans import catalogue, typed_plan


def test_the_badge_comes_from_table_1(kb):
    view = plan_view(typed_plan(kb, "kawasaki", weight="18", concentration="10%"))
    colour = kb.colour(kb.indication("kawasaki").colour)
    assert (view.colour, view.colour_word, view.priority, view.meaning) == (
        "red", colour.word, colour.priority, colour.meaning,
    )  # fmt: skip
    assert view.indication == kb.indication("kawasaki").name


def test_a_plan_with_a_dose_has_a_day_table_and_one_without_has_none(kb):
    dosed = plan_view(typed_plan(kb, "gbs", weight="70", concentration="10%"))
    assert dosed.days is not None and len(dosed.days.rows) == 5
    assert dosed.key.facts[0].value == "28 g a day × 5 days"  # 70 kg × 400 mg/kg (Table 2)
    assert dosed.section("no-dose") is None and dosed.section("status") is not None
    none = plan_view(typed_plan(kb, "ra"))
    assert none.days is None and none.section("no-dose") is not None


def test_the_weight_rule_and_rate_weight_notes_and_the_footnote(kb):
    plan = typed_plan(kb, "gbs", Settings(weight_rule="actual"), weight="70", concentration="10%")
    view = plan_view(plan, grading_footnote="see the grades")
    assert view.weight_rule.startswith("Weight rule in force: ")
    assert view.rate_weight == "every mL/kg/h is per kg of the dosing weight, 70 kg (actual body weight)"
    assert view.grading_footnote == "see the grades"


def test_versions_name_the_program_the_knowledge_base_and_the_products(kb):
    text = versions(typed_plan(kb, "gbs", weight="70", concentration="10%"))
    assert text.startswith(f"IVIG Desk {__version__} · knowledge base {kb.version} ({kb.origin}, sha256 ")
    assert f" · products {catalogue().version} (sha256 {catalogue().checksum[:16]})" in text
