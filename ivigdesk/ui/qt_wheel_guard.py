"""No wheel edits an unfocused field: over a combo box, spin box or date box that does not have
the focus, the mouse wheel scrolls the form instead of changing the value.

One event filter for a form (``install``), on each of its boxes, and on the containers whose
boxes come and go (the source's questions, rebuilt for each diagnosis), so a new box is guarded
as it is added. Each box gets the strong focus policy (Tab and a click focus it, the wheel never
does), and a wheel event on an unfocused one goes to the scroll area round it instead. A focused
box still takes the wheel, as in every careful form; its focus ring (``ui.theme``) shows which
one that is. On the boxes only, not the whole application: a filter on the application would run
Python for every event of every widget (about 1 ms a keystroke, measured).
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)  # QSpinBox, QDoubleSpinBox, QDateEdit, QTimeEdit…
_WHEEL = QEvent.Type.Wheel
# a box made with its parent is announced while only its QObject part exists, so it is also
# guarded when first polished (the question boxes are made once, with their parent, and reused)
_CHILD_EVENTS = (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished)


class WheelGuard(QObject):
    """The filter: wheel events on unfocused boxes go to the form, not the box."""

    def protect(self, box: QWidget) -> None:
        """Guard one box (again is harmless)."""
        box.removeEventFilter(self)
        box.installEventFilter(self)
        if box.focusPolicy() != Qt.FocusPolicy.NoFocus:
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Qt's WheelFocus would focus it first

    def watch(self, container: QWidget) -> None:
        """Guard every box later added to ``container``."""
        container.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                to_the_form(watched, event)
                return True  # the box never sees it
        elif kind in _CHILD_EVENTS and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, GUARDED):
                self.protect(child)
        return False


def to_the_form(box: QWidget, event: QEvent) -> None:
    """Give the wheel to the scroll area round ``box`` (as Qt does for a real wheel event that is
    ignored; here for every one, so a synthetic event, as in the tests, behaves alike)."""
    parent = box.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        QApplication.sendEvent(parent.viewport(), event)
    event.accept()  # handled: Qt offers it to no other parent


def install(form: QWidget, *containers: QWidget) -> WheelGuard:
    """Guard every box in ``form``, and every box later added to one of ``containers``."""
    guard = WheelGuard(form)
    for widget in form.findChildren(QWidget):
        if isinstance(widget, GUARDED):
            guard.protect(widget)
    for container in containers:
        guard.watch(container)
    return guard
