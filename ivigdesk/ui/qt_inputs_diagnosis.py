"""The diagnosis's part of the form: its circumstance, the source's yes/no questions, and the
regimen. Rows show only when there is a choice to make (several circumstances or regimens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_inputs_common import (
    ErrorLabel,
    add_row,
    focus_order,
    form_layout,
    mark_touched,
    named,
    narrow,
    wrapping_label,
)

if TYPE_CHECKING:
    from ivigdesk.knowledge.model import Circumstance, Indication

ANSWERS = (("Not answered", None), ("Yes", True), ("No", False))


class DiagnosisInputs(TypedDict):
    """What the diagnosis's part gives the raw inputs."""

    circumstance_id: str | None
    regimen_id: str | None
    answers: dict[str, str]


class DiagnosisPart(QWidget):
    """Circumstance, questions and regimen of the indication chosen in the picker."""

    changed = Signal()  # a question was answered
    regimen_chosen = Signal(object)  # the Regimen now in force (None: none), once the rows are rebuilt

    def __init__(self) -> None:
        super().__init__()
        self._indication: Indication | None = None
        self.touched: set[Field] = set()
        self.circumstance = narrow(named(QComboBox(), "circumstance"))
        self.circumstance_text = wrapping_label("circumstanceText")
        self.questions_box = named(QWidget(), "questions")
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.questions: dict[str, QComboBox] = {}
        self._question_pool: dict[str, tuple[QLabel, QComboBox]] = {}  # see _question_widgets
        self.regimen = narrow(named(QComboBox(), "regimen"))
        self.fields: dict[Field, list[QWidget]] = {
            Field.CIRCUMSTANCE: [self.circumstance],
            Field.REGIMEN: [self.regimen],
        }
        self.errors = {name: ErrorLabel(name) for name in (Field.CIRCUMSTANCE, Field.ANSWERS, Field.REGIMEN)}
        self.descriptions: dict[QWidget, str] = {self.circumstance: "Circumstance", self.regimen: "Regimen"}
        self._form = form_layout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        add_row(self._form, "&Circumstance", self.circumstance, self.errors[Field.CIRCUMSTANCE])
        self._form.addRow(self.circumstance_text)
        self._form.addRow(self.questions_box)
        self._form.addRow(self.errors[Field.ANSWERS])
        add_row(self._form, "&Regimen", self.regimen, self.errors[Field.REGIMEN])
        mark_touched(self.fields, self.touched)
        self.circumstance.currentIndexChanged.connect(self._circumstance_changed)
        self.regimen.currentIndexChanged.connect(self._regimen_changed)

    def tab_chain(self) -> list[QWidget]:
        return [self.circumstance, *self.questions.values(), self.regimen]

    def raw(self) -> DiagnosisInputs:
        return {
            "circumstance_id": self.circumstance.currentData(),
            "regimen_id": self.regimen.currentData() if self.regimen.count() > 1 else None,
            "answers": {
                qid: "yes" if value else "no"
                for qid, combo in self.questions.items()
                if (value := combo.currentData()) is not None
            },
        }

    def field_widget(self, field: Field) -> QWidget | None:
        """The input for ``field``: the first of the source's questions for "answers"."""
        if field == Field.ANSWERS:
            return next(iter(self.questions.values()), None)
        widgets = self.fields.get(field)
        return widgets[0] if widgets else None

    def current_circumstance(self) -> Circumstance | None:
        if self._indication is None:
            return None
        circumstance_id = self.circumstance.currentData()
        return self._indication.circumstance(circumstance_id) if circumstance_id else None

    def set_indication(self, indication: Indication | None) -> None:
        """Rebuild the rows for an indication (None: nothing chosen); ends with ``regimen_chosen``."""
        self._indication = indication
        self.circumstance.blockSignals(True)
        self.circumstance.clear()
        if indication is not None:
            for circumstance in indication.circumstances:
                self.circumstance.addItem(circumstance.label, circumstance.id)
                self.circumstance.setItemData(self.circumstance.count() - 1, circumstance.label, 3)  # ToolTipRole
            # one circumstance is selected for the user; several must be chosen, never guessed
            self.circumstance.setPlaceholderText("Choose the circumstance…")
            self.circumstance.setCurrentIndex(0 if len(indication.circumstances) == 1 else -1)
        self.circumstance.blockSignals(False)
        several = indication is not None and len(indication.circumstances) > 1
        self._form.setRowVisible(self.circumstance, several)
        self.touched.discard(Field.CIRCUMSTANCE)
        self._circumstance_changed()

    def _circumstance_changed(self) -> None:
        circumstance = self.current_circumstance()
        several = self._indication is not None and len(self._indication.circumstances) > 1
        self.circumstance_text.setText(
            f"<i>{circumstance.source}:</i> {circumstance.text}" if circumstance is not None and several else ""
        )
        self._form.setRowVisible(self.circumstance_text, bool(self.circumstance_text.text()))
        self._build_questions(circumstance)
        self.regimen.blockSignals(True)
        self.regimen.clear()
        if circumstance is not None:
            for regimen in circumstance.regimens:
                suffix = " (recommended)" if regimen.recommended and len(circumstance.regimens) > 1 else ""
                self.regimen.addItem(regimen.label + suffix, regimen.id)
                if regimen.recommended:
                    self.regimen.setCurrentIndex(self.regimen.count() - 1)
        self.regimen.blockSignals(False)
        self._form.setRowVisible(self.regimen, self.regimen.count() > 1)
        self.show_if_needed()
        self._regimen_changed()

    def show_if_needed(self) -> None:
        """Shown only with a row to show (a choice, a question or an error line): hidden, it
        takes no room in the form, as an empty layout takes none (run after a row changes)."""
        rows = (self.circumstance, self.circumstance_text, self.questions_box, self.regimen, *self.errors.values())
        self.setVisible(any(row.isVisibleTo(self) for row in rows))

    def _regimen_changed(self) -> None:
        circumstance = self.current_circumstance()
        self.regimen_chosen.emit(circumstance.regimen(self.regimen.currentData()) if circumstance else None)

    def _build_questions(self, circumstance: Circumstance | None) -> None:
        """The source's yes/no questions, each as its text above its answer."""
        while (item := self.questions_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
        self.questions = {}
        for question in circumstance.questions if circumstance else ():
            label, combo = self._question_widgets(question.id)
            combo.blockSignals(True)
            combo.setCurrentIndex(0)  # "Not answered", as for a new question
            combo.blockSignals(False)
            combo.setAccessibleName(question.text)
            combo.setToolTip(f"Asked by the source ({question.source})")
            label.setText(question.text + "?")
            self.questions_layout.addWidget(label)
            self.questions_layout.addWidget(combo)
            label.show()
            combo.show()
            self.questions[question.id] = combo
        self._form.setRowVisible(self.questions_box, bool(self.questions))
        focus_order(self.circumstance, *self.questions.values(), self.regimen)  # in reading order

    def _question_widgets(self, question_id: str) -> tuple[QLabel, QComboBox]:
        """The label and answer box of a question, made once per question id and kept: PySide6
        6.11 keeps a reference to None for every item model that is destroyed after holding rows,
        so a new combo box for each diagnosis made None's reference count rise with every edit."""
        if question_id not in self._question_pool:
            combo = narrow(named(QComboBox(self.questions_box), f"question-{question_id}"))
            for text, value in ANSWERS:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda *_: self.touched.add(Field.ANSWERS))
            combo.currentIndexChanged.connect(self.changed)
            label = wrapping_label(parent=self.questions_box)
            label.setBuddy(combo)
            self._question_pool[question_id] = (label, combo)
        return self._question_pool[question_id]
