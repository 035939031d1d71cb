"""The result: a key strip that never scrolls away (badge, dose and volume a day, minimum
duration, fastest rate, and the patient that produced them), then the whole plan below it.

It only renders a :class:`DosePlan` through its presentation model; ``clear`` empties every
figure so nothing stale remains. A change of result is announced to screen readers once typing
pauses, and every text can be selected from the keyboard.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt is touched only after the first paint (its enums cost ~40 ms)
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import DayRow, DayTable, KeyResult, PlanView, Section
    from ivigdesk.dosing.result import DosePlan

DAY_COLUMNS = ("Day", "Give", "Exact dose", "Vials", "Infuse over\nat least", "Fastest rate\nallowed")
DAY_KEYS = ("day", "give", "exact", "vials", "duration", "rate")
UNCONFIRMED_NOTE = (
    "* The fastest rate here is the one that meets the minimum duration: the product's own maximum is not "
    "confirmed (or no product is chosen), and may be lower. Check the SmPC."
)
ANNOUNCE_AFTER_MS = 800  # a screen reader hears the new result once typing pauses, not on every key


def _format(label: QLabel, rich: bool = True) -> QLabel:
    """Rich (or plain) text that wraps, takes only the height it needs, and can be selected (and
    its links followed) with the mouse, the keyboard or touch."""
    flags = QtCore.Qt.TextInteractionFlag
    label.setTextFormat(QtCore.Qt.TextFormat.RichText if rich else QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        flags.TextSelectableByMouse
        | flags.TextSelectableByKeyboard
        | flags.LinksAccessibleByMouse
        | flags.LinksAccessibleByKeyboard
    )
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _label(name: str, rich: bool = True) -> QLabel:
    return _format(QLabel(objectName=name, wordWrap=True), rich)


class KeyStrip(QFrame):
    """The key result, pinned above the plan: what a nurse and a checker look for first."""

    def __init__(self) -> None:
        from ivigdesk.ui.qt_badge import ColourBadge

        super().__init__(objectName="keyResult")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.badge = ColourBadge()
        self.heading = _label("heading")
        self.patient = _label("patientSummary")
        self.facts: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for index in range(4):
            name, value = _label(f"keyLabel{index}"), _label(f"keyValue{index}")
            grid.addWidget(name, (index // 2) * 2, index % 2)
            grid.addWidget(value, (index // 2) * 2 + 1, index % 2)
            self.facts.append((name, value))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.badge)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.patient)
        self.setAccessibleName("Key result")

    def show_key(self, view: PlanView) -> None:
        key: KeyResult = view.key
        self.badge.show_colour(view.colour, view.colour_word, view.priority, view.meaning)
        self.heading.setText(f"<b>{escape(view.indication)}</b> — {escape(view.circumstance)}")
        for (name, value), fact in zip(self.facts, (*key.facts, None, None, None), strict=False):
            if fact is None:
                name.setText("")
                value.setText("")
            else:
                detail = f"<br><small>{escape(fact.detail)}</small>" if fact.detail else ""
                name.setText(f"<small>{escape(fact.label)}</small>")
                value.setText(f"<b style='font-size: 13pt'>{escape(fact.value)}</b>{detail}")
            name.setVisible(fact is not None)
            value.setVisible(fact is not None)
        self.patient.setText(f"<small>{escape(key.patient)}</small>" if key.patient else "")
        self.patient.setVisible(bool(key.patient))
        self.setAccessibleDescription(key.summary)
        self.setVisible(True)

    def clear_key(self) -> None:
        self.badge.clear_badge()
        self.setAccessibleDescription("")
        self.setVisible(False)


class ResultsPanel(QWidget):
    """The key strip above a scrollable view of one dose plan."""

    grades_requested = Signal()  # "(what grades mean)" was followed

    def __init__(self) -> None:
        super().__init__()
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame, objectName="planScroll")
        body = QWidget()
        self.scroll.setWidget(body)
        self._layout = QVBoxLayout(body)
        # only the placeholder exists before the first paint; the rest is built on first use
        self.placeholder = QLabel("Loading the knowledge base…", objectName="placeholder", wordWrap=True)
        self._layout.addWidget(self.placeholder)
        self._layout.addStretch(1)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.addWidget(self.scroll, 1)
        self._built = False
        self.plan: DosePlan | None = None
        self.last_announcement = ""
        self._pending = ""

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        _format(self.placeholder)
        self.key = KeyStrip()
        self._outer.insertWidget(0, self.key)
        self.status = _label("status")
        self.status.linkActivated.connect(lambda _link: self.grades_requested.emit())
        self.source_text = _label("sourceText")
        self.patient = _label("patient")
        self.guidance = _label("guidance")
        self.regimen = _label("regimen")
        self.arithmetic = _label("arithmetic")
        self.no_dose = _label("noDose")
        self.table = QTableWidget(0, len(DAY_COLUMNS), objectName="dayTable")
        self.table.setHorizontalHeaderLabels(DAY_COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Infusion days")
        self.table.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().sectionResized.connect(lambda *_: self._fit_table_height())
        self.table_note = _label("tableNote")
        self.weight = _label("weightBasis")
        self.product = _label("productFacts")
        self.schedule = _label("schedule")
        self.extras = _label("extras")
        self.warnings = _label("warnings")
        self.references = _label("references")
        for position, widget in enumerate(
            (
                self.status,
                self.source_text,
                self.patient,
                self.no_dose,
                self.warnings,
                self.weight,
                self.regimen,
                self.table,
                self.table_note,
                self.arithmetic,
                self.schedule,
                self.product,
                self.extras,
                self.guidance,
                self.references,
            ),
            start=1,
        ):
            self._layout.insertWidget(position, widget)
        self._announcer = QtCore.QTimer(self, singleShot=True, interval=ANNOUNCE_AFTER_MS)
        self._announcer.timeout.connect(self._announce)

    def labels(self) -> list[QLabel]:
        """Every text of the plan (the key strip's included)."""
        self._build()
        return [
            self.key.heading,
            *(label for pair in self.key.facts for label in pair),
            self.key.patient,
            *(self._groups()),
            self.table_note,
            self.placeholder,
        ]

    def clear(self, reason: str) -> None:
        """Remove every figure and say why there is no result."""
        self._build()
        self.plan = None
        self.key.clear_key()
        for label in self._groups():
            label.clear()
            label.setVisible(False)
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self._set(self.table_note, "")
        self.placeholder.setText(f"<p style='font-size: 12pt'>{escape(reason)}</p>")
        self.placeholder.setVisible(True)
        self._queue_announcement(reason)

    def show_plan(self, plan: DosePlan, grading_footnote: str) -> None:
        """Draw ``plan`` from its presentation model; this panel computes nothing itself."""
        from ivigdesk.dosing.presentation import plan_view

        self._build()
        view = plan_view(plan, grading_footnote)
        self.plan = plan
        self.placeholder.setVisible(False)
        self.key.show_key(view)
        self.status.setToolTip(view.grading_footnote)
        for label, keys in self._groups().items():
            self._set(label, "<br>".join(self._section_html(s) for key in keys if (s := view.section(key))))
        if view.days is None:
            self.table.setVisible(False)
            self.table.setRowCount(0)
            self._set(self.table_note, "")
        else:
            self._fill_table(view.days)
        self._queue_announcement(view.key.summary)

    def _groups(self) -> dict[QLabel, tuple[str, ...]]:
        """Which label shows which sections of the presentation model, in order."""
        return {
            self.status: ("status",),
            self.source_text: ("source",),
            self.patient: ("patient",),
            self.no_dose: ("no-dose",),
            self.warnings: ("warnings",),
            self.weight: ("weight",),
            self.regimen: ("regimen",),
            self.arithmetic: ("working",),
            self.schedule: ("rounding", "schedule", "dates"),
            self.product: ("product",),
            self.extras: ("repeat", "co-medication", "to-confirm", "notes"),
            self.guidance: ("guidance",),
            self.references: ("references",),
        }

    @staticmethod
    def _section_html(section: Section) -> str:
        from ivigdesk.dosing.presentation import line_html, lines_html

        body = lines_html(section.lines)
        if section.key == "status":  # the grades are explained in Help, opened from here
            first, *rest = section.lines
            rows = [line_html(first) + " <small><a href='#grades'>(what grades mean)</a></small>", lines_html(rest)]
            body = "<br>".join(row for row in rows if row)
        if section.kind == "mono":
            return f"<b>{escape(section.title)}</b><br><span style='font-family: monospace'>{body}</span>"
        if section.titled:
            return f"<b>{escape(section.title)}</b><br>{body}"
        return body

    def _fill_table(self, days: DayTable) -> None:
        rows = [_day_cells(row) for row in days.rows]
        exact_total = days.exact_total.text + (f"\n{days.exact_total_volume.text}" if days.exact_total_volume else "")
        given_total = days.total.text + (f"\n{days.total_volume.text}" if days.total_volume else "")
        rows.append(("Total", given_total, exact_total, "", "", ""))
        self.table.setColumnHidden(2, not days.rounded)  # the exact dose has a column when rounding changed it
        unconfirmed = not all(row.product_maximum_known for row in days.rows)
        self._set(self.table_note, f"<small>{escape(UNCONFIRMED_NOTE)}</small>" if unconfirmed else "")
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setData(QtCore.Qt.ItemDataRole.TextAlignmentRole, QtCore.Qt.AlignmentFlag.AlignCenter)
                if r == len(rows) - 1 or c == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.setVisible(True)
        self.table.resizeRowsToContents()
        self._fit_table_height()

    def _fit_table_height(self) -> None:
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth())

    def _queue_announcement(self, text: str) -> None:
        self._pending = text
        self._announcer.start()

    def _announce(self) -> None:
        """Tell a screen reader the result changed (politely, once typing has paused)."""
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        if self._pending == self.last_announcement:
            return
        self.last_announcement = self._pending
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.key, self._pending))

    @staticmethod
    def _set(label: QLabel, html: str) -> None:
        label.setText(html)
        label.setVisible(bool(html))

    def cell(self, row: int, column: int) -> str:
        """The text of a per-day table cell (for tests and the self-test)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def day(self, row: int) -> dict[str, str]:
        """One row of the day table by column ("give": "28 g\n280 mL"), as shown."""
        return {key: self.cell(row, column) for column, key in enumerate(DAY_KEYS)}

    @property
    def badge(self) -> QLabel:
        self._build()
        return self.key.badge


def _day_cells(row: DayRow) -> tuple[str, ...]:
    """One day, condensed to fit a narrow column: two or three short lines per cell."""
    day = str(row.day) + (f"\n{row.date.strftime('%a %d %b')}" if row.date else "")
    give = row.give.text + (f"\n{row.give_volume.text}" if row.give_volume else "")
    exact = row.exact.text + (f"\n{row.exact_volume.text}" if row.exact_volume else "")
    duration = row.min_duration or "not set"
    if row.max_duration:
        duration += f"\n(at most {row.max_duration})"
    rate = "set by the product's SmPC"
    if row.rate is not None and row.rate_per_kg is not None:  # what sets it is in the key result above
        rate = f"{row.rate.text}\n{row.rate_per_kg.text}"
        if not row.product_maximum_known:
            rate += " *"  # explained under the table
    return day, give, exact, row.vials.replace(" + ", "\n+ ") or "–", duration, rate
