"""The worksheet as printed, checked from the PDF's own geometry with poppler (pdftotext
-bbox-layout, pdffonts, pdftoppm): every word inside the printable area, no two lines overlapping,
the header and footer no taller than the headings, the patient on every page, one page per day;
for the saved PDF and for the printer path at 300, 600 and 1200 dpi."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ivigdesk.dosing.identity import PatientIdentity
from tests.support import worksheet_plans as plans
from tests.support.pdf_geometry import (
    font_sizes,
    fonts,
    ink_fraction,
    outside,
    overlapping_lines,
    poppler_missing,
    read_pages,
)

pytestmark = pytest.mark.skipif(
    poppler_missing() is not None and not os.environ.get("IVIGDESK_REQUIRE_CUPS"), reason=str(poppler_missing())
)
MARGIN_MM = 10
HEADER_PT = (8.0, 9.0)


def unstamped(pages) -> list[str]:
    """Each page's text but the printed time (two prints of one plan may straddle a minute)."""
    return [re.sub(r"printed \d\d \w+ \d{4} \d\d:\d\d", "printed …", page.text) for page in pages]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of this test's own, so the print folder checked is this run's alone
    (concurrent runs of the suite share /tmp/ivigdesk-print-<uid>)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def extras(kb, identity: PatientIdentity, paper: str):
    from ivigdesk.ui.qt_worksheet import WorksheetExtras

    return WorksheetExtras(identity=identity, disclaimer=kb.meta.disclaimer, paper=paper)


def saved(tmp_path: Path, case: str, identity: PatientIdentity, paper: str = "A4") -> tuple[Path, object]:
    from ivigdesk.ui.qt_worksheet import write_pdf

    kb, plan = plans.plan(case)
    return write_pdf(plan, tmp_path / f"{case}.pdf", extras(kb, identity, paper)), plan


def check(path: Path, identity: PatientIdentity, days: int, paper: str = "A4", marks: tuple[str, ...] = ()) -> list:
    """Every check of the printed sheet; returns the pages read back. ``marks``: words of the
    name and number to find on every page (by default the first word of each, as typed)."""
    pages = read_pages(path)
    assert pages, "no pages"
    size = {"A4": (595.3, 841.9), "Letter": (612, 792)}[paper]
    labels = []
    for number, page in enumerate(pages, start=1):
        assert (round(page.width), round(page.height)) == (round(size[0]), round(size[1]))
        assert outside(page, MARGIN_MM) == [], f"page {number}: words outside the printable area"
        assert overlapping_lines(page) == [], f"page {number}: lines overlap"
        header = page.lines[0]
        assert header.text.startswith("IVIG worksheet"), header.text
        footer = page.lines[-1]
        headings = max(word.size for word in page.words)
        assert max(w.size for w in header.words + footer.words) < headings, f"page {number}: header as big as headings"
        assert f"page {number} of {len(pages)}" in page.text
        for key in ("name", "hospital_number"):  # the first word of each, as typed, on every page
            typed = identity.text(key)
            first = typed.split()[0][:12] if typed else "____________"
            assert first in page.text or marks, f"page {number}: {key} missing"
        assert all(mark in page.text for mark in marks), f"page {number}: {marks} missing"
        labels.append("Plan and check" if "Plan and check" in header.text else header.text.split("·")[1].strip())
    plan_pages = labels.count("Plan and check")
    assert labels[:plan_pages] == ["Plan and check"] * plan_pages and plan_pages >= 1
    assert labels[plan_pages:] == [f"Day {d} of {days}" for d in range(1, days + 1)], labels  # one page a day
    assert len(pages) == plan_pages + days
    assert all(font["emb"] == "yes" for font in fonts(path))
    return pages


@pytest.mark.slow
def test_five_day_worksheet_is_right_on_paper(qapp, tmp_path):
    path, _ = saved(tmp_path, "dm5", plans.IDENTITY)
    pages = check(path, plans.IDENTITY, 5)
    plan_pages = len(pages) - 5  # 3 or 4: how the plan flows depends on the fonts the system has
    # the sizes as printed: header and footer 8-9 pt, body at least 9.5 pt, headings larger;
    # on a day page everything but the header and footer is body or heading
    for number, runs in enumerate(font_sizes(path), start=1):
        # drawn in order: the header (title, page X of Y), the strip, the body, then the footer
        footer = max(i for i, (text, _) in enumerate(runs) if text.startswith("IVIG Desk "))
        assert runs[0][0].startswith("IVIG worksheet ·") and runs[1][0] == f"page {number} of {len(pages)}"
        frame = [size for _, size in runs[:2] + runs[footer:]]
        assert all(8 <= size <= 9 for size in frame), (number, frame)
        rest = [size for _, size in runs[2:footer]]
        assert max(frame) < 12  # header and footer never taller than a heading
        if number == 1 or number > plan_pages:  # the plan's first page and each day page start with a heading
            assert max(rest) >= 12, (number, sorted(set(rest)))
        if number > plan_pages:  # the day pages
            assert min(rest) >= 9.5, (number, sorted(set(rest)))
    day = pages[-1]
    header = day.lines[0]
    assert all(HEADER_PT[0] - 0.6 <= w.size <= HEADER_PT[1] + 0.6 for w in header.words), [w.size for w in header.words]
    # the rate table: pump rate 310 mL over 8 h = 38.75, shown rounded down 38.7 mL/h; 38.75 / 78.15 kg = 0.49
    for expected in ("Pump", "mL/kg/h", "Volume", "BP", "Pulse", "Temp", "RR", "Initials", "38.7", "0.49",
                     "78.15 kg", "Baseline", "7:00", "Rate schedule:", "SmPC"):  # fmt: skip
        assert expected in day.text, expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "who", "paper", "days"),
    [
        ("kawasaki", "IDENTITY", "A4", 1),
        ("dm5", "LONG", "Letter", 5),
        ("kawasaki", "LONG", "Letter", 1),
        ("gbs", "ODD", "A4", 5),
        ("gbs", "ODD", "Letter", 5),
        ("dm5", "NONE", "A4", 5),
    ],
)
def test_plans_names_and_papers(qapp, tmp_path, case, who, paper, days):
    identity = getattr(plans, who) if who != "NONE" else PatientIdentity()
    path, _ = saved(tmp_path, case, identity, paper)
    marks = ("Ann", "12345", "67890") if who == "ODD" else ()  # right-to-left words come back in display order
    pages = check(path, identity, days, paper, marks)
    if who == "LONG":  # 200 characters: shortened with an ellipsis on every page's strip, never cut
        assert all("…" in page.text for page in pages)
    for number in range(1, len(pages) + 1):
        assert ink_fraction(path, number) > 0.01, f"page {number} is blank"


