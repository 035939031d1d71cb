"""Issue 23 in the window: the NHS England height clause, the IgA contraindication in the key
strip, the new risk inputs, lupus pregnancy past week 33 and no-dose entries, against hand-worked
values (see tests/dosing/test_issue23_safety.py for the arithmetic)."""

from __future__ import annotations

from tests.ui.conftest import choose


def choose_setting(window, option: str) -> None:
    """Pick a Settings menu option as a user would (e.g. the NHS England weight rule)."""
    for entry in window.menus.settings.actions():
        sub = entry.menu()
        for action in sub.actions() if sub is not None else ():
            if action.data() is not None and action.data()[1] == option:
                action.trigger()
                return
    raise AssertionError(f"no setting {option}")


def test_nhs_england_rule_uses_actual_weight_under_132_cm(window, qtbot):
    choose_setting(window, "nhs-england")
    choose(window, qtbot, "guillain", "gbs")
    inputs = window.inputs
    for field, text in (
        (inputs.patient.weight, "60"),
        (inputs.patient.height_field, "130"),
        (inputs.patient.age, "40"),
    ):
        qtbot.keyClicks(field, text)
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.product_rates.concentration.setCurrentText("10 %")
    # 60 kg × 0.4 g/kg = 24 g a day = 240 mL at 10 %
    assert window.results.day(0)["give"] == "24 g\n240 mL"
    assert "Under 132 cm tall: actual weight" in window.results.part("weight")


def test_iga_contraindication_leads_the_key_strip_and_the_plan_stays(window, qtbot):
    choose(window, qtbot, "guillain", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("privigen"))
    window.inputs.risks.boxes["iga-deficiency"].setChecked(True)
    alert = window.results.key.alert
    assert alert.isVisibleTo(window) and "CONTRAINDICATED" in alert.text()
    assert "NOT TO BE GIVEN without specialist advice" in alert.text()
    assert window.results.key.accessibleName().startswith("Key result. CONTRAINDICATED")  # what Ctrl+R says first
    assert "Privigen 10 % contains at most 25 micrograms/mL of IgA" in window.results.part("contraindication")
    # the plan is still shown: 70 × 0.4 g/kg = 28 g, in Privigen's 2.5 g steps the nearest is 27.5 g = 275 mL
    assert window.plan.days[0].dose.to("g").magnitude == 28
    assert window.results.day(0)["give"] == "27.5 g\n275 mL"
    window.inputs.risks.boxes["iga-deficiency"].setChecked(False)
    assert not window.results.key.alert.isVisibleTo(window) and window.results.part("contraindication") == ""


def test_a_new_risk_input_applies_octagams_lower_maximum(window, qtbot):
    choose(window, qtbot, "pregnancy", "lupus-pregnancy")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
    box = window.inputs.risks.boxes["hypertension"]
    assert box.text() == "Hypertension" and "obesity" not in window.inputs.risks.boxes
    box.setChecked(True)
    # 70 kg × 500 mg/kg = 35 g; Octagam 10 % at risk 0.03 mL/kg/min = 1.8 mL/kg/h × 70 = 126 mL/h
    assert window.results.day(0)["rate"].startswith("126 mL/h\n1.8 mL/kg/h")
    assert "Risk of thrombosis — Hypertension" in window.results.part("warnings")


def test_age_over_65_is_surfaced_from_the_age(window, qtbot):
    choose(window, qtbot, "ANCA", "aav")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    qtbot.keyClicks(window.inputs.patient.age, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    assert "Age over 65 (the age entered, 70 years)" in window.results.part("patient")
    assert "Risk of acute renal failure — Age over 65" in window.results.part("warnings")


def test_lupus_pregnancy_past_week_33_warns(window, qtbot):
    choose(window, qtbot, "pregnancy", "lupus-pregnancy")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    qtbot.keyClicks(window.inputs.patient.gestation, "34+0")
    assert "past week 33" in window.results.part("warnings")


def test_a_no_dose_entry_is_answered_without_weight_or_concentration(window, qtbot):
    choose(window, qtbot, "rheumatoid", "ra")
    assert window.plan is not None and not window.plan.has_dose
    assert "the review gives no IVIG dose here" in window.results.part("no-dose")
    assert window.results.badge.text().startswith("BLACK")


def test_kawasaki_shows_the_uk_aspirin_dose_beside_the_reviews(window, qtbot):
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    qtbot.keyClicks(window.inputs.patient.age, "4")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    # 18 kg × 80–100 mg/kg = 1440–1800 mg (the review); × 30–50 mg/kg = 540–900 mg (UK)
    extras = window.results.part("extras")
    assert "1440–1800 mg a day" in extras and "Aspirin, UK dose in the acute phase" in extras
    assert "540–900 mg a day on actual weight 18 kg, as 4 doses of 135–225 mg" in extras


def test_the_working_in_the_window_says_the_at_risk_maximum_not_the_rules_rate(window, qtbot):
    # review of main, item 2: Kawasaki 18 kg, Octagam 10 %, thrombosis risk: 360 mL; 360 ÷ 8 h = 45 mL/h
    # only meets the rule's time; the at-risk maximum is 0.03 mL/kg/min = 1.8 mL/kg/h × 18 = 32.4 mL/h,
    # so the infusion takes longer: 60 min of steps + 343.8 ÷ 32.4 h = 696.67 min = 11 h 37 min
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    qtbot.keyClicks(window.inputs.patient.age, "4")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
    window.inputs.risks.boxes["thrombosis"].setChecked(True)
    from html import unescape

    working = unescape(window.results.part("working"))
    assert "at most 45 mL/h" not in working
    assert "360 mL ÷ 8 h = 45 mL/h to meet the rule's time" in working
    assert "the label allows at most 32.4 mL/h (1.8 mL/kg/h × 18 kg" in working
    assert "so the infusion takes longer: 11 h 37 min" in working
