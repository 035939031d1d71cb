"""The main window: picker, inputs and result, recalculated on every edit, never stale.

Flow: inputs -> the request builder -> calculate() -> DosePlan -> ResultsPanel. The settings, the
theme and the knowledge base are ready before the first frame, so it is one the user can type
into; the menus, the plan's widgets, the calculation and the unit registry come just after, a step
at a time. On a wide screen the picker, the inputs and the result sit
side by side; on a narrow one (1024 px, or 200 % scaling) the picker stands above the inputs, so
the key result always has room.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
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

    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QResizeEvent, QShowEvent

    from ivigdesk.config.settings import SettingsStore
    from ivigdesk.config.site import SiteChoice
    from ivigdesk.desk import Desk
    from ivigdesk.dosing.errors import InputError
    from ivigdesk.dosing.request import Settings
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue
    from ivigdesk.ui.qt_worksheet import WorksheetExtras
    from ivigdesk.units import Quantity

WIDE = 1200  # logical pixels: from here the picker and the inputs sit side by side
DEFAULT_SIZE = (1280, 760)
FRAME = (16, 48)  # room a window manager's title bar and borders take, beyond the window itself


def _run_in_turns(owner: QWidget, steps: list[Callable[[], object]]) -> None:
    """Run each step in its own turn of the event loop, in order (none once ``owner`` is gone)."""
    if steps:
        steps[0]()
        QTimer.singleShot(0, owner, lambda: _run_in_turns(owner, steps[1:]))


def _import_calculation() -> None:
    from ivigdesk.dosing.calculate import calculate  # noqa: F401 - imported now, used on the first edit


def _build_unit_registry() -> None:
    from ivigdesk.units import Q

    Q("154", "lb").to("kg")  # builds the registry and its first conversion


class MainWindow(QMainWindow):
    """IVIG Desk's one window."""

    first_painted = Signal()
    knowledge_ready = Signal()
    ready_painted = Signal()  # the first frame painted with the inputs enabled: the user can type
    settled = Signal()  # the menus are filled and the calculation is warm (just after ready_painted)

    def __init__(self, *, user_settings: bool = True) -> None:
        """``user_settings`` off (the self-test): the defaults, and the user's settings file is
        neither read nor changed."""
        super().__init__()
        self.setWindowTitle("IVIG Desk")
        from ivigdesk.config.paths import user_settings_path
        from ivigdesk.config.settings import SettingsStore

        self.store: SettingsStore = SettingsStore(user_settings_path() if user_settings else None)
        self.desk: Desk | None = None  # the session over the configured data (None: refused)
        self.kb_error: str | None = None
        self._painted = False
        self._ready_to_paint = False
        self._started = False
        self._show_maximised = False  # set by place() on a small screen
        self.site: SiteChoice | None = None  # which data the site settings chose, once read
        self.last_save_error: str | None = None
        self.help_dialog: QWidget | None = None
        self.preview: QWidget | None = None
        self.last_error: InputError | None = None  # why there is no result (a first input still needed)

        self.picker = IndicationPicker()
        self.inputs = InputsPanel()
        self.results = ResultsPanel()
        self.results.speech = self.inputs.speech  # one pause for the inputs' problems and the result
        self.new_button = QPushButton("&New patient", objectName="newPatient")
        self.new_button.setToolTip("Clear every patient input and the result (Ctrl+N)")
        self.new_button.clicked.connect(self.new_patient)
        self.copy_button = QPushButton("C&opy plan", objectName="copyPlan")
        self.copy_button.setToolTip("Copy the whole plan as plain text (Ctrl+Shift+C)")
        self.copy_button.clicked.connect(self.copy_plan)
        self.pdf_button = QPushButton("Sa&ve worksheet…", objectName="savePdf")
        self.pdf_button.setToolTip("Save the worksheet as a PDF to check, sign and give from (Ctrl+Shift+S)")
        self.pdf_button.clicked.connect(lambda: self.save_worksheet())
        self._enable_plan_actions(False)

        self.inputs_scroll = QScrollArea(
            widgetResizable=True, frameShape=QFrame.Shape.NoFrame, objectName="inputsScroll"
        )
        self.inputs_scroll.setWidget(self.inputs)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(4, 0, 4, 0)
        middle_layout.addWidget(self.inputs_scroll, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.pdf_button):
            buttons.addWidget(button)
        middle_layout.addLayout(buttons)
        self.left = QWidget(objectName="pickerAndInputs")
        self.left_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.left)
        self.left_layout.setContentsMargins(0, 0, 0, 0)
        self.left_layout.addWidget(self.picker, 2)
        self.left_layout.addWidget(middle, 3)
        self.columns = QSplitter(objectName="columns")
        self.columns.addWidget(self.left)
        # the result scrolls as a whole only on a screen too short for it (1366 × 768 at 200 %), so
        # the window never grows past the screen and cuts off its buttons
        self.results_scroll = QScrollArea(
            widgetResizable=True, frameShape=QFrame.Shape.NoFrame, objectName="resultsScroll"
        )
        self.results_scroll.setWidget(self.results)
        self.columns.addWidget(self.results_scroll)
        self.columns.setChildrenCollapsible(False)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.columns)
        self.setCentralWidget(central)
        self._wide: bool | None = None

        self.kb_label = QLabel("Loading knowledge base…", objectName="kbStatus")
        self.statusBar().addPermanentWidget(self.kb_label)
        self._build_menu()
        self.set_inputs_enabled(False)
        self.picker.chosen.connect(self._indication_chosen)
        self.picker.picked.connect(self._go_to_first_needed)
        self.inputs.changed.connect(self.recalculate)
        self.results.grades_requested.connect(lambda: self.show_help("grades"))
        self.resize(*DEFAULT_SIZE)

    # -- placement and layout -------------------------------------------------------------------

    def place(self, saved: bytes | None = None) -> None:
        """Open where it was last closed (``saved``, from saveGeometry) if that fits the screens
        now attached; else at the default size centred on the screen, or maximised on a screen
        smaller than that (1024 × 768, or 200 % scaling), so the whole window is always on screen."""
        from PySide6.QtCore import QByteArray

        if saved and self.restoreGeometry(QByteArray(saved)):
            QTimer.singleShot(0, self._fit_on_screen)  # once shown, when the frame's size is known
            return
        available = self.screen().availableGeometry()
        if available.width() < DEFAULT_SIZE[0] + FRAME[0] or available.height() < DEFAULT_SIZE[1] + FRAME[1]:
            self._show_maximised = True  # when shown (see setVisible)
            return
        width, height = DEFAULT_SIZE
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)

    def setVisible(self, visible: bool) -> None:
        """Shown maximised when place() asked for it. showMaximized() leaves Qt's namespace alone,
        whereas windowState() and setWindowState() build all its enumerations at once (some 20 ms
        before the first frame, measured)."""
        if visible and self._show_maximised:
            self._show_maximised = False
            self.showMaximized()  # which sets the state, then comes back here to show
            return
        super().setVisible(visible)

    def _fit_on_screen(self) -> None:
        """Bring a restored window wholly onto the screen it is on, frame and all."""
        available, frame = self.screen().availableGeometry(), self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), available.width() - extra_w)
        height = min(self.height(), available.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(frame.x(), available.x()), available.right() + 1 - width - extra_w)
        y = min(max(frame.y(), available.y()), available.bottom() + 1 - height - extra_h)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._adapt_layout()

    def _adapt_layout(self) -> None:
        """Three columns when wide; the picker above the inputs when narrow. The inputs column
        is never narrower than its inputs, so nothing is clipped and nothing scrolls sideways
        (no Qt enum is touched here: this runs before the first paint)."""
        needed = self.inputs.minimumSizeHint().width() + self.inputs_scroll.verticalScrollBar().sizeHint().width() + 8
        self.inputs_scroll.setMinimumWidth(needed)
        bar = self.results_scroll.verticalScrollBar().sizeHint().width()
        self.results_scroll.setMinimumWidth(self.results.minimumSizeHint().width() + bar)  # never sideways
        wide = self.width() >= WIDE
        if wide == self._wide:
            return
        self._wide = wide
        direction = QBoxLayout.Direction
        self.left_layout.setDirection(direction.LeftToRight if wide else direction.TopToBottom)
        self.left_layout.setStretch(0, 2 if wide else 1)
        self.left_layout.setStretch(1, 3 if wide else 2)
        left = (needed * 5 // 3) if wide else needed
        self.columns.setSizes([left, max(self.width() - left, 1)])

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember where the window was (never a patient input or a unit)."""
        from ivigdesk.config.settings import GEOMETRY

        self.store.set(GEOMETRY, bytes(self.saveGeometry().toBase64()).decode("ascii"))
        super().closeEvent(event)

    # -- start-up -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the window is shown, before its first frame: read the settings, fit the
        colours to the palette and load the knowledge base, so the first frame is one the user
        can type into (or one that says why they cannot)."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted or self._ready_to_paint:
            QTimer.singleShot(0, self._frame_painted)  # once the children are painted and the frame is shown

    def _frame_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        if self._ready_to_paint:
            self._ready_to_paint = False
            self.ready_painted.emit()
            QTimer.singleShot(0, self._after_ready)

    def _start(self) -> None:
        from ivigdesk.config.settings import CONCENTRATION

        self._show_notices()
        self.apply_theme()
        if concentration := self.store.get(CONCENTRATION):  # never a weight or height unit
            self.inputs.set_concentration(concentration)
        self.load_knowledge_base()

    def _after_ready(self) -> None:
        """Once the user can type, in separate turns of the event loop so a keystroke is never
        kept waiting for more than one of them: finish the picker and build the plan's widgets,
        fill the menus, then import the calculation and build the unit registry (some 80 ms), so
        even the first keystroke's result comes at once. (After a reload of the knowledge base
        the menus are already there.)"""
        steps: list[Callable[[], object]] = []
        if not self.file_menu.actions():
            steps += [self.picker.finish_setup, self.results.finish_setup, self._fill_menus, self._guard_form]
        if self.kb is not None:
            steps += [_import_calculation, _build_unit_registry]
        steps.append(self.settled.emit)
        _run_in_turns(self, steps)

    def _guard_form(self) -> None:
        """No wheel edits an unfocused box, and the form scrolls to the input the keyboard is in."""
        from PySide6.QtWidgets import QApplication

        from ivigdesk.ui.qt_form_focus import follow_focus
        from ivigdesk.ui.qt_wheel_guard import install

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install(self.inputs, self.inputs.questions_box)  # the questions are rebuilt for each diagnosis
        follow_focus(app, self.inputs_scroll)

    def apply_theme(self) -> None:
        """Add the window's own colours to the palette in force, and mend its weak ones, readable
        in light, dark and high-contrast themes alike (see ``ui.theme``)."""
        from PySide6.QtWidgets import QApplication

        from ivigdesk.ui.theme import style_sheet

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        sheet = style_sheet(app.palette())
        if sheet != app.styleSheet():  # setting it again would re-style every widget of every window
            app.setStyleSheet(sheet)

    def load_knowledge_base(self, choice: SiteChoice | None = None) -> None:
        """Load (or reload) the knowledge base and products chosen by the site configuration
        (found afresh unless ``choice`` is given); on any failure refuse to calculate and say why."""
        from ivigdesk.desk import Desk, Unavailable

        self.desk, self.site = None, None
        try:
            opened = Desk.open(choice)
        except Exception as error:  # a fault in IVIG Desk itself: refuse, then let the crash handler log it
            self._refuse_knowledge_base(f"IVIG Desk hit an unexpected error while loading it: {error}")
            raise
        if isinstance(opened, Unavailable):
            self.site = opened.site
            self._refuse_knowledge_base(opened.reason)
            return
        self.desk, self.site, self.kb_error = opened, opened.site, None
        assert self.kb is not None and self.catalogue is not None
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
        self.inputs.blockSignals(True)  # one recalculation below, not one per restored input
        self.inputs.set_catalogue(self.catalogue)
        self._restore_product()
        self.inputs.blockSignals(False)
        self.picker.populate(self.kb)
        self.set_inputs_enabled(True)
        self.recalculate()  # "Choose a diagnosis to begin.", or the result for what is already chosen
        self.picker.focus_search()
        self._ready_to_paint = True
        self.update()  # the next frame is the first the user can type into
        self.knowledge_ready.emit()

    def _refuse_knowledge_base(self, error: str) -> None:
        """Calculate nothing, say why, and keep the inputs disabled."""
        self.desk, self.kb_error = None, error
        where = f" ({self.site.describe()})" if self.site is not None else ""
        self.kb_label.setText(f"Knowledge base INVALID{where} — not calculating")
        self.kb_label.setToolTip(error)
        self.picker.populate(None)
        self.inputs.set_indication(None)
        folders = f" (Read from {self.site.folders()}.)" if self.site is not None else ""
        self.results.clear(f"The knowledge base cannot be used, so IVIG Desk will not calculate. {error}{folders}")
        self.set_inputs_enabled(False)
        self._ready_to_paint = True
        self.update()
        self.knowledge_ready.emit()

    def _show_notices(self) -> None:
        """Tell the user, once, what was wrong with their settings (without blocking start-up)."""
        from PySide6.QtWidgets import QMessageBox

        if not self.store.notices:
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
        self.new_button.setEnabled(enabled)

    # -- the one-way flow -----------------------------------------------------------------------

    def _indication_chosen(self, indication_id: str | None) -> None:
        indication = self.kb.indication(indication_id) if self.kb and indication_id else None
        self.inputs.set_indication(indication)

    def recalculate(self) -> None:
        """Inputs → the one request builder → the calculation → the results. On any problem the
        result is cleared and the reason shown beside its input: never a stale result. With no
        diagnosis chosen (as at start-up) the calculation is not even imported."""
        from ivigdesk.desk import CHOOSE_A_DIAGNOSIS
        from ivigdesk.dosing.fields import Field

        self._enable_plan_actions(False)
        if self.desk is None:
            return
        indication_id = self.picker.current_id()
        try:
            answer = (
                self.desk.answer(replace(self.inputs.raw_inputs(), indication_id=indication_id), self.policy())
                if indication_id is not None
                else CHOOSE_A_DIAGNOSIS  # as at start-up: the form is not even read
            )
        except Exception:  # a fault in IVIG Desk itself: clear, then the crash handler logs and tells
            self.inputs.set_errors(None, None)
            self.results.clear("No result: IVIG Desk hit an unexpected error with these inputs (see the message).")
            raise
        self._show_weight_in_kg(answer.weight)
        self.last_error = answer.refusal
        if answer.refusal is not None:
            error = answer.refusal
            field = None if error.field == Field.INDICATION else error.field
            beside = self.inputs.set_errors(field, error.message, missing=error.missing)
            prefix = "No result: " if field is not None and (beside or not error.missing) else ""
            self.results.clear(prefix + error.message)
            return
        assert answer.plan is not None
        self.inputs.set_errors(None, None)
        self._remember()
        self.results.show_plan(answer.plan, self.desk.kb.meta.grading_footnote)
        self._enable_plan_actions(True)

    def _show_weight_in_kg(self, weight: Quantity | None) -> None:
        """Beside a weight in pounds, the same weight in kg (once it could be read)."""
        if weight is None:
            self.inputs.show_weight_in_kg("")
            return
        from ivigdesk.dosing import formatting as fmt

        self.inputs.show_weight_in_kg(fmt.kg(weight))

    def _go_to_first_needed(self) -> None:
        """After a diagnosis is picked from the keyboard: the first input the plan still needs
        (usually the weight), else the weight."""
        if self.last_error is not None and self.inputs.focus_field(self.last_error.field):
            return
        self.inputs.focus_weight()

    def _enable_plan_actions(self, enabled: bool) -> None:
        self.copy_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)
        for action in getattr(self, "_plan_actions", ()):
            action.setEnabled(enabled)

    def policy(self) -> Settings:
        """The pharmacy settings in force (weight rule, factor, rounding, tolerance)."""
        return self.store.policy()

    @property
    def kb(self) -> KnowledgeBase | None:
        """The knowledge base in use (None: refused, or not loaded yet)."""
        return self.desk.kb if self.desk is not None else None

    @property
    def catalogue(self) -> ProductCatalogue | None:
        """The product list in use (None: refused, or not loaded yet)."""
        return self.desk.catalogue if self.desk is not None else None

    @property
    def plan(self) -> DosePlan | None:
        return self.results.plan

    # -- actions --------------------------------------------------------------------------------

    def new_patient(self) -> None:
        """Clear every patient input, the diagnosis and the result; the product stays (it is the
        pharmacy's stock). The cursor goes to the diagnosis search."""
        self.picker.clear_choice()
        self.inputs.clear_patient()  # the same code as the launch: the form as a fresh window shows it
        self.inputs_scroll.verticalScrollBar().setValue(0)
        self.picker.list.scrollToTop()
        self.recalculate()
        self.picker.focus_search()
        self.statusBar().showMessage("New patient: every patient input was cleared.", 4000)

    def copy_plan(self) -> None:
        from ivigdesk.dosing.report import plan_to_text

        if self.results.plan is not None:
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.clipboard().setText(plan_to_text(self.results.plan))
            self.statusBar().showMessage("Plan copied to the clipboard.", 4000)

    def save_worksheet(self, path: str | Path | None = None) -> Path | None:
        """Save the plan as a PDF worksheet (asks where, unless ``path`` is given). Returns the
        path only if the file was written and checked; a failure is reported in words."""
        from pathlib import Path

        from ivigdesk.safe_files import FileProblem
        from ivigdesk.ui.qt_worksheet import write_pdf

        if self.results.plan is None:
            return None
        if path is None:
            path = self._ask_where_to_save()
            if path is None:
                return None
        try:
            target = write_pdf(self.results.plan, Path(path), self.worksheet_extras())
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
        self._remember_folder(target.parent)
        self.statusBar().showMessage(f"Worksheet saved: {target}", 6000)
        return target

    def _ask_where_to_save(self) -> Path | None:
        """The save dialog, in the folder last used (else Documents), with a name that says what
        and when; the dialog asks before replacing a file."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from ivigdesk.ui.qt_worksheet import default_file_name, default_folder

        assert self.results.plan is not None
        from ivigdesk.config.settings import SAVE_FOLDER

        start = default_folder(self.store.get(SAVE_FOLDER)) / default_file_name(self.results.plan)
        dialog = QFileDialog(self, "Save worksheet", str(start), "PDF (*.pdf)", objectName="saveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")  # added before the dialog checks for a file to replace
        dialog.selectFile(start.name)
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def _remember_folder(self, folder: Path) -> None:
        """The folder a worksheet was saved in (a folder name, never a patient's details)."""
        from ivigdesk.config.settings import SAVE_FOLDER

        self.store.set(SAVE_FOLDER, str(folder))
        self._show_notices()

    def worksheet_extras(self) -> WorksheetExtras:
        """What the worksheet prints beside the plan: who it is for, the disclaimer, the paper."""
        from ivigdesk.config.settings import PAPER
        from ivigdesk.ui.qt_worksheet import WorksheetExtras

        return WorksheetExtras(
            identity=self.inputs.identity(),
            disclaimer=self.kb.meta.disclaimer if self.kb else "",
            paper=self.store.get(PAPER),
        )

    def print_worksheet(self, preview: bool = False) -> None:
        """Print the worksheet, or first preview its pages (drawn without a printer)."""
        from ivigdesk.ui.qt_worksheet import PreviewDialog, print_now

        if self.results.plan is None:
            return
        if preview:
            self.preview = PreviewDialog(self, self.results.plan, self.worksheet_extras(), self.save_worksheet)
            self.preview.open()
        else:
            print_now(self, self.results.plan, self.worksheet_extras())

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

    def show_help(self, anchor: str | None = None) -> None:
        """The help (F1), at ``anchor`` ("grades") if given."""
        from ivigdesk.ui.qt_help import HelpDialog, help_html

        self.help_dialog = HelpDialog(self, help_html(self.kb, self.policy().weight_rule), anchor)
        self.help_dialog.open()

    def focus_result(self) -> None:
        """Put the keyboard in the result, at its first text."""
        shown = [widget for widget in self.results.text_widgets() if widget.isVisible()]
        if shown:
            shown[0].setFocus()

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Callable[[], object]
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence  # the menus are filled once the user can type

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menu(self) -> None:
        """The menu titles; their actions are added just after the first frame (a shortcut makes
        PySide6 build its Qt enumerations, some 12 ms). Each title's Alt letter is used nowhere
        else in the window."""
        bar = self.menuBar()
        self.file_menu, self.go_menu = bar.addMenu("&File"), bar.addMenu("&Go")
        self.settings_menu, self.help_menu = bar.addMenu("Se&ttings"), bar.addMenu("&Help")

    def _fill_menus(self) -> None:
        from PySide6.QtGui import QKeySequence

        plan_actions = [
            self._action("&Copy plan", "Ctrl+Shift+C", self.copy_plan),
            self._action("&Save worksheet (PDF)…", "Ctrl+Shift+S", lambda: self.save_worksheet()),
            self._action("Print pre&view…", None, lambda: self.print_worksheet(preview=True)),
            self._action("&Print worksheet…", QKeySequence.StandardKey.Print, self.print_worksheet),
        ]
        self._plan_actions = plan_actions
        self.file_menu.addAction(self._action("&New patient", QKeySequence.StandardKey.New, self.new_patient))
        self.file_menu.addSeparator()
        self.file_menu.addActions(plan_actions)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close))
        self.go_menu.addActions(
            [
                self._action("Find &diagnosis", "Ctrl+F", self.picker.focus_search),
                self._action("Go to &weight", "Ctrl+W", self.inputs.focus_weight),
                self._action("Go to the &result", "Ctrl+R", self.focus_result),
            ]
        )
        self.help_menu.addAction(self._action("IVIG Desk &help", QKeySequence.StandardKey.HelpContents, self.show_help))
        self.help_menu.addAction(self._action("&About IVIG Desk", None, self.show_about))
        self._build_settings_menu()
        self._enable_plan_actions(self.results.plan is not None)
        focus_order(*self.tab_chain())
        from ivigdesk.ui.qt_accessibility import prepare_window

        prepare_window(self)

    def tab_chain(self) -> list[QWidget]:
        """The keyboard's path, in reading order: diagnosis, its questions, the patient, the
        product, risks, dates, identity, the buttons, then the result."""
        return [*self.picker.tab_chain(), *self.inputs.tab_chain(), self.new_button, self.copy_button, self.pdf_button]

    def _build_settings_menu(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup

        from ivigdesk.config.settings import FACTOR, PAPER, ROUNDING, TOLERANCE, WEIGHT_RULE
        from ivigdesk.dosing.body_weight import WEIGHT_RULES
        from ivigdesk.dosing.rounding import POLICIES

        words = {
            WEIGHT_RULE: {k: r.name for k, r in WEIGHT_RULES.items()},
            FACTOR: {},
            ROUNDING: POLICIES,
            TOLERANCE: {t: f"{t} %" for t in TOLERANCE.choices or ()},
            PAPER: {"auto": "As the printer and locale choose (A4 or Letter)"},
        }
        for key, texts in words.items():
            sub = self.settings_menu.addMenu(key.label)
            group = QActionGroup(self)
            current = self.store.get(key)
            for option in key.choices or ():
                action = QAction(texts.get(option, option), self, checkable=True, checked=option == current)
                action.setData((key.path, option))
                if key is WEIGHT_RULE:
                    action.setToolTip(WEIGHT_RULES[option].description)
                group.addAction(action)
                sub.addAction(action)
            sub.setToolTipsVisible(True)
            group.triggered.connect(self._setting_chosen)

    def _setting_chosen(self, action: QAction) -> None:
        from ivigdesk.config.settings import KEYS

        path, value = action.data()
        self.store.set(next(key for key in KEYS if key.path == path), value)
        self._show_notices()
        self.recalculate()

    # -- settings -------------------------------------------------------------------------------

    def _restore_product(self) -> None:
        from ivigdesk.config.settings import PRODUCT

        if product_id := self.store.get(PRODUCT):
            self.inputs.set_product(product_id)

    def _remember(self) -> None:
        """Remember the product and concentration (a pharmacy's usual stock), never a unit."""
        from ivigdesk.config.settings import CONCENTRATION, PRODUCT

        product, concentration = self.inputs.remembered()
        self.store.set(PRODUCT, product)
        self.store.set(CONCENTRATION, concentration)
        self._show_notices()
