"""The result: badge, status, regimen and arithmetic, the per-day table, and the rest of the plan.

It only renders a :class:`DosePlan`; ``clear`` empties every figure so nothing stale remains.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt is touched only after the first paint (its enums cost ~40 ms)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ivigdesk.ui.palette import WARNING_BACKGROUND, WARNING_BORDER

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import DayTable, Section
    from ivigdesk.dosing.result import DosePlan

DAY_COLUMNS = ("Day", "Dose (g)", "Volume (mL)", "Min. duration (h)", "Max. rate (mL/h)", "Date", "Rounded")


def _format(label: QLabel, rich: bool = True) -> QLabel:
    """Rich (or plain) selectable text that wraps and takes only the height it needs."""
    label.setTextFormat(QtCore.Qt.TextFormat.RichText if rich else QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _label(name: str, rich: bool = True) -> QLabel:
    return _format(QLabel(objectName=name, wordWrap=True), rich)


class ResultsPanel(QScrollArea):
    """A scrollable view of one dose plan."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self._layout = QVBoxLayout(body)
        # only the placeholder exists before the first paint; the rest is built on first use
        self.placeholder = QLabel("Loading the knowledge base…", objectName="placeholder", wordWrap=True)
        self._layout.addWidget(self.placeholder)
        self._layout.addStretch(1)
        self._built = False
        self.plan: DosePlan | None = None

    def _build(self) -> None:
        from ivigdesk.ui.qt_badge import ColourBadge

        if self._built:
            return
        self._built = True
        _format(self.placeholder)
        self.badge = ColourBadge()
        self.colour_meaning = _label("colourMeaning")
        self.heading = _label("heading")
        self.status = _label("status")
        self.source_text = _label("sourceText")
        self.regimen = _label("regimen")
        self.arithmetic = _label("arithmetic")
        self.no_dose = _label("noDose")
        self.no_dose.setStyleSheet(
            f"QLabel#noDose {{ background: {WARNING_BACKGROUND}; border: 2px solid {WARNING_BORDER};"
            " padding: 8px; font-weight: bold; }"
        )
        self.table = QTableWidget(0, len(DAY_COLUMNS), objectName="dayTable")
        self.table.setHorizontalHeaderLabels(DAY_COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Infusion days")
        self.table.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.weight = _label("weightBasis")
        self.schedule = _label("schedule")
        self.extras = _label("extras")
        self.warnings = _label("warnings")
        self.warnings.setStyleSheet(
            f"QLabel#warnings {{ background: {WARNING_BACKGROUND}; border-left: 4px solid {WARNING_BORDER};"
            " padding: 6px; }"
        )
        self.references = _label("references")
        for position, widget in enumerate(
            (
                self.badge,
                self.colour_meaning,
                self.heading,
                self.status,
                self.source_text,
                self.no_dose,
                self.weight,
                self.regimen,
                self.arithmetic,
                self.table,
                self.schedule,
                self.extras,
                self.warnings,
                self.references,
            ),
            start=1,
        ):
            self._layout.insertWidget(position, widget)

    def clear(self, reason: str) -> None:
        """Remove every figure and say why there is no result."""
        self._build()
        self.plan = None
        self.badge.clear_badge()
        for label in (
            self.colour_meaning,
            self.heading,
            self.status,
            self.source_text,
            self.regimen,
            self.arithmetic,
            self.no_dose,
            self.weight,
            self.schedule,
            self.extras,
            self.warnings,
            self.references,
        ):
            label.clear()
            label.setVisible(False)
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self.placeholder.setText(f"<p style='font-size: 12pt'>{escape(reason)}</p>")
        self.placeholder.setVisible(True)

    def show_plan(self, plan: DosePlan, grading_footnote: str) -> None:
        """Draw ``plan`` from its presentation model; this panel computes nothing itself."""
        from ivigdesk.dosing.presentation import plan_view

        self._build()
        view = plan_view(plan, grading_footnote)
        self.plan = plan
        self.placeholder.setVisible(False)
        self.badge.show_colour(view.colour, view.colour_word, view.priority, view.meaning)
        self._set(self.colour_meaning, escape(view.meaning))
        self.colour_meaning.setToolTip(f"Source: {view.meaning_source}")
        self._set(self.heading, f"<h2 style='margin:0'>{escape(view.indication)}</h2>{escape(view.circumstance)}")
        self.status.setToolTip(view.grading_footnote)
        for label, keys in self._groups().items():
            self._set(label, "<br>".join(self._section_html(s) for key in keys if (s := view.section(key))))
        if view.days is None:
            self.table.setVisible(False)
            self.table.setRowCount(0)
        else:
            self._fill_table(view.days)

    def _groups(self) -> dict[QLabel, tuple[str, ...]]:
        """Which label shows which sections of the presentation model, in order."""
        return {
            self.status: ("status",),
            self.source_text: ("source",),
            self.weight: ("weight",),
            self.no_dose: ("no-dose",),
            self.regimen: ("regimen",),
            self.arithmetic: ("working",),
            self.schedule: ("rounding", "schedule", "dates"),
            self.extras: ("repeat", "co-medication", "to-confirm", "notes"),
            self.warnings: ("warnings",),
            self.references: ("references",),
        }

    @staticmethod
    def _section_html(section: Section) -> str:
        from ivigdesk.dosing.presentation import line_html, lines_html

        body = lines_html(section.lines)
        if section.key == "status":  # its tooltip holds the grading footnote
            first, *rest = section.lines
            rows = [line_html(first) + " <small><u>(what grades mean)</u></small>", lines_html(rest)]
            body = "<br>".join(row for row in rows if row)
        if section.kind == "mono":
            return f"<b>{escape(section.title)}</b><br><span style='font-family: monospace'>{body}</span>"
        if section.key == "references":
            return f"<b>{escape(section.title)}</b><br>{body}"
        return body

    def _fill_table(self, days: DayTable) -> None:
        rows = [
            (
                str(row.day),
                row.dose.value,
                row.volume.value if row.volume else "–",
                (row.min_duration.value if row.min_duration else "not set")
                + (f" (at most {row.max_duration.value})" if row.max_duration else ""),
                row.max_rate.value if row.max_rate else "per SmPC",
                row.date.strftime("%a %d %b") if row.date else "–",
                (f"{row.rounded.text} ({row.vial_count} vials)" if row.vial_count else row.rounded.text)
                if row.rounded
                else "–",
            )
            for row in days.rows
        ]
        volume = days.total_volume.value if days.total_volume else "–"
        rows.append(("Total", days.total_dose.value, volume, "", "", "", ""))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setData(QtCore.Qt.ItemDataRole.TextAlignmentRole, QtCore.Qt.AlignmentFlag.AlignCenter)
                if r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())
        self.table.setVisible(True)

    @staticmethod
    def _set(label: QLabel, html: str) -> None:
        label.setText(html)
        label.setVisible(bool(html))

    def cell(self, row: int, column: int) -> str:
        """The text of a per-day table cell (for tests and the self-test)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
