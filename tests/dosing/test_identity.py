"""Who the worksheet is for (``ivigdesk.dosing.identity``)."""

from __future__ import annotations

from ivigdesk.dosing.identity import PatientIdentity


def test_a_new_identity_is_empty_and_lists_every_line_to_fill_in():
    identity = PatientIdentity()
    assert identity.empty
    assert [label for label, _ in identity.items()] == [
        "Name",
        "Hospital / NHS number",
        "Date of birth",
        "Ward",
        "Consultant / prescriber",
        "Panel approval / registration number",
        "Approval date",
    ]
    assert all(text == "" for _, text in identity.items())


def test_runs_of_spaces_and_line_breaks_become_single_spaces():
    identity = PatientIdentity(name="  Jane \n\t Doe ", ward="Ward\r\n7")
    assert identity.text("name") == "Jane Doe" and identity.text("ward") == "Ward 7"
    assert ("Name", "Jane Doe") in identity.items() and not identity.empty


def test_only_spaces_count_as_empty():
    assert PatientIdentity(name="   ", consultant="\n").empty
