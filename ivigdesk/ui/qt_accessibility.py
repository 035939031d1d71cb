"""What a screen reader meets: names, error ties, the key result, and what is said after a pause.

Checked with Orca 43 over AT-SPI (tests/ui/test_qt_atspi.py); Windows (UI Automation) is not
checked here. Orca 43 speaks a change of the *focused* object's description and nothing sent to
another object (it has no handler for announcements), so once typing pauses (and only then, so
a keystroke is never spoken twice) the input being typed in is described by what the user needs
next: its problem, or "No result: …" and why, or "Result: …" with the key figures, said to be
valid first when it had a problem before. Elsewhere than Linux the summary also goes out as Qt's
announcement (UI Automation's notification), which screen readers there speak.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QLabel, QWidget

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import PlanView
    from ivigdesk.ui.qt_inputs import InputsPanel
    from ivigdesk.ui.qt_main_window import MainWindow

ANNOUNCE_AFTER_MS = 800  # a screen reader hears the new result once typing pauses, not on every key
FOCUS_SETTLES_MS = 300  # Orca has heard of the new focus by then
ANNOUNCE_EVENTS = sys.platform != "linux"  # Orca 43 ignores them; newer Orca would speak them twice


def key_result_name(view: PlanView) -> str:
    """The whole key result in one line, for the object Ctrl+R lands on: colour and what it
    means, dose, volume, minimum duration, fastest rate, and the patient behind them."""
    patient = f" {view.key.patient}." if view.key.patient else ""
    meaning = view.meaning.rstrip(".")
    return f"Key result. {view.key.summary} {view.colour_word} means {view.priority}: {meaning}.{patient}"


class SettledSpeech(QObject):
    """Holds the inputs' descriptions and the result's summary until typing pauses, then gives
    each object its description once (only those that changed)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        # setters, not keyword properties: under a Turkish locale PySide6 cannot find "interval"
        # (its upper-case I is dotted), and the window would not start
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ANNOUNCE_AFTER_MS)
        self.timer.timeout.connect(self.settle)
        self.base: dict[QWidget, str] = {}  # each input's description when it has no problem
        self.problem: tuple[QWidget, str] | None = None  # the input with a problem, and its message
        self.result = ""  # "Result: …" or "No result: …"
        self.last_announcement = ""
        self._had_problem: set[QWidget] = set()
        self._carrying: QWidget | None = None  # the input whose description carries the result
        self._announce_on: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def describe(self, base: dict[QWidget, str], problem: tuple[QWidget, str] | None) -> None:
        self.base, self.problem = base, problem
        self.timer.start()

    def announce(self, text: str, target: QWidget | None = None) -> None:
        self.result, self._announce_on = text, target
        self.timer.start()

    def settle(self) -> None:
        """Typing has paused: describe every input as it now is, the focused one with the result."""
        wanted = dict(self.base)
        problem_widget = self.problem[0] if self.problem else None
        if self.problem is not None:
            wanted[self.problem[0]] = f"Problem: {self.problem[1]}"
        focus = _input_of(QApplication.focusWidget(), wanted, self.parent())
        if focus is not None and focus is not problem_widget and self.result:
            was = "Valid now. " if focus in self._had_problem else ""
            wanted[_focus_target(focus)] = was + self.result
            self._carrying = _focus_target(focus)
        for widget, text in wanted.items():
            if widget.accessibleDescription() != text:
                widget.setAccessibleDescription(text)
        self._had_problem = {problem_widget} if problem_widget is not None else set()
        if self.result != self.last_announcement:
            self.last_announcement = self.result
            if ANNOUNCE_EVENTS and self._announce_on is not None:
                from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

                if QAccessible.isActive():
                    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self._announce_on, self.result))

    def _focus_moved(self, old: QWidget | None, _new: QWidget | None) -> None:
        """The result leaves the input that carried it, a moment after the focus (a screen reader
        speaks a description change only on the object it has as focused, so this is not said)."""
        if old is not None and old is self._carrying:
            self._carrying = None
            base = self.base.get(old, "")
            QTimer.singleShot(FOCUS_SETTLES_MS, old, lambda: old.setAccessibleDescription(base))


