"""The main window: picker | inputs | result, recalculated on every edit, never stale.

Flow: inputs -> DoseRequest -> calculate() -> DosePlan -> ResultsPanel. The window paints
first; the knowledge base and the unit registry load right after, with the inputs disabled until
they are ready.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ivigdesk import __version__
from ivigdesk.ui.qt_inputs import InputsPanel, focus_order
from ivigdesk.ui.qt_picker import IndicationPicker
from ivigdesk.ui.qt_results import ResultsPanel

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ivigdesk.config.settings import SettingsStore
    from ivigdesk.config.site import SiteChoice
    from ivigdesk.dosing.request import Settings
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue


class MainWindow(QMainWindow):
    """IVIG Desk's one window."""

    first_painted = Signal()
    knowledge_ready = Signal()

    def __init__(self, *, user_settings: bool = True) -> None:
        """``user_settings`` off (the self-test): the defaults, and the user's settings file is
        neither read nor changed."""
        super().__init__()
        self.setWindowTitle("IVIG Desk")
        self._user_settings = user_settings
        self.store: SettingsStore | None = None
        self.kb: KnowledgeBase | None = None
        self.catalogue: ProductCatalogue | None = None
        self.kb_error: str | None = None
        self._painted = False
        self.load_after_first_paint = True
        self.site: SiteChoice | None = None
        self.last_save_error: str | None = None

        self.picker = IndicationPicker()
        self.inputs = InputsPanel()
        self.results = ResultsPanel()
        self.copy_button = QPushButton("&Copy plan", objectName="copyPlan")
        self.copy_button.setToolTip("Copy the whole plan as plain text (Ctrl+Shift+C)")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_plan)
        self.pdf_button = QPushButton("Save &worksheet (PDF)…", objectName="savePdf")
        self.pdf_button.setToolTip("Save a one-page worksheet to check and sign (Ctrl+Shift+S)")
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.save_worksheet)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.picker, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        inputs_scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        inputs_scroll.setWidget(self.inputs)
        middle_layout.addWidget(inputs_scroll, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.pdf_button)
        middle_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.results)
        splitter = QSplitter()
        for widget, stretch in ((left, 0), (middle, 0), (right, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([270, 380, 630])
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(splitter)
        self.setCentralWidget(central)

        self.kb_label = QLabel("Loading knowledge base…", objectName="kbStatus")
        self.statusBar().addPermanentWidget(self.kb_label)
        self._build_menu()
        focus_order(*self.picker.tab_chain(), *self.inputs.tab_chain(), self.copy_button, self.pdf_button)
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
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the first paint need not wait for (the inputs are disabled until it is done):
        check and read the settings, fill the Settings menu, then load the knowledge base."""
        from ivigdesk.config.paths import user_settings_path
        from ivigdesk.config.settings import CONCENTRATION, SettingsStore

        self.store = SettingsStore(user_settings_path() if self._user_settings else None)
        self._show_notices()
        if concentration := self.store.get(CONCENTRATION):  # never a weight or height unit
            self.inputs.set_concentration(concentration)
        self._fill_menus()
        self.picker.finish_setup()
        if self.load_after_first_paint:
            self.load_knowledge_base()

    def load_knowledge_base(self, choice: SiteChoice | None = None) -> None:
        """Load (or reload) the knowledge base and products chosen by the site configuration
        (found afresh unless ``choice`` is given); on any failure refuse to calculate and say why."""
        from ivigdesk.config.site import SiteConfigError, find_site_choice, load_choice
        from ivigdesk.knowledge.errors import KnowledgeBaseError

        self.site = None
        try:
            self.site = choice if choice is not None else find_site_choice()
            self.kb, self.catalogue = load_choice(self.site)
            self.kb_error = None
        except (KnowledgeBaseError, SiteConfigError) as error:
            self._refuse_knowledge_base(str(error))
            return
        except Exception as error:  # a fault in IVIG Desk itself: refuse, then let the crash handler log it
            self._refuse_knowledge_base(f"IVIG Desk hit an unexpected error while loading it: {error}")
            raise
        assert self.catalogue is not None
        local = "LOCAL " if self.site.knowledge.local else ""
        policy = " · site policy set by IT" if self.site.set_by_it else ""
        self.kb_label.setText(
            f"{local}Knowledge base {self.kb.version} · sha256 {self.kb.checksum[:12]} · "
            f"{self.kb.document.authors} {self.kb.document.year}{policy}"
        )
        ignored = "".join(f"\nIgnored (the site policy is set by IT): {path}" for path in self.site.ignored)
        self.kb_label.setToolTip(
            f"Knowledge base and products {self.site.describe()}{ignored}\n\n{self.kb.location}\n"
            f"sha256 {self.kb.checksum}\n\nProducts {self.catalogue.version}: {self.catalogue.location}\n"
            f"sha256 {self.catalogue.checksum}"
        )
        self.inputs.set_catalogue(self.catalogue)
        self._restore_product()
        self.picker.populate(self.kb)
        self.set_inputs_enabled(True)
        self.recalculate()  # "Choose a diagnosis to begin.", or the result for what is already chosen
        self.picker.focus_search()
        self.knowledge_ready.emit()

    def _refuse_knowledge_base(self, error: str) -> None:
        """Calculate nothing, say why, and keep the inputs disabled."""
        self.kb, self.catalogue, self.kb_error = None, None, error
        where = f" ({self.site.describe()})" if self.site is not None else ""
        self.kb_label.setText(f"Knowledge base INVALID{where} — not calculating")
        self.kb_label.setToolTip(error)
        self.picker.populate(None)
        self.inputs.set_indication(None)
        folders = f" (Read from {self.site.folders()}.)" if self.site is not None else ""
        self.results.clear(f"The knowledge base cannot be used, so IVIG Desk will not calculate. {error}{folders}")
        self.set_inputs_enabled(False)
        self.knowledge_ready.emit()

    def _show_notices(self) -> None:
        """Tell the user, once, what was wrong with their settings (without blocking start-up)."""
        from PySide6.QtWidgets import QMessageBox

        if self.store is None or not self.store.notices:
            return
        text = "\n\n".join(self.store.notices)
        self.store.notices.clear()
        self.statusBar().showMessage("A problem with your settings: see the message.", 15_000)
        box = QMessageBox(QMessageBox.Icon.Warning, "IVIG Desk: settings reset", text, parent=self)
        box.setObjectName("settingsNotice")
        box.open()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.picker.setEnabled(enabled)
        self.inputs.setEnabled(enabled)

    # -- the one-way flow -----------------------------------------------------------------------

    def _indication_chosen(self, indication_id: str | None) -> None:
        indication = self.kb.indication(indication_id) if self.kb and indication_id else None
        self.inputs.set_indication(indication)

    def recalculate(self) -> None:
        """Inputs → the one request builder → the calculation → the results. On any problem the
        result is cleared and the reason shown beside its input: never a stale result."""
        from ivigdesk.dosing.calculate import calculate
        from ivigdesk.dosing.errors import InputError
        from ivigdesk.dosing.raw_inputs import build_request

        self._enable_plan_actions(False)
        if self.kb is None:
            return
        raw = replace(self.inputs.raw_inputs(), indication_id=self.picker.current_id())
        try:
            plan = calculate(self.kb, build_request(raw, self.policy()), self.catalogue)
        except InputError as error:
            self.inputs.set_errors(None if error.field == "indication" else error.field, error.message)
            self.results.clear(error.message if error.field == "indication" else f"No result: {error.message}")
            return
        except Exception:  # a fault in IVIG Desk itself: clear, then the crash handler logs and tells
            self.inputs.set_errors(None, None)
            self.results.clear("No result: IVIG Desk hit an unexpected error with these inputs (see the message).")
            raise
        self.inputs.set_errors(None, None)
        self._remember()
        self.results.show_plan(plan, self.kb.meta.grading_footnote)
        self._enable_plan_actions(True)

    def _enable_plan_actions(self, enabled: bool) -> None:
        self.copy_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    def policy(self) -> Settings:
        """The pharmacy settings in force (weight rule, factor, rounding, tolerance)."""
        from ivigdesk.dosing.request import Settings

        return self.store.policy() if self.store is not None else Settings()

    @property
    def plan(self) -> DosePlan | None:
        return self.results.plan

    # -- actions --------------------------------------------------------------------------------

    def copy_plan(self) -> None:
        from ivigdesk.dosing.report import plan_to_text

        if self.results.plan is not None:
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.clipboard().setText(plan_to_text(self.results.plan))
            self.statusBar().showMessage("Plan copied to the clipboard.", 4000)

    def save_worksheet(self, path: str | Path | None = None) -> Path | None:
        """Save the plan as a one-page PDF worksheet (asks where, unless ``path`` is given).
        Returns the path only if the file was written and checked; a failure is reported in words."""
        from pathlib import Path

        from ivigdesk.safe_files import FileProblem
        from ivigdesk.ui.qt_worksheet import write_pdf

        if self.results.plan is None:
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            chosen, _ = QFileDialog.getSaveFileName(self, "Save worksheet", "ivig-worksheet.pdf", "PDF (*.pdf)")
            if not chosen:
                return None
            path = chosen
        try:
            target = write_pdf(self.results.plan, Path(path), self.kb.meta.disclaimer if self.kb else "")
        except FileProblem as problem:
            self.last_save_error = str(problem)
            self.statusBar().showMessage(f"Worksheet NOT saved: {problem}", 15_000)
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "IVIG Desk: worksheet not saved",
                f"The worksheet was not saved.\n\n{problem.path}\n{problem.reason[0].upper()}{problem.reason[1:]}."
                "\n\nAny existing file of that name was left as it was.",
                parent=self,
            )
            box.setObjectName("saveRefused")
            box.exec()
            return None
        self.last_save_error = None
        self.statusBar().showMessage(f"Worksheet saved: {target}", 6000)
        return target

    def print_worksheet(self) -> None:
        from ivigdesk.ui.qt_worksheet import print_dialog

        if self.results.plan is not None:
            print_dialog(self, self.results.plan, self.kb.meta.disclaimer if self.kb else "")

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
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About IVIG Desk", self.about_text())

    def _action(self, text: str, shortcut: QKeySequence | str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menu(self) -> None:
        """The menu titles; their actions are added after the first paint (a shortcut makes
        PySide6 build its ~100 Qt enums, some 40 ms), when the inputs are not yet enabled anyway."""
        bar = self.menuBar()
        self.file_menu, self.go_menu = bar.addMenu("&File"), bar.addMenu("&Go")
        self.settings_menu, self.help_menu = bar.addMenu("&Settings"), bar.addMenu("&Help")

    def _fill_menus(self) -> None:
        self.file_menu.addActions(
            [
                self._action("&Copy plan", "Ctrl+Shift+C", self.copy_plan),
                self._action("Save &worksheet (PDF)…", "Ctrl+Shift+S", lambda: self.save_worksheet()),
                self._action("&Print worksheet…", QKeySequence.StandardKey.Print, self.print_worksheet),
                self._action("&Quit", QKeySequence.StandardKey.Quit, self.close),
            ]
        )
        self.go_menu.addActions(
            [
                self._action("Find &diagnosis", "Ctrl+F", self.picker.focus_search),
                self._action("Go to &weight", "Ctrl+W", self.inputs.focus_weight),
            ]
        )
        self.help_menu.addAction(self._action("&About IVIG Desk", "F1", self.show_about))
        self._build_settings_menu()

    def _build_settings_menu(self) -> None:
        from PySide6.QtGui import QActionGroup

        from ivigdesk.config.settings import FACTOR, ROUNDING, TOLERANCE, WEIGHT_RULE
        from ivigdesk.dosing.body_weight import WEIGHT_RULES
        from ivigdesk.dosing.rounding import POLICIES

        assert self.store is not None
        words = {
            WEIGHT_RULE: {k: r.name for k, r in WEIGHT_RULES.items()},
            FACTOR: {},
            ROUNDING: POLICIES,
            TOLERANCE: {t: f"{t} %" for t in TOLERANCE.choices or ()},
        }
        for key, texts in words.items():
            sub = self.settings_menu.addMenu(key.label)
            group = QActionGroup(self)
            current = self.store.get(key)
            for option in key.choices or ():
                action = QAction(texts.get(option, option), self, checkable=True, checked=option == current)
                action.setData((key.path, option))
                group.addAction(action)
                sub.addAction(action)
            group.triggered.connect(self._setting_chosen)

    def _setting_chosen(self, action: QAction) -> None:
        from ivigdesk.config.settings import KEYS

        path, value = action.data()
        assert self.store is not None
        self.store.set(next(key for key in KEYS if key.path == path), value)
        self._show_notices()
        self.recalculate()

    # -- settings -------------------------------------------------------------------------------

    def _restore_product(self) -> None:
        from ivigdesk.config.settings import PRODUCT

        product_id = self.store.get(PRODUCT) if self.store is not None else ""
        index = self.inputs.product.findData(product_id) if product_id else -1
        if index > 0:
            self.inputs.product.setCurrentIndex(index)

    def _remember(self) -> None:
        """Remember the product and concentration (a pharmacy's usual stock), never a unit."""
        from ivigdesk.config.settings import CONCENTRATION, PRODUCT

        if self.store is None:
            return
        product, concentration = self.inputs.remembered()
        self.store.set(PRODUCT, product)
        self.store.set(CONCENTRATION, concentration)
        self._show_notices()
