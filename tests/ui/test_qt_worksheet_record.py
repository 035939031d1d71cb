"""The worksheet as the ward's IVIG record, read back from the saved PDF with pypdf: who the
patient is on every page, the approval, one block per infusion day, one row per vial, the rate
steps with columns for observations; the paper, the file name and the save dialog."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import choose

IDENTITY = {"name": "Ann Example", "hospital_number": "123 456 7890", "date_of_birth": "02/03/1972", "ward": "Ward 9"}


def obese_dm_five_days(window, qtbot, identity=True):
    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    qtbot.keyClicks(inputs.patient.weight, "110")
    qtbot.keyClicks(inputs.patient.height_field, "165")
    qtbot.keyClicks(inputs.patient.age, "54")
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.patient.days.setValue(5)
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.risks.boxes["renal"].setChecked(True)
    inputs.dates.has_start.setChecked(True)
    inputs.dates.start_date.setDate(QDate(2027, 1, 29))
    for key, text in IDENTITY.items() if identity else ():
        inputs.identity_part.lines[key].setText(text)


def pages(path: Path, first: int | None = None) -> list[str]:
    """The text of each page (of the first ``first`` pages only, when given: pypdf takes some
    80 ms a page)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages[:first]]


@pytest.mark.slow  # slow: pypdf reads all nine pages (about 4 s); CI runs it
def test_patient_approval_and_one_block_per_day_with_a_row_per_vial(window, qtbot, tmp_path):
    obese_dm_five_days(window, qtbot)
    sheet = pages(window.save_worksheet(tmp_path / "sheet.pdf"))
    count = len(sheet)
    for number, page in enumerate(sheet, start=1):  # on every page: who, what, and which page
        assert f"page {number} of {count}" in page
        assert "Name: Ann Example" in page and "Hospital / NHS no.: 123 456 7890" in page
        assert "Date of birth: 02/03/1972" in page and "Dermatomyositis / polymyositis" in page
    text = " ".join(sheet)
    # the patient as entered, the rule and its reason, and the approval line with colour and status
    for expected in ("Weight: 110 kg", "Height: 165 cm", "Age: 54 years", "Renal impairment", "BMI 40.4 > 30",
                     "Panel approval / registration number", "BLUE (Medium priority) · Recommended"):  # fmt: skip
        assert expected in text, expected
    assert "PANEL APPROVAL REQUIRED" not in text  # blue: no approval box
    # one block per day, dated: 29 Jan 2027 and the four days after
    days = list(dict.fromkeys(re.findall(r"Day (\d) of 5 · (\w{3} \d\d \w{3} 2027)", text)))  # header and heading
    assert days == [("1", "Fri 29 Jan 2027"), ("2", "Sat 30 Jan 2027"), ("3", "Sun 31 Jan 2027"),
                    ("4", "Mon 01 Feb 2027"), ("5", "Tue 02 Feb 2027")]  # fmt: skip
    # 31 g a day = 1 × 20 g + 1 × 5 g + 3 × 2 g: five rows a day, each for its batch and expiry
    for vial, per_day in (("20 g", 1), ("5 g", 1), ("2 g", 3)):
        assert len(re.findall(rf"\d Octagam 10 %, {vial}", text)) == 5 * per_day, vial
    assert text.count("Batch number Expiry") == 5
    # the rate rows with their observation columns, start and stop, checklist and reaction record
    assert text.count("Initials") == 5 and text.count("mL/kg/h on 78.15 kg (dose-determining weight)") == 5
    assert text.count("0:00 38.7 0.49 Start") == 5  # 310 mL ÷ 8 h = 38.75 mL/h, shown 38.7; ÷ 78.15 kg = 0.49
    assert text.count("Start time: Stop time:") == 5 and text.count("No reaction") == 5
    assert text.count("Renal function checked") == 5 and text.count("Renal impairment (entered)") == 5
    assert "Calculated by" in text and "Checked by" in text and "2026.11.2" in text


