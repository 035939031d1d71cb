"""The colour badge: the colour, its word and its meaning, readable in greyscale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from ivigdesk.ui.theme import BADGE_COLOURS


class ColourBadge(QLabel):
    """Shows e.g. "RED — High priority" on the colour, with the meaning as its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("colourBadge")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.clear_badge()

    def show_colour(self, colour: str, word: str, priority: str, meaning: str) -> None:
        background, foreground = BADGE_COLOURS[colour]
        self.setText(f"{word} — {priority}")
        self.setToolTip(meaning)
        self.setAccessibleName(f"Priority colour {word}: {priority}. {meaning}")
        self.setStyleSheet(
            f"QLabel#colourBadge {{ background: {background}; color: {foreground}; font-weight: bold;"
            f" border: 2px solid {foreground if colour in ('black', 'unlisted') else background};"
            " border-radius: 4px; padding: 4px 10px; }"
        )
        self.setVisible(True)

    def clear_badge(self) -> None:
        self.setText("")
        self.setToolTip("")
        self.setVisible(False)
