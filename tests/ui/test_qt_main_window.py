"""The window driven as a user would, checked against hand-worked values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import choose, open_window


def day_rows(window):
    rows = window.results.table.rowCount()
    return [[window.results.cell(r, c) for c in range(5)] for r in range(rows)]


def test_gbs_in_kg_at_10_percent(window, qtbot):
    choose(window, qtbot, "guillain", "gbs")
    qtbot.keyClicks(window.inputs.weight, "70")
    window.inputs.concentration.setCurrentText("10 %")
    # 70 × 400 mg/kg = 28 g a day for 5 days; 280 mL; ≥ 8 h; ≤ 35 mL/h
    assert window.results.badge.text() == "RED — High priority"
    assert day_rows(window)[:5] == [[str(d), "28", "280", "8", "35"] for d in range(1, 6)]
    assert day_rows(window)[5][:3] == ["Total", "140", "1400"]
    assert "70 kg × 400 mg/kg = 28 g per day" in window.results.arithmetic.text()
    assert "Recommended" in window.results.status.text()
    assert "Grade C; evidence level III" in window.results.status.text()
    assert "Grade A recommendation" in window.results.status.toolTip()


def test_dm_pm_in_pounds_days_and_5_percent(window, qtbot):
    choose(window, qtbot, "DM", "dm-pm")
    window.inputs.weight_unit.setCurrentText("lb")
    qtbot.keyClicks(window.inputs.weight, "154")
    window.inputs.concentration.setCurrentText("5 %")
    # days are never guessed: until chosen, no result and a reason beside the input
    assert window.plan is None
    assert "Choose the number of days" in window.inputs.errors["days"].text()
    window.inputs.days.setValue(3)
    # 154 lb = 69.85322498 kg × 2 g/kg = 139.70644996 g ÷ 3 = 46.5688 g; ÷ 50 mg/mL = 931.38 mL; ÷ 8 h
    assert day_rows(window)[0] == ["1", "46.57", "931.4", "8", "116.4"]
    assert len(day_rows(window)) == 4
    assert "BLUE" in window.results.badge.text()
    assert "over 5 days" in window.results.warnings.text()
    window.inputs.days.setValue(5)
    # 139.70644996 ÷ 5 = 27.941289992 g; 558.8 mL at 5 %; ÷ 8 = 69.85 mL/h (rounded down)
    assert day_rows(window)[0] == ["1", "27.94", "558.8", "8", "69.8"]
    assert "over 5 days" not in window.results.warnings.text()


def test_kawasaki_aspirin_and_8_to_12_hours(window, qtbot):
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.weight, "18")
    window.inputs.concentration.setCurrentText("10 %")
    # 18 × 2 = 36 g; 360 mL; 8–12 h; ≤ 45 mL/h; aspirin 1440–1800 mg/day
    assert day_rows(window)[0] == ["1", "36", "360", "8 (at most 12)", "45"]
    assert "1440–1800 mg a day" in window.results.extras.text()
    assert "3 doses of 480–600 mg" in window.results.extras.text()
    assert "4 doses of 360–450 mg" in window.results.extras.text()


def test_invalid_input_clears_the_result_and_says_why(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.weight, "70")
    window.inputs.concentration.setCurrentText("10 %")
    assert window.plan is not None
    for bad, words in (
        ("0", "more than zero"),
        ("-4", "more than zero"),
        ("abc", "not a number"),
        ("400", "1–250 kg"),
        ("70,5", "decimal point"),
        ("", "Enter the patient"),
    ):
        window.inputs.weight.setText(bad)
        assert window.plan is None, bad
        assert window.results.table.rowCount() == 0 and not window.results.badge.isVisible()
        assert words in window.inputs.errors["weight"].text()
        assert not window.copy_button.isEnabled()
    window.inputs.weight.setText("70")
    assert window.plan is not None and window.inputs.errors["weight"].text() == ""
    window.inputs.concentration.setCurrentText("20 %")
    assert window.plan is None and "not an IV immunoglobulin" in window.inputs.errors["concentration"].text()


def test_black_and_not_recommended_show_no_dose(window, qtbot):
    for search, indication_id, badge in (("rheum", "ra", "BLACK"), ("IBM", "ibm", "BLUE")):
        window.picker.search.clear()
        choose(window, qtbot, search, indication_id)
        qtbot.keyClicks(window.inputs.weight, "70") if not window.inputs.weight.text() else None
        window.inputs.concentration.setCurrentText("10 %")
        assert window.plan is not None and not window.plan.has_dose
        assert window.results.table.rowCount() == 0 and not window.results.table.isVisible()
        assert "No dose is calculated" in window.results.no_dose.text()
        assert badge in window.results.badge.text()


def test_circumstance_must_be_chosen_and_questions_change_the_answer(window, qtbot):
    choose(window, qtbot, "lupus flare", "lupus-flare")
    qtbot.keyClicks(window.inputs.weight, "60")
    window.inputs.concentration.setCurrentText("10 %")
    assert window.plan is None and window.inputs.circumstance.isVisible()
    window.inputs.circumstance.setCurrentIndex(window.inputs.circumstance.findData("refractory"))
    # 60 × 400 mg/kg = 24 g a day
    assert day_rows(window)[0][:3] == ["1", "24", "240"]
    window.picker.search.clear()
    choose(window, qtbot, "cidp", "cidp")
    assert window.plan.has_dose
    window.inputs.questions["within-3-months-of-onset"].setCurrentIndex(2)  # "No"
    assert not window.plan.has_dose and "3 months" in window.results.no_dose.text()


def test_search_by_synonyms(window, qtbot):
    for text, expected in (("anca", "aav"), ("churg", "aav"), ("guillain", "gbs"), ("JIA", "sjia")):
        window.picker.search.clear()
        qtbot.keyClicks(window.picker.search, text)
        assert expected in window.picker.visible_ids(), text
    window.picker.search.clear()
    qtbot.keyClicks(window.picker.search, "lupus")
    assert {"lupus-itp", "lupus-flare", "lupus-chb"} <= set(window.picker.visible_ids())
    window.picker.search.setText("zzzz")
    assert window.picker.visible_ids() == [] and window.picker.empty.isVisible()


def test_keyboard_only_flow(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.picker.search, "gbs")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert window.picker.current_id() == "gbs"
    window.inputs.weight.setFocus()
    qtbot.keyClicks(window.inputs.weight, "70")
    qtbot.keyClick(window.inputs.weight, Qt.Key.Key_Return)
    qtbot.keyClicks(window.inputs.concentration, "10 %")
    assert window.results.cell(0, 1) == "28"
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QApplication.clipboard().text()
    assert "70 kg × 400 mg/kg = 28 g per day" in text and "Priority: RED" in text


def test_concentration_is_remembered_but_the_weight_unit_never_is(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    window.inputs.weight_unit.setCurrentText("lb")
    qtbot.keyClicks(window.inputs.weight, "154")
    window.inputs.concentration.setCurrentText("5 %")
    assert window.plan is not None
    again = open_window(qtbot)  # settings are read after the first paint
    assert again.inputs.concentration.currentText() == "5 %"
    assert again.inputs.weight_unit.currentText() == "kg"  # kg at every launch: "70" is never 70 lb


def test_about_names_versions_source_and_disclaimer(window):
    text = window.about_text()
    assert "Knowledge base 2026.11.1" in text
    assert "10.1093/rheumatology/keu429" in text
    assert "does not replace" in text


def test_broken_knowledge_base_refuses_to_calculate(window, qtbot, kb_copy):
    from ivigdesk.config.site import DataSource, SiteChoice
    from ivigdesk.knowledge.manifest import write_manifest

    (kb_copy / "rules.yaml").write_text("rules: [", encoding="utf-8")
    write_manifest(kb_copy, ["indications.yaml", "references.yaml", "rules.yaml", "source.yaml"])
    window.load_knowledge_base(SiteChoice(knowledge=DataSource(kb_copy), config_file=kb_copy / "site.ini"))
    assert window.kb is None
    assert "rules.yaml" in window.results.placeholder.text()
    assert "INVALID" in window.kb_label.text()
    assert not window.inputs.isEnabled()