def _input_of(widget: QWidget | None, inputs: dict[QWidget, str], panel: QObject | None) -> QWidget | None:
    """The input ``widget`` belongs to (an editable combo box's line edit belongs to the box),
    or ``widget`` itself if it is in ``panel`` (a risk, a question of the source's)."""
    inside = isinstance(panel, QWidget) and widget is not None and panel.isAncestorOf(widget)
    while widget is not None:
        if widget in inputs:
            return widget
        if not isinstance(widget.parentWidget(), QComboBox):
            return widget if inside else None
        widget = widget.parentWidget()
    return None


def _focus_target(widget: QWidget) -> QWidget:
    """What holds the keyboard focus for ``widget`` (an editable combo box's line edit)."""
    if isinstance(widget, QComboBox) and widget.isEditable() and widget.lineEdit() is not None:
        line = widget.lineEdit()
        assert line is not None
        return line
    return widget


def _hidden_label(text: str, buddy: QWidget) -> QLabel:
    """A label that is never drawn, beside ``buddy`` in its parent, so a screen reader finds
    ``buddy`` labelled by it (Qt links a label to a field only among siblings)."""
    label = QLabel(text, buddy.parentWidget())
    label.setObjectName(f"{buddy.objectName()}Label")
    label.setBuddy(buddy)
    label.hide()
    return label


def prepare_key_strip(strip: QWidget) -> None:
    """Ctrl+R lands on the strip itself, named with the whole key result."""
    from PySide6.QtCore import Qt

    strip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def tie_key_texts(strip: QWidget, badge: QLabel, labels: list[QLabel]) -> None:
    """Each text of the strip labels it, so Orca does not read them out again as loose text
    after its name; the badge labels the first text (as the strip's label, Orca would say the
    colour's meaning twice). A text with an "&" (an entity in its HTML) is left untied: a
    label's "&" would become a keyboard shortcut."""
    for label, buddy in ((badge, labels[0]), *((label, strip) for label in labels)):
        tied = None if "&" in label.text() else buddy
        if label.buddy() is not tied:
            label.setBuddy(tied)  # type: ignore[arg-type]


def prepare_inputs(inputs: InputsPanel) -> None:
    """Name what was unnamed and tie labels and error lines to their fields."""
    patient, product = inputs.patient, inputs.product_rates
    product.concentration_text.setAccessibleName("Product concentration")
    for unit, text in ((patient.weight_unit, "Weight unit"), (patient.height_unit, "Height unit"),
                       (patient.age_unit, "Age unit")):  # fmt: skip
        _hidden_label(text, unit)
    holder = product.maximum_rate.parentWidget()
    group = holder.parentWidget() if holder is not None else None
    form = group.layout() if group is not None else None
    if holder is not None and isinstance(form, QFormLayout) and isinstance(label := form.labelForField(holder), QLabel):
        label.setBuddy(product.maximum_rate)
    tie_errors(inputs)


def tie_errors(inputs: InputsPanel) -> None:
    """Each error line labels its field (the source's questions are rebuilt, so done again)."""
    for name, label in inputs.errors.items():
        field = inputs.field_widget(name)
        if field is not None and label.buddy() is not field:
            label.setBuddy(field)


def prepare_window(window: MainWindow) -> None:
    """The scroll areas are no Tab stops and are named; the tree follows the screen: menus,
    picker, inputs, result, status bar. (Run once the menus are filled and the picker is set up.)"""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    for scroll, name in ((window.inputs_scroll, "Inputs"), (window.results_scroll, "Result")):
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName(name)
    for button in window.picker.search.findChildren(QToolButton):
        button.setAccessibleName("Clear the search")
    # the splitter stacks the result's column first; the tree follows the stacking, so the
    # column itself (the scroll area round the result) goes to the top of the stack
    window.results_scroll.raise_()
    window.menuBar().lower()
    window.statusBar().raise_()
