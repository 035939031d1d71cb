"""GUI test fixtures: settings in a temporary folder, no blocking dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Logs go to Qt's test folders, and no dialog waits for a click."""
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(QMessageBox, "about", lambda *args: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


def open_window(qtbot):
    """Show a new main window and wait until its knowledge base has loaded (or been refused)."""
    from ivigdesk.ui.qt_main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.knowledge_ready, timeout=10_000):
        win.show()
    return win


@pytest.fixture
def window(qtbot):
    return open_window(qtbot)


def choose(window, qtbot, search: str, indication_id: str) -> None:
    """Type in the picker and pick an indication, as a user would."""
    qtbot.keyClicks(window.picker.search, search)
    assert indication_id in window.picker.visible_ids()
    window.picker.select(indication_id)
