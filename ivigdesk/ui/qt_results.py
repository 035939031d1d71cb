"""The result: a key strip that stays put (badge, dose and volume a day, minimum duration,
fastest rate, and the patient that produced them), then the whole plan below it, which scrolls.
(On a screen too short for the strip and any of the plan, 1366 × 768 at 200 %, the window's
result column scrolls as a whole, the strip with it.)

The plan below the strip is one read-only document (a QTextBrowser): its sections and the day
table, drawn from the plan's presentation model. One document lays out in a few milliseconds,
where a label per section took some 14 ms a keystroke; it can be read, selected and copied with
the keyboard, and Tab leaves it. ``clear`` empties every figure so nothing stale remains. A
change of result is given to screen readers once typing pauses (ui.qt_accessibility).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt is touched only after the first frame (its enums cost ~12 ms)
from PySide6.QtCore import Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from ivigdesk.dosing.presentation import DayRow, DayTable, KeyResult, PlanView, Section
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.ui.qt_accessibility import SettledSpeech
    from ivigdesk.ui.theme import Colours

DAY_COLUMNS = ("Day", "Give", "Exact dose", "Vials", "Infuse over<br>at least", "Fastest rate<br>allowed")
DAY_KEYS = ("day", "give", "exact", "vials", "duration", "rate")
UNCONFIRMED_NOTE = (
    "* The fastest rate here is the one that meets the minimum duration: no product is chosen, and the "
    "product's own maximum (in its SmPC) may be lower."
)
# the plan's parts, in reading order: (name, the presentation model's sections it shows)
PARTS = (
    ("contraindication", ("contraindication",)),
    ("status", ("status",)),
    ("source", ("source",)),
    ("patient", ("patient",)),
    ("no-dose", ("no-dose",)),
    ("warnings", ("warnings",)),
    ("weight", ("weight",)),
    ("regimen", ("regimen",)),
    ("days", ()),  # the day table
    ("working", ("working",)),
    ("schedule", ("rounding", "schedule", "dates")),
    ("product", ("product",)),
    ("extras", ("repeat", "co-medication", "to-confirm", "notes")),
    ("guidance", ("guidance",)),
    ("references", ("references",)),
)


def _format(label: QLabel) -> QLabel:
    """Rich text that wraps, takes only the height it needs, and can be selected with the mouse
    or the keyboard."""
    flags = QtCore.Qt.TextInteractionFlag
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return _format(label)


class KeyStrip(QFrame):
    """The key result, pinned above the plan: what a nurse and a checker look for first."""

    def __init__(self) -> None:
        from ivigdesk.ui.qt_badge import ColourBadge

        super().__init__()
        self.setObjectName("keyResult")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.badge = ColourBadge()
        self.alert = _label("keyAlert")  # a contraindication, above everything else
        self.alert.setVisible(False)
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
        layout.addWidget(self.alert)
        layout.addWidget(self.badge)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.patient)
        self.setAccessibleName("Key result")
        from ivigdesk.ui.qt_accessibility import prepare_key_strip

        prepare_key_strip(self)

    def labels(self) -> list[QLabel]:
        return [self.alert, self.heading, *(label for pair in self.facts for label in pair), self.patient]

    def show_key(self, view: PlanView) -> None:
        key: KeyResult = view.key
        self.alert.setText(f"<b style='font-size: 13pt'>⚠ {escape(key.alert)}</b>" if key.alert else "")
        self.alert.setVisible(bool(key.alert))
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
        from ivigdesk.ui.qt_accessibility import key_result_name, tie_key_texts

        self.setAccessibleName(key_result_name(view))  # Ctrl+R lands here: it says it all
        tie_key_texts(self, self.badge, self.labels())
        self.setVisible(True)

    def clear_key(self) -> None:
        self.badge.clear_badge()
        self.setAccessibleName("Key result")
        self.setVisible(False)


class ResultsPanel(QWidget):
    """The key strip above the plan, or the reason there is no result."""

    grades_requested = Signal()  # "(what grades mean)" was followed

    def __init__(self) -> None:
        super().__init__()
        # only the placeholder exists in the first frame; the rest is built just after it, or on
        # first use (it needs PySide6's Qt enumerations, some 12 ms to build)
        self.placeholder = QLabel("Loading the knowledge base…")
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setWordWrap(True)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.addWidget(self.placeholder)
        self._outer.addStretch(1)
        self._built = False
        self.plan: DosePlan | None = None
        self.speech: SettledSpeech | None = None  # the window shares the inputs'
        self._parts: dict[str, str] = {}
        self._days: list[tuple[str, ...]] = []
        self.used_colours: Colours | None = None  # the colours the plan was last drawn with

    def finish_setup(self) -> None:
        """Build the plan's widgets now that the user can type, so the first result needs none."""
        self._build()

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        _format(self.placeholder)
        self.key = KeyStrip()
        self.document = QTextBrowser()
        self.document.setObjectName("plan")
        self.document.setOpenLinks(False)
        self.document.setTabChangesFocus(True)  # Tab leaves the plan (the grades have their own button)
        self.document.setFrameShape(QFrame.Shape.NoFrame)
        # a long web address in a source breaks where it must: the plan never scrolls sideways
        self.document.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # table borders round the laid-out width a pixel past the viewport; everything in the plan wraps
        self.document.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a scroll bar that comes and goes as a plan is replaced makes Qt lay the plan out twice, at
        # two widths: some 6 ms a keystroke for a long plan, against 2.4 ms with it always there
        self.document.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        flags = QtCore.Qt.TextInteractionFlag
        self.document.setTextInteractionFlags(  # links by mouse and touch; one Tab leaves the plan
            flags.LinksAccessibleByMouse | flags.TextSelectableByKeyboard | flags.TextSelectableByMouse
        )
        self.document.setAccessibleName("The plan")
        self.document.anchorClicked.connect(self._link)
        # the grades and colours explained: a button, so the keyboard (Tab, then Enter) and touch reach it
        self.grades_button = QPushButton("What the grades and colours mean (F1)")
        self.grades_button.setObjectName("gradesHelp")
        self.grades_button.setFlat(True)
        self.grades_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.grades_button.clicked.connect(self.grades_requested)
        self._outer.insertWidget(0, self.key)
        self._outer.insertWidget(1, self.grades_button)
        self._outer.insertWidget(2, self.document, 1000)  # all the height; the stretch below only without a plan
        if self.plan is None:
            self._hide_plan()

    # -- what the window calls ------------------------------------------------------------------

    def clear(self, reason: str) -> None:
        """Remove every figure and say why there is no result."""
        self.plan = None
        self._parts, self._days = {}, []
        if self._built:
            self._hide_plan()
        self.placeholder.setText(f"<p style='font-size: 12pt'>{escape(reason)}</p>")
        self.placeholder.setVisible(True)
        self._queue_announcement(reason if reason.startswith("No result") else f"No result: {reason}")

    def _hide_plan(self) -> None:
        self.key.clear_key()
        self.document.clear()
        self.document.setVisible(False)
        self.grades_button.setVisible(False)

    def show_plan(self, plan: DosePlan, grading_footnote: str) -> None:
        """Draw ``plan`` from its presentation model; this panel computes nothing itself."""
        from ivigdesk.dosing.presentation import plan_view
        from ivigdesk.ui.theme import colours

        self._build()
        view = plan_view(plan, grading_footnote)
        self.plan = plan
        self.placeholder.setVisible(False)
        self.key.show_key(view)
        self.used_colours = colours(self.palette())
        self._days = [_day_cells(row) for row in view.days.rows] + [_totals(view.days)] if view.days else []
        self._parts = {
            name: "<br>".join(self._section_html(s) for key in keys if (s := view.section(key)))
            for name, keys in PARTS
            if keys
        }
        if view.days is not None:
            self._parts["days"] = self._day_table(view.days)
        self.document.setToolTip(view.grading_footnote)
        scroll = self.document.verticalScrollBar().value()
        self.document.setHtml("".join(self._boxed(name, self._parts.get(name, "")) for name, _ in PARTS))
        self.document.verticalScrollBar().setValue(scroll)  # the same place, as the user typed
        self.document.setVisible(True)
        self.grades_button.setVisible(True)
        self._queue_announcement(f"Result: {view.key.summary}")

    # -- what tests and the self-test read -----------------------------------------------------

    def part(self, name: str) -> str:
        """The HTML of one part of the plan on screen ("" when it has none): "warnings", "weight"…"""
        return self._parts.get(name, "")

    def day(self, row: int) -> dict[str, str]:
        """One row of the day table by column ("give": "28 g\\n280 mL"), as shown ({} past the end)."""
        return dict(zip(DAY_KEYS, self._days[row], strict=True)) if row < len(self._days) else {}

    def day_rows(self) -> int:
        """Rows in the day table, the total included (0 when there is no dose)."""
        return len(self._days)

    def text_widgets(self) -> list[QWidget]:
        """Every text of the result, in reading order: the key strip (where Ctrl+R lands, named
        with the whole key result), its texts, then the plan's."""
        self._build()
        return [self.key, *self.key.labels(), self.grades_button, self.document, self.placeholder]

    @property
    def badge(self) -> QLabel:
        self._build()
        return self.key.badge

    # -- drawing --------------------------------------------------------------------------------

    def _boxed(self, name: str, html: str) -> str:
        """A part as a block of the document; warnings and "no dose" in their own framed box,
        in colours worked out for the palette in force (see ``ui.theme``)."""
        if not html:
            return ""
        if name not in ("warnings", "no-dose", "contraindication") or self.used_colours is None:
            return f"<p>{html}</p>"
        c = self.used_colours
        weight = " font-weight: bold;" if name in ("no-dose", "contraindication") else ""
        return (
            f"<table width='100%' cellpadding='6' cellspacing='0' style='border: 2px solid "
            f"{c.warning_border.name()}; margin: 4px 0;'><tr><td bgcolor='{c.warning_background.name()}' "
            f"style='color: {c.warning_text.name()};{weight}'>{html}</td></tr></table>"
        )

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

    def _day_table(self, days: DayTable) -> str:
        """The days as a table: what to give, the exact dose when rounding changed it, vials, the
        minimum duration and the fastest rate (per hour and per kg)."""
        shown = [c for c in range(len(DAY_KEYS)) if c != 2 or days.rounded]
        head = "".join(f"<th>{DAY_COLUMNS[c]}</th>" for c in shown)
        rows = []
        for number, cells in enumerate(self._days):
            total = number == len(self._days) - 1
            texts = [escape(cells[c]).replace("\n", "<br>") for c in shown]
            texts = [f"<b>{t}</b>" if total or shown[i] == 1 else t for i, t in enumerate(texts)]
            rows.append("<tr>" + "".join(f"<td align='center'>{t}</td>" for t in texts) + "</tr>")
        note = ""
        if any(row.rate is not None and not row.product_maximum_known for row in days.rows):  # a "*" is shown
            note = f"<br><small>{escape(UNCONFIRMED_NOTE)}</small>"
        return (
            "<table width='100%' border='1' cellspacing='0' cellpadding='4' style='border-collapse: collapse;'>"
            f"<tr>{head}</tr>{''.join(rows)}</table>{note}"
        )

    def _link(self, url: QUrl) -> None:
        if url.fragment() == "grades" or url.toString().endswith("#grades"):
            self.grades_requested.emit()

    @property
    def last_announcement(self) -> str:
        """What screen readers were last given about the result, once typing paused."""
        return self.speech.last_announcement if self.speech is not None else ""

    def _queue_announcement(self, text: str) -> None:
        """Said once typing pauses (see ui.qt_accessibility), never on every keystroke."""
        if self.speech is None:
            from ivigdesk.ui.qt_accessibility import SettledSpeech

            self.speech = SettledSpeech(self)
        self.speech.announce(text, self.key if self._built else None)


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


def _totals(days: DayTable) -> tuple[str, ...]:
    exact = days.exact_total.text + (f"\n{days.exact_total_volume.text}" if days.exact_total_volume else "")
    given = days.total.text + (f"\n{days.total_volume.text}" if days.total_volume else "")
    return ("Total", given, exact, "", "", "")
