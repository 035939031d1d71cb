"""Errors the calculation core raises for input it cannot use."""

from __future__ import annotations

from ivigdesk.dosing.fields import Field
from ivigdesk.quoting import clip_quotes


def one_line(text: str) -> str:
    """``text`` with control and format characters (newlines, NUL, right-to-left overrides)
    written as escapes, so quoted user text keeps a refusal on one line and reads as typed."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)


NO_DIAGNOSIS = "Choose a diagnosis to begin."


class InputError(ValueError):
    """An input cannot be used. ``field`` names the input, the message is for a pharmacist."""

    def __init__(self, field: Field, message: str, *, missing: bool = False) -> None:
        message = one_line(clip_quotes(message))  # at most 60 characters of what was typed
        super().__init__(message)
        self.field = Field(field)  # an unknown name is a fault in IVIG Desk: ValueError here
        self.message = message
        self.missing = missing  # the field is empty and needed: a prompt, not yet a mistake
