"""GUI test fixtures: settings in a temporary folder, no blocking dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(QMessageBox, "about", lambda *args: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    yield tmp_path / "settings"


@pytest.fixture
def window(qtbot):
    from ivigdesk.ui.qt_main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.knowledge_ready, timeout=10_000):
        win.show()
    return win


def choose(window, qtbot, search: str, indication_id: str) -> None:
    """Type in the picker and pick an indication, as a user would."""
    qtbot.keyClicks(window.picker.search, search)
    assert indication_id in window.picker.visible_ids()
    window.picker.select(indication_id)
