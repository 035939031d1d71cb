"""The date of the first infusion: unticked, the plan is undated; the picker offers only the
dates the calculation accepts, around today."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_inputs_common import ErrorLabel, add_row, form_layout, mark_touched, named, recalculate_on_edit


class DatesPart(QWidget):
    """The "Start date" row: a box to tick, then the date."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.touched: set[Field] = set()
        self.has_start = named(QCheckBox("&Start date"), "hasStartDate")
        self.start_date = named(QDateEdit(QDate.currentDate()), "startDate")
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setEnabled(False)
        self.fields: dict[Field, list[QWidget]] = {Field.START_DATE: [self.start_date, self.has_start]}
        self.errors = {Field.START_DATE: ErrorLabel(Field.START_DATE)}
        self.descriptions: dict[QWidget, str] = {self.start_date: "Date of the first infusion"}
        form = form_layout(self)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, self.has_start, self.start_date, self.errors[Field.START_DATE])
        mark_touched(self.fields, self.touched)
        self.has_start.toggled.connect(self.start_date.setEnabled)
        recalculate_on_edit(self.fields[Field.START_DATE], self.changed)

    def tab_chain(self) -> list[QWidget]:
        return [self.has_start, self.start_date]

    def raw(self) -> str:
        """The start date as yyyy-MM-dd, or "" when none is ticked."""
        return self.start_date.date().toString("yyyy-MM-dd") if self.has_start.isChecked() else ""

    def clear(self, *, today_known: bool) -> None:
        """Unticked, at today (within the calculation's range once the data is loaded)."""
        self.has_start.setChecked(False)
        if today_known:
            self.from_today(keep_chosen=False)
        else:
            self.start_date.setDate(QDate.currentDate())
        self.start_date.setEnabled(self.has_start.isChecked())

    def from_today(self, *, keep_chosen: bool) -> None:
        """The date picker offers only what the calculation accepts, around today, and shows
        today (unless ``keep_chosen`` and a date is ticked)."""
        from ivigdesk.dosing.start_dates import START_DATE_RANGE, today

        day = today()
        now = QDate(day.year, day.month, day.day)
        self.start_date.setDateRange(now.addDays(-START_DATE_RANGE.days), now.addDays(START_DATE_RANGE.days))
        if not (keep_chosen and self.has_start.isChecked()):
            self.start_date.setDate(now)
