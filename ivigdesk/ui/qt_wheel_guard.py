"""No wheel edits an unfocused field: over a combo box, spin box or date box that does not have
the focus, the mouse wheel scrolls the form instead of changing the value.

One application-wide event filter, installed once (``install``). It gives every such box the
strong focus policy (Tab and a click focus it, the wheel never does), and turns a wheel event on
an unfocused one into an event for the scroll area round it.
A focused box still takes the wheel, as in every careful form; its focus ring (``ui.theme``)
shows which one that is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)  # QSpinBox, QDoubleSpinBox, QDateEdit, QTimeEdit…
_WHEEL, _POLISH = QEvent.Type.Wheel, QEvent.Type.Polish


class WheelGuard(QObject):
    """The filter: wheel events on unfocused boxes go to the form, not the box."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                to_the_form(watched, event)
                return True  # the box never sees it
        elif kind == _POLISH and isinstance(watched, GUARDED):
            guard_focus(watched)
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


def guard_focus(widget: QWidget) -> None:
    """Tab and click focus a box; the wheel never does (Qt's WheelFocus would focus it first)."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_installed: list[WheelGuard] = []


def install(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` (once; later calls return the same guard), and give the
    boxes that already exist the strong focus policy."""
    if not _installed:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        _installed.append(guard)
    for widget in app.allWidgets():
        if isinstance(widget, GUARDED):
            guard_focus(widget)
    return _installed[0]
