"""The start date: only what the calculation accepts, around today; none unless ticked."""

from __future__ import annotations

from PySide6.QtCore import QDate

from tests.ui.conftest import choose


def test_the_start_date_picker_offers_only_plausible_dates(window, qtbot, hand_worked_today):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    window.inputs.dates.has_start.setChecked(True)
    window.inputs.dates.start_date.setDate(QDate(9999, 12, 31))  # clamped, never a crash dialog
    assert window.inputs.dates.start_date.date() == QDate(hand_worked_today).addDays(366)
    assert window.plan is not None and window.plan.days[0].date == window.inputs.dates.start_date.date().toPython()


def test_no_date_unless_ticked(qtbot, hand_worked_today):
    from ivigdesk.dosing.start_dates import START_DATE_RANGE
    from ivigdesk.ui.qt_inputs_dates import DatesPart

    part = DatesPart()
    qtbot.addWidget(part)
    part.from_today(keep_chosen=False)
    today = QDate(hand_worked_today)
    assert part.start_date.date() == today and part.raw() == "" and not part.start_date.isEnabled()
    assert part.start_date.minimumDate() == today.addDays(-START_DATE_RANGE.days)
    part.has_start.setChecked(True)
    part.start_date.setDate(QDate(2027, 1, 29))
    assert part.start_date.isEnabled() and part.raw() == "2027-01-29"
    part.from_today(keep_chosen=True)  # the data reloaded: a ticked date is kept
    assert part.raw() == "2027-01-29"
    part.clear(today_known=True)
    assert part.raw() == "" and part.start_date.date() == today and not part.start_date.isEnabled()
