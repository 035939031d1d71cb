"""The patient's part on its own: what it gives the raw inputs, pregnancy held by a diagnosis,
and the days a regimen allows (dm-pm: 2 to 5 days; GBS: 5, fixed)."""

from __future__ import annotations

import pytest

from ivigdesk.ui.qt_inputs_patient import PatientPart


@pytest.fixture
def part(qtbot):
    widget = PatientPart()
    qtbot.addWidget(widget)
    return widget


def test_a_fresh_part_gives_nothing_but_its_units(part):
    assert part.raw() == {
        "weight": "", "weight_unit": "kg", "height": "", "height_unit": "cm", "sex": "", "age": "",
        "age_unit": "years", "pregnant": False, "pre_pregnancy_weight": "", "use_actual_weight": False,
        "days": "", "gestation": "",
    }  # fmt: skip


def test_the_pregnancy_fields_count_only_when_pregnant(part):
    part.pre_pregnancy.setText("64")
    part.gestation.setText("16+3")
    assert part.raw()["pre_pregnancy_weight"] == "" and part.raw()["gestation"] == ""
    part.pregnant.setChecked(True)
    assert part.raw()["pre_pregnancy_weight"] == "64" and part.raw()["gestation"] == "16+3"


def test_pounds_carry_to_the_pre_pregnancy_weight_and_say_so(part):
    part.weight_unit.setCurrentText("lb")
    assert part.pre_pregnancy_unit.text() == "lb"
    part.show_weight_in_kg("69.85 kg")  # 154 lb
    assert part.weight_in_kg.text() == "Weight entered in POUNDS (lb) = 69.85 kg"
    part.weight_unit.setCurrentText("kg")
    assert part.weight_in_kg.isHidden() and part.pre_pregnancy_unit.text() == "kg"


def test_a_diagnosis_in_pregnancy_holds_the_box_and_the_next_frees_it(part, kb):
    part.set_indication(kb.indication("lupus-chb"))
    assert part.pregnant.isChecked() and not part.pregnant.isEnabled()
    assert part.pre_pregnancy.isEnabled() and part.pregnant.toolTip() == "Pregnant by the diagnosis."
    part.set_indication(kb.indication("gbs"))
    assert not part.pregnant.isChecked() and part.pregnant.isEnabled()
    part.pregnant.setChecked(True)  # ticked by the user: kept
    part.set_indication(kb.indication("cidp"))
    assert part.pregnant.isChecked()


def test_a_range_of_days_is_chosen_never_guessed(part, kb):
    regimen = kb.indication("dm-pm").circumstances[0].regimens[0]  # 2 to 5 days
    part.set_days_for(regimen)
    assert part.days.isEnabled() and part.days.text() == "Choose…" and part.raw()["days"] == ""
    assert (part.days.minimum(), part.days.maximum()) == (1, 5)
    part.days.setValue(3)
    assert part.raw()["days"] == "3" and "days" in part.touched
    part.set_days_for(kb.indication("gbs").circumstances[0].regimens[0])  # 5 days, fixed
    assert not part.days.isEnabled() and part.days.value() == 5 and part.raw()["days"] == ""
    assert part.days.suffix() == " days: set by the regimen" and "days" not in part.touched


def test_each_edit_asks_for_one_recalculation(part, qtbot):
    with qtbot.waitSignal(part.changed):
        part.weight.setText("7")
    emitted: list[int] = []
    part.changed.connect(lambda: emitted.append(1))
    part.use_actual.setChecked(True)
    part.sex.setCurrentIndex(2)
    assert emitted == [1, 1] and part.raw()["sex"] == "female"
