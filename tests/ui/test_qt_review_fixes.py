"""Review findings on the merged window: the result's scroll area is no unnamed Tab stop and
comes after the inputs in the accessibility tree (the tree follows the widgets' stacking), and
the help names the Settings menu as it is titled. The real tree is read over AT-SPI in
test_qt_atspi.py (slow); these are the fast checks of the same properties."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ivigdesk.ui.qt_help import help_html


def test_the_result_scroll_area_is_named_and_no_tab_stop(window):
    for scroll, name in ((window.inputs_scroll, "Inputs"), (window.results_scroll, "Result")):
        assert scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert scroll.accessibleName() == name


def test_the_result_column_is_stacked_after_the_inputs(window):
    """Qt lists a widget's children to AT-SPI in stacking order: the left column (picker and
    inputs) must come before the result's column, as on the screen."""
    stacked = [child for child in window.columns.children() if isinstance(child, QWidget) and not child.isWindow()]
    columns = [child for child in stacked if child in (window.left, window.results_scroll)]
    assert columns == [window.left, window.results_scroll]


def test_the_help_names_the_settings_menus_as_titled(window):
    titles = {sub.menu().title().replace("&", "") for sub in window.menus.settings.actions() if sub.menu()}
    assert "Dosing-weight rule" in titles
    named = re.findall(r"Settings › ([A-Za-z][\w -]*?)(?= says|[),.<])", help_html(window.kb, "devine-adjusted"))
    assert named, "the help names no Settings menu"
    assert set(named) <= titles, (named, titles)
