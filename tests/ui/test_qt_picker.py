"""The diagnosis picker: search by name, abbreviation and synonym, forgiving a misspelling;
headings never chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import choose


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


def test_colour_headings_can_never_choose_a_diagnosis(window):
    """Headings become unselectable once the user can type; before that a heading made current
    still chooses nothing."""

    from ivigdesk.ui.qt_picker import ID_ROLE

    headings = [
        window.picker.list.item(row)
        for row in range(window.picker.list.count())
        if str(window.picker.list.item(row).data(ID_ROLE)).startswith("header:")
    ]
    assert len(headings) >= 4
    for heading in headings:
        assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
        assert heading.flags() & Qt.ItemFlag.ItemIsEnabled  # full contrast, not greyed
        window.picker.list.setCurrentItem(heading)
        assert window.picker.current_id() is None
    window.picker.populate(window.kb)  # a reload keeps them so
    assert all(
        not window.picker.list.item(row).flags() & Qt.ItemFlag.ItemIsSelectable
        for row in range(window.picker.list.count())
        if str(window.picker.list.item(row).data(ID_ROLE)).startswith("header:")
    )


MISSPELT = [
    ("kawasaky", "kawasaki"),
    ("dermatomyosits", "dm-pm"),
    ("lupus nefritis", "lupus-nephritis"),
    ("gullain", "gbs"),
]


def test_a_misspelt_diagnosis_is_found_and_picked_with_enter(window, qtbot):
    picker = window.picker
    rows = [picker.list.item(r) for r in range(picker.list.count())]
    heading = next(item for item in rows if item.data(0x100) == "header:close")
    for typed, wanted in MISSPELT:
        picker.search.setFocus()
        picker.search.setText("")
        qtbot.keyClicks(picker.search, typed)
        assert picker.visible_ids() == [wanted], typed
        assert not picker.empty.isVisible()
        assert not heading.isHidden()  # shown under "Close spellings — check the name"
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert picker.current_id() == wanted and QApplication.focusWidget() is window.inputs.patient.weight


def test_close_spellings_come_after_every_real_match(window, qtbot):
    picker = window.picker
    qtbot.keyClicks(picker.search, "nephritis")  # a real match: no close spelling is offered beside it
    assert picker.visible_ids() == ["lupus-nephritis"]
    picker.search.setText("")
    qtbot.keyClicks(picker.search, "myositis")  # two real matches, then nothing by spelling alone
    assert picker.visible_ids() == ["dm-pm", "ibm"]


def test_new_patient_leaves_no_diagnosis_chosen(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    assert window.picker.current_id() == "gbs"
    window.picker.clear_choice()
    assert window.picker.current_id() is None and window.picker.list.currentRow() == -1
    assert window.picker.search.text() == "" and not window.picker.search.isUndoAvailable()
    assert window.picker.list.selectedItems() == []
