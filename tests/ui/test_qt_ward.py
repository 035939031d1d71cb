"""The window on a busy ward: units, New patient, search and Enter, what the table shows, the
keyboard, screen readers and help. Each test drives the real window, offscreen."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QGroupBox, QLabel, QPushButton

from tests.ui.conftest import choose, obese_dm_pm, open_window

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def gbs_70(window, qtbot, weight="70"):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, weight)
    window.inputs.product_rates.concentration.setCurrentText("10 %")


# -- 1. kilograms, every time -------------------------------------------------------------------


def test_pounds_are_shown_prominently_with_the_weight_in_kg(window, qtbot):
    window.inputs.patient.weight_unit.setCurrentText("lb")
    gbs_70(window, qtbot, "154")
    # 154 lb × 0.45359237 = 69.85 kg
    assert window.inputs.patient.weight_in_kg.isVisible()
    assert window.inputs.patient.weight_in_kg.text() == "Weight entered in POUNDS (lb) = 69.85 kg"
    window.inputs.patient.weight_unit.setCurrentText("kg")
    assert not window.inputs.patient.weight_in_kg.isVisible()


def test_a_unit_typed_against_the_unit_box_is_refused(window, qtbot):
    window.inputs.patient.weight_unit.setCurrentText("lb")
    gbs_70(window, qtbot, "154 kg")
    assert window.plan is None
    assert "typed in kg but the unit beside it is lb" in window.inputs.errors["weight"].text()


def test_each_launch_starts_in_kg(window, qtbot):
    window.inputs.patient.weight_unit.setCurrentText("lb")
    gbs_70(window, qtbot, "154")
    window.close()
    again = open_window(qtbot)
    assert (
        again.inputs.patient.weight_unit.currentText() == "kg"
        and again.inputs.patient.height_unit.currentText() == "cm"
    )


# -- 2. New patient -----------------------------------------------------------------------------


def test_new_patient_clears_every_patient_input_and_keeps_the_product(window, qtbot):
    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    for field, text in (
        (inputs.patient.weight, "110"),
        (inputs.patient.height_field, "165"),
        (inputs.patient.age, "54"),
    ):
        qtbot.keyClicks(field, text)
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.risks.boxes["renal"].setChecked(True)
    inputs.identity_part.lines["name"].setText("Ann Example")
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    inputs.patient.days.setValue(5)
    assert window.plan is not None
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.plan is None and window.picker.current_id() is None
    assert (inputs.patient.weight.text(), inputs.patient.height_field.text(), inputs.patient.age.text()) == ("", "", "")
    assert inputs.patient.sex.currentData() is None and not inputs.risks.boxes["renal"].isChecked()
    assert inputs.identity().empty
    assert inputs.product_rates.product.currentData() == "octagam-10"  # the pharmacy's stock stays
    assert QApplication.focusWidget() is window.picker.search
    # the GBS patient after the obese one is dosed on the 70 kg typed, not a carried-over adjusted weight
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(inputs.patient.weight, "70")
    assert window.plan.dosing_weight.to("kg").magnitude == 70


def test_the_patient_inputs_that_change_the_dose_stay_in_view(window, qtbot):
    obese_dm_pm(window, qtbot)
    window.picker.search.clear()
    choose(window, qtbot, "gbs", "gbs")  # a new diagnosis: height and sex carried over are shown
    summary = window.results.key.patient.text()
    assert "height 165 cm" in summary and "female" in summary and "dosing weight 78.15 kg" in summary
    assert window.results.key.isVisible()


# -- 4. search and Enter ------------------------------------------------------------------------


def test_enter_picks_only_a_single_match(window, qtbot):
    qtbot.keyClicks(window.picker.search, "lupus")
    assert len(window.picker.visible_ids()) > 1
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert window.picker.current_id() is None and QApplication.focusWidget() is window.picker.list
    window.picker.search.clear()
    qtbot.keyClicks(window.picker.search, "kawasaki")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert window.picker.current_id() == "kawasaki" and QApplication.focusWidget() is window.inputs.patient.weight


def test_a_lupus_only_entry_explains_its_scope(window, qtbot):
    qtbot.keyClicks(window.picker.search, "GBS")
    assert window.picker.visible_ids() == ["gbs"]
    assert window.picker.scope.isVisible() and "only as it occurs with lupus" in window.picker.scope.text()


# -- 12. small things ---------------------------------------------------------------------------


def test_a_missing_weight_is_not_an_error_until_the_weight_is_touched(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    assert window.plan is None and "Enter the patient" in window.results.placeholder.text()
    assert window.inputs.errors["weight"].text() == ""
    qtbot.keyClicks(window.inputs.patient.weight, "7")
    qtbot.keyClick(window.inputs.patient.weight, Qt.Key.Key_Backspace)
    assert "Enter the patient" in window.inputs.errors["weight"].text()


def test_fewest_vials_rounding_does_what_it_says(window, qtbot):
    # 78.15 kg × 2 g/kg ÷ 5 = 31.26 g: the nearest total is 31 g (5 vials); one 30 g vial is 4 % under, within 10 %
    obese_dm_pm(window, qtbot)
    assert window.results.day(0)["vials"] == "1 × 20 g\n+ 1 × 5 g\n+ 3 × 2 g"
    settings = next(a.menu() for a in window.menuBar().actions() if a.text() == "Se&ttings")
    rounding = next(a.menu() for a in settings.actions() if a.text() == "Rounding")
    next(a for a in rounding.actions() if a.data()[1] == "fewest-vials").trigger()
    assert window.results.day(0)["vials"] == "1 × 30 g" and window.results.day(0)["give"] == "30 g\n300 mL"


def test_the_form_does_not_jump_when_the_product_changes(window, qtbot):
    gbs_70(window, qtbot)
    window.inputs.product_rates.product.setCurrentIndex(0)
    qtbot.wait(100)  # the form settles after the first result (its height was still changing)
    before = window.inputs.risks.mapTo(window.inputs, window.inputs.risks.rect().topLeft())
    for product in ("kiovig", "octagam-10", None):
        window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData(product))
        QApplication.processEvents()
        assert window.inputs.risks.mapTo(window.inputs, window.inputs.risks.rect().topLeft()) == before


def test_the_rate_fields_show_their_units_outside_the_field(window):
    window.inputs.product_rates.product.setCurrentIndex(
        window.inputs.product_rates.product.findData("kiovig")
    )  # rates not confirmed
    for field in (window.inputs.product_rates.initial_rate, window.inputs.product_rates.maximum_rate):
        assert field.isEnabled() and "mL" not in field.placeholderText()
    units = [label.text() for label in window.inputs.findChildren(QLabel) if label.property("role") == "unit"]
    assert "mL/kg/h for" in units and "mL/kg/h" in units


# -- 9. the keyboard ----------------------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_alt_letters_are_unique_across_the_menus_and_the_form(window, qtbot):
    choose(window, qtbot, "lupus flare", "lupus-flare")  # circumstances and questions shown
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [w.text() for kind in (QLabel, QCheckBox, QPushButton) for w in window.findChildren(kind)]
    texts += [box.title() for box in window.findChildren(QGroupBox)]
    letters = [letter for text in texts if (letter := _mnemonic(text))]
    assert len(letters) == len(set(letters)), sorted(letters)
    assert {"f", "g", "t", "h"} <= set(letters)  # File, Go, Settings, Help


def test_every_menu_opens_from_the_keyboard(window, qtbot):
    for action in window.menuBar().actions():
        letter = _mnemonic(action.text())
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
        qtbot.waitUntil(action.menu().isVisible, timeout=2000)
        action.menu().close()


def test_tab_follows_the_reading_order_and_leaves_the_day_table(window, qtbot):
    gbs_70(window, qtbot)
    chain = window.tab_chain()
    for first, second in itertools.pairwise(chain):
        if first.isEnabled() and second.isEnabled() and second.isVisible():
            assert first.nextInFocusChain() is second or _skips_disabled(first, second), (first, second)
    window.results.document.setFocus()
    qtbot.keyClick(window.results.document, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.results.document  # the plan (with its day table) lets go


def _skips_disabled(first, second) -> bool:
    """``second`` follows ``first`` once proxies and disabled inputs in between are skipped."""
    widget = first.nextInFocusChain()
    for _ in range(50):
        if widget is second or widget.focusProxy() is second or second.focusProxy() is widget:
            return True
        widget = widget.nextInFocusChain()
    return False


def test_the_grades_open_from_the_keyboard(window, qtbot):
    gbs_70(window, qtbot)
    button = window.results.grades_button
    window.results.key.badge.setFocus()
    for _ in range(20):  # Tab along the result until the button has the focus, then press it
        if QApplication.focusWidget() is button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    assert "Grade A recommendation" in window.help_dialog.browser.toPlainText()


# -- 10. screen readers -------------------------------------------------------------------------


def test_an_inputs_accessible_description_carries_its_error_once_typing_pauses(window, qtbot):
    window.inputs.speech.timer.setInterval(50)  # 800 ms in use; the test need not wait that long
    gbs_70(window, qtbot, "abc")
    assert "not a number" not in window.inputs.patient.weight.accessibleDescription()  # not on each keystroke
    qtbot.waitUntil(lambda: "not a number" in window.inputs.patient.weight.accessibleDescription(), timeout=3000)
    assert window.inputs.errors["weight"].accessibleName().startswith("Problem: ")
    assert window.inputs.errors["weight"].buddy() is window.inputs.patient.weight
    window.inputs.patient.weight.setText("70")
    qtbot.waitUntil(lambda: window.inputs.patient.weight.accessibleDescription() == "Patient weight", timeout=3000)


def test_the_focused_input_is_told_the_result_and_that_it_is_valid_once_typing_pauses(window, qtbot):
    window.inputs.speech.timer.setInterval(50)
    window.show()
    window.activateWindow()
    gbs_70(window, qtbot, "7a")
    window.inputs.patient.weight.setFocus()
    qtbot.waitUntil(lambda: window.inputs.patient.weight.accessibleDescription().startswith("Problem: "), timeout=3000)
    window.inputs.patient.weight.setText("70")
    # GBS: 2 g/kg over 5 days, so 0.4 g/kg a day: 28 g for 70 kg, 280 mL at 10 % (100 mg/mL)
    qtbot.waitUntil(lambda: "280 mL" in window.inputs.patient.weight.accessibleDescription(), timeout=3000)
    assert window.inputs.patient.weight.accessibleDescription().startswith("Valid now. Result: RED.")
    assert "Dose 28 g" in window.inputs.patient.weight.accessibleDescription()


def test_a_risk_ticked_from_the_keyboard_is_told_the_new_result_once_typing_pauses(window, qtbot):
    window.inputs.speech.timer.setInterval(50)
    gbs_70(window, qtbot)
    box = window.inputs.risks.boxes["renal"]
    box.setFocus()
    box.setChecked(True)
    qtbot.waitUntil(lambda: box.accessibleDescription().startswith("Result: RED."), timeout=3000)
    window.inputs.patient.weight.setFocus()  # the result leaves the box it was told to, a moment later
    qtbot.waitUntil(lambda: box.accessibleDescription() == "", timeout=3000)


def test_no_ampersand_in_a_tied_text_becomes_a_keyboard_shortcut(window, qtbot):
    from ivigdesk.ui.qt_accessibility import tie_key_texts

    strip = window.results.key
    heading, badge = QLabel("Mulhearn &amp; Bruce"), QLabel("RED — High priority")
    tie_key_texts(strip, badge, [heading, QLabel("Dose")])
    assert heading.buddy() is None and badge.buddy() is heading  # an "&" would become Alt+B
    inputs = window.inputs
    inputs.patient.touched.add("weight")
    inputs.set_errors("weight", "Salt & pepper")
    assert inputs.errors["weight"].text() == "⚠ Salt && pepper"  # shown as one "&", no shortcut
    assert inputs.errors["weight"].accessibleName() == "Problem: Salt & pepper"


def test_a_new_result_is_announced_once_typing_pauses(window, qtbot):
    window.inputs.speech.timer.setInterval(50)  # 800 ms in use; the test need not wait that long
    gbs_70(window, qtbot)
    qtbot.waitUntil(lambda: "28 g" in window.results.last_announcement, timeout=3000)
    assert window.results.last_announcement.startswith("Result: RED. Guillain-Barré syndrome")


def test_ctrl_r_lands_on_the_whole_key_result(window, qtbot):
    gbs_70(window, qtbot)
    window.focus_result()
    key = window.results.key
    assert QApplication.focusWidget() is key
    name = key.accessibleName()
    for expected in ("Dose 28 g", "Volume 280 mL", "Infuse over at least", "Fastest rate", "RED means High priority"):
        assert expected in name, expected


def test_result_text_can_be_selected_from_the_keyboard(window, qtbot):
    gbs_70(window, qtbot)
    flags = window.results.document.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard


# -- 11. help -----------------------------------------------------------------------------------


def test_f1_opens_the_help(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    text = window.help_dialog.browser.toPlainText()
    for expected in ("RED", "GREY", "Grades and evidence levels", "Ctrl+N", "Ontario", "(in force)", "Mulhearn"):
        assert expected in text, expected
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions()] == ["IVIG Desk &help", "&About IVIG Desk"]


# -- 7. the window's place ----------------------------------------------------------------------


def test_the_window_reopens_where_it_was_and_wholly_on_screen(window, qtbot):
    from ivigdesk.ui.qt_main_window import MainWindow

    window.setGeometry(20, 30, 700, 500)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.place(again.store.saved_geometry())
    assert (again.width(), again.height()) == (700, 500)
    # a place saved on a larger screen (the offscreen screen is 800 × 600) is brought onto this one
    again.setGeometry(1500, 900, 1900, 1000)
    elsewhere = bytes(again.saveGeometry())
    moved = MainWindow()
    qtbot.addWidget(moved)
    moved.place(elsewhere)
    moved.show()
    screen = moved.screen().availableGeometry()
    qtbot.waitUntil(lambda: screen.contains(moved.frameGeometry()), timeout=2000)


def test_an_unreadable_saved_place_opens_the_window_centred(tmp_path):
    from ivigdesk.config.settings import SettingsStore

    for text in ("[window]\ngeometry = not base64!\n", "garbage", "\xff\xfe"):
        path = tmp_path / "ivigdesk.ini"
        path.write_text(text, encoding="latin-1")
        assert SettingsStore(path).saved_geometry() is None
    assert SettingsStore(tmp_path / "missing.ini").saved_geometry() is None
