"""Colours for the priority badge: each paired with its word, so colour is never the only signal."""

from __future__ import annotations

BADGE_COLOURS = {
    "red": ("#b71c1c", "#ffffff"),
    "blue": ("#0d47a1", "#ffffff"),
    "grey": ("#616161", "#ffffff"),
    "black": ("#000000", "#ffffff"),
}
ERROR_COLOUR = "#b00020"
WARNING_BACKGROUND = "#fff4e5"
WARNING_BORDER = "#e65100"
