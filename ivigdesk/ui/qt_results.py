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
    from ivigdesk.dosing.result import DosePlan

DAY_COLUMNS = ("Day", "Dose (g)", "Volume (mL)", "Min. duration (h)", "Max. rate (mL/h)", "Date", "Rounded")
UNITS = {"dose": " g", "volume": " mL", "duration": " h", "rate": " mL/h"}


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
        self._build()
        from ivigdesk.dosing import formatting as fmt
        from ivigdesk.dosing.report import (
            STATUS_WORDS,
            course_lines,
            grade_text,
            rounding_lines,
            schedule_lines,
            weight_lines,
        )

        self.plan = plan
        self.placeholder.setVisible(False)
        colour = plan.colour
        self.badge.show_colour(plan.indication.colour.value, colour.word, colour.priority, colour.meaning)
        self._set(self.colour_meaning, escape(colour.meaning))
        self.colour_meaning.setToolTip(f"Source: {colour.source}")
        self._set(
            self.heading, f"<h2 style='margin:0'>{escape(plan.indication.name)}</h2>{escape(plan.circumstance.label)}"
        )
        key = "<small><u>(what grades mean)</u></small>"
        status = f"<b>{STATUS_WORDS[plan.status.value]}</b> · {escape(grade_text(plan))} {key}"
        if plan.status_reason:
            status += f"<br>{escape(plan.status_reason)}"
        self._set(self.status, status)
        self.status.setToolTip(grading_footnote)
        circumstance = plan.circumstance
        self._set(self.source_text, f"<i>{escape(circumstance.source)}:</i> {escape(circumstance.text)}")

        weight = weight_lines(plan)
        if weight:
            decision = plan.weight_decision
            head = escape(weight[0])
            if decision is not None and decision.rule_chose_ddw:
                head = f"<b>{head}</b>"
            self._set(
                self.weight, head + "<br><small>" + "<br>".join(escape(w.strip()) for w in weight[1:]) + "</small>"
            )
        else:
            self.weight.setVisible(False)
        if not plan.has_dose:
            self.schedule.setVisible(False)
            self._set(self.no_dose, f"No dose is calculated. {escape(plan.no_dose_reason or '')}")
            self.table.setVisible(False)
            self.table.setRowCount(0)
            self.regimen.setVisible(False)
            self.arithmetic.setVisible(False)
        else:
            self.no_dose.setVisible(False)
            regimen = plan.regimen
            note = f"<br><small>{escape(regimen.note)}</small>" if regimen.note else ""
            product = f"<br><b>Product:</b> {escape(plan.product.name)}" if plan.product else ""
            actual = ""
            if plan.actual_weight_total_dose is not None:
                actual = f" — on actual weight the course would be {fmt.grams(plan.actual_weight_total_dose)}"
            self._set(
                self.regimen,
                f"<b>Regimen:</b> {escape(regimen.label)} <small>({escape(regimen.source)})"
                f"</small>{note}<br><b>Weight used:</b> {fmt.kg(plan.dosing_weight)} "
                f"({escape(plan.weight_basis.lower())}){actual}{product}",
            )
            working = "<br>".join(escape(line) for line in plan.arithmetic)
            self._set(self.arithmetic, f"<b>Working</b><br><span style='font-family: monospace'>{working}</span>")
            self._fill_table(plan)
            lines = []
            first = plan.days[0] if plan.days else None
            from ivigdesk.dosing.rounding import describe

            if first is not None and first.rounded is not None:
                lines.append(f"<b>Rounded, each day:</b> {escape(describe(first.rounded))}")
            lines += [escape(line) for line in rounding_lines(plan)]
            if first is not None and first.schedule is not None:
                sched = first.schedule
                lines.append(f"<b>Infusion schedule, each day</b> <small>({escape(sched.basis)})</small>")
                lines += [f"&nbsp;&nbsp;{escape(line)}" for line in schedule_lines(sched)]
            lines += [escape(line) for line in course_lines(plan)]
            self._set(self.schedule, "<br>".join(lines))
        extras = []
        if plan.repeat:
            review = f" {escape(plan.repeat.review)}" if plan.repeat.review else ""
            extras.append(f"<b>Repeat:</b> {escape(plan.repeat.text)}.{review}")
        for med in plan.co_medication:
            doses = "; ".join(f"{n} doses of {fmt.milligram_range(lo, hi)}" for n, lo, hi in med.per_dose)
            extras.append(
                f"<b>{escape(med.drug)}:</b> {fmt.milligram_range(med.per_day_min, med.per_day_max)} a day, "
                f"as {doses} <small>({escape(med.source)})</small>"
            )
        extras += [f"<b>To confirm:</b> {escape(q.text)}" for q in plan.unanswered]
        extras += [f"<b>Note:</b> {escape(' '.join(note.split()))}" for note in plan.notes]
        self._set(self.extras, "<br>".join(extras))
        self._set(
            self.warnings, "<br>".join(f"⚠ {escape(w.text)} <small>({escape(w.source)})</small>" for w in plan.warnings)
        )
        self._set(
            self.references,
            "<b>References</b><br>" + "<br>".join(f"[{ref.number}] {escape(ref.citation)}" for ref in plan.references)
            if plan.references
            else "",
        )

    def _fill_table(self, plan: DosePlan) -> None:
        from ivigdesk.dosing import formatting as fmt
        from ivigdesk.dosing.report import day_cells

        keys = ("day", "dose", "volume", "duration", "rate", "date", "rounded")
        rows = []
        for day in plan.days:
            cells = day_cells(day, compact=True)
            for key, unit in UNITS.items():
                cells[key] = cells[key].replace(unit, "")
            rows.append(tuple(cells[key] or "–" for key in keys))
        volumes = [day.volume for day in plan.days if day.volume is not None]
        total_volume = sum(volumes[1:], volumes[0]) if volumes else None
        rows.append(
            (
                "Total",
                fmt.grams(plan.total_dose).removesuffix(" g"),
                fmt.millilitres(total_volume).removesuffix(" mL") if total_volume is not None else "–",
                "",
                "",
                "",
                "",
            )
        )
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
