"""The theme's arithmetic, worked by hand from WCAG 2.1's definitions (the whole window in
each palette: test_qt_themes.py, named in the hazard log)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ivigdesk.ui.theme import apply_style_sheet, contrast, drawn, luminance, readable


def test_black_on_white_is_21_to_1(qapp):
    assert luminance(QColor("#ffffff")) == pytest.approx(1.0)
    assert luminance(QColor("#000000")) == 0
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)  # (1 + 0.05) / (0 + 0.05)


def test_half_transparent_black_is_drawn_as_mid_grey(qapp):
    shown = drawn(QColor(0, 0, 0, 128), QColor("#ffffff"))
    assert shown.redF() == pytest.approx(1 - 128 / 255, abs=0.01)
    # #777777 is the classic just-passing grey on white: 4.48:1, short of AA's 4.5
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_the_first_readable_candidate_wins(qapp):
    white = QColor("#ffffff")
    assert readable(["#777777", "#767676"], white).name() == "#767676"  # 4.54:1, the first to pass
    assert readable(["#eeeeee"], white).name() == "#000000"  # none passes: black on white


def test_the_style_sheet_is_set_once(qapp):
    app = QApplication.instance()
    original = app.styleSheet()
    try:
        apply_style_sheet()
        sheet = app.styleSheet()
        assert 'QLabel[role="error"]' in sheet
        apply_style_sheet()  # again: the same sheet, not re-set
        assert app.styleSheet() == sheet
    finally:
        app.setStyleSheet(original)
