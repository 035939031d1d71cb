"""The form follows the keyboard: when the focus moves to an input scrolled out of sight (the
weight, after a diagnosis is picked from the keyboard), the form scrolls it into view."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from shiboken6 import isValid

MARGIN = 24  # pixels kept in view around the input, so its label and error line show too


def follow_focus(app: QApplication, area: QScrollArea) -> None:
    """Scroll ``area`` to each input inside it that takes the focus."""

    def moved(_old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(area):
            return
        inner = area.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            area.ensureWidgetVisible(new, MARGIN, MARGIN)

    app.focusChanged.connect(moved)
    area.destroyed.connect(lambda *_: _disconnect(app, moved))


def _disconnect(app: QApplication, slot: object) -> None:
    with contextlib.suppress(RuntimeError, TypeError):  # already gone with the application
        app.focusChanged.disconnect(slot)