def test_an_empty_identity_prints_lines_to_fill_in_by_hand(window, qtbot, tmp_path):
    obese_dm_five_days(window, qtbot, identity=False)
    first = pages(window.save_worksheet(tmp_path / "sheet.pdf"), first=1)[0]
    assert "Name: ____________" in first and "Hospital / NHS no.: ____________" in first
    assert "Date of birth: ____________" in first and "Ward _______________________" in first
    assert "Consultant / prescriber _______________________" in first


def test_a_grey_indication_gets_the_panel_approval_box(window, qtbot, tmp_path):
    choose(window, qtbot, "CAPS", "caps")
    window.inputs.diagnosis.circumstance.setCurrentIndex(0)
    qtbot.keyClicks(window.inputs.patient.weight, "82")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    text = " ".join(pages(window.save_worksheet(tmp_path / "sheet.pdf"), first=3))
    assert "PANEL APPROVAL REQUIRED before IVIG is supplied" in text
    assert "Thrombosis risk factors (the diagnosis" in text  # carried by CAPS, on each day's checklist


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_the_paper_is_a_setting(window, qtbot, tmp_path, paper, size):
    from ivigdesk.config.settings import PAPER

    obese_dm_five_days(window, qtbot)
    window.store.set(PAPER, paper)
    box = PdfReader(str(window.save_worksheet(tmp_path / "sheet.pdf"))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_the_file_name_says_what_and_when_never_who(window, qtbot):
    from ivigdesk.ui.qt_worksheet import default_file_name

    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.inputs.identity_part.lines["name"].setText("Ann Example")
    assert default_file_name(window.plan, datetime(2027, 1, 29, 14, 32)) == "IVIG-kawasaki-2027-01-29-1432.pdf"


def test_the_save_dialog_starts_in_documents_then_the_last_folder_and_asks_before_replacing(
    window, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import QStandardPaths

    seen = []

    def capture(dialog):
        seen.append(
            (Path(dialog.directory().absolutePath()), dialog.defaultSuffix(),
             dialog.testOption(QFileDialog.Option.DontConfirmOverwrite), dialog.selectedFiles())
        )  # fmt: skip
        return 0

    monkeypatch.setattr(QFileDialog, "exec", capture)
    obese_dm_five_days(window, qtbot)
    window.save_worksheet()
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    folder, suffix, no_confirm, files = seen[-1]
    assert folder in (documents, Path.home()) and suffix == "pdf" and not no_confirm
    assert re.fullmatch(r"IVIG-dm-pm-\d{4}-\d\d-\d\d-\d{4}\.pdf", Path(files[0]).name)
    window.save_worksheet(tmp_path / "sheet.pdf")  # saved elsewhere: that folder is offered next time
    window.save_worksheet()
    assert seen[-1][0] == tmp_path


def test_the_preview_shows_the_same_pages_without_a_printer(window, qtbot, tmp_path):
    from ivigdesk.ui.qt_worksheet import PreviewDialog

    obese_dm_five_days(window, qtbot)
    count = len(PdfReader(str(window.save_worksheet(tmp_path / "sheet.pdf"))).pages)
    preview = PreviewDialog(window, window.plan, window.worksheet_extras())
    qtbot.addWidget(preview)
    assert len(preview.images) == count


def test_the_worksheet_prints_black_on_white_whatever_the_screens_theme(window, qtbot):
    """A dark palette on screen must not print light grey text on white paper."""
    from PySide6.QtWidgets import QApplication

    from ivigdesk.ui.qt_worksheet import page_images
    from ivigdesk.ui.theme import dark_palette

    obese_dm_five_days(window, qtbot, identity=False)
    app = QApplication.instance()
    original = app.palette()
    app.setPalette(dark_palette())
    try:
        image = page_images(window.plan, window.worksheet_extras())[0]
    finally:
        app.setPalette(original)
    # the title "IVIG worksheet: …" under the page header is drawn in black, as on a light screen
    darkest = min(image.pixelColor(x, y).lightness() for x in range(20, 500) for y in range(70, 105))
    assert darkest < 40
