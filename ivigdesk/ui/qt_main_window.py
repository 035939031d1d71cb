"""The main window: picker | inputs | result, recalculated on every edit, never stale.

Flow: inputs -> DoseRequest -> calculate() -> DosePlan -> ResultsPanel. The window paints
first; the knowledge base and the unit registry load right after, with the inputs disabled until
they are ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ivigdesk import __version__
from ivigdesk.ui.qt_inputs import InputsPanel, focus_order
from ivigdesk.ui.qt_picker import IndicationPicker
from ivigdesk.ui.qt_results import ResultsPanel

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.knowledge.loader import KnowledgeBase

SETTINGS_CONCENTRATION = "inputs/concentration"
SETTINGS_WEIGHT_UNIT = "inputs/weight_unit"


def app_settings() -> QSettings:
    """The per-user settings store (an INI file, so it is readable and easy to reset)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "IVIG Desk", "ivigdesk")


class MainWindow(QMainWindow):
    """IVIG Desk's one window."""

    first_painted = Signal()
    knowledge_ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("IVIG Desk")
        self.kb: KnowledgeBase | None = None
        self.kb_error: str | None = None
        self._painted = False
        self.load_after_first_paint = True

        self.picker = IndicationPicker()
        self.inputs = InputsPanel()
        self.results = ResultsPanel()
        self.copy_button = QPushButton("&Copy plan", objectName="copyPlan")
        self.copy_button.setToolTip("Copy the whole plan as plain text (Ctrl+Shift+C)")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_plan)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.picker, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(self.inputs, 1)
        middle_layout.addWidget(self.copy_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.results)
        splitter = QSplitter()
        for widget, stretch in ((left, 0), (middle, 0), (right, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([290, 330, 700])
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(splitter)
        self.setCentralWidget(central)

        self.kb_label = QLabel("Loading knowledge base…", objectName="kbStatus")
        self.statusBar().addPermanentWidget(self.kb_label)
        self._build_menu()
        focus_order(
            self.picker.search,
            self.picker.list,
            self.inputs.circumstance,
            self.inputs.regimen,
            self.inputs.weight,
            self.inputs.weight_unit,
            self.inputs.days,
            self.inputs.concentration,
            self.copy_button,
        )
        self._restore_settings()
        self.picker.chosen.connect(self._indication_chosen)
        self.inputs.changed.connect(self.recalculate)
        self.set_inputs_enabled(False)
        self.resize(1280, 720)

    # -- start-up -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            if self.load_after_first_paint:
                QTimer.singleShot(0, self.load_knowledge_base)

    def load_knowledge_base(self, folder: object = None) -> None:
        """Load (or reload) the knowledge base; on failure refuse to calculate and say why."""
        from ivigdesk.knowledge.loader import KnowledgeBaseError, load_knowledge_base

        try:
            self.kb = load_knowledge_base(folder)  # type: ignore[arg-type]
            self.kb_error = None
        except KnowledgeBaseError as error:
            self.kb, self.kb_error = None, str(error)
            self.kb_label.setText("Knowledge base INVALID — not calculating")
            self.results.clear(f"The knowledge base is invalid, so IVIG Desk will not calculate. {error}")
            self.set_inputs_enabled(False)
            self.knowledge_ready.emit()
            return
        self.kb_label.setText(
            f"Knowledge base {self.kb.version} · sha256 {self.kb.checksum[:12]} · "
            f"{self.kb.document.authors} {self.kb.document.year}"
        )
        self.kb_label.setToolTip(f"{self.kb.location}\nsha256 {self.kb.checksum}")
        self.picker.populate(self.kb)
        self.set_inputs_enabled(True)
        self.picker.search.setFocus()
        self.knowledge_ready.emit()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.picker.setEnabled(enabled)
        self.inputs.setEnabled(enabled)

    # -- the one-way flow -----------------------------------------------------------------------

    def _indication_chosen(self, indication_id: str | None) -> None:
        indication = self.kb.indication(indication_id) if self.kb and indication_id else None
        self.inputs.set_indication(indication)

    def recalculate(self) -> None:
        """Build the request from the inputs, calculate, render; on any problem clear the result."""
        from ivigdesk.dosing.calculate import calculate
        from ivigdesk.dosing.errors import InputError
        from ivigdesk.dosing.inputs import parse_concentration, parse_weight
        from ivigdesk.dosing.request import DoseRequest

        self.copy_button.setEnabled(False)
        if self.kb is None:
            return
        indication_id = self.picker.current_id()
        circumstance = self.inputs.current_circumstance()
        if indication_id is None:
            self.inputs.set_errors(None, None)
            self.results.clear("Choose a diagnosis to begin.")
            return
        if circumstance is None:
            self.inputs.set_errors(None, None)
            self.results.clear("Choose the circumstance that applies to this patient.")
            return
        unit = self.inputs.weight_unit.currentText()
        try:
            request = DoseRequest(
                indication_id=indication_id,
                circumstance_id=circumstance.id,
                weight=parse_weight(self.inputs.weight.text(), unit),
                concentration=parse_concentration(self.inputs.concentration.currentText()),
                days=self.inputs.day_count(),
                regimen_id=self.inputs.regimen_id(),
                answers=self.inputs.answers(),
            )
            plan = calculate(self.kb, request)
        except InputError as error:
            self.inputs.set_errors(error.field, error.message)
            self.results.clear(f"No result: {error.message}")
            return
        self.inputs.set_errors(None, None)
        self._remember(unit)
        self.results.show_plan(plan, self.kb.meta.grading_footnote)
        self.copy_button.setEnabled(True)

    @property
    def plan(self) -> DosePlan | None:
        return self.results.plan

    # -- actions --------------------------------------------------------------------------------

    def copy_plan(self) -> None:
        from ivigdesk.dosing.report import plan_to_text

        if self.results.plan is not None:
            QGuiApplication.clipboard().setText(plan_to_text(self.results.plan))
            self.statusBar().showMessage("Plan copied to the clipboard.", 4000)

    def about_text(self) -> str:
        kb = self.kb
        source = kb.document if kb else None
        lines = [f"<h3>IVIG Desk {__version__}</h3>"]
        if kb and source:
            lines += [
                f"<p>Knowledge base {kb.version} (sha256 {kb.checksum[:16]}…)</p>",
                f"<p>Source: {source.authors}. {source.title}. <i>{source.journal}</i> {source.year};"
                f"{source.volume}:{source.pages}. doi:{source.doi}</p>",
                f"<p>{kb.meta.disclaimer}</p>",
            ]
        else:
            lines.append("<p>The knowledge base is not loaded.</p>")
        return "".join(lines)

    def show_about(self) -> None:
        QMessageBox.about(self, "About IVIG Desk", self.about_text())

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        copy = QAction("&Copy plan", self, shortcut=QKeySequence("Ctrl+Shift+C"))
        copy.triggered.connect(self.copy_plan)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([copy, quit_action])
        find = QAction("Find &diagnosis", self, shortcut=QKeySequence("Ctrl+F"))
        find.triggered.connect(lambda: (self.picker.search.setFocus(), self.picker.search.selectAll()))
        weight = QAction("Go to &weight", self, shortcut=QKeySequence("Ctrl+W"))
        weight.triggered.connect(lambda: self.inputs.weight.setFocus())
        go_menu = self.menuBar().addMenu("&Go")
        go_menu.addActions([find, weight])
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About IVIG Desk", self, shortcut=QKeySequence("F1"))
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- settings -------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = app_settings()
        unit = settings.value(SETTINGS_WEIGHT_UNIT, "kg")
        if unit in ("kg", "lb"):
            self.inputs.weight_unit.setCurrentText(str(unit))
        concentration = settings.value(SETTINGS_CONCENTRATION, "")
        if isinstance(concentration, str) and concentration:
            self.inputs.concentration.setCurrentText(concentration)

    def _remember(self, unit: str) -> None:
        settings = app_settings()
        settings.setValue(SETTINGS_WEIGHT_UNIT, unit)
        settings.setValue(SETTINGS_CONCENTRATION, self.inputs.concentration.currentText().strip())
