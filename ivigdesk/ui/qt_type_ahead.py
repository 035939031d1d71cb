"""Typing in a closed (non-editable) combo box: the whole typed prefix chooses, not each letter.

Qt's own keyboard search jumps on every letter, so typing "Octagam 10" over "Octagam 10 %"
passed through other products. Here the letters typed in a row (within ``PAUSE`` seconds of each
other) are matched as one prefix, ignoring case, accents and repeated spaces: the entry shown is
kept while it still matches, else the first entry that starts with the prefix is chosen, and a
prefix that names nothing changes nothing. Backspace takes the last letter back; Space before any
letter still opens the list.
"""

from __future__ import annotations

import time
import unicodedata

from PySide6 import QtCore  # QtCore.Qt only once a key is pressed: its enums cost ~12 ms at start-up
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox

PAUSE = 1.5  # seconds: a longer pause starts a new name


def _now() -> float:
    return time.monotonic()


def _fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces, spaces single: 'Octagam 10 %' -> 'octagam 10'."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


class TypeAhead(QObject):
    """The event filter on one combo box (its parent, so it lives as long as the box)."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.typed = ""
        self._last = 0.0
        combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.combo or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        qt = QtCore.Qt
        if event.modifiers() & (qt.KeyboardModifier.ControlModifier | qt.KeyboardModifier.AltModifier):
            return False
        now = _now()
        if now - self._last > PAUSE:
            self.typed = ""
        key, text = event.key(), event.text()
        if key == qt.Key.Key_Backspace and self.typed:
            self.typed = self.typed[:-1]
        elif text and text.isprintable() and not (text == " " and not self.typed):
            self.typed += text
        else:
            self.typed = ""
            return False  # arrows, Space to open the list, Enter, Tab: as Qt does them
        self._last = now
        self.choose(self.typed)
        return True

    def choose(self, typed: str) -> None:
        """Keep the entry shown if it starts with ``typed``; else the first that does; else none."""
        prefix = _fold(typed)
        if not prefix:
            return
        combo = self.combo
        if _fold(combo.currentText()).startswith(prefix):
            return
        for index in range(combo.count()):
            if _fold(combo.itemText(index)).startswith(prefix):
                combo.setCurrentIndex(index)
                return


def type_ahead(combo: QComboBox) -> TypeAhead:
    """Match the whole typed prefix in ``combo``."""
    return TypeAhead(combo)
