"""Saving and printing from the window: the extras printed beside the plan, nothing without a
plan (the saving itself, refusals and all: test_qt_worksheet_save.py, named in the hazard log)."""

from __future__ import annotations

from ivigdesk.dosing.identity import PatientIdentity
from tests.ui.conftest import choose


def test_nothing_is_saved_or_printed_without_a_plan(window, tmp_path):
    assert window.plan is None
    assert window.worksheet.save(tmp_path / "sheet.pdf") is None and not (tmp_path / "sheet.pdf").exists()
    window.worksheet.print(preview=True)
    assert window.worksheet.preview is None


def test_the_extras_carry_who_it_is_for_the_disclaimer_and_the_paper(window, qtbot):
    from ivigdesk.config.settings import PAPER

    window.inputs.identity_part.lines["name"].setText("Ada Lovelace")
    extras = window.worksheet.extras()
    assert extras.identity == PatientIdentity(name="Ada Lovelace")
    assert extras.disclaimer == window.kb.meta.disclaimer and extras.paper == window.store.get(PAPER)
    assert window.worksheet_extras() == extras  # the window's name for it (the self-test's)


def test_the_preview_offers_the_plans_pages(window, qtbot, tmp_path):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.worksheet.print(preview=True)
    preview = window.worksheet.preview
    assert preview is not None and preview.objectName() == "printPreview" and len(preview.images) >= 2
    preview.close()
    saved = window.save_worksheet(tmp_path / "sheet.pdf")
    assert saved == tmp_path / "sheet.pdf" and window.worksheet.last_error is None
