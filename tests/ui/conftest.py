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


@pytest.fixture(autouse=True)
def bundled_data_loaded_once(monkeypatch):
    """The bundled knowledge base and products are read and checked once per test session (they
    never change during it; tests that alter data use their own copies, read afresh)."""
    from ivigdesk.config import site

    real = site.load_choice if not hasattr(site.load_choice, "cached") else site.load_choice.real

    def load_choice(choice):
        bundled = choice.knowledge.folder is None and choice.products.folder is None
        if not bundled or choice.knowledge.pinned_sha256 or choice.products.pinned_sha256:
            return real(choice)
        if not _BUNDLED:
            _BUNDLED.append(real(choice))
        return _BUNDLED[0]

    load_choice.cached, load_choice.real = True, real
    monkeypatch.setattr(site, "load_choice", load_choice)


_BUNDLED: list = []


def open_window(qtbot):
    """Show a new main window and wait until its knowledge base has loaded (or been refused) and
    its menus are filled."""
    from ivigdesk.ui.qt_main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.settled, timeout=10_000):
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


def obese_dm_pm(window, qtbot, start: tuple[int, int, int] | None = (2027, 1, 29)) -> None:
    """Dermatomyositis, an obese woman (110 kg, 165 cm), 5 days of Octagam 10 %, starting on
    ``start`` (None: no start date)."""
    from PySide6.QtCore import QDate

    inputs = window.inputs
    choose(window, qtbot, "myositis", "dm-pm")
    qtbot.keyClicks(inputs.patient.weight, "110")
    qtbot.keyClicks(inputs.patient.height_field, "165")
    inputs.patient.sex.setCurrentIndex(inputs.patient.sex.findData("female"))
    inputs.patient.days.setValue(5)
    inputs.product_rates.product.setCurrentIndex(inputs.product_rates.product.findData("octagam-10"))
    if start is not None:
        inputs.dates.has_start.setChecked(True)
        inputs.dates.start_date.setDate(QDate(*start))