@pytest.mark.slow
def test_a_200_percent_screen_scale_changes_nothing_on_paper(tmp_path):
    script = Path(__file__).resolve().parents[1] / "support" / "save_plan.py"
    made = {}
    for name, scale in (("plain", {}), ("double", {"QT_SCALE_FACTOR": "2", "QT_FONT_DPI": "192"})):
        target = tmp_path / f"{name}.pdf"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **scale}
        subprocess.run([sys.executable, str(script), "dm5", str(target)], check=True, env=env, timeout=120)
        made[name] = read_pages(target)
    check(tmp_path / "double.pdf", plans.IDENTITY, 5)
    assert unstamped(made["plain"]) == unstamped(made["double"])


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [300, 600, 1200])
def test_the_printer_path_at_any_resolution(qapp, tmp_path, private_tmp, dpi):
    """Print to File: a QPrinter in PDF mode, drawn by the same code as the saved PDF."""
    from PySide6.QtPrintSupport import QPrinter

    from ivigdesk.ui import print_spool
    from ivigdesk.ui.qt_worksheet import prepare_printer, print_on

    kb, plan = plans.plan("dm5")
    sheet = extras(kb, plans.IDENTITY, "A4")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(dpi)
    prepare_printer(printer, sheet)
    assert printer.resolution() == dpi and printer.docName() == "IVIG worksheet"
    count = print_on(printer, plan, sheet)
    pages = check(tmp_path / "printed.pdf", plans.IDENTITY, 5)
    assert count == len(pages)
    saved_pages = read_pages(saved(tmp_path, "dm5", plans.IDENTITY)[0])
    assert unstamped(pages) == unstamped(saved_pages)  # the same sheet, word for word
    assert print_spool.folder().parent == private_tmp
    assert list(print_spool.folder().iterdir()) == []  # this print's own folder is gone


def test_the_private_print_folder_is_emptied_after_a_print_and_at_start(private_tmp):
    """The print engine's spool file is made where TMPDIR points: the print's own folder inside
    the user's private one (0700), removed after the print, and at the next start should the
    program die mid-print (its lock then held by no one)."""
    from ivigdesk import app
    from ivigdesk.ui import print_spool

    with print_spool.private_temp() as folder:
        assert os.environ["TMPDIR"] == str(folder) and folder.parent == print_spool.folder()
        assert (print_spool.folder().stat().st_mode & 0o777) == 0o700
        (folder / "spool.pdf").write_bytes(b"%PDF- Ann Example")
    assert not folder.exists()  # removed after the print
    folder.mkdir()  # as a print cut short leaves it: its lock file free, its spool file there
    (folder / print_spool.LOCK).touch()
    (folder / "left-by-a-crash.pdf").write_bytes(b"%PDF- Ann Example")
    app.clear_print_spool()  # what the program does at every start, after the first paint
    assert list(print_spool.folder().iterdir()) == []


def test_odd_identity_still_saves_only_where_it_may(qapp, tmp_path):
    """A name with right-to-left text, emoji and a newline prints; an unwritable path is refused
    with one clear message naming the file, and the old file is left as it was."""
    from ivigdesk.safe_files import FileProblem
    from ivigdesk.ui.qt_worksheet import write_pdf

    kb, plan = plans.plan("gbs")
    target = tmp_path / "sheet.pdf"
    old = b"%PDF-1.4\n% the old worksheet\n" + b"x" * 2000 + b"\n%%EOF\n"
    target.write_bytes(old)
    target.chmod(0o444)
    with pytest.raises(FileProblem) as refused:
        write_pdf(plan, target, extras(kb, plans.ODD, "A4"))
    assert str(target) in str(refused.value) and "read-only" in str(refused.value)
    assert "\n" not in str(refused.value) and target.read_bytes() == old
    assert write_pdf(plan, tmp_path / "new.pdf", extras(kb, plans.ODD, "A4")).stat().st_size > 1000
