"""The printable worksheet (``ivigdesk.dosing.worksheet``): the plan page and one administration
page per infusion day, as HTML for Qt's text document (no Qt here)."""

from __future__ import annotations

from datetime import datetime

from ivigdesk.dosing import worksheet
from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.dosing.worksheet import STRIP_FIELD, build_worksheet
from tests.dosing.conftest import plan_for


def test_one_day_page_per_infusion_and_the_footer_says_when_it_was_printed(kb, catalogue):
    # GBS (Table 2): five infusions; started on Mon 4 Jan 2027, the days run to Fri 8 Jan
    plan = plan_for(kb, catalogue, "gbs", start_date="2027-01-04")
    sheet = build_worksheet(plan, printed=datetime(2027, 1, 3, 9, 5))
    assert sheet.day_labels == (
        "Day 1 of 5 · Mon 04 Jan 2027",
        "Day 2 of 5 · Tue 05 Jan 2027",
        "Day 3 of 5 · Wed 06 Jan 2027",
        "Day 4 of 5 · Thu 07 Jan 2027",
        "Day 5 of 5 · Fri 08 Jan 2027",
    )
    assert len(sheet.day_html) == 5 and sheet.footer.endswith(" · printed 03 Jan 2027 09:05")
    assert sheet.html == sheet.plan_html + "".join(sheet.day_html)
    assert sheet.plan_html == "".join(sheet.plan_blocks)


def test_the_strip_names_the_patient_or_leaves_lines_to_fill_in(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs")
    blank = build_worksheet(plan).strip_html("Day 2 of 5 · Tue 05 Jan 2027", 3, 7)
    assert "Name: <b>____________</b>" in blank and "<b>Day 2 of 5</b> · page 3 of 7" in blank
    named = build_worksheet(plan, PatientIdentity(name="Ann <Lee>", hospital_number="943 476 5919"))
    strip = named.strip_html("Plan and check", 1, 7)
    assert "Name: <b>Ann &lt;Lee&gt;</b>" in strip and "Hospital / NHS no.: <b>943 476 5919</b>" in strip


def test_a_long_or_hostile_identity_field_is_shortened_and_cleaned():
    assert worksheet._short("a" * 40) == "a" * 40
    assert worksheet._short("a" * 41) == "a" * 39 + "…" and len(worksheet._short("a" * 41)) == STRIP_FIELD
    assert worksheet._short("Ann\u202eeeL\x00") == "AnneeL"  # no direction override, no control character
