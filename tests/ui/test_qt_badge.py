"""The colour badge says its colour in words, so the colour is never the only signal."""

from __future__ import annotations

from ivigdesk.ui.qt_badge import ColourBadge
from ivigdesk.ui.theme import BADGE_COLOURS


def test_the_badge_says_its_colour_and_meaning(qtbot):
    badge = ColourBadge()
    qtbot.addWidget(badge)
    assert badge.isHidden() and badge.text() == ""
    badge.show_colour("red", "RED", "High priority", "Treat as a priority.")
    assert not badge.isHidden() and badge.text() == "RED — High priority"
    assert badge.toolTip() == "Treat as a priority." and badge.accessibleName().startswith("Priority colour RED")
    background, foreground = BADGE_COLOURS["red"]
    assert f"background: {background}" in badge.styleSheet() and f"color: {foreground}" in badge.styleSheet()
    badge.clear_badge()
    assert badge.isHidden() and badge.toolTip() == ""


def test_a_white_badge_has_a_border_to_be_seen_by(qtbot):
    badge = ColourBadge()
    qtbot.addWidget(badge)
    badge.show_colour("unlisted", "UNLISTED", "Not in the source", "Not listed.")
    assert "border: 2px solid #000000" in badge.styleSheet()
