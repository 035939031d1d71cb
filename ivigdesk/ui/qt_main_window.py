"""The main window: picker, inputs and result, recalculated on every edit, never stale.

Flow: inputs -> the request builder -> calculate() -> DosePlan -> ResultsPanel. The settings, the
theme and the knowledge base are ready before the first frame, so it is one the user can type
into; the menus, the plan's widgets, the calculation and the unit registry come just after, a step
at a time. On a wide screen the picker, the inputs and the result sit
side by side; on a narrow one (1024 px, or 200 % scaling) the picker stands above the inputs, so
the key result always has room (``ui.qt_columns``). The menus (``ui.qt_menus``), saving and
printing the worksheet (``ui.qt_worksheet_actions``) and the window's placement and first frames
(``ui.qt_window_frame``) are rooms of their own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ivigdesk.ui.qt_columns import Columns
from ivigdesk.ui.qt_inputs import InputsPanel
from ivigdesk.ui.qt_inputs_common import focus_order
from ivigdesk.ui.qt_menus import WindowMenus
from ivigdesk.ui.qt_picker import IndicationPicker
from ivigdesk.ui.qt_results import ResultsPanel
from ivigdesk.ui.qt_window_frame import DEFAULT_SIZE, FramedWindow, run_in_turns
from ivigdesk.ui.qt_worksheet_actions import WorksheetActions

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent, QResizeEvent

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


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def _import_calculation() -> None:
    from ivigdesk.dosing.calculate import calculate  # noqa: F401 - imported now, used on the first edit


def _build_unit_registry() -> None:
    from ivigdesk.units import Q

    Q("154", "lb").to("kg")  # builds the registry and its first conversion


class MainWindow(FramedWindow):
    """IVIG Desk's one window."""

    knowledge_ready = Signal()
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
        self.site: SiteChoice | None = None  # which data the site settings chose, once read
        self.help_dialog: QWidget | None = None
        self.last_error: InputError | None = None  # why there is no result (a first input still needed)

        self.picker = IndicationPicker()
        self.inputs = InputsPanel()
        self.results = ResultsPanel()
        self.results.speech = self.inputs.speech  # one pause for the inputs' problems and the result
        self.new_button = _button("&New patient", "newPatient", "Clear every patient input and the result (Ctrl+N)")
        self.new_button.clicked.connect(self.new_patient)
        self.copy_button = _button("C&opy plan", "copyPlan", "Copy the whole plan as plain text (Ctrl+Shift+C)")
        self.copy_button.clicked.connect(self.copy_plan)
        self.pdf_button = _button(
            "Sa&ve worksheet…", "savePdf", "Save the worksheet as a PDF to check, sign and give from (Ctrl+Shift+S)"
        )
        self.pdf_button.clicked.connect(lambda: self.save_worksheet())
        buttons = [self.new_button, self.copy_button, self.pdf_button]
        self.columns = Columns(self.picker, self.inputs, self.results, buttons)
        self.inputs_scroll, self.results_scroll = self.columns.inputs_scroll, self.columns.results_scroll
        self.left = self.columns.left
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.columns)
        self.setCentralWidget(central)
        self.kb_label = QLabel("Loading knowledge base…")
        self.kb_label.setObjectName("kbStatus")
        self.statusBar().addPermanentWidget(self.kb_label)
        self.menus = WindowMenus(self)  # the titles; the actions come just after the first frame
        self.worksheet = WorksheetActions(self)
        self._enable_plan_actions(False)
        self.set_inputs_enabled(False)
        self.picker.chosen.connect(self._indication_chosen)
        self.picker.picked.connect(self._go_to_first_needed)
        self.inputs.changed.connect(self.recalculate)
        self.results.grades_requested.connect(lambda: self.show_help("grades"))
        self.resize(*DEFAULT_SIZE)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.columns.adapt(self.width())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember where the window was (never a patient input or a unit)."""
        from ivigdesk.config.settings import GEOMETRY

        self.store.set(GEOMETRY, bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        super().closeEvent(event)

    # -- start-up -------------------------------------------------------------------------------

    def _start(self) -> None:
        from ivigdesk.config.settings import CONCENTRATION
        from ivigdesk.ui.theme import apply_style_sheet

        self.show_notices()
        apply_style_sheet()  # the palette in force, mended (``ui.theme``)
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
        if not self.menus.filled():
            steps += [self.picker.finish_setup, self.results.finish_setup, self._fill_menus, self._guard_form]
        if self.kb is not None:
            steps += [_import_calculation, _build_unit_registry]
        steps.append(self.settled.emit)
        run_in_turns(self, steps)

    def _guard_form(self) -> None:
        """No wheel edits an unfocused box, and the form scrolls to the input the keyboard is in."""
        from PySide6.QtWidgets import QApplication

        from ivigdesk.ui.qt_form_focus import follow_focus
        from ivigdesk.ui.qt_wheel_guard import install

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install(self.inputs, self.inputs.diagnosis.questions_box)  # the questions are rebuilt for each diagnosis
        follow_focus(app, self.inputs_scroll)

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

    def show_notices(self) -> None:
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
        self.menus.enable_plan_actions(enabled)

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
        """Save the plan as a PDF worksheet (``ui.qt_worksheet_actions``): the path, if saved."""
        return self.worksheet.save(path)

    def worksheet_extras(self) -> WorksheetExtras:
        return self.worksheet.extras()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ivigdesk.ui.qt_help import about_text

        QMessageBox.about(self, "About IVIG Desk", about_text(self.kb))

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

    def _fill_menus(self) -> None:
        self.menus.fill()
        self._enable_plan_actions(self.results.plan is not None)
        focus_order(*self.tab_chain())
        from ivigdesk.ui.qt_accessibility import prepare_window

        prepare_window(self)

    def tab_chain(self) -> list[QWidget]:
        """The keyboard's path, in reading order: diagnosis, its questions, the patient, the
        product, risks, dates, identity, the buttons, then the result."""
        return [*self.picker.tab_chain(), *self.inputs.tab_chain(), self.new_button, self.copy_button, self.pdf_button]

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
        self.show_notices()
