"""The key result: the figures to keep in view, and one sentence that says them all."""

from __future__ import annotations

from ivigdesk.dosing.day_table import day_table
from ivigdesk.dosing.key_result import NOT_CONFIRMED_DETAIL, key_result, patient_summary
from ivigdesk.dosing.plan_sections import NOT_TO_BE_GIVEN
from ivigdesk.dosing.request import Settings
from tests.support.typed_plans import typed_plan


def key(plan):
    return key_result(plan, day_table(plan) if plan.has_dose else None)


def test_the_dose_volume_time_and_rate_of_each_day(kb):
    # GBS, 70 kg, 10 %: 28 g = 280 mL a day × 5 days, over at least 8 h, at most 35 mL/h (0.5 mL/kg/h)
    plan = typed_plan(kb, "gbs", weight="70", concentration="10%")
    facts = {fact.label: fact for fact in key(plan).facts}
    assert facts["Dose"].value == "28 g a day × 5 days" and facts["Dose"].detail == ""
    assert facts["Volume"].value == "280 mL a day"
    assert facts["Infuse over at least"].value == "8 h 00 min"
    assert facts["Fastest rate"].value == "35 mL/h (0.5 mL/kg/h)"
    assert facts["Fastest rate"].detail == (
        "meets the minimum duration; no product is chosen: its SmPC maximum may be lower; "
        "mL/kg/h of the 70 kg dosing weight"
    )


def test_the_summary_says_it_all_in_one_sentence(kb):
    plan = typed_plan(kb, "gbs", weight="70", concentration="10%")
    summary = key(plan).summary
    assert summary.startswith(f"{plan.colour.word}. {plan.indication.name}. Dose 28 g a day × 5 days. ")
    assert "Volume 280 mL a day. Infuse over at least 8 h 00 min. Fastest rate 35 mL/h (0.5 mL/kg/h), " in summary


def test_a_rounded_dose_shows_the_exact_one_beside_it(kb):
    plan = typed_plan(kb, "gbs", Settings(rounding="nearest-5g"), weight="70", concentration="10%")
    dose = key(plan).facts[0]
    assert (dose.value, dose.detail) == ("30 g a day × 5 days", "exact 28 g")


def test_a_product_without_a_confirmed_maximum_sends_the_rate_to_its_smpc(kb):
    rate = key(typed_plan(kb, "gbs", weight="70", product_id="privigen")).facts[3]
    assert (rate.value, rate.detail) == ("set by the product's SmPC", NOT_CONFIRMED_DETAIL)


def test_no_dose_says_why(kb):
    plan = typed_plan(kb, "ra")
    result = key(plan)
    assert [(f.label, f.value) for f in result.facts] == [("Dose", "none calculated")]
    assert f"No dose is calculated. {plan.no_dose_reason}" in result.summary


def test_a_contraindication_is_the_alert_and_leads_the_summary(kb):
    result = key(typed_plan(kb, "gbs", weight="70", product_id="octagam-10", risks=("iga-deficiency",)))
    assert result.alert == f"CONTRAINDICATED: IgA deficiency with anti-IgA antibodies. {NOT_TO_BE_GIVEN}."
    assert result.summary.startswith(result.alert + " ")


def test_the_patient_summary_has_every_input_that_changes_the_dose(kb):
    plan = typed_plan(kb, "gbs", weight="70", height="165", sex="female", pregnant=True, concentration="10%")
    summary = patient_summary(plan)
    assert summary.startswith("Weight 70 kg · height 165 cm · female · pregnant · dosing weight ")
