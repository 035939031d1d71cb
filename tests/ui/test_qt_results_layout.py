"""One layout, three renderers: every line of every section the window shows is also in the copied
text and on the worksheet (before, the worksheet left out circumstance notes, the review
criterion, the regimen's note and the fewer-vials option)."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QDate

from ivigdesk.dosing.presentation import plan_view
from ivigdesk.dosing.report import plan_to_text
from ivigdesk.dosing.worksheet import plan_to_html
from tests.ui.conftest import choose


def normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def sheet_text(markup: str) -> str:
    return normal(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def screen_text(window) -> str:
    """Everything the result shows: the key strip's labels and the plan document."""
    results = window.results
    labels = [label for label in results.findChildren(type(results.placeholder)) if label.isVisible()]
    parts = [html.unescape(re.sub(r"<[^>]+>", " ", label.text())) for label in labels]
    return normal(" ".join([*parts, results.document.toPlainText()]))


def obese_dm_with_everything(window, qtbot):
    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    qtbot.keyClicks(inputs.patient.weight, "110")
    qtbot.keyClicks(inputs.patient.height_field, "165")
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.patient.days.setValue(3)  # fewer than 5 days: the rule's warning
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.dates.has_start.setChecked(True)
    inputs.dates.start_date.setDate(QDate(2027, 1, 29))


def kawasaki_with_aspirin_and_a_question(window, qtbot):
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    window.inputs.product_rates.concentration.setCurrentText("10 %")


def chb_uk_dose_with_its_note(window, qtbot):
    choose(window, qtbot, "heart block", "lupus-chb")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("5 %")
    window.inputs.diagnosis.regimen.setCurrentIndex(window.inputs.diagnosis.regimen.findData("uk-dh-400mg-per-kg"))


def lupus_flare_without_a_dose(window, qtbot):
    choose(window, qtbot, "lupus flare", "lupus-flare")
    qtbot.keyClicks(window.inputs.patient.weight, "60")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.inputs.diagnosis.circumstance.setCurrentIndex(window.inputs.diagnosis.circumstance.findData("acute-severe"))


@pytest.mark.parametrize(
    "fill",
    [
        obese_dm_with_everything,
        kawasaki_with_aspirin_and_a_question,
        chb_uk_dose_with_its_note,
        lupus_flare_without_a_dose,
    ],
)
def test_every_section_on_screen_is_in_the_text_and_on_the_worksheet(window, qtbot, fill):
    fill(window, qtbot)
    plan = window.plan
    assert plan is not None, window.results.placeholder.text()
    view = plan_view(plan)
    screen, text = screen_text(window), normal(plan_to_text(plan))
    sheet = sheet_text(plan_to_html(plan, "disclaimer"))
    for section in view.sections:
        for row in section.lines:
            wanted = normal(row.text)
            assert wanted in screen, f"{section.key}: {wanted!r} is not on screen"
            assert wanted in text, f"{section.key}: {wanted!r} is not in the copied text"
            assert wanted in sheet, f"{section.key}: {wanted!r} is not on the worksheet"
    if view.days is not None:
        for row in view.days.rows:
            for figure in (row.give, row.give_volume, row.exact, row.rate, row.rate_per_kg):
                assert figure is None or (figure.text in text and figure.text in sheet and figure.text in screen)
        assert view.days.total.text in text and view.days.total.text in sheet


def test_the_sections_cover_what_the_screen_used_to_leave_off_paper(window, qtbot):
    obese_dm_with_everything(window, qtbot)
    keys = {section.key for section in plan_view(window.plan).sections}
    assert {"source", "rounding", "repeat", "warnings", "schedule", "dates", "working"} <= keys
    sheet = sheet_text(plan_to_html(window.plan, ""))
    assert "If no improvement is seen, IVIG should be stopped" in sheet  # the review criterion
    assert "Fewer vials within the 10 % tolerance" in sheet
    assert "IVIG can be used in resistant cases of DM" in sheet  # the circumstance as the source states it


def test_numbers_and_units_are_kept_apart(window, qtbot):
    obese_dm_with_everything(window, qtbot)
    days = plan_view(window.plan).days
    first = days.rows[0]
    # 78.15 kg × 2 g/kg ÷ 3 days = 52.10 g; ÷ 100 mg/mL = 521 mL (hand-worked, see test_worksheet);
    # Octagam 10 % vials: 52 g = 2 × 20 + 10 + 2 (4 vials) in 520 mL
    assert (first.exact.value, first.exact.unit) == ("52.1", "g")
    assert (first.exact_volume.value, first.exact_volume.unit) == ("521", "mL")
    assert (first.give.value, first.give.unit) == ("52", "g")
    assert (first.give_volume.value, first.give_volume.unit) == ("520", "mL")
    assert days.total_volume.unit == "mL" and days.total.unit == "g"
