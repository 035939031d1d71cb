"""The pharmacist-grade inputs in the window, and the worksheet PDF read back as text."""

from __future__ import annotations

from pypdf import PdfReader

from tests.ui.conftest import choose, obese_dm_pm


def test_dosing_weight_product_rounding_and_dates_in_the_window(window, qtbot):
    obese_dm_pm(window, qtbot)
    # 165 cm = 64.96 in; IBW 45.5 + 2.3 × 4.96 = 56.91; BMI 110/1.65² = 40.4 > 30; DDW 56.91 + 0.4 × 53.09 = 78.15
    assert "dosing weight 78.15 kg" in window.results.part("weight")
    assert "BMI 40.4" in window.results.part("weight") and "IBW 56.91 kg" in window.results.part("weight")
    # 78.15 × 2 g/kg = 156.29 g ÷ 5 = 31.26 g; 31 g = 20 + 5 + 3 × 2 (5 vials) in 310 mL
    day = window.results.day(0)
    assert day["exact"] == "31.26 g\n312.6 mL"
    assert day["give"] == "31 g\n310 mL"
    assert day["day"] == "1\nFri 29 Jan"
    assert day["vials"] == "1 × 20 g\n+ 1 × 5 g\n+ 3 × 2 g"
    assert "on actual weight the course would be 220 g" in window.results.part("regimen")
    assert "Course 2: Sun 28 Feb 2027" in window.results.part("schedule")
    assert not window.inputs.product_rates.concentration.isEnabled()  # the product gives it
    # the user chooses actual weight: recorded, and the dose follows
    window.inputs.patient.use_actual.setChecked(True)
    assert "chosen by the user" in window.results.part("weight")
    assert window.results.day(0)["give"] == "44 g\n440 mL"  # 110 × 2 ÷ 5 = 44 g = 2 × 20 + 2 × 2


def test_bad_height_clears_the_result_and_says_why(window, qtbot):
    obese_dm_pm(window, qtbot)
    assert window.plan is not None
    window.inputs.patient.height_field.setText("165 kg")
    assert window.plan is None and window.results.day_rows() == 0 and window.results.document.isHidden()
    assert "typed in kg but the unit beside it is cm" in window.inputs.errors["height"].text()


def test_unconfirmed_rates_ask_for_the_smpc_rates(window, qtbot):
    choose(window, qtbot, "guillain", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("kiovig"))
    assert window.inputs.product_rates.initial_rate.isEnabled()
    assert "not confirmed" in window.results.part("schedule")
    qtbot.keyClicks(window.inputs.product_rates.initial_rate, "0.5")
    assert "Enter both" in window.inputs.errors["rates"].text() and window.plan is None
    qtbot.keyClicks(window.inputs.product_rates.maximum_rate, "6")
    # 2 g/kg course: 280 mL over at least 8 h = 35 mL/h, the same as 0.5 mL/kg/h × 70 kg, so one step
    assert "35 mL/h (0.5 mL/kg/h) for 480 min" in window.results.part("schedule")


def test_worksheet_pdf_holds_the_key_numbers(window, qtbot, tmp_path):
    obese_dm_pm(window, qtbot)
    path = window.save_worksheet(tmp_path / "sheet.pdf")
    reader = PdfReader(str(path))
    plan_pages = reader.pages[: len(reader.pages) - 5]  # then one page for each of the 5 days
    text = " ".join(" ".join(page.extract_text() for page in plan_pages).split())
    for expected in (
        "Dermatomyositis",
        "BLUE",
        "78.15 kg",  # dosing weight
        "31.26 g",  # per day
        "312.6 mL",
        "1 × 20 g + 1 × 5 g + 3 × 2 g = 31 g",
        "Fri 29 Jan 2027",
        "Checked by",
        "Calculated by",
        "2026.11.2",
    ):
        assert expected in text, expected


def test_pre_pregnancy_weight_error_shows_beside_its_own_field(window, qtbot):
    choose(window, qtbot, "pregnancy", "lupus-pregnancy")
    qtbot.keyClicks(window.inputs.patient.weight, "80")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    assert (
        window.inputs.patient.pregnant.isChecked() and not window.inputs.patient.pregnant.isEnabled()
    )  # by the diagnosis
    assert window.inputs.patient.pre_pregnancy.isEnabled()
    qtbot.keyClicks(window.inputs.patient.pre_pregnancy, "700")
    assert window.plan is None
    assert "outside the accepted" in window.inputs.errors["pre-pregnancy weight"].text()
    assert window.inputs.errors["weight"].text() == ""


def test_settings_menu_changes_the_rounding_at_once(window, qtbot):
    obese_dm_pm(window, qtbot)
    assert window.results.day(0)["give"] == "31 g\n310 mL"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Se&ttings")
    rounding = next(a.menu() for a in menu.actions() if a.text() == "Rounding")
    next(a for a in rounding.actions() if a.data()[1] == "nearest-5g").trigger()
    # 31.26 g to the nearest 5 g is 30 g, 300 mL at 10 %
    assert window.results.day(0)["give"] == "30 g\n300 mL"
    assert window.plan.rounding_policy == "nearest-5g"
